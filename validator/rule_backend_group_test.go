package validator

import (
	"strings"
	"testing"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
)

func TestBackendGroup(t *testing.T) {
	const elb = "kubernetes.io/elb.id: elb-1\n"
	pool := ann(cce.PoolProtocol)
	// plain is an HTTP-backend Ingress on the same ELB with a certificate,
	// so on port 443 too, routing to Service web port 443.
	plain := func(name string) string {
		return strings.Replace(ingress(name, elb, simpleSpec), "    kubernetes.io/elb.pool-protocol: https\n", "", 1)
	}
	runCases(t, "backend-group", []ruleCase{
		{name: "same protocol passes", yaml: ingress("a", elb, simpleSpec) + ingress("b", elb, simpleSpec)},
		{name: "a selected HTTPS and an unselected HTTP Ingress on one group", yaml: ingress("a", elb, simpleSpec) + plain("b"),
			want: []want{{sev: Error, field: pool,
				msg: "configured by the first Ingress (shop/a: first in the input: no Ingress here has a creationTimestamp or kubernetes.io/elb.listener-master-ingress, so creation in input order is assumed): the group uses pool-protocol \"https\" and this Ingress's HTTP (no pool-protocol) is silently ignored"}}},
		{name: "the earliest created wins", yaml: createdAt(ingress("a", elb, simpleSpec), "2024-06-01T00:00:00Z") + createdAt(plain("b"), "2024-01-01T00:00:00Z"),
			want: []want{{sev: Error, field: pool, current: "https", msg: "configured by the first Ingress (shop/b: the earliest creationTimestamp): the group uses HTTP (no pool-protocol) and this Ingress's pool-protocol \"https\" is silently ignored"}}},
		{name: "a port name resolves through the Service", yaml: ingress("a", elb, simpleSpec) + strings.Replace(grpcIngress("b", elb), "number: 443", "name: https", 1) +
			service("web", "NodePort", "- name: https\n  port: 443\n"),
			want: []want{{sev: Error, field: pool, current: "grpc", msg: "the Ingress and Ingress shop/a both route ELB elb-1:443 to Service shop/web:443, so CCE makes them one backend server group"}}},
		{name: "another Service port is another group", yaml: ingress("a", elb, simpleSpec) + strings.Replace(plain("b"), "number: 443", "number: 8443", 1)},
		{name: "a port name without the Service in the input is its own group", yaml: ingress("a", elb, simpleSpec) + strings.Replace(plain("b"), "number: 443", "name: https", 1)},
		{name: "another ELB port is another group", yaml: ingress("a", elb, simpleSpec) + strings.Replace(plain("b"), elb, elb+"    kubernetes.io/elb.port: \"8443\"\n", 1)},
		{name: "another ELB is another group", yaml: ingress("a", elb, simpleSpec) + strings.Replace(plain("b"), "elb-1", "elb-2", 1)},
		{name: "without elb.id nothing is shared", yaml: ingress("a", "", simpleSpec) + strings.Replace(plain("b"), "    "+elb, "", 1)},
	})
}
