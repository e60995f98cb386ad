package krmio

import (
	"bytes"

	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/cce-ingress-https/cce-ingress-https/internal/yamlnode"
)

// headerKeys are the top-level fields a partially kept item keeps.
var headerKeys = map[string]bool{"apiVersion": true, "kind": true, "metadata": true}

// keepHeader drops the body of an item the caller does not need in full,
// right after its chunk is parsed, so the trees of thousands of Deployments
// and ConfigMaps never pile up in memory. Every item is still parsed in
// full, so bad YAML is found anywhere in the input. Items whose text has a
// '*' keep their tree: they may use aliases, which the readers count.
func keepHeader(it *Item, chunk []byte, full func(apiVersion, kind string) bool) {
	n := it.Node
	if n == nil || n.Kind != yaml.MappingNode || full(yamlnode.String(n, "apiVersion"), yamlnode.String(n, "kind")) || isList(n) ||
		bytes.IndexByte(chunk, '*') >= 0 {
		return
	}
	h := &yaml.Node{Kind: n.Kind, Style: n.Style, Tag: n.Tag, Line: n.Line, Column: n.Column,
		HeadComment: n.HeadComment, LineComment: n.LineComment, FootComment: n.FootComment}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if headerKeys[n.Content[i].Value] {
			h.Content = append(h.Content, n.Content[i], n.Content[i+1])
		}
	}
	*n = *h // Obj wraps this node: keep the pointer
	it.partial = true
}
