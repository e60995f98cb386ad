package report

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"

	"github.com/kptdev/krm-functions-sdk/go/fn"

	"github.com/cce-ingress-https/cce-ingress-https/validator"
)

// Summary is what one run did: the counts of the line that ends it.
type Summary struct {
	Ran          bool // the configuration was good: selection and checks ran
	ValidateOnly bool
	Ingresses    int // Ingresses in the input (local configuration aside)
	Selected     int
	Annotations  int // annotations set
	Checked      int // Ingresses checked as HTTPS or gRPC backends
	Passed       int // items passed through untouched
	// Unconfigured counts the kustomize apps (file mode) that list no
	// configuration of this function, when none was given either: they
	// are checked with the validateOnly rules only, nothing selected.
	Unconfigured int
}

// SummaryPrefix starts the summary line, which tells it from result lines.
const SummaryPrefix = "cce-ingress-https: "

// SummaryLine is the line that ends every run, e.g.
//
//	cce-ingress-https: 5 Ingresses, 3 selected, 9 annotations set, 4 checked as HTTPS or gRPC backends; 0 errors, 1 warning
//
// so a run that found nothing still shows what it looked at.
func SummaryLine(s Summary, results fn.Results) string {
	var errs, warns int
	// Where to read more: the first rule with an error, else with a warning.
	var firstError, firstWarning string
	for _, r := range results {
		_, isRule := validator.RuleByID(r.Tags["rule"])
		switch r.Severity {
		case fn.Error:
			errs++
			if isRule && firstError == "" {
				firstError = r.Tags["rule"]
			}
		case fn.Warning:
			warns++
			if isRule && firstWarning == "" {
				firstWarning = r.Tags["rule"]
			}
		}
	}
	explain := cmp.Or(firstError, firstWarning)
	var b strings.Builder
	b.WriteString(SummaryPrefix)
	if s.Ran {
		set := plural(s.Annotations, "annotation") + " set"
		if s.ValidateOnly {
			set = "nothing set (validateOnly)"
		}
		fmt.Fprintf(&b, "%s, %d selected, %s, %d checked as HTTPS or gRPC backends", plural(s.Ingresses, "Ingress"), s.Selected, set, s.Checked)
	} else {
		b.WriteString("nothing selected or changed")
	}
	if s.Passed > 0 {
		fmt.Fprintf(&b, ", %d passed through", s.Passed)
	}
	if s.Unconfigured > 0 {
		fmt.Fprintf(&b, ", %s without configuration checked with the validateOnly rules only (nothing selected: give --selector or --config)", plural(s.Unconfigured, "app"))
	}
	fmt.Fprintf(&b, "; %s, %s", plural(errs, "error"), plural(warns, "warning"))
	if explain != "" {
		fmt.Fprintf(&b, " (a rule's page: cce-ingress-https --explain %s)", explain)
	}
	return b.String()
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
