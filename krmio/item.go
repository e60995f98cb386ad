package krmio

import (
	"strconv"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"sigs.k8s.io/kustomize/kyaml/kio/kioutil"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/cce-ingress-https/cce-ingress-https/internal/yamlnode"
)

// Item is one resource of the list. Its record is kept small: a stream of
// a million tiny documents holds a million of them.
type Item struct {
	// Node is the item's YAML node: a mapping for any well-formed resource.
	Node *yaml.Node
	// Problem says why an item that is a mapping has no Object, e.g. "uses a
	// YAML alias at metadata.labels": the SDK's accessors panic on aliases.
	Problem string

	raw    []byte         // the item's original text; nil when it must be encoded
	digest any            // what ReadOptions.Digest returned, for a partial item
	obj    *fn.KubeObject // the SDK's view of Node, made on first use (Object)
	more   *itemMore      // what few items have

	lines     int32 // lines of the input before the text the node's positions count from; -1 unknown
	indent    int32 // column of the item's "- " in a list, -1 for a stream document
	afterMeta int32 // line of the top-level key after metadata in the full tree (partial items)

	object   bool // Node is a mapping the SDK can read: Object is not nil
	changed  bool // Node was modified: the item is patched or re-encoded on output
	partial  bool // Node holds only apiVersion, kind and metadata (ReadOptions.Digest)
	reencode bool // the text cannot take a patch: encode
}

// itemMore holds the fields most items leave empty.
type itemMore struct {
	source *fn.File // the file and document index it was read from (file mode)
	edits  []edit   // annotations set through SetAnnotation, in order
	dups   []string // paths of keys given twice, found when read
	parent *Item    // the List item this one is inside, nil at the top
}

// extra returns the item's rarely set fields, allocating them on first use.
func (it *Item) extra() *itemMore {
	if it.more == nil {
		it.more = &itemMore{}
	}
	return it.more
}

// ItemOf makes an item of a node that was not read from text (a live
// object from a cluster dump, say).
func ItemOf(n *yaml.Node) *Item { return newItem(n, nil, 0) }

func newItem(node *yaml.Node, raw []byte, indent int) *Item {
	it := &Item{Node: node, raw: raw, indent: int32(indent), lines: -1}
	if dups := duplicatePaths(node); dups != nil {
		it.extra().dups = dups
	}
	if node != nil && node.Kind == yaml.AliasNode {
		it.Problem = "is a YAML alias of another part of the input: write the resource out in full"
	}
	if node != nil && node.Kind == yaml.MappingNode {
		if f := mergeOnSDKPath(node); f != "" {
			it.Problem = "uses a YAML merge key (<<) at " + f + ": write the fields out in full (merge keys are not supported at the top level or in metadata)"
		} else if f := aliasOnSDKPath(node); f != "" {
			it.Problem = "uses a YAML alias at " + f + ": write the value out in full (aliases are not supported in apiVersion, kind or metadata)"
		} else {
			it.object = true
		}
	}
	return it
}

// Object returns the SDK's view of the item's node, nil when the node is
// not a mapping or Problem is set. It is made on first use (most items
// never need one) and is the same object on every call; the first call for
// an item must not race with another.
func (it *Item) Object() *fn.KubeObject {
	if !it.object {
		return nil
	}
	if it.obj == nil {
		it.obj = fn.MoveToKubeObject(yaml.NewRNode(it.Node))
	}
	return it.obj
}

// parentItem is the List item this one is inside, nil at the top.
func (it *Item) parentItem() *Item {
	if it.more == nil {
		return nil
	}
	return it.more.parent
}

// HasObject reports whether Object is not nil, without making it.
func (it *Item) HasObject() bool { return it.object }

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
func (it *Item) DuplicateKeys() []string {
	if it.more == nil {
		return nil
	}
	return it.more.dups
}

// Changed reports whether the item was changed (through SetAnnotation).
func (it *Item) Changed() bool { return it.changed }

// Line returns the 1-based input line of node n's position (a node of the
// item's tree), 0 when unknown.
func (it *Item) Line(n *yaml.Node) int {
	if it.lines < 0 || n == nil || n.Line == 0 {
		return 0
	}
	return int(it.lines) + n.Line
}

// File returns where the item came from: the file and document index it
// was read from in file mode, else the path and index annotations that kpt
// and kustomize add (new or legacy names), or nil when it has none.
func (it *Item) File() *fn.File {
	if it.more != nil && it.more.source != nil {
		f := *it.more.source
		return &f
	}
	if !it.object {
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
	if !it.object {
		return ""
	}
	return yamlnode.SDKString(it.Node, keys...)
}

// Ref returns the item's identity for results.
func (it *Item) Ref() *fn.ResourceRef {
	if !it.object {
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
