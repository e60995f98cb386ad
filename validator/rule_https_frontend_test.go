package validator

import (
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
		{name: "listen-ports with HTTPS passes", yaml: ingress("web", `kubernetes.io/elb.listen-ports: '[{"HTTP":80},{"HTTPS":443}]'`, simpleSpec)},
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
