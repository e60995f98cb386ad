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
		out.Selected[it.Obj] = true
		// A live backend protocol counts like an annotation already there.
		liveProtocol, exists, known := "", false, false
		if opts.Live != nil {
			liveProtocol, exists, known = opts.Live.BackendProtocol(it.Obj.GetNamespace(), it.Obj.GetName())
		}
		if p := it.Obj.GetAnnotation(cce.PoolProtocol); p != "" && p != cce.HTTPS || exists && liveProtocol != cce.HTTPS {
			out.Conflicts[it.Obj] = true
			continue
		}
		if opts.ValidateOnly {
			continue
		}
		nullToMapping(it.Node)
		for _, kv := range [][2]string{
			{cce.PoolProtocol, cce.HTTPS},
			{cce.Port, strconv.Itoa(opts.Port)},
			{cce.CiphersPolicy, opts.CiphersPolicy},
		} {
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

// Selects reports whether the transformer acts on an item.
func Selects(it *krmio.Item, sel labels.Selector) bool {
	if it.Obj == nil || !cce.IsIngress(it.Obj.GetAPIVersion(), it.Obj.GetKind()) || it.Obj.IsLocalConfig() || !annotatable(it.Node) {
		return false
	}
	return sel.Matches(labels.Set(it.Obj.GetLabels()))
}

// annotatable reports whether metadata and metadata.annotations are mappings
// or absent: annotations cannot be set on anything else, and the validator's
// ingress-schema rule reports the wrong type.
func annotatable(n *yaml.Node) bool {
	meta := value(n, "metadata")
	if meta == nil || meta.ShortTag() == "!!null" {
		return true
	}
	if meta.Kind != yaml.MappingNode {
		return false
	}
	ann := value(meta, "annotations")
	return ann == nil || ann.ShortTag() == "!!null" || ann.Kind == yaml.MappingNode
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
// nil when the value was already right.
func set(it *krmio.Item, key, value string) *fn.Result {
	field := &fn.Field{Path: "metadata.annotations[" + key + "]", ProposedValue: value}
	current, had := it.Obj.GetAnnotations()[key]
	if had && current == value {
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
	if had {
		field.CurrentValue = current
		r.Message += " (was " + strconv.Quote(current) + ")"
	}
	return r
}
