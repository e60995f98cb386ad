package validator

import (
	"strconv"
	"strings"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
)

// checkAPIVersion: Kubernetes 1.22 removed the v1beta1 Ingress APIs, and
// HTTPS and gRPC backends need CCE v1.23.8 or later, where Ingresses are
// networking.k8s.io/v1 (cce_10_0252): such an Ingress cannot be applied to
// any cluster where its backend protocol works. The message gives the v1
// form of each backend, so the fix can be copied.
func checkAPIVersion(_ *Context, ing *Ingress) []Finding {
	av := ing.Item.APIVersion()
	if av == "networking.k8s.io/v1" {
		return nil
	}
	var forms []string
	if ing.Default != nil {
		forms = append(forms, "spec.defaultBackend (was spec.backend): "+v1Backend(ing.Default))
	}
	for _, p := range ing.Paths {
		if p.Backend != nil {
			forms = append(forms, p.Field+".backend: "+v1Backend(p.Backend))
		}
	}
	oldest := cce.HTTPSBackendSupport.Minimums[0]
	if ing.GRPCBackend {
		oldest = cce.GRPCBackendSupport.Minimums[0]
	}
	msg := "the Ingress is " + av + ", which Kubernetes 1.22 removed, and " + ing.backends() + " need CCE " + oldest.String() + " or later, where Ingresses are networking.k8s.io/v1 (cce_10_0252): " +
		"no cluster where this Ingress's backend protocol works accepts it; write it as apiVersion: networking.k8s.io/v1 with spec.ingressClassName: cce and a pathType on every path"
	if len(forms) > 0 {
		msg += ", and backends as " + strings.Join(forms, "; ")
	}
	return []Finding{{Severity: Error, Field: "apiVersion", Current: av, Proposed: "networking.k8s.io/v1", Message: msg}}
}

// v1Backend writes a backend in networking.k8s.io/v1 form, flow style.
func v1Backend(b *Backend) string {
	port := "number: " + strconv.Itoa(b.PortNumber)
	if b.PortName != "" {
		port = "name: " + b.PortName
		if _, err := strconv.Atoi(b.PortName); err == nil {
			port = "number: " + b.PortName // a quoted v1beta1 servicePort number
		}
	}
	return "{service: {name: " + b.ServiceName + ", port: {" + port + "}}}"
}
