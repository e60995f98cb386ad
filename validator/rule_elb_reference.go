package validator

import (
	"net/netip"
	"strconv"
	"unicode/utf8"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
)

// checkELBReference: the Ingress must say which load balancer carries it.
func checkELBReference(_ *Context, ing *Ingress) []Finding {
	id, hasID := ing.Annotations[cce.ID]
	ip, hasIP := ing.Annotations[cce.IP]
	auto, hasAuto := ing.Annotations[cce.Autocreate]
	var out []Finding
	if hasID {
		if n := utf8.RuneCountInString(id); n < 1 || n > cce.MaxELBIDLength {
			out = append(out, Finding{Severity: Error, Field: AnnotationField(cce.ID), Current: id,
				Message: cce.ID + " must be 1 to " + strconv.Itoa(cce.MaxELBIDLength) + " characters, found " + strconv.Itoa(n) +
					": copy the id of your dedicated ELB from the ELB console"})
		}
	}
	if hasIP {
		if _, err := netip.ParseAddr(ip); err != nil {
			out = append(out, Finding{Severity: Error, Field: AnnotationField(cce.IP), Current: ip,
				Message: cce.IP + " is " + strconv.Quote(ip) + ", not an IP address: give the private IP of the existing ELB"})
		}
	}
	if hasAuto {
		for _, msg := range autocreateProblems(auto) {
			out = append(out, Finding{Severity: Error, Field: AnnotationField(cce.Autocreate),
				Message: cce.Autocreate + ": " + msg})
		}
	}
	if !hasID && !hasIP && !hasAuto {
		out = append(out, Finding{Severity: Error, Field: AnnotationField(cce.ID),
			Message: "the Ingress names no load balancer: set " + cce.ID + " to your dedicated ELB's id (or " + cce.IP +
				"), or let CCE create one with " + cce.Autocreate})
	}
	return out
}
