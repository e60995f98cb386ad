package krmio

import (
	"bytes"
	"errors"

	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/cce-ingress-https/cce-ingress-https/internal/yamlnode"
)

// headerKeys are the top-level fields a partially kept item keeps: the
// only fields anyone changes (Item.SetAnnotation) or reads of most items.
var headerKeys = map[string]bool{"apiVersion": true, "kind": true, "metadata": true}

// keepHeader drops the body of an item right after its chunk is parsed,
// so the trees of thousands of resources never pile up in memory: digest
// is given the full node first, and what it returns (the part of the body
// the caller reads) is kept. Every item is still parsed in full, so bad
// YAML is found anywhere in the input. Items that use aliases keep their
// tree: the readers count what the aliases expand to. The text stays, so
// FullNode can parse the body again.
func keepHeader(it *Item, chunk []byte, digest Digest) {
	n := it.Node
	if n == nil || n.Kind != yaml.MappingNode || isList(n) || it.raw == nil ||
		bytes.IndexByte(chunk, '*') >= 0 && hasAlias(n) {
		return
	}
	it.digest = digest(yamlnode.String(n, "apiVersion"), yamlnode.String(n, "kind"), n)
	h := &yaml.Node{Kind: n.Kind, Style: n.Style, Tag: n.Tag, Line: n.Line, Column: n.Column,
		HeadComment: n.HeadComment, LineComment: n.LineComment, FootComment: n.FootComment}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if headerKeys[n.Content[i].Value] {
			h.Content = append(h.Content, n.Content[i], n.Content[i+1])
		}
	}
	if meta := yamlnode.Get(n, "metadata"); meta != nil {
		line, _ := keyLineAfter(n, meta)
		it.afterMeta = int32(line)
	}
	*n = *h // Obj wraps this node: keep the pointer
	it.partial = true
}

// hasAlias reports whether the tree has an alias node.
func hasAlias(n *yaml.Node) bool {
	if n.Kind == yaml.AliasNode {
		return true
	}
	for _, c := range n.Content {
		if hasAlias(c) {
			return true
		}
	}
	return false
}

// keyLineAfter is the line of the key that follows value v in mapping m,
// false when v is the last value or not in m.
func keyLineAfter(m, v *yaml.Node) (int, bool) {
	for i := 1; i+1 < len(m.Content); i += 2 {
		if m.Content[i] == v {
			return m.Content[i+1].Line, true
		}
	}
	return 0, false
}

// FullNode returns the item's whole tree: Node itself, or for an item read
// with only its header, its text parsed again with the header (and so every
// change made through SetAnnotation, a metadata added included) taken from
// Node. Each call of a
// partially kept item parses anew: only rare paths need it (an item written
// changed that cannot be patched, a field located for a finding).
func (it *Item) FullNode() (*yaml.Node, error) {
	if !it.partial {
		return it.Node, nil
	}
	var n *yaml.Node
	var err error
	if it.indent >= 0 {
		var seq *yaml.Node
		if seq, err = decodeOne(it.raw); err == nil {
			if seq.Kind != yaml.SequenceNode || len(seq.Content) != 1 {
				return nil, errors.New("an item's text no longer reads as one item")
			}
			n = seq.Content[0]
		}
	} else {
		n, err = decodeAtMostOne(it.raw)
	}
	if err != nil || n == nil || n.Kind != yaml.MappingNode {
		return nil, errors.New("an item's text no longer reads as a mapping")
	}
	j := 0
	for i := 0; i+1 < len(n.Content); i += 2 {
		if !headerKeys[n.Content[i].Value] {
			continue
		}
		if j+1 >= len(it.Node.Content) || it.Node.Content[j].Value != n.Content[i].Value {
			return nil, errors.New("an item's header and its text differ")
		}
		n.Content[i], n.Content[i+1] = it.Node.Content[j], it.Node.Content[j+1]
		j += 2
	}
	full := *it.Node
	// Fields set after reading (metadata, on an item that had none) come
	// last, where the SDK adds them.
	full.Content = append(n.Content, it.Node.Content[j:]...)
	return &full, nil
}
