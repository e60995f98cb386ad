package validator

import (
	"strings"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
)

// checkTLSSecret looks up each spec.tls secret in the index. Only the
// Secret's type and key names are read: its data never reaches a result.
func checkTLSSecret(c *Context, ing *Ingress) []Finding {
	var out []Finding
	for _, t := range ing.TLS {
		if t.SecretName == "" {
			continue // the https-frontend rule reports it
		}
		key := ing.Key(t.SecretName)
		field := t.Field + ".secretName"
		sec := c.Index.Secrets[key]
		if sec == nil {
			out = append(out, Finding{Severity: Warning, Field: field, Current: t.SecretName,
				Message: "Secret " + key + " is not in the input, so it cannot be checked: make sure it exists in namespace " +
					ing.Namespace + " with type kubernetes.io/tls and the keys tls.crt and tls.key"})
			continue
		}
		if sec.Type != cce.TLSSecretType && sec.Type != cce.IngressTLSType {
			typ := sec.Type
			if typ == "" {
				typ = "Opaque"
			}
			out = append(out, Finding{Severity: Error, Field: field, Current: t.SecretName,
				Message: "Secret " + key + " has type " + typ + ", but the ELB listener needs type kubernetes.io/tls or IngressTLS: recreate the Secret with type kubernetes.io/tls"})
		}
		var missing []string
		for _, k := range []string{"tls.crt", "tls.key"} {
			if !sec.Keys[k] {
				missing = append(missing, k)
			}
		}
		if len(missing) > 0 {
			out = append(out, Finding{Severity: Error, Field: field, Current: t.SecretName,
				Message: "Secret " + key + " has no " + strings.Join(missing, " and ") + ": add the certificate chain as tls.crt and its private key as tls.key"})
		}
	}
	return out
}
