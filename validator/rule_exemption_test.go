package validator

import (
	"testing"
)

func TestExemption(t *testing.T) {
	runCases(t, "exemption", []ruleCase{
		{name: "exemption with a reason passes", yaml: ingress("web", `ignore-rule.cce-ingress-https/dedicated-elb: "ELB class set by the platform team"`, simpleSpec)},
		{name: "no exemption passes", yaml: ingress("web", "", simpleSpec)},
		{name: "empty reason is an error", yaml: ingress("web", `ignore-rule.cce-ingress-https/tls-secret: ""`, simpleSpec),
			want: []want{{sev: Error, field: "metadata.annotations[ignore-rule.cce-ingress-https/tls-secret]", msg: "gives no reason, so it is not applied"}}},
		{name: "blank reason is an error", yaml: ingress("web", `ignore-rule.cce-ingress-https/tls-secret: "  "`, simpleSpec),
			want: []want{{sev: Error, field: "metadata.annotations[ignore-rule.cce-ingress-https/tls-secret]", msg: "gives no reason"}}},
		{name: "unknown rule is a warning", yaml: ingress("web", `ignore-rule.cce-ingress-https/tls-secrets: "typo"`, simpleSpec),
			want: []want{{sev: Warning, field: "metadata.annotations[ignore-rule.cce-ingress-https/tls-secrets]", msg: "unknown rule tls-secrets"}}},
	})
}
