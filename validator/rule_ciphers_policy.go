package validator

import (
	"strconv"
	"strings"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
)

// checkCiphersPolicy: an unset policy is not reported (the transformer sets
// it on selected Ingresses; on others the ELB's default applies). A weak
// policy the function writes itself is reported once, on the config
// (checkCiphersConfig), not on every Ingress it will overwrite again.
func checkCiphersPolicy(c *Context, ing *Ingress) []Finding {
	policy, ok := ing.Annotations[cce.CiphersPolicy]
	if !ok {
		return nil
	}
	field := AnnotationField(cce.CiphersPolicy)
	want := strongPolicy(c.CiphersPolicy)
	custom := strings.TrimSpace(ing.Annotations[cce.SecurityPolicyID])
	written := ing.Selected && !c.Conflicts[ing.Item.Object()] && policy == c.CiphersPolicy
	var out []Finding
	switch {
	case !cce.KnownCiphersPolicy(policy):
		out = append(out, Finding{Severity: Error, Field: field, Current: policy, Proposed: want,
			Message: cce.CiphersPolicy + " is " + strconv.Quote(policy) + ", not a CCE policy: use " + want +
				" (known: " + strings.Join(cce.CiphersPolicies, ", ") + ")"})
	case cce.WeakCiphersPolicy(policy) && custom == "" && !written:
		// Under a custom policy the weak value is ignored, so it is not a risk.
		out = append(out, Finding{Severity: Warning, Field: field, Current: policy, Proposed: want,
			Message: cce.CiphersPolicy + " is " + policy + ", which " + allows(policy) + ": use " + want +
				" unless old clients need it"})
	case cce.ELBOnlyPolicies[policy] && !cce.WeakCiphersPolicy(policy):
		out = append(out, Finding{Severity: Info, Field: field, Current: policy,
			Message: cce.CiphersPolicy + " is " + policy + ", a strong policy from ELB's own list (elb_ug_jt_0022); CCE's annotation table lists fewer policies, " +
				"so if the listener rejects it, use " + cce.DefaultCiphers + " or tls-1-2-strict"})
	}
	if custom != "" {
		out = append(out, Finding{Severity: Info, Field: AnnotationField(cce.SecurityPolicyID), Current: custom,
			Message: "the custom security policy " + strconv.Quote(custom) + " takes effect and " + cce.CiphersPolicy + " (" + policy +
				") is ignored: make sure the custom policy allows only TLS 1.2 or later"})
	}
	return out
}

// checkCiphersConfig reports a weak ciphersPolicy in the function config
// once: the function writes it on every selected Ingress.
func checkCiphersConfig(c *Context) []Finding {
	if !cce.WeakCiphersPolicy(c.CiphersPolicy) {
		return nil
	}
	return []Finding{{Severity: Warning, Field: "ciphersPolicy", Current: c.CiphersPolicy, Proposed: cce.DefaultCiphers,
		Message: "function config: ciphersPolicy is " + c.CiphersPolicy + ", which " + allows(c.CiphersPolicy) +
			", and the function writes it on every selected Ingress: use " + cce.DefaultCiphers + " unless old clients need it"}}
}

// strongPolicy is the policy to propose: the configured one unless it is
// unset or weak.
func strongPolicy(configured string) string {
	if configured == "" || cce.WeakCiphersPolicy(configured) {
		return cce.DefaultCiphers
	}
	return configured
}

func allows(policy string) string {
	if cce.OldestTLS(policy) == "1.1" {
		return "lets clients use TLS 1.1 (and 1.2)"
	}
	return "lets clients use TLS 1.0"
}
