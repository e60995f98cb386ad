package validator

import (
	"strings"
	"testing"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
)

func TestHTTPSFrontend(t *testing.T) {
	noTLS := `
rules:
- http:
    paths:
    - path: /
      pathType: Prefix
      backend: {service: {name: web, port: {number: 443}}}
`
	runCases(t, "https-frontend", []ruleCase{
		{name: "spec.tls with secretName passes", yaml: ingress("web", "", simpleSpec)},
		{name: "certificate ids pass", yaml: ingress("web", "kubernetes.io/elb.tls-certificate-ids: cert-1,cert-2", noTLS)},
		{name: "listen-ports with HTTPS passes", yaml: ingress("web", `kubernetes.io/elb.listen-ports: '[{"HTTPS":443}]'`, simpleSpec)},
		{name: "an HTTP listener that redirects to HTTPS passes", yaml: ingress("web", "kubernetes.io/elb.listen-ports: '[{\"HTTP\":80},{\"HTTPS\":443}]'\nkubernetes.io/elb.ssl-redirect: \"true\"", simpleSpec)},
		{name: "an HTTP listener next to an HTTPS pool", yaml: ingress("web", `kubernetes.io/elb.listen-ports: '[{"HTTP":80},{"HTTPS":443}]'`, simpleSpec),
			want: []want{{sev: Error, field: ann(cce.ListenPorts), msg: "has an HTTP listener on port 80, whose backend protocol is HTTP and cannot be changed (ELB guide elb_ug_jt_0008), so it cannot forward to HTTPS backends", current: `[{"HTTP":80},{"HTTPS":443}]`}}},
		{name: "ssl-redirect other than true does not redirect", yaml: ingress("web", "kubernetes.io/elb.listen-ports: '[{\"HTTPS\":443},{\"HTTP\":8080}]'\nkubernetes.io/elb.ssl-redirect: \"yes\"", simpleSpec),
			want: []want{{sev: Error, field: ann(cce.ListenPorts), msg: `remove the {"HTTP":8080} entry, or set kubernetes.io/elb.ssl-redirect: "true"`, current: `[{"HTTPS":443},{"HTTP":8080}]`}}},
		{name: "a gRPC backend needs an HTTPS listener too", yaml: strings.Replace(grpcIngress("api", ""), "  tls:\n  - secretName: web-tls\n", "", 1),
			want: []want{{sev: Error, field: "spec.tls", msg: "CCE forwards to gRPC backends only from an HTTPS listener"}}},
		{name: "no TLS at all", yaml: ingress("web", "", noTLS),
			want: []want{{sev: Error, field: "spec.tls", msg: "no HTTPS listener"}}},
		{name: "tls entry without secretName", yaml: ingress("web", "", "tls:\n- hosts: [shop.example.com]\n"+noTLS),
			want: []want{{sev: Error, field: "spec.tls[0].secretName", msg: "names no secretName"}}},
		{name: "empty certificate id", yaml: ingress("web", "kubernetes.io/elb.tls-certificate-ids: 'cert-1,'", noTLS),
			want: []want{
				{sev: Error, field: ann(cce.CertificateIDs), msg: "empty certificate id", current: "cert-1,"},
				{sev: Error, field: "spec.tls", msg: "no HTTPS listener"},
			}},
		{name: "empty certificate ids with spec.tls still report the annotation", yaml: ingress("web", "kubernetes.io/elb.tls-certificate-ids: ''", simpleSpec),
			want: []want{{sev: Error, field: ann(cce.CertificateIDs), msg: "empty certificate id", current: ""}}},
		{name: "listen-ports without HTTPS", yaml: ingress("web", `kubernetes.io/elb.listen-ports: '[{"HTTP":80}]'`, simpleSpec),
			want: []want{{sev: Error, field: ann(cce.ListenPorts), msg: "declares no HTTPS listener", current: `[{"HTTP":80}]`}}},
		{name: "invalid listen-ports is left to listener-port", yaml: ingress("web", `kubernetes.io/elb.listen-ports: 'nope'`, simpleSpec)},
	})
}
