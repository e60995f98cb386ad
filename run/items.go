package run

import (
	"strings"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
	"github.com/cce-ingress-https/cce-ingress-https/internal/yamlnode"
	"github.com/cce-ingress-https/cce-ingress-https/krmio"
)

// refOf names an item from its node without the SDK, which cannot read
// every malformed item; nil when the item names nothing.
func refOf(n *yaml.Node) *fn.ResourceRef {
	ref := &fn.ResourceRef{APIVersion: yamlnode.String(n, "apiVersion"), Kind: yamlnode.String(n, "kind")}
	meta := yamlnode.Mapping(n, "metadata")
	ref.Name, ref.Namespace = yamlnode.String(meta, "name"), yamlnode.String(meta, "namespace")
	if *ref == (fn.ResourceRef{}) {
		return nil
	}
	return ref
}

// metadataProblem checks that metadata is a mapping with a name. An
// Ingress's metadata type is the ingress-schema rule's business.
func metadataProblem(n *yaml.Node) (msg, field string) {
	meta := yamlnode.Mapping(n, "metadata")
	if v := yamlnode.Get(n, "metadata"); v != nil && meta == nil && !yamlnode.IsNull(v) {
		if cce.IsIngress(yamlnode.String(n, "apiVersion"), yamlnode.String(n, "kind")) {
			return "", ""
		}
		return "has metadata that is not a mapping: give metadata.name (and namespace) as a mapping", "metadata"
	}
	if yamlnode.String(meta, "name") == "" && yamlnode.String(meta, "generateName") == "" {
		return "has no metadata.name: every resource needs a name", "metadata.name"
	}
	return "", ""
}

// duplicateKeys returns the path of every mapping key the item gives
// twice (found when it was read). An Ingress's annotations and labels are
// left to the validator's ingress-schema rule, which reports their
// duplicates already.
func duplicateKeys(it *krmio.Item) []string {
	ingress := cce.IsIngress(yamlnode.String(it.Node, "apiVersion"), yamlnode.String(it.Node, "kind"))
	var out []string
	for _, p := range it.DuplicateKeys() {
		if ingress && (strings.HasPrefix(p, "metadata.annotations[") || strings.HasPrefix(p, "metadata.labels[")) {
			continue
		}
		out = append(out, p)
	}
	return out
}
