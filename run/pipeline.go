package run

import (
	"github.com/kptdev/krm-functions-sdk/go/fn"

	"github.com/cce-ingress-https/cce-ingress-https/config"
	"github.com/cce-ingress-https/cce-ingress-https/krmio"
	"github.com/cce-ingress-https/cce-ingress-https/live"
	"github.com/cce-ingress-https/cce-ingress-https/transformer"
	"github.com/cce-ingress-https/cce-ingress-https/validator"
)

// Pipeline runs the transformer and the validator on items, changing them in
// place, and returns every result, sorted: the configuration's problems,
// the input's, then the rules'. A configuration error stops it before
// anything is selected. It records what it did in st.counts.
func Pipeline(items []*krmio.Item, st *settings) fn.Results {
	var results fn.Results
	var state *live.State
	if !config.HasError(st.probs) {
		var more []config.Problem
		state, more = loadLive(st.cfg.LiveState)
		st.probs = append(st.probs, more...)
	}
	for _, p := range st.probs {
		r := &fn.Result{Severity: p.Severity, Message: "function config: " + p.Message, ResourceRef: st.ref, File: st.file,
			Tags: map[string]string{"rule": "config"}}
		if p.Field != "" {
			r.Field = &fn.Field{Path: p.Field}
		}
		results = append(results, r)
	}
	st.counts = counts{passed: passedItems(items)}
	if config.HasError(st.probs) {
		results = append(results, validator.InputResults(items)...)
		validator.SortResults(results)
		return results
	}
	state.AddExported(items) // before the transformer changes them
	tr := st.cfg.Transform
	tr.Live = state
	out := transformer.Apply(items, tr)
	results = append(results, out.Results...)
	opts := st.cfg.Validate
	opts.Selected, opts.Conflicts, opts.Live = out.Selected, out.Conflicts, state
	results = append(results, validator.Run(items, opts)...)
	validator.LinkPages(results)
	validator.SortResults(results)
	st.counts.count(items, out, opts)
	return results
}

// passedItems lists the items the function does not own (--verbose prints
// why); a million of them cost a pointer each.
func passedItems(items []*krmio.Item) []*krmio.Item {
	var passed []*krmio.Item
	for _, it := range items {
		if it.Problem != "" || !it.HasObject() {
			continue
		}
		if validator.PassThrough(it) != "" {
			passed = append(passed, it)
		}
	}
	return passed
}
