package validator

import (
	"testing"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
)

func TestBackendProtocol(t *testing.T) {
	withPool := func(v string) string {
		return "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: shop\n  annotations:\n    kubernetes.io/elb.pool-protocol: " + v + "\n"
	}
	field := ann(cce.PoolProtocol)
	runCases(t, "backend-protocol", []ruleCase{
		{name: "https passes when selected", selectAll: true, yaml: withPool("https")},
		{name: "https passes when not selected", yaml: withPool("https")},
		{name: "unset passes", yaml: "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\n"},
		{name: "selected with http is an error", selectAll: true, yaml: withPool("http"),
			want: []want{{sev: Error, field: field, msg: "CCE cannot change a backend protocol after the Ingress is created", current: "http", proposed: "https"}}},
		{name: "not selected with http is a warning", yaml: withPool("http"),
			want: []want{{sev: Warning, field: field, msg: "the documented values are https and grpc", current: "http"}}},
		{name: "grpc passes when not selected", yaml: withPool("grpc")},
		{name: "selected grpc is left alone, and the advice is the selector", selectAll: true, yaml: withPool("grpc"),
			want: []want{{sev: Error, field: field, msg: "is a gRPC backend (kubernetes.io/elb.pool-protocol: grpc); the function never changes a backend protocol", current: "grpc"}}},
		{name: "not selected with HTTPS in capitals is a warning", yaml: withPool("HTTPS"),
			want: []want{{sev: Warning, field: field, msg: `"HTTPS"`, current: "HTTPS"}}},
	})
}
