package validator

import (
	"strconv"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
)

// checkHTTP2Enable: CCE reads elb.http2-enable as "true" or "false" only,
// so "yes" or "on" leaves HTTP/2 silently off; a gRPC backend needs it on
// (cce_10_0790).
func checkHTTP2Enable(_ *Context, ing *Ingress) []Finding {
	field := AnnotationField(cce.HTTP2Enable)
	v, ok := ing.Annotations[cce.HTTP2Enable]
	if ok && v != "true" && v != "false" {
		f := Finding{Severity: Error, Field: field, Current: v,
			Message: cce.HTTP2Enable + " is " + strconv.Quote(v) + ", but CCE takes only \"true\" or \"false\", so HTTP/2 stays off: write \"true\" or \"false\""}
		if ing.GRPCBackend {
			f.Proposed = "true"
		}
		return []Finding{f}
	}
	if ing.GRPCBackend && v != "true" {
		f := Finding{Severity: Error, Field: field, Proposed: "true",
			Message: "the Ingress is a gRPC backend (" + cce.PoolProtocol + ": grpc), which needs HTTP/2 on the listener, but " + cce.HTTP2Enable + " is "}
		if ok {
			f.Current = v
			f.Message += strconv.Quote(v)
		} else {
			f.Message += "not set (HTTP/2 is off unless enabled)"
		}
		f.Message += ": set " + cce.HTTP2Enable + ": \"true\""
		return []Finding{f}
	}
	return nil
}
