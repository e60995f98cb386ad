package validator

import (
	"testing"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
)

func TestCiphersPolicy(t *testing.T) {
	field := ann(cce.CiphersPolicy)
	runCases(t, "ciphers-policy", []ruleCase{
		{name: "tls-1-2 passes", yaml: ingress("web", "kubernetes.io/elb.tls-ciphers-policy: tls-1-2", simpleSpec)},
		{name: "tls-1-2-fs-with-1-3 passes", yaml: ingress("web", "kubernetes.io/elb.tls-ciphers-policy: tls-1-2-fs-with-1-3", simpleSpec)},
		{name: "unset passes", yaml: ingress("web", "", simpleSpec)},
		{name: "unknown is an error", yaml: ingress("web", "kubernetes.io/elb.tls-ciphers-policy: tls-1-3", simpleSpec),
			want: []want{{sev: Error, field: field, msg: `"tls-1-3", not a CCE policy`, current: "tls-1-3", proposed: "tls-1-2"}}},
		{name: "unknown proposes the configured policy", opts: Options{CiphersPolicy: "tls-1-2-strict"},
			yaml: ingress("web", "kubernetes.io/elb.tls-ciphers-policy: TLS-1-2", simpleSpec),
			want: []want{{sev: Error, field: field, msg: "not a CCE policy", current: "TLS-1-2", proposed: "tls-1-2-strict"}}},
		{name: "tls-1-0 is a warning", yaml: ingress("web", "kubernetes.io/elb.tls-ciphers-policy: tls-1-0", simpleSpec),
			want: []want{{sev: Warning, field: field, msg: "tls-1-0, which lets clients use TLS 1.0: use tls-1-2", current: "tls-1-0", proposed: "tls-1-2"}}},
		{name: "tls-1-1 allows TLS 1.1, not 1.0", yaml: ingress("web", "kubernetes.io/elb.tls-ciphers-policy: tls-1-1", simpleSpec),
			want: []want{{sev: Warning, field: field, msg: "tls-1-1, which lets clients use TLS 1.1 (and 1.2): use tls-1-2", current: "tls-1-1", proposed: "tls-1-2"}}},
		{name: "tls-1-2-strict-no-cbc is a strong ELB policy", yaml: ingress("web", "kubernetes.io/elb.tls-ciphers-policy: tls-1-2-strict-no-cbc", simpleSpec),
			want: []want{{sev: Info, field: field, msg: "a strong policy from ELB's own list (elb_ug_jt_0022); CCE's annotation table lists fewer policies", current: "tls-1-2-strict-no-cbc"}}},
		{name: "a weak configured policy is reported once, on the config, not on the selected Ingresses it writes",
			opts: Options{CiphersPolicy: "tls-1-0"}, selectAll: true,
			yaml: ingress("a", "kubernetes.io/elb.tls-ciphers-policy: tls-1-0", simpleSpec) + ingress("b", "kubernetes.io/elb.tls-ciphers-policy: tls-1-0", simpleSpec),
			want: []want{{sev: Warning, field: "ciphersPolicy", msg: "function config: ciphersPolicy is tls-1-0, which lets clients use TLS 1.0, and the function writes it on every selected Ingress", current: "tls-1-0", proposed: "tls-1-2"}}},
		{name: "hybrid-policy-1-0 is a warning", yaml: ingress("web", "kubernetes.io/elb.tls-ciphers-policy: hybrid-policy-1-0", simpleSpec),
			want: []want{{sev: Warning, field: field, msg: "lets clients use TLS 1.0", current: "hybrid-policy-1-0", proposed: "tls-1-2"}}},
		{name: "weak configured policy still proposes tls-1-2", opts: Options{CiphersPolicy: "tls-1-1"},
			yaml: ingress("web", "kubernetes.io/elb.tls-ciphers-policy: tls-1-1", simpleSpec),
			want: []want{
				{sev: Warning, field: "ciphersPolicy", msg: "function config: ciphersPolicy is tls-1-1", current: "tls-1-1", proposed: "tls-1-2"},
				{sev: Warning, field: field, msg: "TLS 1.1", current: "tls-1-1", proposed: "tls-1-2"},
			}},
		{name: "custom security policy wins", yaml: ingress("web", "kubernetes.io/elb.tls-ciphers-policy: tls-1-0\nkubernetes.io/elb.security_policy_id: sp-123", simpleSpec),
			want: []want{{sev: Info, field: ann(cce.SecurityPolicyID), msg: "custom security policy \"sp-123\" takes effect", current: "sp-123"}}},
		{name: "custom policy does not hide an unknown value", yaml: ingress("web", "kubernetes.io/elb.tls-ciphers-policy: nope\nkubernetes.io/elb.security_policy_id: sp-123", simpleSpec),
			want: []want{
				{sev: Error, field: field, msg: "not a CCE policy", current: "nope", proposed: "tls-1-2"},
				{sev: Info, field: ann(cce.SecurityPolicyID), msg: "is ignored", current: "sp-123"},
			}},
	})
}
