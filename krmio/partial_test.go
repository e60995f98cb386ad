package krmio

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/cce-ingress-https/cce-ingress-https/internal/yamlnode"
)

const partialInput = `apiVersion: config.kubernetes.io/v1
kind: ResourceList
items:
- apiVersion: apps/v1
  kind: Deployment # the header keeps comments out of the way
  metadata:
    name: web
    namespace: shop
    annotations:
      config.kubernetes.io/path: apps/web.yaml
  spec:
    replicas: 2
    template:
      spec:
        containers:
        - name: web
          image: nginx
- apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata:
    name: web
  spec:
    rules: []
-   kind: "Ingress"
    apiVersion: networking.k8s.io/v1
    metadata: {name: quoted}
    spec: {}
- just a string
- metadata:
    name: no-kind
  data: {}
-
  apiVersion: v1
  kind: ConfigMap
  metadata:
    name: dash-alone
  data:
    a: b
`

// ingressSpec digests an Ingress as its spec node (the validator keeps a
// typed view instead); other kinds have no digest.
func ingressSpec(apiVersion, kind string, n *yaml.Node) any {
	if kind == "Ingress" {
		return yamlnode.Get(n, "spec")
	}
	return nil
}

var headerOnly = ReadOptions{Digest: ingressSpec}

func TestKeepHeader(t *testing.T) {
	d, err := ReadResourceListWith([]byte(partialInput), headerOnly)
	require.NoError(t, err)
	require.Len(t, d.Items, 6)
	require.NotNil(t, d.layout, "the fast path reads this input")

	dep := d.Items[0]
	assert.True(t, dep.partial)
	assert.Equal(t, "Deployment", dep.Object().GetKind())
	assert.Equal(t, "shop", dep.Object().GetNamespace())
	assert.Equal(t, "apps/web.yaml", dep.File().Path)
	assert.Nil(t, yamlnode.Get(dep.Node, "spec"), "the body is not kept")

	assert.Nil(t, dep.Digest())
	for i, name := range map[int]string{1: "web", 2: "quoted"} {
		it := d.Items[i]
		assert.True(t, it.partial, "Ingress %s keeps its header", name)
		assert.Equal(t, name, it.Object().GetName())
		assert.Nil(t, yamlnode.Get(it.Node, "spec"))
		require.NotNil(t, it.Digest(), "Ingress %s has its digest", name)
		assert.Equal(t, yaml.MappingNode, it.Digest().(*yaml.Node).Kind)
	}

	assert.Nil(t, d.Items[3].Object(), "a scalar item is read in full and stays a scalar")
	assert.True(t, d.Items[4].partial)
	assert.Equal(t, "", d.Items[4].Object().GetKind())
	assert.Equal(t, "no-kind", d.Items[4].Object().GetName())
	assert.True(t, d.Items[5].partial)
	assert.Equal(t, "dash-alone", d.Items[5].Object().GetName())

	var out bytes.Buffer
	require.NoError(t, d.WriteResourceList(&out, nil))
	assert.Equal(t, partialInput, out.String(), "partially read items are written byte for byte")
}

func TestKeepHeaderSameHeaderAsFullRead(t *testing.T) {
	full, err := ReadResourceList([]byte(partialInput))
	require.NoError(t, err)
	part, err := ReadResourceListWith([]byte(partialInput), headerOnly)
	require.NoError(t, err)
	for i := range full.Items {
		f, p := full.Items[i], part.Items[i]
		if !f.HasObject() {
			assert.Nil(t, p.Object())
			continue
		}
		assert.Equal(t, f.Ref(), p.Ref(), "item %d", i)
		assert.Equal(t, f.Object().GetAnnotations(), p.Object().GetAnnotations(), "item %d", i)
		assert.Equal(t, f.Object().GetLabels(), p.Object().GetLabels(), "item %d", i)
	}
}

// An item read with only its header is changed and written exactly like
// the same item read in full: patched when its text allows, else encoded
// from its text parsed again (FullNode), with the change.
func TestPartialItemIsWrittenChangedLikeAFullOne(t *testing.T) {
	for i := range 6 {
		full, err := ReadResourceList([]byte(partialInput))
		require.NoError(t, err)
		part, err := ReadResourceListWith([]byte(partialInput), headerOnly)
		require.NoError(t, err)
		if !full.Items[i].HasObject() {
			continue
		}
		require.True(t, part.Items[i].partial, "item %d", i)
		for _, d := range []*Document{full, part} {
			require.NoError(t, d.Items[i].SetAnnotation("kubernetes.io/elb.port", "443"))
		}
		fn, err := full.Items[i].FullNode()
		require.NoError(t, err)
		pn, err := part.Items[i].FullNode()
		require.NoError(t, err)
		assert.True(t, yamlnode.Same(fn, pn), "item %d: FullNode gives the full tree with the change", i)
		var fullOut, partOut bytes.Buffer
		require.NoError(t, full.WriteResourceList(&fullOut, nil))
		require.NoError(t, part.WriteResourceList(&partOut, nil))
		assert.Equal(t, fullOut.String(), partOut.String(), "item %d", i)
		assert.NotEqual(t, partialInput, partOut.String(), "item %d: the change is written", i)
	}
}

