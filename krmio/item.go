package krmio

import (
	"strconv"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"sigs.k8s.io/kustomize/kyaml/kio/kioutil"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/cce-ingress-https/cce-ingress-https/internal/yamlnode"
)

// Item is one resource of the list.
type Item struct {
	// Node is the item's YAML node: a mapping for any well-formed resource.
	Node *yaml.Node
	// Obj is the SDK's view of the same node, nil when Node is not a mapping
	// or Problem is set.
	Obj *fn.KubeObject
	// Problem says why an item that is a mapping has no Obj, e.g. "uses a
	// YAML alias at metadata.labels": the SDK's accessors panic on aliases.
	Problem string

	raw    []byte   // the item's original text; nil when it must be encoded
	source *fn.File // the file and document index it was read from (file mode)
	lines  int      // lines of the input before the text the node's positions count from; -1 unknown
	indent int      // column of the item's "- " in a list, -1 for a stream document
	edits  []edit   // annotations set through SetAnnotation, in order
	dups   []string // paths of keys given twice, found when read
	parent *Item    // the List item this one is inside, nil at the top
	digest any      // what ReadOptions.Digest returned, for a partial item

	afterMeta int // line of the top-level key after metadata in the full tree (partial items)

	changed  bool // Node was modified: the item is patched or re-encoded on output
	partial  bool // Node holds only apiVersion, kind and metadata (ReadOptions.Digest)
	reencode bool // the text cannot take a patch: encode
}

func newItem(node *yaml.Node, raw []byte, indent int) *Item {
	it := &Item{Node: node, raw: raw, indent: indent, dups: duplicatePaths(node), lines: -1}
	if node != nil && node.Kind == yaml.AliasNode {
		it.Problem = "is a YAML alias of another part of the input: write the resource out in full"
	}
	if node != nil && node.Kind == yaml.MappingNode {
		if f := mergeOnSDKPath(node); f != "" {
			it.Problem = "uses a YAML merge key (<<) at " + f + ": write the fields out in full (merge keys are not supported at the top level or in metadata)"
		} else if f := aliasOnSDKPath(node); f != "" {
			it.Problem = "uses a YAML alias at " + f + ": write the value out in full (aliases are not supported in apiVersion, kind or metadata)"
		} else {
			it.Obj = fn.MoveToKubeObject(yaml.NewRNode(node))
		}
	}
	return it
}

// wide reports whether the item's original sequence indentation style was
// "wide", so a re-encoded item keeps it. Only changed items ask, so the
// scan of the text is not paid for the others.
func (it *Item) wide() bool {
	return it.raw != nil && yaml.DeriveSeqIndentStyle(string(it.raw)) == string(yaml.WideSequenceStyle)
}

// Digest returns what ReadOptions.Digest returned for the item, nil when the
// item was read in full (its Node has everything).
func (it *Item) Digest() any { return it.digest }

// DuplicateKeys returns the path of every mapping key the item gives twice
// (e.g. spec.replicas), as read from the input.
func (it *Item) DuplicateKeys() []string { return it.dups }

// Changed reports whether the item was changed (through SetAnnotation).
func (it *Item) Changed() bool { return it.changed }

// Line returns the 1-based input line of node n's position (a node of the
// item's tree), 0 when unknown.
func (it *Item) Line(n *yaml.Node) int {
	if it.lines < 0 || n == nil || n.Line == 0 {
		return 0
	}
	return it.lines + n.Line
}

// File returns where the item came from: the file and document index it
// was read from in file mode, else the path and index annotations that kpt
// and kustomize add (new or legacy names), or nil when it has none.
func (it *Item) File() *fn.File {
	if it.source != nil {
		f := *it.source
		return &f
	}
	if it.Obj == nil {
		return nil
	}
	path := it.Annotation(kioutil.PathAnnotation)
	index := it.Annotation(kioutil.IndexAnnotation)
	if path == "" {
		//lint:ignore SA1019 older kustomize and kpt still write the legacy names
		path = it.Annotation(kioutil.LegacyPathAnnotation)
		//lint:ignore SA1019 as above
		index = it.Annotation(kioutil.LegacyIndexAnnotation)
	}
	if path == "" {
		return nil
	}
	i, _ := strconv.Atoi(index)
	return &fn.File{Path: path, Index: i}
}

