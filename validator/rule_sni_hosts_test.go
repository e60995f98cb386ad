package validator

import (
	"strings"
	"testing"
)

func TestSNIHosts(t *testing.T) {
	withTLS := func(tls string) string {
		return strings.Replace(simpleSpec, "tls:\n- secretName: web-tls\n", "tls:\n"+tls, 1)
	}
	runCases(t, "sni-hosts", []ruleCase{
		{name: "server certificate without hosts passes", yaml: ingress("web", "", simpleSpec)},
		{name: "one host per entry passes", yaml: ingress("web", "", withTLS("- secretName: web-tls\n- secretName: a-tls\n  hosts: [a.example.com]\n- secretName: b-tls\n  hosts: ['*.b.example.com']\n"))},
		{name: "two hosts in one entry", yaml: ingress("web", "", withTLS("- secretName: web-tls\n- secretName: ab-tls\n  hosts: [a.example.com, b.example.com]\n")),
			want: []want{{sev: Error, field: "spec.tls[1].hosts", current: "a.example.com,b.example.com",
				msg: "spec.tls[1] names 2 hosts (a.example.com, b.example.com), but an SNI certificate on ELB takes one domain name (cce_10_0688"}}},
		{name: "a single entry for several hosts is taken as the server certificate", yaml: ingress("web", "", withTLS("- secretName: ab-tls\n  hosts: [a.example.com, b.example.com]\n"))},
		{name: "after a first entry with hosts, another with two hosts is SNI", yaml: ingress("web", "", withTLS("- secretName: a-tls\n  hosts: [a.example.com]\n- secretName: bc-tls\n  hosts: [b.example.com, c.example.com]\n")),
			want: []want{{sev: Error, field: "spec.tls[1].hosts", current: "b.example.com,c.example.com", msg: "spec.tls[1] names 2 hosts"}}},
		{name: "with ELB certificates spec.tls is not read", yaml: ingress("web", "kubernetes.io/elb.tls-certificate-ids: c1", withTLS("- secretName: ab-tls\n  hosts: [a.example.com, b.example.com]\n"))},
		{name: "an HTTP-backend Ingress is not checked", yaml: "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: plain}\nspec:\n  tls:\n  - secretName: x\n    hosts: [a.example.com, b.example.com]\n"},
	})
}
