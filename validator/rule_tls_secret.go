package validator

import (
	"strings"

	"github.com/kptdev/krm-functions-sdk/go/fn"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
)

// checkTLSSecret looks up each spec.tls secret in the index. Only the
// Secret's type and key names are read: its data never reaches a result.
//
// With elb.tls-certificate-ids set, CCE uses the ELB certificate and not the
// Secret (cce_10_0687/0688): a bad Secret then breaks nothing, so each
// problem is one warning saying the Secret is unused.
func checkTLSSecret(c *Context, ing *Ingress) []Finding {
	ids, hasIDs := ing.Annotations[cce.CertificateIDs]
	elbCert := hasIDs && certificateIDsValid(ids)
	var out []Finding
	for _, t := range ing.TLS {
		if t.SecretName == "" {
			continue // the https-frontend rule reports it
		}
		key := ing.Key(t.SecretName)
		field := t.Field + ".secretName"
		for _, p := range secretProblems(c.Index.Secrets[key], ing.Namespace) {
			f := Finding{Severity: p.severity, Field: field, Current: t.SecretName, Message: "Secret " + key + " " + p.what + ": " + p.fix}
			if elbCert {
				f.Severity = Warning
				f.Message = "Secret " + key + " is unused: CCE uses the ELB certificate (" + cce.CertificateIDs +
					") when both are set, so the listener does not read spec.tls, and this Secret " + p.what + ": remove " + t.Field +
					", or fix the Secret before you drop the ELB certificate"
			}
			out = append(out, f)
		}
	}
	return out
}

// secretProblem is what is wrong with a Secret and how to fix it.
type secretProblem struct {
	severity  fn.Severity
	what, fix string
}

// secretProblems describes what is wrong with a Secret for an ELB listener
// (nil sec: the Secret is not in the input).
func secretProblems(sec *Secret, namespace string) []secretProblem {
	type problem = secretProblem
	if sec == nil {
		return []problem{{Warning, "is not in the input, so it cannot be checked",
			"make sure it exists in namespace " + namespace + " with type kubernetes.io/tls and the keys tls.crt and tls.key"}}
	}
	var out []problem
	if sec.Type != cce.TLSSecretType && sec.Type != cce.IngressTLSType {
		typ := sec.Type
		if typ == "" {
			typ = "Opaque"
		}
		out = append(out, problem{Error, "has type " + typ + ", but the ELB listener needs type kubernetes.io/tls or IngressTLS",
			"recreate the Secret with type kubernetes.io/tls"})
	}
	var missing []string
	for _, k := range []string{"tls.crt", "tls.key"} {
		if !sec.Keys[k] {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		out = append(out, problem{Error, "has no " + strings.Join(missing, " and "),
			"add the certificate chain as tls.crt and its private key as tls.key"})
	}
	return out
}
