package validator

import (
	"strings"
	"testing"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
)

func TestHTTP2Enable(t *testing.T) {
	field := ann(cce.HTTP2Enable)
	h2 := func(v string) string { return "kubernetes.io/elb.http2-enable: " + v }
	grpcWithout := strings.Replace(grpcIngress("api", ""), "    kubernetes.io/elb.http2-enable: \"true\"\n", "", 1)
	runCases(t, "http2-enable", []ruleCase{
		{name: "unset passes on an HTTPS backend", yaml: ingress("web", "", simpleSpec)},
		{name: "true passes", yaml: ingress("web", h2(`"true"`), simpleSpec)},
		{name: "false passes", yaml: ingress("web", h2(`"false"`), simpleSpec)},
		{name: "gRPC with true passes", yaml: grpcIngress("api", "")},
		{name: "HTTP-backend Ingress is not checked", yaml: "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: plain\n  annotations:\n    kubernetes.io/elb.http2-enable: \"on\"\n"},
		{name: "yes is an error", yaml: ingress("web", h2(`"yes"`), simpleSpec),
			want: []want{{sev: Error, field: field, msg: `is "yes", but CCE takes only "true" or "false", so HTTP/2 stays off`, current: "yes"}}},
		{name: "True in capitals is an error", yaml: ingress("web", h2(`"True"`), simpleSpec),
			want: []want{{sev: Error, field: field, msg: `only "true" or "false"`, current: "True"}}},
		{name: "gRPC without HTTP/2", yaml: grpcWithout,
			want: []want{{sev: Error, field: field, msg: "gRPC backend (kubernetes.io/elb.pool-protocol: grpc), which needs HTTP/2 on the listener, but kubernetes.io/elb.http2-enable is not set", proposed: "true"}}},
		{name: "gRPC with false", yaml: strings.Replace(grpcIngress("api", ""), `http2-enable: "true"`, `http2-enable: "false"`, 1),
			want: []want{{sev: Error, field: field, msg: `kubernetes.io/elb.http2-enable is "false"`, current: "false", proposed: "true"}}},
		{name: "gRPC with on", yaml: strings.Replace(grpcIngress("api", ""), `http2-enable: "true"`, `http2-enable: "on"`, 1),
			want: []want{{sev: Error, field: field, msg: `only "true" or "false"`, current: "on", proposed: "true"}}},
	})
}
