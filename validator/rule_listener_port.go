package validator

import (
	"strconv"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
)

// checkListenerPort checks the two ways to give the listener port.
func checkListenerPort(_ *Context, ing *Ingress) []Finding {
	var out []Finding
	port, hasPort := ing.Annotations[cce.Port]
	portOK := false
	if hasPort {
		if _, err := parsePort(port); err != nil {
			out = append(out, Finding{Severity: Error, Field: AnnotationField(cce.Port), Current: port,
				Message: cce.Port + " is " + strconv.Quote(port) + ", not a port: use a quoted decimal number from 1 to 65535, such as \"443\""})
		} else {
			portOK = true
		}
	}
	lp, ok := ing.Annotations[cce.ListenPorts]
	if !ok {
		return out
	}
	field := AnnotationField(cce.ListenPorts)
	entries, err := ParseListenPorts(lp)
	switch {
	case err != nil:
		return append(out, Finding{Severity: Error, Field: field, Current: lp,
			Message: cce.ListenPorts + " " + err.Error() + ": write it like [{\"HTTPS\":443}]"})
	case len(entries) == 0:
		return append(out, Finding{Severity: Error, Field: field, Current: lp,
			Message: cce.ListenPorts + " lists no port: add at least one entry such as {\"HTTPS\":443}, or remove the annotation"})
	}
	seen := map[int]bool{}
	var httpsPorts []int
	for _, e := range entries {
		if seen[e.Port] {
			out = append(out, Finding{Severity: Error, Field: field, Current: lp,
				Message: cce.ListenPorts + " lists port " + strconv.Itoa(e.Port) + " twice: an ELB port has one listener, keep one entry"})
		}
		seen[e.Port] = true
		if e.Protocol == "HTTPS" {
			httpsPorts = append(httpsPorts, e.Port)
		}
	}
	// elb.port loses to listen-ports; a disagreement means the port the
	// function (or the user) wrote is not the one CCE listens on.
	if portOK && len(httpsPorts) > 0 {
		n, _ := parsePort(port)
		if !seen[n] {
			out = append(out, Finding{Severity: Warning, Field: AnnotationField(cce.Port), Current: port, Proposed: strconv.Itoa(httpsPorts[0]),
				Message: cce.Port + " is " + strconv.Quote(port) + " but " + cce.ListenPorts + ", which overrides it, does not list that port: " +
					"set the function's port (and elb.port) to " + strconv.Itoa(httpsPorts[0]) + " so both name the same HTTPS listener"})
		}
	}
	return out
}

// parsePort accepts a decimal port 1-65535 with no sign, spaces or leading zeros.
func parsePort(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 65535 || strconv.Itoa(n) != s {
		return 0, strconv.ErrSyntax
	}
	return n, nil
}
