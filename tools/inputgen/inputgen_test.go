package inputgen

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cce-ingress-https/cce-ingress-https/krmio"
)

func TestDeterministicBySeed(t *testing.T) {
	a := Bytes(Options{Items: 120, Seed: 5})
	assert.Equal(t, a, Bytes(Options{Items: 120, Seed: 5}))
	assert.NotEqual(t, a, Bytes(Options{Items: 120, Seed: 6}))
}

func TestMixAndAnnotations(t *testing.T) {
	doc, err := krmio.ReadResourceList(Bytes(Options{Items: 2500, Seed: 1}))
	require.NoError(t, err)
	require.Len(t, doc.Items, 2500)
	kinds := map[string]int{}
	for _, it := range doc.Items {
		kinds[it.Object().GetKind()]++
		assert.NotEmpty(t, it.Object().GetAnnotation("config.kubernetes.io/path"))
		assert.NotEmpty(t, it.Object().GetAnnotation("internal.config.kubernetes.io/index"))
	}
	assert.Equal(t, map[string]int{"Ingress": 1000, "Service": 900, "Deployment": 500, "Secret": 100}, kinds)
	require.NotNil(t, doc.FunctionConfig)
	assert.Contains(t, string(Bytes(Options{Items: 1})), "kind: IngressHTTPSBackend")
}

func TestStreamFormat(t *testing.T) {
	b := Bytes(Options{Items: 60, Seed: 1, Stream: true})
	doc, err := krmio.ReadStream(b)
	require.NoError(t, err)
	assert.Len(t, doc.Items, 60)
	assert.False(t, bytes.Contains(b, []byte("config.kubernetes.io/path")), "plain manifests carry no kpt annotations")
	assert.False(t, bytes.Contains(b, []byte("ResourceList")))
}

func TestEmpty(t *testing.T) {
	doc, err := krmio.ReadResourceList(Bytes(Options{Items: 0}))
	require.NoError(t, err)
	assert.Empty(t, doc.Items)
	assert.NotNil(t, doc.FunctionConfig)
}
