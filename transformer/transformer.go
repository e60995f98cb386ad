package transformer

import (
	"strconv"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"k8s.io/apimachinery/pkg/labels"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
	"github.com/cce-ingress-https/cce-ingress-https/krmio"
)

// Options say which Ingresses to change and what to write.
type Options struct {
	Selector      labels.Selector
	Port          int
	CiphersPolicy string
	ValidateOnly  bool
	Live          Live // what runs in the cluster; nil: nothing known
}

// Live is the cluster's view the transformer needs (package live has it).
type Live interface {
	// BackendProtocol is the live backend protocol of namespace/name
	// ("http" when unset), whether it exists live, and whether that is
	// known (false without a live dump, unless the item was exported).
	BackendProtocol(namespace, name string) (protocol string, exists, known bool)
}

// UnknownLiveNote ends the pool-protocol change info when the cluster's
// state is unknown.
const UnknownLiveNote = "; CCE refuses this change if the Ingress already exists with another backend protocol: " +
	"check with --live FILE (kubectl get ingress,service,secret -A -o yaml)"

// Outcome is what the validator needs to know about the selection, plus one
// info result per annotation changed.
type Outcome struct {
	Selected  map[*fn.KubeObject]bool
	Conflicts map[*fn.KubeObject]bool
	Results   fn.Results
}

// Apply selects and changes Ingresses in place, marking changed items.
func Apply(items []*krmio.Item, opts Options) Outcome {
	out := Outcome{Selected: map[*fn.KubeObject]bool{}, Conflicts: map[*fn.KubeObject]bool{}}
	for _, it := range items {
		if !Selects(it, opts.Selector) {
			continue
		}
		out.Selected[it.Object()] = true
		// A live backend protocol counts like an annotation already there.
		liveProtocol, exists, known := "", false, false
		if opts.Live != nil {
			liveProtocol, exists, known = opts.Live.BackendProtocol(it.Namespace(), it.Name())
		}
		if p := it.Annotation(cce.PoolProtocol); p != "" && p != cce.HTTPS || exists && liveProtocol != cce.HTTPS {
			out.Conflicts[it.Object()] = true
			continue
		}
		if opts.ValidateOnly || !annotatable(it.Node) {
			continue // the validator reports annotations of the wrong type
		}
		nullToMapping(it.Node)
		for _, kv := range cce.Written(opts.Port, opts.CiphersPolicy) {
			if r := set(it, kv[0], kv[1]); r != nil {
				if kv[0] == cce.PoolProtocol && !known && r.Severity == fn.Info {
					r.Message += UnknownLiveNote
				}
				out.Results = append(out.Results, r)
			}
		}
	}
	return out
}

// Selects reports whether the selector matches an Ingress. An Ingress whose
// metadata is not a mapping has no labels to match (the validator reports
// it on every Ingress); one whose annotations are not a mapping is selected
// but cannot be written, so the validator reports it as an error.
func Selects(it *krmio.Item, sel labels.Selector) bool {
	if !it.HasObject() || !cce.IsIngress(it.APIVersion(), it.Kind()) || it.IsLocalConfig() || !isMapping(value(it.Node, "metadata")) {
		return false
	}
	return sel.Matches(labels.Set(it.Object().GetLabels()))
}

// annotatable reports whether metadata.annotations is a mapping or absent:
// annotations cannot be set on anything else.
func annotatable(n *yaml.Node) bool {
	meta := value(n, "metadata")
	return meta == nil || meta.ShortTag() == "!!null" || isMapping(value(meta, "annotations"))
}

// isMapping reports whether n is absent, null or a mapping.
func isMapping(n *yaml.Node) bool {
	return n == nil || n.ShortTag() == "!!null" || n.Kind == yaml.MappingNode
}

// nullToMapping turns a null metadata or metadata.annotations into an empty
// mapping (same meaning), because the SDK cannot set a field under a null.
func nullToMapping(n *yaml.Node) {
	for _, key := range []string{"metadata", "annotations"} {
		v := value(n, key)
		if v == nil {
			return
		}
		if v.Kind == yaml.ScalarNode && v.ShortTag() == "!!null" {
			*v = yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Style: v.Style &^ yaml.TaggedStyle, HeadComment: v.HeadComment, LineComment: v.LineComment, FootComment: v.FootComment}
		}
		n = v
	}
}

func value(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// set writes one annotation and returns the result describing the change, or
// nil when the value was already right. The function owns the annotations
// it writes: an old value that is not a string (elb.port: 443 as a YAML
// number, as an unquoted Helm value renders) is rewritten as the string.
func set(it *krmio.Item, key, value string) *fn.Result {
	field := &fn.Field{Path: "metadata.annotations[" + key + "]", ProposedValue: value}
	old := annotation(it.Node, key)
	current, had := "", old != nil
	if had {
		current = old.Value
	}
	typed := had && old.Kind == yaml.ScalarNode && old.ShortTag() != "!!str"
	if had && current == value && !typed {
		return nil
	}
	r := &fn.Result{Severity: fn.Info, ResourceRef: it.Ref(), File: it.File(), Field: field,
		Tags: map[string]string{"rule": "https-annotations"}}
	if err := it.SetAnnotation(key, value); err != nil {
		r.Severity = fn.Error
		r.Message = "cannot set " + key + ": " + err.Error()
		return r
	}
	r.Message = "set " + key + " to " + strconv.Quote(value)
	switch {
	case typed:
		field.CurrentValue = current
		r.Message += " (was " + describeScalar(old) + ", not a string, which the API server rejects for an annotation)"
	case had:
		field.CurrentValue = current
		r.Message += " (was " + strconv.Quote(current) + ")"
	}
	return r
}

// annotation returns the value node of an annotation, nil when unset.
func annotation(n *yaml.Node, key string) *yaml.Node {
	meta := value(n, "metadata")
	if meta == nil || meta.Kind != yaml.MappingNode {
		return nil
	}
	anns := value(meta, "annotations")
	if anns == nil || anns.Kind != yaml.MappingNode {
		return nil
	}
	return value(anns, key)
}

func describeScalar(n *yaml.Node) string {
	switch n.ShortTag() {
	case "!!int", "!!float":
		return "the number " + n.Value
	case "!!bool":
		return "the boolean " + n.Value
	case "!!null":
		return "null"
	}
	return n.ShortTag() + " " + strconv.Quote(n.Value)
}
