package config

import (
	"fmt"
	"strings"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"sigs.k8s.io/kustomize/kyaml/yaml"
)

// FromNode reads a functionConfig: the typed IngressHTTPSBackend or a ConfigMap.
func FromNode(n *yaml.Node) (Settings, []Problem) {
	r := &reader{}
	if n == nil {
		r.bad("", "no functionConfig: give an %s (%s) or a ConfigMap with data.selector", Kind, APIVersion)
		return Settings{}, r.probs
	}
	if n.Kind != yaml.MappingNode {
		r.bad("", "functionConfig must be a mapping, found %s", describe(n))
		return Settings{}, r.probs
	}
	apiVersion, kind := r.str(n, "apiVersion"), r.str(n, "kind")
	switch {
	case kind == Kind && apiVersion == APIVersion:
		return r.typed(n), r.probs
	case kind == "ConfigMap" && (apiVersion == "v1" || apiVersion == ""):
		return r.configMap(n), r.probs
	}
	r.bad("kind", "functionConfig is %s %s: use %s %s or a v1 ConfigMap", apiVersion, kind, APIVersion, Kind)
	return Settings{}, r.probs
}

var typedFields = []string{"apiVersion", "kind", "metadata", "selector", "port", "ciphersPolicy", "clusterVersion", "validateOnly", "liveState", "rules"}

func (r *reader) typed(n *yaml.Node) Settings {
	r.unknown(n, "", typedFields)
	s := Settings{
		Port:           r.value(n, "port", "port"),
		CiphersPolicy:  r.value(n, "ciphersPolicy", "ciphersPolicy"),
		ClusterVersion: r.value(n, "clusterVersion", "clusterVersion"),
		ValidateOnly:   r.value(n, "validateOnly", "validateOnly"),
		LiveState:      r.value(n, "liveState", "liveState"),
	}
	if sel := get(n, "selector"); sel != nil && !isNull(sel) {
		s.Selector = r.selector(sel)
	}
	if rules := get(n, "rules"); rules != nil && !isNull(rules) {
		if rules.Kind != yaml.MappingNode {
			r.bad("rules", "rules must be a mapping of rule id to severity, found %s", describe(rules))
		} else {
			for i := 0; i+1 < len(rules.Content); i += 2 {
				id := rules.Content[i].Value
				v := r.scalar(rules.Content[i+1], "rules."+id)
				s.Rules = append(s.Rules, RuleSetting{Field: "rules." + id, ID: id, Severity: v})
			}
		}
	}
	return s
}

func (r *reader) selector(n *yaml.Node) *Selector {
	sel := &Selector{Field: "selector"}
	if n.Kind == yaml.ScalarNode {
		text := n.Value
		sel.Text = &text
		return sel
	}
	if n.Kind != yaml.MappingNode {
		r.bad("selector", "selector must be a mapping (matchLabels, matchExpressions) or a string, found %s", describe(n))
		return nil
	}
	r.unknown(n, "selector.", []string{"matchLabels", "matchExpressions"})
	sel.MatchLabels = map[string]string{}
	if ml := get(n, "matchLabels"); ml != nil && !isNull(ml) {
		if ml.Kind != yaml.MappingNode {
			r.bad("selector.matchLabels", "selector.matchLabels must be a mapping, found %s", describe(ml))
		} else {
			for i := 0; i+1 < len(ml.Content); i += 2 {
				k := ml.Content[i].Value
				sel.MatchLabels[k] = r.scalar(ml.Content[i+1], "selector.matchLabels."+k)
			}
		}
	}
	if me := get(n, "matchExpressions"); me != nil && !isNull(me) {
		if me.Kind != yaml.SequenceNode {
			r.bad("selector.matchExpressions", "selector.matchExpressions must be a list, found %s", describe(me))
			return sel
		}
		for i, e := range me.Content {
			f := fmt.Sprintf("selector.matchExpressions[%d]", i)
			if e.Kind != yaml.MappingNode {
				r.bad(f, "%s must be a mapping with key, operator and values", f)
				continue
			}
			r.unknown(e, f+".", []string{"key", "operator", "values"})
			x := Expression{Field: f, Key: r.scalar(get(e, "key"), f+".key"), Operator: r.scalar(get(e, "operator"), f+".operator")}
			if vs := get(e, "values"); vs != nil && !isNull(vs) {
				if vs.Kind != yaml.SequenceNode {
					r.bad(f+".values", "%s.values must be a list of strings", f)
				} else {
					for j, v := range vs.Content {
						x.Values = append(x.Values, r.scalar(v, fmt.Sprintf("%s.values[%d]", f, j)))
					}
				}
			}
			sel.Expressions = append(sel.Expressions, x)
		}
	}
	return sel
}

