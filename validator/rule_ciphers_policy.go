package validator

import (
	"strconv"
	"strings"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
)

// checkCiphersPolicy: an unset policy is not reported (the transformer sets
// it on selected Ingresses; on others the ELB's default applies).
func checkCiphersPolicy(c *Context, ing *Ingress) []Finding {
	policy, ok := ing.Annotations[cce.CiphersPolicy]
	if !ok {
		return nil
	}
	field := AnnotationField(cce.CiphersPolicy)
	want := c.CiphersPolicy
	if want == "" || cce.WeakCiphersPolicy(want) {
		want = cce.DefaultCiphers
	}
	custom := strings.TrimSpace(ing.Annotations[cce.SecurityPolicyID])
	var out []Finding
	switch {
	case !cce.KnownCiphersPolicy(policy):
		out = append(out, Finding{Severity: Error, Field: field, Current: policy, Proposed: want,
			Message: cce.CiphersPolicy + " is " + strconv.Quote(policy) + ", not a CCE policy: use " + want +
				" (known: " + strings.Join(cce.CiphersPolicies, ", ") + ")"})
	case cce.WeakCiphersPolicy(policy) && custom == "":
		// Under a custom policy the weak value is ignored, so it is not a risk.
		out = append(out, Finding{Severity: Warning, Field: field, Current: policy, Proposed: want,
			Message: cce.CiphersPolicy + " is " + policy + ", which lets clients use TLS 1.0 or 1.1: use " + want +
				" unless old clients need it"})
	}
	if custom != "" {
		out = append(out, Finding{Severity: Info, Field: AnnotationField(cce.SecurityPolicyID), Current: custom,
			Message: "the custom security policy " + strconv.Quote(custom) + " takes effect and " + cce.CiphersPolicy + " (" + policy +
				") is ignored: make sure the custom policy allows only TLS 1.2 or later"})
	}
	return out
}
