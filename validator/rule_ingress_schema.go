package validator

// checkIngressSchema reports the fields ParseIngress could not read. On an
// Ingress the function neither selects nor finds with pool-protocol https the
// problems are warnings: the API server will reject it, but it is not this
// function's Ingress, and failing every render for it would be noise. A
// metadata that is not a mapping stays an error: then the Ingress is not a
// resource at all, and whether it was meant to be selected cannot be known.
func checkIngressSchema(_ *Context, ing *Ingress) []Finding {
	if ing.HTTPSBackend || ing.Selected {
		return ing.Problems
	}
	out := make([]Finding, len(ing.Problems))
	for i, f := range ing.Problems {
		if f.Field != "metadata" {
			f.Severity = Warning
		}
		out[i] = f
	}
	return out
}
