package krmio

import "sigs.k8s.io/kustomize/kyaml/yaml"

func hasComments(n *yaml.Node) bool {
	if n.HeadComment != "" || n.LineComment != "" || n.FootComment != "" {
		return true
	}
	if n.Kind == yaml.AliasNode {
		return false
	}
	for _, c := range n.Content {
		if hasComments(c) {
			return true
		}
	}
	return false
}

func stripComments(n *yaml.Node) {
	n.HeadComment, n.LineComment, n.FootComment = "", "", ""
	if n.Kind == yaml.AliasNode {
		return
	}
	for _, c := range n.Content {
		stripComments(c)
	}
}

// sameContent compares kinds, tags, values and anchors, not styles or
// comments; aliases compare by name and are never followed.
func sameContent(a, b *yaml.Node) bool {
	if a.Kind != b.Kind || contentTag(a) != contentTag(b) || a.Value != b.Value || a.Anchor != b.Anchor || len(a.Content) != len(b.Content) {
		return false
	}
	if a.Kind == yaml.AliasNode {
		return true
	}
	for i := range a.Content {
		if !sameContent(a.Content[i], b.Content[i]) {
			return false
		}
	}
	return true
}

// contentTag is the node's tag; an empty null counts as an empty string,
// as the encoder writes an empty null mapping key as a quoted empty string.
func contentTag(n *yaml.Node) string {
	switch {
	case n.Kind == yaml.AliasNode:
		return ""
	case n.Kind == yaml.ScalarNode && n.Value == "" && n.ShortTag() == "!!null":
		return "!!str"
	}
	return n.ShortTag()
}
