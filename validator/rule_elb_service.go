package validator

import (
	"strings"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
)

// checkELBService: in IPVS clusters an Ingress and a LoadBalancer Service
// must not share a load balancer (cce_10_0251/0252): in-cluster access
// through the ELB address breaks. The input does not say whether the
// cluster uses IPVS, so this is a warning.
func checkELBService(c *Context, ing *Ingress) []Finding {
	id := ing.Annotations[cce.ID]
	services := c.Index.LoadBalancers[id]
	if id == "" || len(services) == 0 {
		return nil
	}
	names := make([]string, len(services))
	for i, s := range services {
		names[i] = key(s.Item)
	}
	return []Finding{{Severity: Warning, Field: AnnotationField(cce.ID), Current: id,
		Message: "LoadBalancer Service " + strings.Join(names, ", ") + " uses the same ELB (" + cce.ID + ": " + id + ") as this Ingress, " +
			"and in IPVS clusters an Ingress and a LoadBalancer Service must not share a load balancer (cce_10_0251/0252): in-cluster access through the ELB breaks. " +
			"Give the Service its own ELB, or exempt this rule if the cluster's service forwarding is iptables"}}
}
