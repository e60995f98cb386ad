package validator

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func secret(name, typ, data string) string {
	s := "apiVersion: v1\nkind: Secret\nmetadata:\n  name: " + name + "\n  namespace: shop\n"
	if typ != "" {
		s += "type: " + typ + "\n"
	}
	return s + data + "---\n"
}

const (
	secretCert = "c2VjcmV0LWNlcnQtdmFsdWU="
	secretKey  = "c2VjcmV0LWtleS12YWx1ZQ=="
)

func TestTLSSecret(t *testing.T) {
	both := "data:\n  tls.crt: " + secretCert + "\n  tls.key: " + secretKey + "\n"
	field := "spec.tls[0].secretName"
	runCases(t, "tls-secret", []ruleCase{
		{name: "kubernetes.io/tls passes", yaml: ingress("web", "", simpleSpec) + secret("web-tls", "kubernetes.io/tls", both)},
		{name: "IngressTLS passes", yaml: ingress("web", "", simpleSpec) + secret("web-tls", "IngressTLS", both)},
		{name: "stringData keys pass", yaml: ingress("web", "", simpleSpec) + secret("web-tls", "kubernetes.io/tls", "stringData:\n  tls.crt: c\n  tls.key: k\n")},
		{name: "absent is a warning", yaml: ingress("web", "", simpleSpec),
			want: []want{{sev: Warning, field: field, msg: "Secret shop/web-tls is not in the input", current: "web-tls"}}},
		{name: "Opaque is an error", yaml: ingress("web", "", simpleSpec) + secret("web-tls", "Opaque", both),
			want: []want{{sev: Error, field: field, msg: "has type Opaque", current: "web-tls"}}},
		{name: "no type is Opaque", yaml: ingress("web", "", simpleSpec) + secret("web-tls", "", both),
			want: []want{{sev: Error, field: field, msg: "has type Opaque", current: "web-tls"}}},
		{name: "missing key", yaml: ingress("web", "", simpleSpec) + secret("web-tls", "kubernetes.io/tls", "data:\n  tls.crt: "+secretCert+"\n"),
			want: []want{{sev: Error, field: field, msg: "has no tls.key", current: "web-tls"}}},
		{name: "wrong type and no keys", yaml: ingress("web", "", simpleSpec) + secret("web-tls", "Opaque", "data:\n  cert: "+secretCert+"\n"),
			want: []want{
				{sev: Error, field: field, msg: "has type Opaque", current: "web-tls"},
				{sev: Error, field: field, msg: "has no tls.crt and tls.key", current: "web-tls"},
			}},
		{name: "with an ELB certificate a bad Secret is an unused-Secret warning", yaml: ingress("web", "kubernetes.io/elb.tls-certificate-ids: cert-1", simpleSpec) + secret("web-tls", "Opaque", "data:\n  cert: "+secretCert+"\n"),
			want: []want{
				{sev: Warning, field: field, msg: "Secret shop/web-tls is unused: CCE uses the ELB certificate (kubernetes.io/elb.tls-certificate-ids) when both are set, so the listener does not read spec.tls, and this Secret has type Opaque", current: "web-tls"},
				{sev: Warning, field: field, msg: "is unused: CCE uses the ELB certificate (kubernetes.io/elb.tls-certificate-ids) when both are set, so the listener does not read spec.tls, and this Secret has no tls.crt and tls.key", current: "web-tls"},
			}},
		{name: "with an ELB certificate a good Secret passes", yaml: ingress("web", "kubernetes.io/elb.tls-certificate-ids: cert-1", simpleSpec) + secret("web-tls", "kubernetes.io/tls", both)},
		{name: "an empty certificate id does not make the Secret unused", yaml: ingress("web", "kubernetes.io/elb.tls-certificate-ids: ''", simpleSpec) + secret("web-tls", "Opaque", both),
			want: []want{{sev: Error, field: field, msg: "has type Opaque", current: "web-tls"}}},
	})
}

// TestTLSSecretNeverLeaksData checks that no finding carries a Secret's data.
func TestTLSSecretNeverLeaksData(t *testing.T) {
	for _, typ := range []string{"Opaque", "kubernetes.io/tls"} {
		c := ruleCase{yaml: ingress("web", "", simpleSpec) + secret("web-tls", typ, "data:\n  tls.crt: "+secretCert+"\n  other: "+secretKey+"\n")}
		got := check(t, "tls-secret", c)
		assert.NotEmpty(t, got)
		for _, f := range got {
			for _, v := range []string{f.Message, f.Field, toString(f.Current), toString(f.Proposed)} {
				assert.NotContains(t, v, secretCert)
				assert.NotContains(t, v, secretKey)
			}
		}
	}
}

func toString(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return ""
}
