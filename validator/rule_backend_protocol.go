package validator

import (
	"strconv"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
)

func checkBackendProtocol(c *Context, ing *Ingress) []Finding {
	got, ok := ing.Annotations[cce.PoolProtocol]
	if !ok || got == cce.HTTPS {
		return nil
	}
	f := Finding{Field: AnnotationField(cce.PoolProtocol), Current: got}
	if ing.Selected {
		if c.Live != nil && c.Live.Ingress(ing.Namespace, ing.Name) != nil {
			return nil // immutable-field reports it, with the live value
		}
		f.Severity = Error
		f.Proposed = cce.HTTPS
		f.Message = "the Ingress is selected for HTTPS backends but already declares " + cce.PoolProtocol + ": " +
			strconv.Quote(got) + "; CCE cannot change a backend protocol after the Ingress is created, so the function left it alone. " +
			"Delete and recreate the Ingress with pool-protocol https, or drop the annotation if this Ingress was never applied"
		return []Finding{f}
	}
	f.Severity = Warning
	f.Message = cce.PoolProtocol + " is " + strconv.Quote(got) + ": the only documented value is https (leave it unset for HTTP backends)"
	return []Finding{f}
}
