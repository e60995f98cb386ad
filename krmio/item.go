package krmio

import (
	"strconv"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"sigs.k8s.io/kustomize/kyaml/kio/kioutil"
	"sigs.k8s.io/kustomize/kyaml/yaml"
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
	// Changed marks an item whose Node was modified: it is re-encoded on output.
	Changed bool

	raw     []byte // the item's original text; nil when it must be encoded
	indent  int    // column of the item's "- " in a list, -1 for a stream document
	partial bool   // Node holds only apiVersion, kind and metadata (ReadOptions.Full)

	edits    []string // annotation keys set through SetAnnotation, in order
	had      []bool   // whether each key was there before
	reencode bool     // Node changed otherwise (MarkChanged): encode, do not patch
}

func newItem(node *yaml.Node, raw []byte, indent int) *Item {
	it := &Item{Node: node, raw: raw, indent: indent}
	if node != nil && node.Kind == yaml.AliasNode {
		it.Problem = "is a YAML alias (*" + node.Value + ") of another part of the input: write the resource out in full"
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

// Raw returns the item's original text (nil when there is none).
func (it *Item) Raw() []byte { return it.raw }

// File returns where the item came from, from the path and index annotations
// that kpt and kustomize add (new or legacy names), or nil when it has none.
func (it *Item) File() *fn.File {
	if it.Obj == nil {
		return nil
	}
	path := it.Obj.GetAnnotation(kioutil.PathAnnotation)
	index := it.Obj.GetAnnotation(kioutil.IndexAnnotation)
	if path == "" {
		//lint:ignore SA1019 older kpt and kustomize still write the legacy names
		path = it.Obj.GetAnnotation(kioutil.LegacyPathAnnotation)
		//lint:ignore SA1019 the index that goes with the legacy path
		index = it.Obj.GetAnnotation(kioutil.LegacyIndexAnnotation)
	}
	if path == "" {
		return nil
	}
	i, _ := strconv.Atoi(index)
	return &fn.File{Path: path, Index: i}
}

// Ref returns the item's identity for results.
func (it *Item) Ref() *fn.ResourceRef {
	if it.Obj == nil {
		return nil
	}
	return &fn.ResourceRef{
		APIVersion: it.Obj.GetAPIVersion(),
		Kind:       it.Obj.GetKind(),
		Name:       it.Obj.GetName(),
		Namespace:  it.Obj.GetNamespace(),
	}
}

// aliasOnSDKPath returns the first field the SDK's KubeObject accessors would
// read that is a YAML alias ("" when none): they panic on alias nodes. The
// paths are apiVersion, kind, metadata, metadata.{name,namespace,labels,
// annotations} and every label and annotation value.
func aliasOnSDKPath(n *yaml.Node) string {
	for _, k := range []string{"apiVersion", "kind", "metadata"} {
		if v := Field(n, k); v != nil && v.Kind == yaml.AliasNode {
			return k
		}
	}
	meta := Field(n, "metadata")
	for _, k := range []string{"name", "namespace", "labels", "annotations"} {
		v := Field(meta, k)
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
	meta := Field(n, "metadata")
	for _, m := range []struct {
		path string
		node *yaml.Node
	}{{"the top level", n}, {"metadata", meta}, {"metadata.labels", Field(meta, "labels")}, {"metadata.annotations", Field(meta, "annotations")}} {
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