var configMapKeys = []string{"selector", "port", "ciphersPolicy", "clusterVersion", "validateOnly", "liveState", "rules"}

func (r *reader) configMap(n *yaml.Node) Settings {
	data := get(n, "data")
	if data == nil || isNull(data) {
		data = &yaml.Node{Kind: yaml.MappingNode}
	}
	if data.Kind != yaml.MappingNode {
		r.bad("data", "data must be a mapping, found %s", describe(data))
		return Settings{}
	}
	r.unknown(data, "data.", configMapKeys)
	val := func(key string) Value { return r.value(data, key, "data."+key) }
	s := Settings{Port: val("port"), CiphersPolicy: val("ciphersPolicy"), ClusterVersion: val("clusterVersion"), ValidateOnly: val("validateOnly"), LiveState: val("liveState")}
	if v := val("selector"); v.Field != "" {
		s.Selector = &Selector{Field: v.Field, Text: &v.Text}
	}
	if v := val("rules"); v.Field != "" && strings.TrimSpace(v.Text) != "" {
		for _, pair := range strings.Split(v.Text, ",") {
			id, sev, ok := strings.Cut(strings.TrimSpace(pair), "=")
			if !ok {
				r.bad("data.rules", "data.rules entry %q is not id=severity", pair)
				continue
			}
			s.Rules = append(s.Rules, RuleSetting{Field: "data.rules", ID: strings.TrimSpace(id), Severity: strings.TrimSpace(sev)})
		}
	}
	return s
}

// reader collects problems while reading nodes.
type reader struct{ probs []Problem }

func (r *reader) bad(field, format string, args ...any) {
	r.probs = append(r.probs, Problem{Severity: fn.Error, Field: field, Message: fmt.Sprintf(format, args...)})
}

// unknown warns about keys that are not in known: typos like cipherPolicy.
func (r *reader) unknown(m *yaml.Node, prefix string, known []string) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i].Value
		ok := false
		for _, kk := range known {
			ok = ok || k == kk
		}
		if !ok {
			msg := fmt.Sprintf("unknown field %s%s is ignored", prefix, k)
			if s := suggest(k, known); s != "" {
				msg += "; did you mean " + prefix + s + "?"
			}
			r.probs = append(r.probs, Problem{Severity: fn.Warning, Field: prefix + k, Message: msg})
		}
	}
}

// value reads a single-valued setting; a value of the wrong type is reported
// here once and the setting is left unset, so Build does not report it again.
func (r *reader) value(m *yaml.Node, key, field string) Value {
	n := get(m, key)
	if n == nil || isNull(n) {
		return Value{}
	}
	before := len(r.probs)
	text := r.scalar(n, field)
	if len(r.probs) > before {
		return Value{}
	}
	return Value{Field: field, Text: text}
}

func (r *reader) str(m *yaml.Node, key string) string {
	n := get(m, key)
	if n == nil || n.Kind != yaml.ScalarNode {
		return ""
	}
	return n.Value
}

func (r *reader) scalar(n *yaml.Node, field string) string {
	if n == nil || isNull(n) {
		return ""
	}
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n.Kind != yaml.ScalarNode {
		r.bad(field, "%s must be a single value, found %s", field, describe(n))
		return ""
	}
	return n.Value
}

func get(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			if v := m.Content[i+1]; v.Kind == yaml.AliasNode {
				return v.Alias
			}
			return m.Content[i+1]
		}
	}
	return nil
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" }

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	return fmt.Sprintf("%q", n.Value)
}

// suggest returns the known key closest to k when it is a likely typo.
func suggest(k string, known []string) string {
	best, bestD := "", 3
	for _, c := range known {
		if d := distance(strings.ToLower(k), strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// distance is the Levenshtein edit distance.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
