package run

import (
	"path"
	"strconv"
	"strings"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
	"github.com/cce-ingress-https/cce-ingress-https/config"
	"github.com/cce-ingress-https/cce-ingress-https/krmio"
	"github.com/cce-ingress-https/cce-ingress-https/transformer"
	"github.com/cce-ingress-https/cce-ingress-https/validator"
)

// Pipeline runs the transformer and the validator on items, changing them in
// place, and returns every result, sorted: the configuration's problems,
// the input's, then the rules'. A configuration error stops it before
// anything is selected. It records what it did in st.counts.
func Pipeline(items []*krmio.Item, st *settings) fn.Results {
	var results fn.Results
	for _, p := range st.probs {
		r := &fn.Result{Severity: p.Severity, Message: "function config: " + p.Message, ResourceRef: st.ref, File: st.file,
			Tags: map[string]string{"rule": "config"}}
		if p.Field != "" {
			r.Field = &fn.Field{Path: p.Field}
		}
		results = append(results, r)
	}
	problems, passed := itemProblems(items)
	results = append(results, problems...)
	st.counts = counts{passed: passed}
	if config.HasError(st.probs) {
		validator.SortResults(results)
		return results
	}
	out := transformer.Apply(items, st.cfg.Transform)
	results = append(results, out.Results...)
	opts := st.cfg.Validate
	opts.Selected, opts.Conflicts = out.Selected, out.Conflicts
	results = append(results, validator.Run(items, opts)...)
	validator.LinkPages(results)
	validator.SortResults(results)
	st.counts.count(items, out, opts)
	return results
}

// itemProblems reports items that are not resources at all, and resources
// the API server would reject whatever this function does: no name,
// metadata that is not a mapping, or a key given twice. Items the function
// does not own (see passThrough) are not checked at all; they are returned
// with the reason.
func itemProblems(items []*krmio.Item) (fn.Results, []passedItem) {
	var results fn.Results
	var passed []passedItem
	for i, it := range items {
		report := func(field, msg string) {
			results = append(results, &fn.Result{Severity: fn.Error, Message: "item " + strconv.Itoa(i) + " of the input " + msg,
				ResourceRef: refOf(it.Node), Field: &fn.Field{Path: field}, File: it.File(), Tags: map[string]string{"rule": "input"}})
		}
		item := "items[" + strconv.Itoa(i) + "]"
		switch {
		case it.Problem != "":
			report(item, it.Problem)
			continue
		case it.Obj == nil:
			report(item, "is not a mapping: every item must be a Kubernetes resource")
			continue
		case (it.Obj.GetKind() == "" || it.Obj.GetAPIVersion() == "") && !isKustomizationFile(it.File()):
			report(item, "has no apiVersion or kind: every item must be a Kubernetes resource")
		}
		if why := passThrough(it); why != "" {
			passed = append(passed, passedItem{ref: refOf(it.Node), file: it.File(), why: why})
			continue
		}
		if msg, field := metadataProblem(it.Node); msg != "" {
			report(field, msg)
		}
		for _, f := range duplicateKeys(it.Node) {
			report(f, "sets "+f+" twice: keep one (which value wins depends on the tool that reads it)")
		}
	}
	return results, passed
}

// passThrough says why an item is none of the function's business, or "":
// the files of kustomize and kpt, local configuration, and anything but an
// Ingress without a name (which no check could name). Such items pass
// through untouched and never fail the run, so a package that mixes kpt and
// kustomize works; an Ingress without a name stays an error.
func passThrough(it *krmio.Item) string {
	apiVersion, kind := it.Obj.GetAPIVersion(), it.Obj.GetKind()
	group := apiVersion[:max(0, strings.LastIndex(apiVersion, "/"))]
	switch {
	case group == "kustomize.config.k8s.io" && (kind == "Kustomization" || kind == "Component"):
		return "a kustomize " + kind
	case group == "kpt.dev" && kind == "Kptfile":
		return "kpt's Kptfile"
	case isKustomizationFile(it.File()):
		return "a kustomization file"
	case it.Obj.IsLocalConfig():
		return "local configuration (" + cce.LocalConfigAnno + `: "true")`
	case !cce.IsIngress(apiVersion, kind) && nameless(it):
		return "not an Ingress, and without a name"
	}
	return ""
}

// nameless reports whether an item's metadata is absent, null or a mapping
// without a name; metadata of another type is an input error instead.
func nameless(it *krmio.Item) bool {
	meta := mapValue(it.Node, "metadata")
	if meta != nil && !isNullNode(meta) && meta.Kind != yaml.MappingNode {
		return false
	}
	return scalarField(mapField(it.Node, "metadata"), "name") == "" && scalarField(mapField(it.Node, "metadata"), "generateName") == ""
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
