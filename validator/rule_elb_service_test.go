package validator

import (
	"strings"
	"testing"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
)

func TestELBService(t *testing.T) {
	const elb = "kubernetes.io/elb.id: elb-1"
	lb := func(name, id string) string {
		s := service(name, "LoadBalancer", "- name: https\n  port: 443\n")
		return strings.Replace(s, "metadata:\n", "metadata:\n  annotations:\n    kubernetes.io/elb.id: "+id+"\n", 1)
	}
	runCases(t, "elb-service", []ruleCase{
		{name: "a LoadBalancer Service on another ELB passes", yaml: ingress("web", elb, simpleSpec) + lb("gw", "elb-2")},
		{name: "a NodePort Service naming the ELB passes", yaml: ingress("web", elb, simpleSpec) +
			strings.Replace(lb("gw", "elb-1"), "type: LoadBalancer", "type: NodePort", 1)},
		{name: "an Ingress without elb.id passes", yaml: ingress("web", "", simpleSpec) + lb("gw", "elb-1")},
		{name: "a LoadBalancer Service on the Ingress's ELB", yaml: ingress("web", elb, simpleSpec) + lb("gw", "elb-1") + lb("gw2", "elb-1"),
			want: []want{{sev: Warning, field: ann(cce.ID), current: "elb-1",
				msg: "LoadBalancer Service shop/gw, shop/gw2 uses the same ELB (kubernetes.io/elb.id: elb-1) as this Ingress, and in IPVS clusters an Ingress and a LoadBalancer Service must not share a load balancer (cce_10_0251/0252)"}}},
	})
}
