package krmio

import (
	"strconv"
	"strings"

	"sigs.k8s.io/kustomize/kyaml/yaml"
)

// duplicatePaths returns the path of every mapping key that appears twice
// in n, found when the item is read, before a header-only read drops the
// body, so every mode and path reports the same. Aliases are not followed,
// so an alias bomb is walked in linear time.
func duplicatePaths(n *yaml.Node) []string {
	var out []string
	var walk func(n *yaml.Node, path string)
	walk = func(n *yaml.Node, path string) {
		switch n.Kind {
		case yaml.MappingNode:
			var seen map[string]bool
			if len(n.Content) > 16 {
				seen = make(map[string]bool, len(n.Content)/2)
			}
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i].Value
				dup := false
				if seen != nil {
					dup, seen[k] = seen[k], true
				} else {
					for j := 0; j < i && !dup; j += 2 {
						dup = n.Content[j].Value == k
					}
				}
				p := joinPath(path, k)
				if dup && n.Content[i].Kind == yaml.ScalarNode && k != "<<" {
					out = append(out, p)
				}
				walk(n.Content[i+1], p)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				walk(c, path+"["+strconv.Itoa(i)+"]")
			}
		}
	}
	if n != nil {
		walk(n, "")
	}
	return out
}

// duplicateKey returns the second key node of the first key that mapping m
// has twice, or nil.
func duplicateKey(m *yaml.Node) *yaml.Node {
	seen := map[string]bool{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i]
		if k.Kind == yaml.ScalarNode && seen[k.Value] {
			return k
		}
		seen[k.Value] = true
	}
	return nil
}

// joinPath appends a key the way results name fields: a.b, or a[key] for
// annotation and label keys and keys with dots or slashes.
func joinPath(path, key string) string {
	switch {
	case path == "":
		return key
	case needsBrackets(key) || strings.HasSuffix(path, "annotations") || strings.HasSuffix(path, "labels"):
		return path + "[" + key + "]"
	}
	return path + "." + key
}

func needsBrackets(key string) bool {
	for _, c := range key {
		if c == '.' || c == '/' || c == ' ' || c == '[' || c == ']' {
			return true
		}
	}
	return key == ""
}
