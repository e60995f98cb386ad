package run

import (
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
	if failed {
		results = append(results, validator.InputResults(items)...)
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

func hasError(probs []config.Problem) bool {
	for _, p := range probs {
		if p.Severity == fn.Error {
			return true
		}
	}
	return false
}
