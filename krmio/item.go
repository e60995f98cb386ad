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

	raw    []byte // the item's original text; nil when it must be encoded
	indent int    // column of the item's "- " in a list, -1 for a stream document
	wide   bool   // original sequence indentation style was "wide"
}

func newItem(node *yaml.Node, raw []byte, indent int) *Item {
	it := &Item{Node: node, raw: raw, indent: indent}
	if node != nil && node.Kind == yaml.MappingNode {
		it.Obj = fn.MoveToKubeObject(yaml.NewRNode(node))
	}
	if raw != nil {
		it.wide = yaml.DeriveSeqIndentStyle(string(raw)) == string(yaml.WideSequenceStyle)
	}
	return it
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
