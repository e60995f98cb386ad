package run

import (
	"strconv"

	"github.com/kptdev/krm-functions-sdk/go/fn"

	"github.com/cce-ingress-https/cce-ingress-https/config"
	"github.com/cce-ingress-https/cce-ingress-https/krmio"
	"github.com/cce-ingress-https/cce-ingress-https/transformer"
	"github.com/cce-ingress-https/cce-ingress-https/validator"
)

// Pipeline runs the configuration check, the transformer and the validator
// on items, changing them in place, and returns every result, sorted.
// configRef and configFile locate the configuration in results.
func Pipeline(items []*krmio.Item, s config.Settings, probs []config.Problem, configRef *fn.ResourceRef, configFile *fn.File) fn.Results {
	var results fn.Results
	failed := false
	// When the config could not be read (unknown kind, wrong shapes), the
	// settings are incomplete and Build would add errors that only echo the
	// first one (e.g. "selector is required" after "unknown kind").
	var cfg config.Config
	if !hasError(probs) {
		var more []config.Problem
		cfg, more = config.Build(s)
		probs = append(probs, more...)
	}
	for _, p := range probs {
		r := &fn.Result{Severity: p.Severity, Message: "function config: " + p.Message, ResourceRef: configRef, File: configFile,
			Tags: map[string]string{"rule": "config"}}
		if p.Field != "" {
			r.Field = &fn.Field{Path: p.Field}
		}
		results = append(results, r)
		failed = failed || p.Severity == fn.Error
	}
	results = append(results, itemProblems(items)...)
	if failed {
		validator.SortResults(results)
		return results
	}
	out := transformer.Apply(items, cfg.Transform)
	results = append(results, out.Results...)
	opts := cfg.Validate
	opts.Selected, opts.Conflicts = out.Selected, out.Conflicts
	results = append(results, validator.Run(items, opts)...)
	validator.SortResults(results)
	return results
}

// itemProblems reports items that are not resources at all, and resources
// the API server would reject whatever this function does: no name,
// metadata that is not a mapping, or a key given twice.
func itemProblems(items []*krmio.Item) fn.Results {
	var results fn.Results
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
		case it.Obj.GetKind() == "" || it.Obj.GetAPIVersion() == "":
			report(item, "has no apiVersion or kind: every item must be a Kubernetes resource")
		}
		if msg, field := metadataProblem(it.Node); msg != "" {
			report(field, msg)
		}
		for _, f := range duplicateKeys(it.Node) {
			report(f, "sets "+f+" twice: keep one (which value wins depends on the tool that reads it)")
		}
	}
	return results
}

func hasError(probs []config.Problem) bool {
	for _, p := range probs {
		if p.Severity == fn.Error {
			return true
		}
	}
	return false
}
