package validator

// TODO(helper): implement; see the rule's row in rules.go.
func checkListenerConflict(c *Context, ing *Ingress) []Finding {
	return nil
}
