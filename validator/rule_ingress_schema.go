package validator

// checkIngressSchema reports the fields ParseIngress could not read.
func checkIngressSchema(_ *Context, ing *Ingress) []Finding {
	return ing.Problems
}
