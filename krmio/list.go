package krmio

import (
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/cce-ingress-https/cce-ingress-https/internal/yamlnode"
)

// Resources returns the items the pipeline reads: the items in input order,
// each v1 List among them replaced by the resources in its items list (kpt
// and kustomize hand a List in a file with other documents through as one
// item). A resource inside a List is changed in place, and the List is
// then written again with it inside.
func (d *Document) Resources() []*Item {
	if d.resources != nil {
		return d.resources
	}
	d.resources = make([]*Item, 0, len(d.Items))
	for _, it := range d.Items {
		children := listItems(it)
		if children == nil {
			d.resources = append(d.resources, it)
			continue
		}
		d.resources = append(d.resources, children...)
	}
	return d.resources
}

// listItems returns the items of a v1 List item, nil when it is not one.
func listItems(it *Item) []*Item {
	if !isList(it.Node) || it.Problem != "" {
		return nil
	}
	seq := yamlnode.Get(it.Node, "items")
	if seq == nil || seq.Kind != yaml.SequenceNode {
		return nil
	}
	out := make([]*Item, 0, len(seq.Content))
	for _, n := range seq.Content {
		c := newItem(n, nil, 0)
		c.extra().parent, c.lines = it, it.lines
		if it.more != nil && it.more.source != nil {
			c.extra().source = it.more.source
		}
		out = append(out, c)
	}
	return out
}

// isList matches a v1 List resource.
func isList(n *yaml.Node) bool {
	return n != nil && n.Kind == yaml.MappingNode && yamlnode.String(n, "kind") == "List" && yamlnode.String(n, "apiVersion") == "v1"
}
