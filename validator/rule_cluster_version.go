package validator

import (
	"github.com/cce-ingress-https/cce-ingress-https/cce"
)

// versionedAnnotations are the ELB annotations that need a minimum version.
var versionedAnnotations = []struct {
	key string
	req cce.Requirement
}{
	{cce.HTTP2Enable, cce.HTTP2Support},
	{cce.ListenPorts, cce.ListenPortsSupport},
	{cce.CertificateIDs, cce.CertIDsSupport},
}

// checkClusterVersion only speaks when the config gives clusterVersion.
func checkClusterVersion(c *Context, ing *Ingress) []Finding {
	v := c.ClusterVersion
	if v == nil {
		return nil
	}
	var out []Finding
	if !cce.HTTPSBackendSupport.Supports(*v) {
		f := Finding{Severity: Error, Field: AnnotationField(cce.PoolProtocol),
			Message: "cluster " + v.String() + " does not support " + cce.HTTPSBackendSupport.Feature + ", which needs " +
				cce.HTTPSBackendSupport.Describe() + ": upgrade the cluster, or correct clusterVersion in the function config if it is wrong"}
		if v, ok := ing.Annotations[cce.PoolProtocol]; ok {
			f.Current = v // unset in validateOnly mode, before the transformer ran
		}
		out = append(out, f)
	}
	for _, a := range versionedAnnotations {
		value, ok := ing.Annotations[a.key]
		if !ok || a.req.Supports(*v) {
			continue
		}
		out = append(out, Finding{Severity: Error, Field: AnnotationField(a.key), Current: value,
			Message: a.key + " needs cluster " + a.req.Describe() + ", but the cluster is " + v.String() +
				": upgrade the cluster or remove the annotation"})
	}
	return out
}
