package config

import (
	"testing"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"k8s.io/apimachinery/pkg/labels"
	"sigs.k8s.io/kustomize/kyaml/yaml"
)

func parse(t *testing.T, text string) (Config, []Problem) {
	t.Helper()
	var doc yaml.Node
	require.NoError(t, yaml.Unmarshal([]byte(text), &doc))
	return Load(doc.Content[0], Flags{})
}

func errorsOf(probs []Problem) []Problem {
	var out []Problem
	for _, p := range probs {
		if p.Severity == fn.Error {
			out = append(out, p)
		}
	}
	return out
}

func TestTypedForm(t *testing.T) {
	c, probs := parse(t, `
apiVersion: fn.kpt.dev/v1alpha1
kind: IngressHTTPSBackend
metadata: {name: x}
selector:
  matchLabels: {https-backend: enabled}
  matchExpressions: [{key: tier, operator: In, values: [web]}]
port: 8443
ciphersPolicy: tls-1-2-strict
clusterVersion: v1.25.3-r0
validateOnly: true
rules: {backend-service: error, tls-secret: off}
`)
	require.Empty(t, probs)
	sel := c.Transform.Selector
	assert.True(t, sel.Matches(labels.Set{"https-backend": "enabled", "tier": "web"}))
	assert.False(t, sel.Matches(labels.Set{"https-backend": "enabled", "tier": "db"}))
	assert.Equal(t, 8443, c.Transform.Port)
	assert.Equal(t, "tls-1-2-strict", c.Transform.CiphersPolicy)
	assert.True(t, c.Transform.ValidateOnly)
	assert.True(t, c.Validate.ValidateOnly)
	assert.Equal(t, "v1.25.3-r0", c.Validate.ClusterVersion.String())
	assert.Equal(t, map[string]fn.Severity{"backend-service": fn.Error, "tls-secret": "off"}, c.Validate.Overrides)
}

func TestConfigMapForm(t *testing.T) {
	c, probs := parse(t, `
apiVersion: v1
kind: ConfigMap
data:
  selector: https-backend=enabled,tier in (web)
  port: "443"
  validateOnly: "false"
  rules: backend-service=warning, tls-secret=off
`)
	require.Empty(t, probs)
	assert.True(t, c.Transform.Selector.Matches(labels.Set{"https-backend": "enabled", "tier": "web"}))
	assert.False(t, c.Transform.Selector.Matches(labels.Set{"https-backend": "enabled"}))
	assert.Equal(t, 443, c.Transform.Port)
	assert.Equal(t, "tls-1-2", c.Transform.CiphersPolicy, "default")
	assert.Equal(t, fn.Severity("off"), c.Validate.Overrides["tls-secret"])
}

func TestConfigErrorsNameTheField(t *testing.T) {
	for name, tc := range map[string]struct{ text, field, msg string }{
		"missing selector":    {"apiVersion: fn.kpt.dev/v1alpha1\nkind: IngressHTTPSBackend\n", "selector", "selector is missing"},
		"empty selector":      {"apiVersion: v1\nkind: ConfigMap\ndata: {selector: ''}\n", "data.selector", "selects nothing"},
		"bad selector":        {"apiVersion: v1\nkind: ConfigMap\ndata: {selector: 'a in (b'}\n", "data.selector", "does not parse"},
		"bad operator":        {"apiVersion: fn.kpt.dev/v1alpha1\nkind: IngressHTTPSBackend\nselector: {matchExpressions: [{key: a, operator: Is}]}\n", "selector.matchExpressions[0].operator", "not one of In"},
		"port out of range":   {"apiVersion: fn.kpt.dev/v1alpha1\nkind: IngressHTTPSBackend\nselector: a=b\nport: 70000\n", "port", "1 to 65535"},
		"port not a number":   {"apiVersion: v1\nkind: ConfigMap\ndata: {selector: a=b, port: https}\n", "data.port", "not a whole number"},
		"unknown policy":      {"apiVersion: fn.kpt.dev/v1alpha1\nkind: IngressHTTPSBackend\nselector: a=b\nciphersPolicy: tls-1-3\n", "ciphersPolicy", "not a CCE policy"},
		"unknown rule":        {"apiVersion: fn.kpt.dev/v1alpha1\nkind: IngressHTTPSBackend\nselector: a=b\nrules: {dedicated: off}\n", "rules.dedicated", "unknown rule"},
		"unknown severity":    {"apiVersion: v1\nkind: ConfigMap\ndata: {selector: a=b, rules: tls-secret=fatal}\n", "data.rules", "not one of error, warning, info, off"},
		"malformed version":   {"apiVersion: fn.kpt.dev/v1alpha1\nkind: IngressHTTPSBackend\nselector: a=b\nclusterVersion: 1.25-latest\n", "clusterVersion", "not a CCE version"},
		"unknown kind":        {"apiVersion: v1\nkind: Secret\n", "kind", "use fn.kpt.dev/v1alpha1 IngressHTTPSBackend"},
		"bad validateOnly":    {"apiVersion: fn.kpt.dev/v1alpha1\nkind: IngressHTTPSBackend\nselector: a=b\nvalidateOnly: maybe\n", "validateOnly", "must be true or false"},
		"selector wrong type": {"apiVersion: fn.kpt.dev/v1alpha1\nkind: IngressHTTPSBackend\nselector: [a]\n", "selector", "must be a mapping"},
	} {
		t.Run(name, func(t *testing.T) {
			_, probs := parse(t, tc.text)
			errs := errorsOf(probs)
			require.Len(t, errs, 1, "%+v", probs)
			assert.Equal(t, tc.field, errs[0].Field)
			assert.Contains(t, errs[0].Message, tc.msg)
		})
	}
}

func TestNoConfiguration(t *testing.T) {
	c, probs := Load(nil, Flags{})
	require.Len(t, probs, 1)
	assert.Equal(t, fn.Error, probs[0].Severity)
	assert.Contains(t, probs[0].Message, "no configuration")
	assert.Nil(t, c.Transform.Selector)
}