// APIVersion, Kind, Name, Namespace, Annotation and IsLocalConfig read the
// header as Obj's getters do (tested against them) without their
// allocations: every rule asks. They give "" (false) when Obj is nil.
func (it *Item) APIVersion() string { return it.header("apiVersion") }

// Kind is Obj.GetKind.
func (it *Item) Kind() string { return it.header("kind") }

// Name is Obj.GetName.
func (it *Item) Name() string { return it.header("metadata", "name") }

// Namespace is Obj.GetNamespace.
func (it *Item) Namespace() string { return it.header("metadata", "namespace") }

// Annotation is Obj.GetAnnotation.
func (it *Item) Annotation(key string) string { return it.header("metadata", "annotations", key) }

// IsLocalConfig is Obj.IsLocalConfig.
func (it *Item) IsLocalConfig() bool {
	v := it.Annotation(fn.KptLocalConfig)
	return v != "" && v != "false"
}

func (it *Item) header(keys ...string) string {
	if it.Obj == nil {
		return ""
	}
	return yamlnode.SDKString(it.Node, keys...)
}

// Ref returns the item's identity for results.
func (it *Item) Ref() *fn.ResourceRef {
	if it.Obj == nil {
		return nil
	}
	return &fn.ResourceRef{
		APIVersion: it.APIVersion(),
		Kind:       it.Kind(),
		Name:       it.Name(),
		Namespace:  it.Namespace(),
	}
}

// aliasOnSDKPath returns the first field the SDK's KubeObject accessors would
// read that is a YAML alias ("" when none): they panic on alias nodes. The
// paths are apiVersion, kind, metadata, metadata.{name,namespace,labels,
// annotations} and every label and annotation value.
func aliasOnSDKPath(n *yaml.Node) string {
	for _, k := range []string{"apiVersion", "kind", "metadata"} {
		if v := yamlnode.Get(n, k); v != nil && v.Kind == yaml.AliasNode {
			return k
		}
	}
	meta := yamlnode.Get(n, "metadata")
	for _, k := range []string{"name", "namespace", "labels", "annotations"} {
		v := yamlnode.Get(meta, k)
		if v != nil && v.Kind == yaml.AliasNode {
			return "metadata." + k
		}
		if k == "labels" || k == "annotations" {
			for i := 0; v != nil && v.Kind == yaml.MappingNode && i+1 < len(v.Content); i += 2 {
				if v.Content[i].Kind == yaml.AliasNode || v.Content[i+1].Kind == yaml.AliasNode {
					return "metadata." + k + "[" + v.Content[i].Value + "]"
				}
			}
		}
	}
	return ""
}

// mergeOnSDKPath returns the first mapping among the item, its metadata,
// labels and annotations that has a YAML merge key ("" when none). The SDK
// and the rules read keys as written, so merged-in keys would be invisible,
// and an annotation set next to a merge would hide the merged annotations.
func mergeOnSDKPath(n *yaml.Node) string {
	meta := yamlnode.Get(n, "metadata")
	for _, m := range []struct {
		path string
		node *yaml.Node
	}{{"the top level", n}, {"metadata", meta}, {"metadata.labels", yamlnode.Get(meta, "labels")}, {"metadata.annotations", yamlnode.Get(meta, "annotations")}} {
		if m.node == nil || m.node.Kind != yaml.MappingNode {
			continue
		}
		for i := 0; i+1 < len(m.node.Content); i += 2 {
			if m.node.Content[i].Kind == yaml.ScalarNode && m.node.Content[i].ShortTag() == "!!merge" {
				return m.path
			}
		}
	}
	return ""
}
