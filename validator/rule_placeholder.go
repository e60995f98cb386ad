package validator

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation"
)

// placeholderPattern matches the angle-bracket placeholders that examples
// and the CCE documentation use, such as <your_elb_id>.
var placeholderPattern = regexp.MustCompile(`<[^<>]+>`)

// checkPlaceholders reports values copied from an example and never filled
// in: a placeholder in a kubernetes.io/elb.* annotation, and a TLS Secret or
// backend Service name that is a placeholder or not a valid Kubernetes name
// (the API server, or CCE when it looks the object up, would refuse it).
func checkPlaceholders(c *Context, ing *Ingress) []Finding {
	var out []Finding
	keys := make([]string, 0, len(ing.Annotations))
	for k := range ing.Annotations {
		if strings.HasPrefix(k, elbAnnotationPrefix) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		v := ing.Annotations[k]
		if p := placeholderPattern.FindString(v); p != "" {
			out = append(out, Finding{Severity: Error, Field: AnnotationField(k), Current: v,
				Message: k + " holds the placeholder " + p + ": replace the placeholder with the real value"})
		}
	}
	for _, t := range ing.TLS {
		out = append(out, checkName(t.Field+".secretName", "Secret", t.SecretName, validation.IsDNS1123Subdomain)...)
	}
	backends := []*Backend{ing.Default}
	for _, p := range ing.Paths {
		backends = append(backends, p.Backend)
	}
	for _, b := range backends {
		if b != nil {
			out = append(out, checkName(b.NameField, "Service", b.ServiceName, validation.IsDNS1035Label)...)
		}
	}
	return out
}

// elbAnnotationPrefix starts every annotation CCE's ELB controller reads.
const elbAnnotationPrefix = "kubernetes.io/elb."

// checkName checks a referenced object's name with the API server's own
// validation; "" is another rule's business.
func checkName(field, kind, name string, valid func(string) []string) []Finding {
	if name == "" {
		return nil
	}
	if p := placeholderPattern.FindString(name); p != "" {
		return []Finding{{Severity: Error, Field: field, Current: name,
			Message: kind + " name " + strconv.Quote(name) + " is the placeholder " + p + ": replace the placeholder with the name of your " + kind}}
	}
	if errs := valid(name); len(errs) > 0 {
		return []Finding{{Severity: Error, Field: field, Current: name,
			Message: kind + " name " + strconv.Quote(name) + " is not a valid Kubernetes name (" + strings.Join(errs, "; ") +
				"): if it is a placeholder, replace the placeholder with the name of your " + kind}}
	}
	return nil
}
