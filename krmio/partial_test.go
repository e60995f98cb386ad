package krmio

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

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

func onlyIngress(apiVersion, kind string) bool { return kind == "Ingress" }

func TestKeepHeader(t *testing.T) {
	d, err := ReadResourceListWith([]byte(partialInput), ReadOptions{Full: onlyIngress})
	require.NoError(t, err)
	require.Len(t, d.Items, 6)
	require.NotNil(t, d.layout, "the fast path reads this input")

	dep := d.Items[0]
	assert.True(t, dep.partial)
	assert.Equal(t, "Deployment", dep.Obj.GetKind())
	assert.Equal(t, "shop", dep.Obj.GetNamespace())
	assert.Equal(t, "apps/web.yaml", dep.File().Path)
	assert.Nil(t, yamlnode.Get(dep.Node, "spec"), "the body is not kept")

	for i, name := range map[int]string{1: "web", 2: "quoted"} {
		it := d.Items[i]
		assert.False(t, it.partial, "Ingress %s is read in full", name)
		assert.Equal(t, name, it.Obj.GetName())
		assert.NotNil(t, yamlnode.Get(it.Node, "spec"))
	}

	assert.Nil(t, d.Items[3].Obj, "a scalar item is read in full and stays a scalar")
	assert.True(t, d.Items[4].partial)
	assert.Equal(t, "", d.Items[4].Obj.GetKind())
	assert.Equal(t, "no-kind", d.Items[4].Obj.GetName())
	assert.True(t, d.Items[5].partial)
	assert.Equal(t, "dash-alone", d.Items[5].Obj.GetName())

	var out bytes.Buffer
	require.NoError(t, d.WriteResourceList(&out, nil))
	assert.Equal(t, partialInput, out.String(), "partially read items are written byte for byte")
}

func TestKeepHeaderSameHeaderAsFullRead(t *testing.T) {
	full, err := ReadResourceList([]byte(partialInput))
	require.NoError(t, err)
	part, err := ReadResourceListWith([]byte(partialInput), ReadOptions{Full: onlyIngress})
	require.NoError(t, err)
	for i := range full.Items {
		f, p := full.Items[i], part.Items[i]
		if f.Obj == nil {
			assert.Nil(t, p.Obj)
			continue
		}
		assert.Equal(t, f.Ref(), p.Ref(), "item %d", i)
		assert.Equal(t, f.Obj.GetAnnotations(), p.Obj.GetAnnotations(), "item %d", i)
		assert.Equal(t, f.Obj.GetLabels(), p.Obj.GetLabels(), "item %d", i)
	}
}

func TestPartialItemCannotBeWrittenChanged(t *testing.T) {
	d, err := ReadResourceListWith([]byte(partialInput), ReadOptions{Full: onlyIngress})
	require.NoError(t, err)
	require.NoError(t, d.Items[0].SetAnnotation("a", "b"))
	err = d.WriteResourceList(&bytes.Buffer{}, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "Deployment web")
}

func TestKeepHeaderStillChecksTheWholeItem(t *testing.T) {
	bad := listOf("- apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: web\n  spec:\n    a: [unclosed\n")
	_, err := ReadResourceListWith([]byte(bad), ReadOptions{Full: onlyIngress})
	assert.Error(t, err, "a syntax error in the body of a kind kept as a header is still an error")
	aliases := listOf("- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: c\n  data:\n    a: &x v\n    b: *x\n")
	d, err := ReadResourceListWith([]byte(aliases), ReadOptions{Full: onlyIngress})
	require.NoError(t, err)
	assert.False(t, d.Items[0].partial, "an item that may use aliases keeps its tree for the alias checks")
	assert.NotNil(t, yamlnode.Get(d.Items[0].Node, "data"))
}
