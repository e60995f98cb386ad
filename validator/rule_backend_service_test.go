package validator

import (
	"testing"
)

func service(name, typ, ports string) string {
	return "apiVersion: v1\nkind: Service\nmetadata:\n  name: " + name + "\n  namespace: shop\nspec:\n  type: " + typ + "\n  ports:\n" + indent(ports, "  ") + "---\n"
}

func TestBackendService(t *testing.T) {
	const https = "- name: https\n  port: 443\n"
	byName := `
ingressClassName: cce
tls: [{secretName: web-tls}]
defaultBackend:
  service: {name: web, port: {name: https}}
rules:
- http:
    paths:
    - path: /a
      pathType: Prefix
      backend: {service: {name: web, port: {number: 443}}}
    - path: /b
      pathType: Prefix
      backend: {service: {name: web, port: {number: 8443}}}
`
	name, port := "spec.rules[0].http.paths[0].backend.service.name", "spec.rules[0].http.paths[0].backend.service.port"
	runCases(t, "backend-service", []ruleCase{
		{name: "NodePort with the port passes", yaml: ingress("web", "", simpleSpec) + service("web", "NodePort", https)},
		{name: "LoadBalancer passes", yaml: ingress("web", "", simpleSpec) + service("web", "LoadBalancer", https)},
		{name: "port by name passes", yaml: ingress("web", "", `
defaultBackend:
  service: {name: web, port: {name: https}}`) + service("web", "NodePort", https)},
		{name: "Service absent", yaml: ingress("web", "", simpleSpec),
			want: []want{{sev: Warning, field: name, msg: "Service shop/web is not in the input", current: "web"}}},
		{name: "Service in another namespace is absent", yaml: ingress("web", "", simpleSpec) +
			"apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: other}\nspec: {type: NodePort, ports: [{port: 443}]}\n",
			want: []want{{sev: Warning, field: name, msg: "not in the input", current: "web"}}},
		{name: "local-config Service does not count", yaml: ingress("web", "", simpleSpec) +
			"apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop, annotations: {config.kubernetes.io/local-config: \"true\"}}\nspec: {type: NodePort, ports: [{port: 443}]}\n",
			want: []want{{sev: Warning, field: name, msg: "not in the input", current: "web"}}},
		{name: "port number missing", yaml: ingress("web", "", simpleSpec) + service("web", "NodePort", "- name: http\n  port: 80\n"),
			want: []want{{sev: Error, field: port, msg: "has no port 443 (it has: http/80)", current: 443}}},
		{name: "only the wrong path's port is reported", yaml: ingress("web", "", byName) + service("web", "NodePort", https),
			want: []want{{sev: Error, field: "spec.rules[0].http.paths[1].backend.service.port", msg: "has no port 8443", current: 8443}}},
		{name: "port name missing", yaml: ingress("web", "", `
defaultBackend:
  service: {name: web, port: {name: grpc}}`) + service("web", "NodePort", https),
			want: []want{{sev: Error, field: "spec.defaultBackend.service.port", msg: `has no port "grpc"`, current: "grpc"}}},
		{name: "Service without ports", yaml: ingress("web", "", simpleSpec) + "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {type: NodePort, ports: []}\n",
			want: []want{{sev: Error, field: port, msg: "has no ports", current: 443}}},
		{name: "ClusterIP warns once per Service", yaml: ingress("web", "", byName) + service("web", "ClusterIP", https+"- port: 8443\n"),
			want: []want{{sev: Warning, field: "spec.defaultBackend.service.name", msg: "CCE Turbo", current: "web"}}},
		{name: "ExternalName is an error", yaml: ingress("web", "", simpleSpec) + service("web", "ExternalName", https),
			want: []want{{sev: Error, field: name, msg: "ExternalName", current: "web"}}},
		{name: "unknown type is an error", yaml: ingress("web", "", simpleSpec) + service("web", "Weird", https),
			want: []want{{sev: Error, field: name, msg: `"Weird", not a Kubernetes Service type`, current: "web"}}},
		{name: "v1beta1 serviceName and servicePort", yaml: `
apiVersion: extensions/v1beta1
kind: Ingress
metadata:
  name: old
  namespace: shop
  annotations: {kubernetes.io/elb.pool-protocol: https}
spec:
  rules:
  - http:
      paths:
      - path: /
        backend: {serviceName: web, servicePort: 80}
      - path: /x
        backend: {serviceName: web, servicePort: "443"}
      - path: /y
        backend: {serviceName: web, servicePort: http}
---
` + service("web", "NodePort", https),
			want: []want{
				{sev: Error, field: "spec.rules[0].http.paths[0].backend.servicePort", msg: "has no port 80", current: 80},
				{sev: Error, field: "spec.rules[0].http.paths[2].backend.servicePort", msg: `has no port "http"`, current: "http"},
			}},
	})
}
