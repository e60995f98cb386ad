package validator

import (
	"testing"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cce-ingress-https/cce-ingress-https/krmio"
)

// badItems holds one item per input finding, then items that pass: a good
// ConfigMap, and two items the function does not own (a nameless ConfigMap,
// a kustomization file without apiVersion); as a ResourceList because a
// stream cannot hold an item that is not a mapping.
const badItems = `apiVersion: config.kubernetes.io/v1
kind: ResourceList
items:
- just a string
- kind: ConfigMap
  metadata: {name: no-version}
- apiVersion: v1
  kind: ConfigMap
  metadata: [a, list]
- apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata: {namespace: shop}
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: twice}
  data: {a: "1", a: "2"}
- apiVersion: v1
  kind: ConfigMap
  metadata: &m {name: anchored}
- apiVersion: v1
  kind: ConfigMap
  metadata: *m
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: fine}
- apiVersion: v1
  kind: ConfigMap
  data: {a: "1", a: "2"}
- resources: [a.yaml]
  metadata:
    annotations: {config.kubernetes.io/path: base/kustomization.yaml}
`

func inputResults(t *testing.T, opts Options) fn.Results {
	t.Helper()
	doc, err := krmio.ReadResourceList([]byte(badItems))
	require.NoError(t, err)
	var out fn.Results
	for _, r := range Run(doc.Items, opts) {
		if r.Tags["rule"] == "input" {
			out = append(out, r)
		}
	}
	return out
}

type inputWant struct {
	field, msg string
	ref        *fn.ResourceRef
}

var inputWants = []inputWant{
	{"items[0]", "item 0 of the input is not a mapping: every item must be a Kubernetes resource", nil},
	{"items[1]", "item 1 of the input has no apiVersion or kind: every item must be a Kubernetes resource",
		&fn.ResourceRef{Kind: "ConfigMap", Name: "no-version"}},
	{"metadata", "item 2 of the input has metadata that is not a mapping: give metadata.name (and namespace) as a mapping",
		&fn.ResourceRef{APIVersion: "v1", Kind: "ConfigMap"}},
	{"metadata.name", "item 3 of the input has no metadata.name: every resource needs a name",
		&fn.ResourceRef{APIVersion: "networking.k8s.io/v1", Kind: "Ingress", Namespace: "shop"}},
	{"data.a", "item 4 of the input sets data.a twice: keep one (which value wins depends on the tool that reads it)",
		&fn.ResourceRef{APIVersion: "v1", Kind: "ConfigMap", Name: "twice"}},
	{"items[6]", "item 6 of the input uses a YAML alias at metadata: write the value out in full (aliases are not supported in apiVersion, kind or metadata)",
		&fn.ResourceRef{APIVersion: "v1", Kind: "ConfigMap"}},
}

func TestInput(t *testing.T) {
	got := inputResults(t, Options{})
	require.Len(t, got, len(inputWants))
	for i, w := range inputWants {
		assert.Equal(t, Error, got[i].Severity, w.field)
		assert.Equal(t, w.field, got[i].Field.Path)
		assert.Equal(t, w.msg, got[i].Message)
		assert.Equal(t, w.ref, got[i].ResourceRef, w.field)
		assert.Nil(t, got[i].Field.CurrentValue, w.field)
		assert.Nil(t, got[i].Field.ProposedValue, w.field)
	}
}

func TestInputOverrides(t *testing.T) {
	assert.Empty(t, inputResults(t, Options{Overrides: map[string]fn.Severity{"input": Off}}))
	got := inputResults(t, Options{Overrides: map[string]fn.Severity{"input": Warning}})
	require.Len(t, got, len(inputWants))
	for _, r := range got {
		assert.Equal(t, Warning, r.Severity, r.Message)
	}
}

// TestInputResultsWithoutRun: when the configuration failed only the input
// rule runs, at its default severity, with the same results as in Run.
func TestInputResultsWithoutRun(t *testing.T) {
	doc, err := krmio.ReadResourceList([]byte(badItems))
	require.NoError(t, err)
	assert.Equal(t, inputResults(t, Options{}), InputResults(doc.Items))
}
