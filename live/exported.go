package live

import (
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/cce-ingress-https/cce-ingress-https/internal/yamlnode"
)

// ClusterFields returns the first field of n that only an object read back
// from a cluster has: metadata.uid, resourceVersion, a creationTimestamp
// that is not null, managedFields, or a status with a value in it. ""
// when there is none. `kubectl create --dry-run=client -o yaml` writes
// creationTimestamp: null and an empty status, and files made that way are
// common in Git, so those do not count.
func ClusterFields(n *yaml.Node) string {
	meta := yamlnode.Get(n, "metadata")
	for _, k := range []string{"uid", "resourceVersion", "creationTimestamp"} {
		if v := yamlnode.Get(meta, k); v != nil && v.Kind == yaml.ScalarNode && v.ShortTag() != "!!null" && v.Value != "" {
			return "metadata." + k
		}
	}
	if v := yamlnode.Get(meta, "managedFields"); v != nil && v.Kind == yaml.SequenceNode && len(v.Content) > 0 {
		return "metadata.managedFields"
	}
	if hasValue(yamlnode.Get(n, "status")) {
		return "status"
	}
	return ""
}

// hasValue reports whether n holds a scalar that is not null or empty,
// at any depth: status: {loadBalancer: {}} has none.
func hasValue(n *yaml.Node) bool {
	if n == nil {
		return false
	}
	switch n.Kind {
	case yaml.ScalarNode:
		return n.ShortTag() != "!!null" && n.Value != ""
	case yaml.MappingNode:
		for i := 1; i < len(n.Content); i += 2 {
			if hasValue(n.Content[i]) {
				return true
			}
		}
	case yaml.SequenceNode:
		for _, c := range n.Content {
			if hasValue(c) {
				return true
			}
		}
	}
	return false
}
