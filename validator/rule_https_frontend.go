package validator

import (
	"strconv"
	"strings"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
)

// checkHTTPSFrontend: CCE only forwards to HTTPS backends from an HTTPS
// listener, which comes from spec.tls or elb.tls-certificate-ids.
func checkHTTPSFrontend(_ *Context, ing *Ingress) []Finding {
	var out []Finding
	https := false
	for _, t := range ing.TLS {
		https = https || t.SecretName != ""
	}
	if ids, ok := ing.Annotations[cce.CertificateIDs]; ok {
		if certificateIDsValid(ids) {
			https = true
		} else {
			out = append(out, Finding{Severity: Error, Field: AnnotationField(cce.CertificateIDs), Current: ids,
				Message: cce.CertificateIDs + " has an empty certificate id: list the ELB certificate ids separated by commas, e.g. \"cert-id-1,cert-id-2\""})
		}
	}
	if !https {
		f := Finding{Severity: Error, Field: "spec.tls",
			Message: "the Ingress has no HTTPS listener (no spec.tls entry with a secretName and no " + cce.CertificateIDs + "), " +
				"and CCE forwards to " + ing.backends() + " only from an HTTPS listener: add spec.tls with a secretName of a kubernetes.io/tls Secret, or set " + cce.CertificateIDs}
		if len(ing.TLS) > 0 {
			f.Field = ing.TLS[0].Field + ".secretName"
			f.Message = "spec.tls names no secretName, so the listener has no certificate and is not HTTPS; CCE forwards to " + ing.backends() + " only from an HTTPS listener: " +
				"set secretName to a kubernetes.io/tls Secret, or set " + cce.CertificateIDs
		}
		out = append(out, f)
	}
	if lp, ok := ing.Annotations[cce.ListenPorts]; ok {
		// An invalid value is the listener-port rule's finding.
		entries, err := ParseListenPorts(lp)
		switch {
		case err != nil || len(entries) == 0:
		case !hasHTTPS(entries):
			out = append(out, Finding{Severity: Error, Field: AnnotationField(cce.ListenPorts), Current: lp,
				Message: cce.ListenPorts + " declares no HTTPS listener, and it overrides elb.port: add an entry such as {\"HTTPS\":443}"})
		case ing.Annotations[cce.SSLRedirect] != "true":
			if port, ok := httpPort(entries); ok {
				out = append(out, Finding{Severity: Error, Field: AnnotationField(cce.ListenPorts), Current: lp,
					Message: cce.ListenPorts + " has an HTTP listener on port " + strconv.Itoa(port) + ", whose backend protocol is HTTP and cannot be changed (ELB guide elb_ug_jt_0008), " +
						"so it cannot forward to " + ing.backends() + ": remove the {\"HTTP\":" + strconv.Itoa(port) + "} entry, or set " + cce.SSLRedirect + ": \"true\" so that listener redirects to HTTPS"})
			}
		}
	}
	return out
}

func certificateIDsValid(ids string) bool {
	for _, id := range strings.Split(ids, ",") {
		if strings.TrimSpace(id) == "" {
			return false
		}
	}
	return true
}

// httpPort returns the first HTTP entry's port.
func httpPort(entries []ListenPort) (int, bool) {
	for _, e := range entries {
		if e.Protocol == "HTTP" {
			return e.Port, true
		}
	}
	return 0, false
}

func hasHTTPS(entries []ListenPort) bool {
	for _, e := range entries {
		if e.Protocol == "HTTPS" {
			return true
		}
	}
	return false
}
