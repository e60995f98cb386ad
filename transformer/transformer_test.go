package transformer

import (
	"bytes"
	"testing"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"k8s.io/apimachinery/pkg/labels"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/cce-ingress-https/cce-ingress-https/krmio"
)

const manifests = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  labels: {https-backend: enabled}
  annotations:
    kubernetes.io/elb.port: "8443"
    config.kubernetes.io/path: apps/web.yaml
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: legacy
  labels: {https-backend: enabled}
  annotations:
    kubernetes.io/elb.pool-protocol: http
---
apiVersion: extensions/v1beta1
kind: Ingress
metadata:
  name: old
  labels: {https-backend: enabled}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: local
  labels: {https-backend: enabled}
  annotations:
    config.kubernetes.io/local-config: "true"
---
apiVersion: v1
kind: Service
metadata:
  name: web
  labels: {https-backend: enabled}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: other
  labels: {https-backend: disabled}
`

func apply(t *testing.T, opts Options) ([]*krmio.Item, Outcome) {
	t.Helper()
	doc, err := krmio.ReadStream([]byte(manifests))
	require.NoError(t, err)
	if opts.Selector == nil {
		sel, err := labels.Parse("https-backend=enabled")
		require.NoError(t, err)
		opts.Selector = sel
	}
	return doc.Items, Apply(doc.Items, opts)
}

func TestApplySetsAnnotationsOnSelectedIngresses(t *testing.T) {
	items, out := apply(t, Options{Port: 443, CiphersPolicy: "tls-1-2"})
	web, legacy, old, local, svc, other := items[0], items[1], items[2], items[3], items[4], items[5]

	for _, it := range []*krmio.Item{web, old} {
		assert.True(t, it.Changed(), it.Object().GetName())
		assert.Equal(t, "https", it.Object().GetAnnotation("kubernetes.io/elb.pool-protocol"))
		assert.Equal(t, "443", it.Object().GetAnnotation("kubernetes.io/elb.port"))
		assert.Equal(t, "tls-1-2", it.Object().GetAnnotation("kubernetes.io/elb.tls-ciphers-policy"))
		assert.True(t, out.Selected[it.Object()])
	}
	// Another pool-protocol is never rewritten: it is a conflict for the validator.
	assert.False(t, legacy.Changed())
	assert.Equal(t, "http", legacy.Object().GetAnnotation("kubernetes.io/elb.pool-protocol"))
	assert.True(t, out.Selected[legacy.Object()])
	assert.True(t, out.Conflicts[legacy.Object()])
	// Local config, other kinds and unmatched labels are not touched.
	for _, it := range []*krmio.Item{local, svc, other} {
		assert.False(t, it.Changed(), it.Object().GetName())
		assert.False(t, out.Selected[it.Object()], it.Object().GetName())
		assert.Empty(t, it.Object().GetAnnotation("kubernetes.io/elb.pool-protocol"))
	}
}

func TestApplyReportsEachChange(t *testing.T) {
	_, out := apply(t, Options{Port: 443, CiphersPolicy: "tls-1-2"})
	require.Len(t, out.Results, 6, "three annotations on web and on old")
	port := out.Results[1]
	assert.Equal(t, fn.Info, port.Severity)
	assert.Equal(t, "metadata.annotations[kubernetes.io/elb.port]", port.Field.Path)
	assert.Equal(t, "8443", port.Field.CurrentValue)
	assert.Equal(t, "443", port.Field.ProposedValue)
	assert.Equal(t, `set kubernetes.io/elb.port to "443" (was "8443")`, port.Message)
	assert.Equal(t, &fn.File{Path: "apps/web.yaml"}, port.File)
	assert.Equal(t, "web", port.ResourceRef.Name)
	assert.Equal(t, "https-annotations", port.Tags["rule"])
	assert.Nil(t, out.Results[0].Field.CurrentValue, "pool-protocol was unset")
}

func TestApplyIsIdempotent(t *testing.T) {
	opts := Options{Selector: labels.SelectorFromSet(labels.Set{"https-backend": "enabled"}), Port: 443, CiphersPolicy: "tls-1-2"}
	doc, err := krmio.ReadStream([]byte(manifests))
	require.NoError(t, err)
	Apply(doc.Items, opts)
	var buf bytes.Buffer
	require.NoError(t, doc.WriteStream(&buf))
	again, err := krmio.ReadStream(buf.Bytes())
	require.NoError(t, err)
	out := Apply(again.Items, opts)
	assert.Empty(t, out.Results)
	for _, it := range again.Items {
		assert.False(t, it.Changed(), it.Object().GetName())
	}
}

func TestValidateOnlyChangesNothing(t *testing.T) {
	items, out := apply(t, Options{Port: 443, CiphersPolicy: "tls-1-2", ValidateOnly: true})
	assert.Empty(t, out.Results)
	for _, it := range items {
		assert.False(t, it.Changed(), it.Object().GetName())
	}
	assert.Equal(t, "8443", items[0].Object().GetAnnotation("kubernetes.io/elb.port"))
	assert.True(t, out.Selected[items[0].Object()], "selection is still reported to the validator")
}

func TestEverythingSelectorSkipsNonIngresses(t *testing.T) {
	items, out := apply(t, Options{Selector: labels.Everything(), Port: 80, CiphersPolicy: "tls-1-2-strict"})
	assert.True(t, out.Selected[items[5].Object()], "{} selects every Ingress")
	assert.False(t, out.Selected[items[4].Object()], "but never a Service")
	assert.Equal(t, "80", items[5].Object().GetAnnotation("kubernetes.io/elb.port"))
}

// TestApplyOwnsItsAnnotations: on a selected Ingress the three annotations
// are written as strings whatever their old YAML type (a Helm value
// rendered unquoted), with an info giving the old value; an Ingress the
// selector does not match keeps its number.
func TestApplyOwnsItsAnnotations(t *testing.T) {
	doc, err := krmio.ReadStream([]byte(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: helm
  labels: {https-backend: enabled}
  annotations:
    kubernetes.io/elb.port: 443
    kubernetes.io/elb.tls-ciphers-policy: null
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: other
  annotations:
    kubernetes.io/elb.port: 443
`))
	require.NoError(t, err)
	out := Apply(doc.Items, Options{Selector: labels.SelectorFromSet(labels.Set{"https-backend": "enabled"}), Port: 443, CiphersPolicy: "tls-1-2"})
	require.Len(t, out.Results, 3)
	assert.Equal(t, `set kubernetes.io/elb.port to "443" (was the number 443, not a string, which the API server rejects for an annotation)`, out.Results[1].Message)
	assert.Equal(t, "443", out.Results[1].Field.CurrentValue)
	assert.Equal(t, `set kubernetes.io/elb.tls-ciphers-policy to "tls-1-2" (was null, not a string, which the API server rejects for an annotation)`, out.Results[2].Message)
	text, err := yaml.Marshal(doc.Items[0].Node)
	require.NoError(t, err)
	assert.Contains(t, string(text), `kubernetes.io/elb.port: "443"`)
	assert.Contains(t, string(text), `kubernetes.io/elb.tls-ciphers-policy: tls-1-2`)
	other, err := yaml.Marshal(doc.Items[1].Node)
	require.NoError(t, err)
	assert.Contains(t, string(other), "kubernetes.io/elb.port: 443\n", "not selected: left as it is")
}
