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
	// Obj is the SDK's view of the same node, nil when Node is not a mapping.
	Obj *fn.KubeObject
	// Changed marks an item whose Node was modified: it is re-encoded on output.
	Changed bool

	raw     []byte // the item's original text; nil when it must be encoded
	indent  int    // column of the item's "- " in a list, -1 for a stream document
	partial bool   // Node holds only apiVersion, kind and metadata (ReadOptions.Full)

	edits     []string // annotation keys set through SetAnnotation, in order
	had       []bool   // whether each key was there before
	reencode  bool     // Node changed otherwise (MarkChanged): encode, do not patch
	patchable bool     // the text can take the edits (judged at the first one)
}

func newItem(node *yaml.Node, raw []byte, indent int) *Item {
	it := &Item{Node: node, raw: raw, indent: indent}
	if node != nil && node.Kind == yaml.MappingNode {
		it.Obj = fn.MoveToKubeObject(yaml.NewRNode(node))
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
		path = it.Obj.GetAnnotation(kioutil.LegacyPathAnnotation)
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
