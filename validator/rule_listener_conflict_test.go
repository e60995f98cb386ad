package validator

import (
	"testing"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
)

func TestListenerConflict(t *testing.T) {
	const elb = "kubernetes.io/elb.id: elb-1\nkubernetes.io/elb.port: \"443\"\n"
	ciphers := func(p string) string { return "kubernetes.io/elb.tls-ciphers-policy: " + p + "\n" }
	runCases(t, "listener-conflict", []ruleCase{
		{name: "same settings pass", yaml: ingress("a", elb+ciphers("tls-1-2"), simpleSpec) + ingress("b", elb+ciphers("tls-1-2"), simpleSpec)},
		{name: "different ports pass", yaml: ingress("a", elb+ciphers("tls-1-2"), simpleSpec) +
			ingress("b", "kubernetes.io/elb.id: elb-1\nkubernetes.io/elb.port: \"8443\"\n"+ciphers("tls-1-0"), simpleSpec)},
		{name: "different ELBs pass", yaml: ingress("a", elb+ciphers("tls-1-2"), simpleSpec) +
			ingress("b", "kubernetes.io/elb.id: elb-2\n"+ciphers("tls-1-0"), simpleSpec)},
		{name: "http2 false equals unset, ids spacing ignored", yaml: ingress("a", elb+"kubernetes.io/elb.tls-certificate-ids: c1,c2", simpleSpec) +
			ingress("b", elb+"kubernetes.io/elb.http2-enable: \"false\"\nkubernetes.io/elb.tls-certificate-ids: c1, c2", simpleSpec)},
		{name: "HTTP-backend Ingress on the same ELB is ignored", yaml: ingress("a", elb+ciphers("tls-1-2"), simpleSpec) +
			"apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: plain\n  namespace: shop\n  annotations:\n    kubernetes.io/elb.id: elb-1\n    kubernetes.io/elb.port: \"443\"\n"},
		{name: "ciphers differ: only the later Ingress is reported", yaml: ingress("a", elb+ciphers("tls-1-2"), simpleSpec) + ingress("b", elb+ciphers("tls-1-2-strict"), simpleSpec),
			want: []want{{sev: Warning, field: ann(cce.CiphersPolicy), msg: "with Ingress shop/a", current: "tls-1-2-strict", proposed: "tls-1-2"}}},
		{name: "default port 443 is shared", yaml: ingress("a", "kubernetes.io/elb.id: elb-1\n", simpleSpec) +
			ingress("b", elb+"kubernetes.io/elb.http2-enable: \"true\"", simpleSpec),
			want: []want{{sev: Warning, field: ann(cce.HTTP2Enable), msg: `kubernetes.io/elb.http2-enable "true" vs (unset)`, current: "true"}}},
		{name: "several settings in one finding, each later Ingress against the first", yaml: ingress("a", elb+ciphers("tls-1-2"), simpleSpec) +
			ingress("b", elb+ciphers("tls-1-2"), simpleSpec) +
			ingress("c", elb+ciphers("tls-1-0")+"kubernetes.io/elb.tls-certificate-ids: c9", simpleSpec),
			want: []want{{sev: Warning, field: ann(cce.CiphersPolicy), msg: `tls-ciphers-policy "tls-1-0" vs "tls-1-2"; kubernetes.io/elb.tls-certificate-ids "c9" vs (unset)`, current: "tls-1-0", proposed: "tls-1-2"}}},
		{name: "listen-ports HTTPS entry shares the listener", yaml: ingress("a", elb+ciphers("tls-1-2"), simpleSpec) +
			ingress("b", "kubernetes.io/elb.id: elb-1\nkubernetes.io/elb.listen-ports: '[{\"HTTP\":80},{\"HTTPS\":443}]'\n"+ciphers("tls-1-1"), simpleSpec),
			want: []want{{sev: Warning, field: ann(cce.CiphersPolicy), msg: "port 443 with Ingress shop/a", current: "tls-1-1", proposed: "tls-1-2"}}},
	})
}
