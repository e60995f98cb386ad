package run

import (
	"strconv"
	"strings"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
	"github.com/cce-ingress-https/cce-ingress-https/krmio"
)

// refOf names an item from its node without the SDK, which cannot read
// every malformed item; nil when the item names nothing.
func refOf(n *yaml.Node) *fn.ResourceRef {
	ref := &fn.ResourceRef{APIVersion: scalarField(n, "apiVersion"), Kind: scalarField(n, "kind")}
	meta := mapField(n, "metadata")
	ref.Name, ref.Namespace = scalarField(meta, "name"), scalarField(meta, "namespace")
	if *ref == (fn.ResourceRef{}) {
		return nil
	}
	return ref
}

// metadataProblem checks that metadata is a mapping with a name. An
// Ingress's metadata type is the ingress-schema rule's business.
func metadataProblem(n *yaml.Node) (msg, field string) {
	meta := mapField(n, "metadata")
	if v := mapValue(n, "metadata"); v != nil && meta == nil && !isNullNode(v) {
		if cce.IsIngress(scalarField(n, "apiVersion"), scalarField(n, "kind")) {
			return "", ""
		}
		return "has metadata that is not a mapping: give metadata.name (and namespace) as a mapping", "metadata"
	}
	if scalarField(meta, "name") == "" && scalarField(meta, "generateName") == "" {
		return "has no metadata.name: every resource needs a name", "metadata.name"
	}
	return "", ""
}

// duplicateKeys returns the path of every mapping key that appears twice in
// n. Aliases are not followed, so an alias bomb is walked in linear time.
// An Ingress's annotations and labels are left to the validator's
// ingress-schema rule, which reports their duplicates already.
func duplicateKeys(n *yaml.Node) []string {
	ingress := cce.IsIngress(scalarField(n, "apiVersion"), scalarField(n, "kind"))
	var out []string
	var walk func(n *yaml.Node, path string)
	walk = func(n *yaml.Node, path string) {
		if ingress && (path == "metadata.annotations" || path == "metadata.labels") {
			return
		}
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
	walk(n, "")
	return out
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

func mapValue(m *yaml.Node, key string) *yaml.Node { return krmio.Field(m, key) }

func mapField(m *yaml.Node, key string) *yaml.Node {
	if v := mapValue(m, key); v != nil && v.Kind == yaml.MappingNode {
		return v
	}
	return nil
}

func scalarField(m *yaml.Node, key string) string {
	if v := mapValue(m, key); v != nil && v.Kind == yaml.ScalarNode {
		return v.Value
	}
	return ""
}

func isNullNode(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" }
