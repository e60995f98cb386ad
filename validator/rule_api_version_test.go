package validator

import (
	"strings"
	"testing"
)

func TestAPIVersion(t *testing.T) {
	const beta = `apiVersion: networking.k8s.io/v1beta1
kind: Ingress
metadata:
  name: old
  namespace: shop
  annotations:
    kubernetes.io/elb.pool-protocol: https
spec:
  backend: {serviceName: web, servicePort: 443}
  rules:
  - http:
      paths:
      - path: /
        backend: {serviceName: api, servicePort: https}
`
	runCases(t, "api-version", []ruleCase{
		{name: "v1 passes", yaml: ingress("web", "", simpleSpec)},
		{name: "an HTTP-backend v1beta1 Ingress is not checked", yaml: strings.Replace(beta, "    kubernetes.io/elb.pool-protocol: https\n", "", 1)},
		{name: "v1beta1 with an HTTPS backend gives the v1 backends", yaml: beta,
			want: []want{{sev: Error, field: "apiVersion", current: "networking.k8s.io/v1beta1", proposed: "networking.k8s.io/v1",
				msg: "the Ingress is networking.k8s.io/v1beta1, which Kubernetes 1.22 removed, and HTTPS backends need CCE v1.23.8-r0 or later, where Ingresses are networking.k8s.io/v1 (cce_10_0252)" +
					"" + ": no cluster where this Ingress's backend protocol works accepts it; write it as apiVersion: networking.k8s.io/v1 with spec.ingressClassName: cce and a pathType on every path, " +
					"and backends as spec.defaultBackend (was spec.backend): {service: {name: web, port: {number: 443}}}; spec.rules[0].http.paths[0].backend: {service: {name: api, port: {name: https}}}"}}},
		{name: "extensions/v1beta1 selected for HTTPS", selectAll: true, yaml: strings.Replace(strings.Replace(beta, "networking.k8s.io/v1beta1", "extensions/v1beta1", 1), "    kubernetes.io/elb.pool-protocol: https\n", "", 1),
			want: []want{{sev: Error, field: "apiVersion", current: "extensions/v1beta1", proposed: "networking.k8s.io/v1", msg: "the Ingress is extensions/v1beta1"}}},
		{name: "a gRPC backend on v1beta1", yaml: strings.Replace(beta, "pool-protocol: https", "pool-protocol: grpc", 1),
			want: []want{{sev: Error, field: "apiVersion", current: "networking.k8s.io/v1beta1", proposed: "networking.k8s.io/v1", msg: "and gRPC backends need CCE v1.23.10-r20 or later"}}},
	})
}
