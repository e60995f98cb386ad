package validator

import (
	"path"
	"strconv"
	"strings"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
	"github.com/cce-ingress-https/cce-ingress-https/internal/yamlnode"
	"github.com/cce-ingress-https/cce-ingress-https/krmio"
)

// inputRule is the id of the rule below. Files and streams that cannot be
// read at all are reported under the same tag by the command line; those
// are not findings and no override drops them.
const inputRule = "input"

// checkInput reports items that are not resources at all, and resources the
// API server would reject whatever this function does: no name, metadata
// that is not a mapping, or a key given twice. It looks at every item, not
// only Ingresses; items the function does not own (PassThrough) are only
// checked for being resources. Nodes are read as written: aliases are not
// followed.
func checkInput(c *Context, _ *Ingress) []Finding {
	var out []Finding
	for i, it := range c.Index.Items {
		report := func(field, msg string) {
			out = append(out, Finding{Severity: Error, Item: it, Field: field,
				Message: "item " + strconv.Itoa(i) + " of the input " + msg})
		}
		item := "items[" + strconv.Itoa(i) + "]"
		switch {
		case it.Problem != "":
			report(item, it.Problem)
			continue
		case !it.HasObject():
			report(item, "is not a mapping: every item must be a Kubernetes resource")
			continue
		}
		apiVersion, kind := it.APIVersion(), it.Kind() // read once per item
		if (kind == "" || apiVersion == "") && !isKustomizationFile(it.File()) {
			report(item, "has no apiVersion or kind: every item must be a Kubernetes resource")
		}
		if passThrough(it, apiVersion, kind) != "" {
			continue
		}
		if msg, field := metadataProblem(it.Node); msg != "" {
			report(field, msg)
		}
		for _, f := range duplicateKeys(it) {
			report(f, "sets "+f+" twice: keep one (which value wins depends on the tool that reads it)")
		}
	}
	return out
}

// InputResults are the input rule's results at its default severities, for
// a run whose configuration failed: nothing else is checked then, and there
// are no overrides to apply.
func InputResults(items []*krmio.Item) fn.Results {
	var results fn.Results
	for _, f := range checkInput(&Context{Index: &Index{Items: items}}, nil) {
		results = append(results, toResult(inputRule, f))
	}
	return results
}

// PassThrough says why an item is none of the function's business, or "":
// the files of kustomize and kpt, local configuration, and anything but an
// Ingress without a name (which no check could name). Such items pass
// through untouched and never fail the run, so a package that mixes kpt and
// kustomize works; an Ingress without a name stays an error. it must be a
// resource (Obj set).
func PassThrough(it *krmio.Item) string {
	return passThrough(it, it.APIVersion(), it.Kind())
}

// passThrough is PassThrough with the item's apiVersion and kind already read.
func passThrough(it *krmio.Item, apiVersion, kind string) string {
	group := apiVersion[:max(0, strings.LastIndex(apiVersion, "/"))]
	switch {
	case group == "kustomize.config.k8s.io" && (kind == "Kustomization" || kind == "Component"):
		return "a kustomize " + kind
	case group == "kpt.dev" && kind == "Kptfile":
		return "kpt's Kptfile"
	case isKustomizationFile(it.File()):
		return "a kustomization file"
	case it.IsLocalConfig():
		return "local configuration (" + cce.LocalConfigAnno + `: "true")`
	case !cce.IsIngress(apiVersion, kind) && nameless(it):
		return "not an Ingress, and without a name"
	}
	return ""
}

// nameless reports whether an item's metadata is absent, null or a mapping
// without a name; metadata of another type is an input error instead.
func nameless(it *krmio.Item) bool {
	meta := yamlnode.Get(it.Node, "metadata")
	if meta != nil && !yamlnode.IsNull(meta) && meta.Kind != yaml.MappingNode {
		return false
	}
	return yamlnode.String(yamlnode.Mapping(it.Node, "metadata"), "name") == "" && yamlnode.String(yamlnode.Mapping(it.Node, "metadata"), "generateName") == ""
}

// isKustomizationFile reports whether an item comes from a file kustomize
// reads as a Kustomization: those often have no apiVersion or kind at all.
func isKustomizationFile(f *fn.File) bool {
	if f == nil {
		return false
	}
	switch path.Base(f.Path) {
	case "kustomization.yaml", "kustomization.yml", "Kustomization":
		return true
	}
	return false
}

// ItemRef names an item from its node without the SDK, which cannot read
// every malformed item; nil when the item names nothing.
func ItemRef(n *yaml.Node) *fn.ResourceRef {
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
// twice, as the reader found them (before a header-only read dropped the
// body, so every mode reports the same). An Ingress's annotations and
// labels are left to the ingress-schema rule, which reports their
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
