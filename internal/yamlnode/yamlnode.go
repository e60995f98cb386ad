// Package yamlnode reads YAML nodes one way: mapping lookups by key, never
// following aliases (a caller that must see through one resolves it
// itself, once, so an alias bomb costs nothing), and one wording for what
// a node is.
//
//	*yaml.Node ──Get/Mapping/String──> value node, mapping or scalar text
//	           ──IsNull/Describe──────> null check, "mapping" / "list" / "scalar (!!int)" ...
package yamlnode

import "sigs.k8s.io/kustomize/kyaml/yaml"

// Get returns the value of key in mapping m, or nil when m is not a
// mapping or has no such key.
func Get(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// Mapping returns the value of key when it is a mapping, else nil.
func Mapping(m *yaml.Node, key string) *yaml.Node {
	if v := Get(m, key); v != nil && v.Kind == yaml.MappingNode {
		return v
	}
	return nil
}

// String returns the text of key's value when it is a scalar, else "".
func String(m *yaml.Node, key string) string {
	return Scalar(Get(m, key))
}

// Scalar returns the text of n when it is a scalar, else "".
func Scalar(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode {
		return ""
	}
	return n.Value
}

// IsNull reports a null scalar (nil counts as null).
func IsNull(n *yaml.Node) bool {
	return n == nil || n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// Describe names what n is without quoting its text: "mapping", "list",
// "null", "scalar (!!int)", "alias" or "document".
func Describe(n *yaml.Node) string {
	switch {
	case n == nil:
		return "null"
	case n.Kind == yaml.MappingNode:
		return "mapping"
	case n.Kind == yaml.SequenceNode:
		return "list"
	case n.Kind == yaml.ScalarNode && n.Tag == "!!null":
		return "null"
	case n.Kind == yaml.ScalarNode:
		return "scalar (" + n.Tag + ")"
	case n.Kind == yaml.AliasNode:
		return "alias"
	}
	return "document"
}

// SDKString returns the string at a path of keys read the way the kpt
// SDK's KubeObject getters read it (GetNestedString): at each step the
// first key that is an untagged or !!str scalar with that text, every step
// but the last a mapping, the last a !!str scalar; else "". The getters
// allocate at every step, and the item header is read for every rule.
func SDKString(n *yaml.Node, keys ...string) string {
	for _, key := range keys {
		if n == nil || n.Kind != yaml.MappingNode {
			return ""
		}
		var v *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := n.Content[i]; k.Kind == yaml.ScalarNode && (k.Tag == "!!str" || k.Tag == "") && k.Value == key {
				v = n.Content[i+1]
				break
			}
		}
		n = v
	}
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag != "!!str" {
		return ""
	}
	return n.Value
}
