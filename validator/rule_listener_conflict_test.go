package validator

import (
	"strings"
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
			want: []want{{sev: Warning, field: ann(cce.CertificateIDs), msg: `(server certificate ELB certificate "c9" vs Secret "web-tls"; kubernetes.io/elb.tls-ciphers-policy "tls-1-0" vs "tls-1-2")`, current: "c9"}}},
		{name: "listen-ports HTTPS entry shares the listener", yaml: ingress("a", elb+ciphers("tls-1-2"), simpleSpec) +
			ingress("b", "kubernetes.io/elb.id: elb-1\nkubernetes.io/elb.listen-ports: '[{\"HTTP\":80},{\"HTTPS\":443}]'\n"+ciphers("tls-1-1"), simpleSpec),
			want: []want{{sev: Warning, field: ann(cce.CiphersPolicy), msg: "port 443 with Ingress shop/a", current: "tls-1-1", proposed: "tls-1-2"}}},
		{name: "the earliest created wins, whatever the input order", yaml: createdAt(ingress("a", elb+ciphers("tls-1-2-strict"), simpleSpec), "2024-06-01T08:00:00Z") +
			createdAt(ingress("b", elb+ciphers("tls-1-2"), simpleSpec), "2024-05-01T08:00:00Z"),
			want: []want{{sev: Warning, field: ann(cce.CiphersPolicy), msg: "with Ingress shop/b, whose listener settings win (the earliest creationTimestamp)", current: "tls-1-2-strict", proposed: "tls-1-2"}}},
		{name: "listener-master-ingress names the first", yaml: ingress("a", elb+ciphers("tls-1-2")+"kubernetes.io/elb.listener-master-ingress: shop/b", simpleSpec) +
			ingress("b", elb+ciphers("tls-1-2-strict"), simpleSpec),
			want: []want{{sev: Warning, field: ann(cce.CiphersPolicy), msg: "with Ingress shop/b, whose listener settings win (named first by kubernetes.io/elb.listener-master-ingress on Ingress shop/a)", current: "tls-1-2", proposed: "tls-1-2-strict"}}},
		{name: "input order is said to be assumed, and whose settings are ignored", yaml: ingress("a", elb+ciphers("tls-1-2"), simpleSpec) + ingress("b", elb+ciphers("tls-1-2-strict"), simpleSpec),
			want: []want{{sev: Warning, field: ann(cce.CiphersPolicy), msg: "so creation in input order is assumed), but declares different ones (kubernetes.io/elb.tls-ciphers-policy \"tls-1-2-strict\" vs \"tls-1-2\"); CCE applies shop/a's and silently ignores these on shop/b", current: "tls-1-2-strict", proposed: "tls-1-2"}}},
		{name: "spec.tls server certificates are compared", yaml: ingress("a", elb, simpleSpec) + ingress("b", elb, strings.Replace(simpleSpec, "web-tls", "other-tls", 1)),
			want: []want{{sev: Warning, field: "spec.tls[0].secretName", msg: `server certificate Secret "other-tls" vs Secret "web-tls"`, current: "other-tls", proposed: "web-tls"}}},
		{name: "an Ingress with only host-bound spec.tls entries declares no server certificate", yaml: ingress("a", elb, strings.Replace(simpleSpec, "- secretName: web-tls\n", "- secretName: web-tls\n  hosts: [a.example.com]\n", 1)) +
			ingress("b", elb, strings.Replace(simpleSpec, "web-tls", "other-tls", 1))},
		{name: "SNI certificates are not compared", yaml: ingress("a", elb+"kubernetes.io/elb.tls-certificate-ids: c1,sni-1", simpleSpec) +
			ingress("b", elb+"kubernetes.io/elb.tls-certificate-ids: c1,sni-2", strings.Replace(simpleSpec, "- secretName: web-tls\n", "- secretName: web-tls\n- secretName: sni-tls\n  hosts: [b.example.com]\n", 1))},
		{name: "timeouts and the access list are compared", yaml: ingress("a", elb+"kubernetes.io/elb.keepalive_timeout: \"60\"\nkubernetes.io/elb.acl-id: acl-1", simpleSpec) +
			ingress("b", elb+"kubernetes.io/elb.keepalive_timeout: \"300\"\nkubernetes.io/elb.client_timeout: \"30\"\nkubernetes.io/elb.member_timeout: \"30\"\nkubernetes.io/elb.acl-id: acl-2\nkubernetes.io/elb.acl-status: \"on\"\nkubernetes.io/elb.acl-type: black", simpleSpec),
			want: []want{{sev: Warning, field: ann(cce.KeepaliveTimeout), current: "300", proposed: "60",
				msg: `(kubernetes.io/elb.keepalive_timeout "300" vs "60"; kubernetes.io/elb.client_timeout "30" vs (unset); kubernetes.io/elb.member_timeout "30" vs (unset); kubernetes.io/elb.acl-id "acl-2" vs "acl-1"; kubernetes.io/elb.acl-status "on" vs (unset); kubernetes.io/elb.acl-type "black" vs (unset))`}}},
		{name: "a gRPC Ingress shares the listener too", yaml: ingress("a", elb, simpleSpec) + grpcIngress("b", elb),
			want: []want{{sev: Warning, field: ann(cce.HTTP2Enable), msg: `kubernetes.io/elb.http2-enable "true" vs (unset)`, current: "true"}}},
	})
}

// createdAt gives an ingress() document a metadata.creationTimestamp.
func createdAt(doc, ts string) string {
	return strings.Replace(doc, "  namespace: shop\n", "  namespace: shop\n  creationTimestamp: \""+ts+"\"\n", 1)
}
