package run

import (
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

// duplicateKeys returns the path of every mapping key the item gives
// twice (found when it was read). An Ingress's annotations and labels are
// left to the validator's ingress-schema rule, which reports their
// duplicates already.
func duplicateKeys(it *krmio.Item) []string {
	ingress := cce.IsIngress(scalarField(it.Node, "apiVersion"), scalarField(it.Node, "kind"))
	var out []string
	for _, p := range it.DuplicateKeys() {
		if ingress && (strings.HasPrefix(p, "metadata.annotations[") || strings.HasPrefix(p, "metadata.labels[")) {
			continue
		}
		out = append(out, p)
	}
	return out
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
