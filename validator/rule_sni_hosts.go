package validator

import (
	"strconv"
	"strings"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
)

// checkSNIHosts: a spec.tls entry with hosts is an SNI certificate, and ELB
// takes one domain name per SNI certificate (cce_10_0688; wildcards are
// allowed). With ELB certificate ids the listener does not read spec.tls,
// so nothing is reported then (tls-secret says the Secret is unused).
func checkSNIHosts(_ *Context, ing *Ingress) []Finding {
	if ids, ok := ing.Annotations[cce.CertificateIDs]; ok && certificateIDsValid(ids) {
		return nil
	}
	var out []Finding
	for _, t := range ing.TLS {
		if len(t.Hosts) < 2 {
			continue
		}
		out = append(out, Finding{Severity: Error, Field: t.Field + ".hosts", Current: strings.Join(t.Hosts, ","),
			Message: t.Field + " names " + strconv.Itoa(len(t.Hosts)) + " hosts (" + strings.Join(t.Hosts, ", ") + "), but an SNI certificate on ELB takes one domain name " +
				"(cce_10_0688; a wildcard such as *.example.com counts as one): give each host its own spec.tls entry with that host's Secret, " +
				"or drop hosts to make the entry the listener's server certificate"})
	}
	return out
}
