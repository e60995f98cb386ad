package validator

import (
	"strconv"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
)

// checkBackendProtocol: https and grpc are the documented values
// (cce_10_0790; cce_10_0858 maps NGINX's GRPC backend-protocol to grpc). A
// selected Ingress that already says something else is never flipped.
func checkBackendProtocol(c *Context, ing *Ingress) []Finding {
	got, ok := ing.Annotations[cce.PoolProtocol]
	if !ok || got == cce.HTTPS || got == cce.GRPC && !ing.Selected {
		return nil
	}
	f := Finding{Field: AnnotationField(cce.PoolProtocol), Current: got}
	if ing.Selected && c.Live != nil && c.Live.Ingress(ing.Namespace, ing.Name) != nil {
		return nil // immutable-field reports it, with the live value
	}
	switch {
	case ing.Selected && got == cce.GRPC:
		f.Severity = Error
		f.Message = "the Ingress is selected for HTTPS backends but is a gRPC backend (" + cce.PoolProtocol + ": grpc); " +
			"the function never changes a backend protocol, and CCE cannot change it after the Ingress is created, so it was left alone: " +
			"leave this Ingress out of the selector (for example, remove the label the selector matches)"
	case ing.Selected:
		f.Severity = Error
		f.Proposed = cce.HTTPS
		f.Message = "the Ingress is selected for HTTPS backends but already declares " + cce.PoolProtocol + ": " +
			strconv.Quote(got) + "; CCE cannot change a backend protocol after the Ingress is created, so the function left it alone. " +
			"Delete and recreate the Ingress with pool-protocol https, or drop the annotation if this Ingress was never applied"
	default:
		f.Severity = Warning
		f.Message = cce.PoolProtocol + " is " + strconv.Quote(got) + ": the documented values are https and grpc (leave it unset for HTTP backends)"
	}
	return []Finding{f}
}