// A changed Ingress whose metadata is a flow mapping cannot be patched: it
// is encoded from FullNode, body included.
func TestPartialItemEncodedWithItsBody(t *testing.T) {
	part, err := ReadResourceListWith([]byte(partialInput), headerOnly)
	require.NoError(t, err)
	it := part.Items[2]
	require.True(t, it.partial)
	require.NoError(t, it.SetAnnotation("a", "b"))
	var out bytes.Buffer
	require.NoError(t, part.WriteResourceList(&out, nil))
	back, err := ReadResourceList(out.Bytes())
	require.NoError(t, err)
	assert.NotNil(t, yamlnode.Get(back.Items[2].Node, "spec"), "the body is written")
	assert.Equal(t, "b", back.Items[2].Object().GetAnnotation("a"))
}

// In a stream the same holds, and a document read with its header only
// has the line of the key after metadata for the patch.
func TestPartialStreamDocumentWrittenChanged(t *testing.T) {
	in := "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: a\n  annotations:\n    x: y\nspec:\n  rules: []\n---\nkind: Ingress\nmetadata: {name: b}\nspec: {}\n"
	for i := range 2 {
		full, err := ReadStream([]byte(in))
		require.NoError(t, err)
		part, err := ReadStreamWith([]byte(in), headerOnly)
		require.NoError(t, err)
		require.True(t, part.Items[i].partial)
		for _, d := range []*Document{full, part} {
			require.NoError(t, d.Items[i].SetAnnotation("kubernetes.io/elb.port", "443"))
		}
		var fullOut, partOut bytes.Buffer
		require.NoError(t, full.WriteStream(&fullOut))
		require.NoError(t, part.WriteStream(&partOut))
		assert.Equal(t, fullOut.String(), partOut.String(), "document %d", i)
		if i == 0 {
			_, patched := part.Items[0].patched()
			assert.True(t, patched, "the header's layout still allows the patch")
		}
	}
}

func TestKeepHeaderStillChecksTheWholeItem(t *testing.T) {
	bad := listOf("- apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: web\n  spec:\n    a: [unclosed\n")
	_, err := ReadResourceListWith([]byte(bad), headerOnly)
	assert.Error(t, err, "a syntax error in the body of a kind kept as a header is still an error")
	aliases := listOf("- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: c\n  data:\n    a: &x v\n    b: *x\n")
	d, err := ReadResourceListWith([]byte(aliases), headerOnly)
	require.NoError(t, err)
	assert.False(t, d.Items[0].partial, "an item that may use aliases keeps its tree for the alias checks")
	assert.NotNil(t, yamlnode.Get(d.Items[0].Node, "data"))
	star := listOf("- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: c\n  data:\n    path: /v[0-9]+/.*\n")
	d, err = ReadResourceListWith([]byte(star), headerOnly)
	require.NoError(t, err)
	assert.True(t, d.Items[0].partial, "a '*' that is no alias (a regular expression) does not keep the tree")
}

// An item without metadata gains it when an annotation is set: the header
// item is written like the full one, metadata added at the end.
func TestPartialItemGainsMetadata(t *testing.T) {
	in := listOf("- apiVersion: networking.k8s.io/v1\n  kind: Ingress\n  spec:\n    rules: []\n")
	full, err := ReadResourceList([]byte(in))
	require.NoError(t, err)
	part, err := ReadResourceListWith([]byte(in), headerOnly)
	require.NoError(t, err)
	require.True(t, part.Items[0].partial)
	for _, d := range []*Document{full, part} {
		require.NoError(t, d.Items[0].SetAnnotation("kubernetes.io/elb.port", "443"))
	}
	var fullOut, partOut bytes.Buffer
	require.NoError(t, full.WriteResourceList(&fullOut, nil))
	require.NoError(t, part.WriteResourceList(&partOut, nil))
	assert.Equal(t, fullOut.String(), partOut.String())
}
