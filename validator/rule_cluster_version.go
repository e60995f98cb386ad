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

// checkClusterVersion only speaks when the config gives clusterVersion. A
// version without the patch that decides (v1.25 for HTTPS backends, which
// need v1.25.3-r0) is a warning asking for the full version, never an
// upgrade error.
func checkClusterVersion(c *Context, ing *Ingress) []Finding {
	v := c.ClusterVersion
	if v == nil {
		return nil
	}
	var out []Finding
	backend := cce.HTTPSBackendSupport
	if ing.GRPCBackend {
		backend = cce.GRPCBackendSupport
	}
	pool := AnnotationField(cce.PoolProtocol)
	current := func(key string) any {
		if value, ok := ing.Annotations[key]; ok {
			return value // unset in validateOnly mode, before the transformer ran
		}
		return nil
	}
	switch backend.Check(*v) {
	case cce.Unsupported:
		out = append(out, Finding{Severity: Error, Field: pool, Current: current(cce.PoolProtocol),
			Message: "cluster " + v.String() + " does not support " + backend.Feature + ", which needs " +
				backend.Describe() + ": upgrade the cluster, or correct clusterVersion in the function config if it is wrong"})
	case cce.Unknown:
		out = append(out, patchUnknown(*v, backend, pool, current(cce.PoolProtocol)))
	}
	for _, a := range versionedAnnotations {
		value, ok := ing.Annotations[a.key]
		if !ok || a.key == cce.HTTP2Enable && ing.GRPCBackend {
			// The gRPC versions (read from cce_10_0790) are older than the
			// elb.http2-enable ones, yet gRPC needs HTTP/2 on: the gRPC
			// requirement decides for a gRPC Ingress, not a false failure.
			continue
		}
		switch a.req.Check(*v) {
		case cce.Unsupported:
			out = append(out, Finding{Severity: Error, Field: AnnotationField(a.key), Current: value,
				Message: a.key + " needs cluster " + a.req.Describe() + ", but the cluster is " + v.String() +
					": upgrade the cluster or remove the annotation"})
		case cce.Unknown:
			out = append(out, patchUnknown(*v, a.req, AnnotationField(a.key), value))
		}
	}
	return out
}

// patchUnknown is the warning for a version that leaves out the patch (or
// revision) a requirement depends on.
func patchUnknown(v cce.Version, req cce.Requirement, field string, current any) Finding {
	m, _ := req.MinimumFor(v)
	return Finding{Severity: Warning, Field: field, Current: current,
		Message: req.Feature + ": " + v.String() + " needs " + m.String() + " or later: give the full version (clusterVersion like " +
			m.String() + ") to check it"}
}
