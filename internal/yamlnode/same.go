package yamlnode

import "sigs.k8s.io/kustomize/kyaml/yaml"

// Same reports whether two trees mean the same to the parser: kinds, tags,
// values and anchors, not styles, comments or positions. Aliases compare by
// anchor name and are never expanded, so an alias bomb costs nothing here.
// The tests' differential checks (fast reader against full parse, modes
// against each other) all compare with it.
func Same(a, b *yaml.Node) bool {
	if a == nil || b == nil {
		return a == b
	}
	if a.Kind != b.Kind || sameTag(a) != sameTag(b) || a.Value != b.Value || a.Anchor != b.Anchor || len(a.Content) != len(b.Content) {
		return false
	}
	if a.Kind == yaml.AliasNode {
		return true
	}
	for i := range a.Content {
		if !Same(a.Content[i], b.Content[i]) {
			return false
		}
	}
	return true
}

// sameTag is the node's tag, except that an alias has none (ShortTag would
// be its target's) and an empty null ("key:" with nothing) counts as an
// empty string: the encoder writes an empty null mapping key as "" when it
// re-encodes an item, and Kubernetes keys are strings.
func sameTag(n *yaml.Node) string {
	if n.Kind == yaml.AliasNode {
		return ""
	}
	if n.Kind == yaml.ScalarNode && n.Value == "" && n.ShortTag() == "!!null" {
		return "!!str"
	}
	return n.ShortTag()
}
