package validator

import (
	"testing"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
)

func TestDedicatedELB(t *testing.T) {
	field := ann(cce.Class)
	runCases(t, "dedicated-elb", []ruleCase{
		{name: "performance passes", yaml: ingress("web", "kubernetes.io/elb.class: performance", simpleSpec)},
		{name: "union is an error", yaml: ingress("web", "kubernetes.io/elb.class: union", simpleSpec),
			want: []want{{sev: Error, field: field, msg: "shared ELB", current: "union", proposed: "performance"}}},
		{name: "missing is a warning", yaml: ingress("web", "", simpleSpec),
			want: []want{{sev: Warning, field: field, msg: "sources disagree", proposed: "performance"}}},
		{name: "unknown class is an error", yaml: ingress("web", "kubernetes.io/elb.class: dedicated", simpleSpec),
			want: []want{{sev: Error, field: field, msg: `"dedicated", not a CCE ELB class`, current: "dedicated", proposed: "performance"}}},
		{name: "a gRPC backend needs a dedicated ELB too", yaml: grpcIngress("api", "kubernetes.io/elb.class: union"),
			want: []want{{sev: Error, field: field, msg: "which cannot use gRPC backends", current: "union", proposed: "performance"}}},
		{name: "HTTP-backend Ingress is not checked", yaml: `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: plain
  annotations:
    kubernetes.io/elb.class: union
`},
	})
}
