package validator

import (
	"strconv"
	"strings"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
)

// checkSNIHosts: ELB takes one domain name per SNI certificate
// (cce_10_0688; wildcards are allowed). The SNI certificates are the
// spec.tls entries other than the server certificate: the first entry
// without hosts, or, when every entry has hosts, the first one (a single
// entry for several hosts, the usual Kubernetes form, is not reported:
// whether CCE takes it as the server certificate is not documented, and
// failing it would be a guess). With ELB certificate ids the listener does
// not read spec.tls, so nothing is reported then (tls-secret says the
// Secret is unused).
func checkSNIHosts(_ *Context, ing *Ingress) []Finding {
	if ids, ok := ing.Annotations[cce.CertificateIDs]; ok && certificateIDsValid(ids) {
		return nil
	}
	server := -1
	for i, t := range ing.TLS {
		if t.SecretName != "" && (server < 0 || len(t.Hosts) == 0 && len(ing.TLS[server].Hosts) > 0) {
			server = i
		}
	}
	var out []Finding
	for i, t := range ing.TLS {
		if len(t.Hosts) < 2 || i == server {
			continue
		}
		out = append(out, Finding{Severity: Error, Field: t.Field + ".hosts", Current: strings.Join(t.Hosts, ","),
			Message: t.Field + " names " + strconv.Itoa(len(t.Hosts)) + " hosts (" + strings.Join(t.Hosts, ", ") + "), but an SNI certificate on ELB takes one domain name " +
				"(cce_10_0688; a wildcard such as *.example.com counts as one): give each host its own spec.tls entry with that host's Secret, " +
				"or drop hosts to make the entry the listener's server certificate"})
	}
	return out
}
