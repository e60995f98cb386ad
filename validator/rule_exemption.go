package validator

import (
	"sort"
	"strings"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
)

func checkExemptions(c *Context, ing *Ingress) []Finding {
	var keys []string
	for k := range ing.Annotations {
		if strings.HasPrefix(k, cce.IgnoreRulePrefix) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var out []Finding
	for _, k := range keys {
		id := strings.TrimPrefix(k, cce.IgnoreRulePrefix)
		field := AnnotationField(k)
		if !c.known[id] {
			out = append(out, Finding{Severity: Warning, Field: field,
				Message: "exemption names unknown rule " + id + ": use a rule id from the README's rule table"})
			continue
		}
		if strings.TrimSpace(ing.Annotations[k]) == "" {
			out = append(out, Finding{Severity: Error, Field: field,
				Message: "exemption from rule " + id + " gives no reason, so it is not applied: write why the rule does not apply as the annotation's value"})
		}
	}
	return out
}
