package config

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/cce-ingress-https/cce-ingress-https/internal/yamlnode"
)

// fromNode reads a functionConfig: the typed IngressHTTPSBackend or a ConfigMap.
func fromNode(n *yaml.Node) (Settings, []Problem) {
	r := &reader{}
	if n == nil {
		r.bad("", "no configuration: give a functionConfig (an %s (%s) or a ConfigMap with data.selector), or %s LABELS or --config FILE", Kind, APIVersion, FlagSelector)
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

func (r *reader) typed(n *yaml.Node) Settings {
	r.unknown(n, "", typedFields)
	s := Settings{
		SelectorField:  "selector",
		SelectAll:      r.typedValue(n, "selectAll", "!!bool"),
		Port:           r.typedValue(n, "port", "!!int"),
		CiphersPolicy:  r.value(n, "ciphersPolicy", "ciphersPolicy"),
		ClusterVersion: r.value(n, "clusterVersion", "clusterVersion"),
		ValidateOnly:   r.typedValue(n, "validateOnly", "!!bool"),
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

// typedValue reads a setting of the typed form that must have the YAML
// type tag: port: "443" is a string, not the number the schema says.
func (r *reader) typedValue(m *yaml.Node, key, tag string) Value {
	v := r.value(m, key, key)
	if n := get(m, key); v.Field != "" && n.ShortTag() != tag {
		want := map[string]string{"!!int": "a whole number (port: 443)", "!!bool": "true or false, unquoted"}[tag]
		r.bad(key, "%s must be %s, found %s", key, want, describeTyped(n))
		return Value{}
	}
	return v
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
	r.unknown(n, "selector.", selectorFields)
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
			if e.Kind == yaml.AliasNode {
				e = e.Alias
			}
			if e.Kind != yaml.MappingNode {
				r.bad(f, "%s must be a mapping with key, operator and values", f)
				continue
			}
			r.unknown(e, f+".", requirementFields)
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

func (r *reader) configMap(n *yaml.Node) Settings {
	r.unknown(n, "", configMapFields)
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
	s := Settings{SelectAll: val("selectAll"), Port: val("port"), CiphersPolicy: val("ciphersPolicy"),
		ClusterVersion: val("clusterVersion"), ValidateOnly: val("validateOnly"), LiveState: val("liveState")}
	if v := val("selector"); v.Field != "" {
		s.Selector = &Selector{Field: v.Field, Text: &v.Text}
	}
	if v := val("rules"); v.Field != "" {
		rules, probs := parseRules(v.Text, v.Field)
		s.Rules, r.probs = rules, append(r.probs, probs...)
	}
	s.SelectorField = "data.selector"
	return s
}

// reader collects problems while reading nodes.
type reader struct{ probs []Problem }

func (r *reader) bad(field, format string, args ...any) {
	r.probs = append(r.probs, Problem{Severity: fn.Error, Field: field, Message: fmt.Sprintf(format, args...)})
}

// unknown reports keys that are not in known: a typo such as matchLabel or
// validateonly would otherwise drop a setting silently. Names are
// case-sensitive, as in every Kubernetes resource.
func (r *reader) unknown(m *yaml.Node, prefix string, known []string) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i].Value
		if slices.Contains(known, k) {
			continue
		}
		msg := fmt.Sprintf("unknown field %s%s", prefix, k)
		switch s := Suggest(k, known); {
		case s != "" && strings.EqualFold(s, k):
			msg += "; did you mean " + prefix + s + "? (field names are case-sensitive)"
		case s != "":
			msg += "; did you mean " + prefix + s + "?"
		default:
			msg += ": use one of " + strings.Join(known, ", ")
		}
		r.bad(prefix+k, "%s", msg)
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

// get is yamlnode.Get seeing through an alias: the configuration is read
// as YAML means it (the reader has bounded what aliases expand to).
func get(m *yaml.Node, key string) *yaml.Node {
	v := yamlnode.Get(m, key)
	if v != nil && v.Kind == yaml.AliasNode {
		return v.Alias
	}
	return v
}

func isNull(n *yaml.Node) bool { return yamlnode.IsNull(n) }

// describeTyped names a scalar's type as well as its value.
func describeTyped(n *yaml.Node) string {
	switch n.ShortTag() {
	case "!!str":
		return fmt.Sprintf("the string %q", n.Value)
	case "!!int", "!!float":
		return fmt.Sprintf("the number %s", n.Value)
	case "!!bool":
		return fmt.Sprintf("the boolean %s", n.Value)
	}
	return describe(n)
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	return fmt.Sprintf("%q", n.Value)
}

// Suggest returns the known name closest to k when k is a likely typo of
// it (case aside, at most two edits away), or "".
func Suggest(k string, known []string) string {
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
