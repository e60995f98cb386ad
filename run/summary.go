package run

import (
	"io"

	"github.com/kptdev/krm-functions-sdk/go/fn"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
	"github.com/cce-ingress-https/cce-ingress-https/krmio"
	"github.com/cce-ingress-https/cce-ingress-https/report"
	"github.com/cce-ingress-https/cce-ingress-https/transformer"
	"github.com/cce-ingress-https/cce-ingress-https/validator"
)

// counts is what a run did: the summary line's counts and the items
// passed through.
type counts struct {
	report.Summary
	passed     []*krmio.Item // the items the function does not own, passed through untouched
	usedConfig bool          // file mode: some app was checked with --config
}

// count records what the transformer and the validator did with items.
func (c *counts) count(items []*krmio.Item, out transformer.Outcome, opts validator.Options) {
	c.Ran, c.ValidateOnly, c.Selected = true, opts.ValidateOnly, len(out.Selected)
	for _, r := range out.Results {
		if r.Severity == fn.Info {
			c.Annotations++
		}
	}
	for _, it := range items {
		if !validator.IsIngress(it) || it.IsLocalConfig() {
			continue
		}
		c.Ingresses++
		// As the validator's scope: pool-protocol https or grpc, or selected.
		switch p := it.Annotation(cce.PoolProtocol); {
		case p == cce.HTTPS, p == cce.GRPC, out.Selected[it.Object()] && !out.Conflicts[it.Object()]:
			c.Checked++
		}
	}
}

// printPassed writes one info line per item passed through (--verbose).
func printPassed(w io.Writer, passed []*krmio.Item) {
	for _, it := range passed {
		io.WriteString(w, report.Line(&fn.Result{Severity: fn.Info, ResourceRef: validator.ItemRef(it.Node), File: it.File(),
			Message: "passed through untouched: " + validator.PassThrough(it), Tags: map[string]string{"rule": "input"}})+"\n")
	}
}

// Annotations that together mark kpt running the function (kpt fn render
// and kpt fn eval): kpt's package reader puts seqindent on every item, and
// the function runner an id. kustomize sets the id but never seqindent;
// kpt fn source sets seqindent but no id, and whoever reads the pipe
// after it may not show results.
const (
	kptSeqIndent = "internal.config.kubernetes.io/seqindent"
	runnerID     = "config.k8s.io/id"
)

// fromKpt reports whether kpt runs the function. kpt prints every result
// and then every stderr line, so under kpt the result lines would show
// twice; kustomize drops the results of a function that succeeded, so
// anywhere else the lines are needed. Unsure (no items) counts as not kpt:
// a line shown twice is better than an error not shown.
func fromKpt(items []*krmio.Item) bool {
	for _, it := range items {
		if it.HasObject() && it.Annotation(kptSeqIndent) != "" && it.Annotation(runnerID) != "" {
			return true
		}
	}
	return false
}
