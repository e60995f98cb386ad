package validator

import (
	"strings"
	"testing"
)

func TestPlaceholder(t *testing.T) {
	tlsField := "spec.tls[0].secretName"
	nameField := "spec.rules[0].http.paths[0].backend.service.name"
	runCases(t, "placeholder", []ruleCase{
		{name: "real values pass", yaml: ingress("web", "kubernetes.io/elb.id: 0b3c7f5e-2a1d-4c8e-9f6a-1d2e3f4a5b6c", simpleSpec)},
		{name: "ELB id placeholder", yaml: ingress("web", "kubernetes.io/elb.id: <your_elb_id>", simpleSpec),
			want: []want{{sev: Error, field: "metadata.annotations[kubernetes.io/elb.id]", msg: "kubernetes.io/elb.id holds the placeholder <your_elb_id>: replace the placeholder", current: "<your_elb_id>"}}},
		{name: "placeholder inside a JSON annotation", yaml: ingress("web", `kubernetes.io/elb.autocreate: '{"type":"public","name":"<elb name>"}'`, simpleSpec),
			want: []want{{sev: Error, field: "metadata.annotations[kubernetes.io/elb.autocreate]", msg: "holds the placeholder <elb name>", current: `{"type":"public","name":"<elb name>"}`}}},
		{name: "annotations in key order", yaml: ingress("web", "kubernetes.io/elb.port: <port>\nkubernetes.io/elb.id: <id>", simpleSpec),
			want: []want{
				{sev: Error, field: "metadata.annotations[kubernetes.io/elb.id]", msg: "<id>", current: "<id>"},
				{sev: Error, field: "metadata.annotations[kubernetes.io/elb.port]", msg: "<port>", current: "<port>"},
			}},
		{name: "other annotations are not ours", yaml: ingress("web", "example.com/note: <anything>", simpleSpec)},
		{name: "Secret placeholder", yaml: ingress("web", "", replace(simpleSpec, "secretName: web-tls", "secretName: <your_secret_name>")),
			want: []want{{sev: Error, field: tlsField, msg: `Secret name "<your_secret_name>" is the placeholder <your_secret_name>: replace the placeholder`, current: "<your_secret_name>"}}},
		{name: "Secret name not valid", yaml: ingress("web", "", replace(simpleSpec, "secretName: web-tls", "secretName: Web_TLS")),
			want: []want{{sev: Error, field: tlsField, msg: `Secret name "Web_TLS" is not a valid Kubernetes name`, current: "Web_TLS"}}},
		{name: "Service placeholder", yaml: ingress("web", "", replace(simpleSpec, "name: web\n", "name: <your_service_name>\n")),
			want: []want{{sev: Error, field: nameField, msg: `Service name "<your_service_name>" is the placeholder <your_service_name>: replace the placeholder`, current: "<your_service_name>"}}},
		{name: "Service name not a DNS-1035 label", yaml: ingress("web", "", replace(simpleSpec, "name: web\n", "name: 1web\n")),
			want: []want{{sev: Error, field: nameField, msg: `Service name "1web" is not a valid Kubernetes name`, current: "1web"}}},
		{name: "Ingresses without HTTPS backends are not checked", yaml: replace(ingress("web", "kubernetes.io/elb.id: <id>", simpleSpec), "kubernetes.io/elb.pool-protocol: https\n", "")},
	})
}

func replace(s, old, new string) string { return strings.Replace(s, old, new, 1) }
