package validator

// checkNoMatch warns when the selector matched nothing: a typo in a label
// must not pass silently.
func checkNoMatch(c *Context, _ *Ingress) []Finding {
	if c.Selected == nil || len(c.Selected) > 0 {
		return nil
	}
	return []Finding{{Severity: Warning, Field: "selector",
		Message: "the selector matches no Ingress in the input: check its labels against the Ingresses' metadata.labels"}}
}
