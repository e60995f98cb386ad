package validator

import (
	"testing"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
)

func TestHTTPSAnnotations(t *testing.T) {
	validate := Options{ValidateOnly: true, Port: 443, CiphersPolicy: "tls-1-2"}
	complete := "kubernetes.io/elb.port: \"443\"\nkubernetes.io/elb.tls-ciphers-policy: tls-1-2"
	bare := "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: shop\n"
	runCases(t, "https-annotations", []ruleCase{
		{name: "complete annotations pass", opts: validate, selectAll: true, yaml: ingress("web", complete, simpleSpec)},
		{name: "silent without validateOnly", opts: Options{Port: 443, CiphersPolicy: "tls-1-2"}, selectAll: true, yaml: bare},
		{name: "silent on Ingresses not selected", opts: validate, yaml: bare},
		{name: "all three missing", opts: validate, selectAll: true, yaml: bare,
			want: []want{
				{sev: Error, field: ann(cce.PoolProtocol), msg: "is missing, want \"https\"", proposed: "https"},
				{sev: Error, field: ann(cce.Port), msg: "is missing, want \"443\"", proposed: "443"},
				{sev: Error, field: ann(cce.CiphersPolicy), msg: "is missing, want \"tls-1-2\"", proposed: "tls-1-2"},
			}},
		{name: "values differ from the config", opts: Options{ValidateOnly: true, Port: 8443, CiphersPolicy: "tls-1-2-strict"}, selectAll: true,
			yaml: ingress("web", complete, simpleSpec),
			want: []want{
				{sev: Error, field: ann(cce.Port), msg: `is "443", want "8443"`, current: "443", proposed: "8443"},
				{sev: Error, field: ann(cce.CiphersPolicy), msg: `want "tls-1-2-strict"`, current: "tls-1-2", proposed: "tls-1-2-strict"},
			}},
		{name: "a number is not the string the function writes", opts: validate, selectAll: true,
			yaml: ingress("web", "kubernetes.io/elb.port: 443\nkubernetes.io/elb.tls-ciphers-policy: tls-1-2", simpleSpec),
			want: []want{{sev: Error, field: ann(cce.Port), msg: `kubernetes.io/elb.port is not a string (see ingress-schema), want "443"`, proposed: "443"}}},
		{name: "a conflicting pool-protocol is backend-protocol's finding", opts: validate, selectAll: true,
			yaml: bare + "  annotations:\n    kubernetes.io/elb.pool-protocol: http\n"},
	})
}
