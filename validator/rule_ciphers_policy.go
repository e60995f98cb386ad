package validator

// TODO(helper): implement; see the rule's row in rules.go.
func checkCiphersPolicy(c *Context, ing *Ingress) []Finding {
	return nil
}
