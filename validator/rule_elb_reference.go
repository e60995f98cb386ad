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
		addr, err := netip.ParseAddr(ip)
		switch {
		case err != nil:
			out = append(out, Finding{Severity: Error, Field: AnnotationField(cce.IP), Current: ip,
				Message: cce.IP + " is " + strconv.Quote(ip) + ", not an IP address: give the private IP of the existing ELB"})
		case !addr.IsPrivate() && ing.Annotations[cce.Class] != cce.ClassShared:
			// A shared class is the dedicated-elb rule's error; any other
			// (performance, or unset and so meant to be dedicated) is dedicated.
			out = append(out, Finding{Severity: Error, Field: AnnotationField(cce.IP), Current: ip,
				Message: cce.IP + " is " + ip + ", not a private address, but a dedicated ELB takes only its private IP there (cce_10_0695): " +
					"give the ELB's private IP, or use " + cce.ID})
		}
	}
	if hasAuto {
		errs, warns := autocreateProblems(auto)
		for _, msg := range errs {
			out = append(out, Finding{Severity: Error, Field: AnnotationField(cce.Autocreate), Message: cce.Autocreate + ": " + msg})
		}
		for _, msg := range warns {
			out = append(out, Finding{Severity: Warning, Field: AnnotationField(cce.Autocreate), Message: cce.Autocreate + ": " + msg})
		}
	}
	if !hasID && !hasIP && !hasAuto {
		out = append(out, Finding{Severity: Error, Field: AnnotationField(cce.ID),
			Message: "the Ingress names no load balancer: set " + cce.ID + " to your dedicated ELB's id (or " + cce.IP +
				"), or let CCE create one with " + cce.Autocreate})
	}
	return out
}
