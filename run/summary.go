package run

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/kptdev/krm-functions-sdk/go/fn"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
	"github.com/cce-ingress-https/cce-ingress-https/krmio"
	"github.com/cce-ingress-https/cce-ingress-https/transformer"
	"github.com/cce-ingress-https/cce-ingress-https/validator"
)

// counts is what a run did, for the summary line.
type counts struct {
	ran                                      bool // the configuration was good: selection and checks ran
	validateOnly                             bool
	ingresses, selected, annotations, checks int
	passed                                   []passedItem
}

// passedItem is an item the function does not own, passed through untouched.
type passedItem struct {
	ref  *fn.ResourceRef
	file *fn.File
	why  string
}

// count records what the transformer and the validator did with items.
func (c *counts) count(items []*krmio.Item, out transformer.Outcome, opts validator.Options) {
	c.ran, c.validateOnly, c.selected = true, opts.ValidateOnly, len(out.Selected)
	for _, r := range out.Results {
		if r.Severity == fn.Info {
			c.annotations++
		}
	}
	for _, it := range items {
		if !validator.IsIngress(it) || it.Obj.IsLocalConfig() {
			continue
		}
		c.ingresses++
		if it.Obj.GetAnnotation(cce.PoolProtocol) == cce.HTTPS || out.Selected[it.Obj] && !out.Conflicts[it.Obj] {
			c.checks++
		}
	}
}

// summaryPrefix starts the summary line, telling it from result lines.
const summaryPrefix = "cce-ingress-https: "

// printSummary writes the line that ends every run, e.g.
//
//	cce-ingress-https: 5 Ingresses, 3 selected, 9 annotations set, 4 checked as HTTPS backends; 0 errors, 1 warning
//
// so a run that found nothing still shows that it looked.
func printSummary(w io.Writer, c counts, results fn.Results) {
	var errs, warns int
	for _, r := range results {
		switch r.Severity {
		case fn.Error:
			errs++
		case fn.Warning:
			warns++
		}
	}
	var b strings.Builder
	b.WriteString(summaryPrefix)
	if c.ran {
		set := plural(c.annotations, "annotation") + " set"
		if c.validateOnly {
			set = "nothing set (validateOnly)"
		}
		fmt.Fprintf(&b, "%s, %d selected, %s, %d checked as HTTPS backends", plural(c.ingresses, "Ingress"), c.selected, set, c.checks)
	} else {
		b.WriteString("nothing selected or changed")
	}
	if n := len(c.passed); n > 0 {
		fmt.Fprintf(&b, ", %d passed through", n)
	}
	fmt.Fprintf(&b, "; %s, %s\n", plural(errs, "error"), plural(warns, "warning"))
	io.WriteString(w, b.String())
}

// printPassed writes one info line per item passed through (--verbose).
func printPassed(w io.Writer, passed []passedItem) {
	for _, p := range passed {
		io.WriteString(w, Line(&fn.Result{Severity: fn.Info, ResourceRef: p.ref, File: p.file,
			Message: "passed through untouched: " + p.why, Tags: map[string]string{"rule": "input"}})+"\n")
	}
}

func plural(n int, noun string) string {
	s := strconv.Itoa(n) + " " + noun
	switch {
	case n == 1:
		return s
	case strings.HasSuffix(noun, "ss"):
		return s + "es"
	}
	return s + "s"
}

// kptSeqIndent is an annotation kpt puts on every item it reads from a
// package (kpt fn render and kpt fn eval); kustomize never does.
const kptSeqIndent = "internal.config.kubernetes.io/seqindent"

// fromKpt reports whether kpt sent the items. kpt prints every result and
// also every stderr line, so under kpt the result lines would show twice;
// kustomize drops the results of a function that succeeded, so anywhere
// else the lines are needed. Unsure (no items) counts as not kpt: a line
// shown twice is better than an error not shown.
func fromKpt(items []*krmio.Item) bool {
	for _, it := range items {
		if it.Obj != nil && it.Obj.GetAnnotation(kptSeqIndent) != "" {
			return true
		}
	}
	return false
}
