package validator

import (
	"testing"
)

func TestIngressSchema(t *testing.T) {
	runCases(t, "ingress-schema", []ruleCase{
		{name: "well-formed passes", yaml: ingress("web", "kubernetes.io/elb.port: \"443\"", simpleSpec)},
		{name: "v1beta1 backend passes", yaml: "apiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata: {name: old}\nspec:\n  backend: {serviceName: web, servicePort: 443}\n"},
		{name: "unquoted number annotation", yaml: ingress("web", "kubernetes.io/elb.port: 443", simpleSpec),
			want: []want{{sev: Error, field: "metadata.annotations[kubernetes.io/elb.port]", msg: "must be a string, found the number 443: quote the value"}}},
		{name: "boolean annotation", yaml: ingress("web", "kubernetes.io/elb.http2-enable: true", simpleSpec),
			want: []want{{sev: Error, field: "metadata.annotations[kubernetes.io/elb.http2-enable]", msg: `(for example "true")`}}},
		{name: "checked on every Ingress, a warning on one the function does not handle", yaml: "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: x}\nspec:\n  rules: {}\n",
			want: []want{{sev: Warning, field: "spec.rules", msg: "must be a list, found a mapping"}}},
		{name: "metadata not a mapping stays an error on any Ingress", yaml: "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: [web]\n",
			want: []want{{sev: Error, field: "metadata", msg: "metadata must be a mapping, found a list"}}},
		{name: "an error on a selected Ingress", selectAll: true, yaml: "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: x}\nspec:\n  rules: {}\n",
			want: []want{{sev: Error, field: "spec.rules", msg: "must be a list, found a mapping"}}},
		{name: "path without backend", yaml: ingress("web", "", "rules:\n- http:\n    paths:\n    - path: /\n      pathType: Prefix\n"),
			want: []want{{sev: Error, field: "spec.rules[0].http.paths[0].backend", msg: "path has no backend"}}},
		{name: "port number as a string", yaml: ingress("web", "", "defaultBackend:\n  service: {name: web, port: {number: \"443\"}}\n"),
			want: []want{{sev: Error, field: "spec.defaultBackend.service.port.number", msg: "must be an integer"}}},
		{name: "annotations a list", selectAll: true, yaml: "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: x\n  annotations: [a]\n",
			want: []want{{sev: Error, field: "metadata.annotations", msg: "must be a mapping, found a list"}}},
		{name: "tls secretName a number", yaml: ingress("web", "", "tls:\n- secretName: 12\n"),
			want: []want{{sev: Error, field: "spec.tls[0].secretName", msg: "must be a string"}}},
	})
}
