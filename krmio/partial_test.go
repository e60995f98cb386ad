package krmio

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"sigs.k8s.io/kustomize/kyaml/yaml"
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

func TestReadHeaderOnly(t *testing.T) {
	d, err := ReadResourceListWith([]byte(partialInput), ReadOptions{Full: onlyIngress})
	require.NoError(t, err)
	require.Len(t, d.Items, 6)
	require.NotNil(t, d.layout, "the fast path reads this input")

	dep := d.Items[0]
	assert.True(t, dep.partial)
	assert.Equal(t, "Deployment", dep.Obj.GetKind())
	assert.Equal(t, "shop", dep.Obj.GetNamespace())
	assert.Equal(t, "apps/web.yaml", dep.File().Path)
	assert.Nil(t, field(dep.Node, "spec"), "the body is not read")

	for i, name := range map[int]string{1: "web", 2: "quoted"} {
		it := d.Items[i]
		assert.False(t, it.partial, "Ingress %s is read in full", name)
		assert.Equal(t, name, it.Obj.GetName())
		assert.NotNil(t, field(it.Node, "spec"))
	}

	assert.Nil(t, d.Items[3].Obj, "a scalar item is read in full and stays a scalar")
	assert.True(t, d.Items[4].partial)
	assert.Equal(t, "", d.Items[4].Obj.GetKind())
	assert.Equal(t, "no-kind", d.Items[4].Obj.GetName())
	assert.False(t, d.Items[5].partial, "an entry whose content starts on the next line is read in full")
	assert.NotNil(t, field(d.Items[5].Node, "data"))

	var out bytes.Buffer
	require.NoError(t, d.WriteResourceList(&out, nil))
	assert.Equal(t, partialInput, out.String(), "partially read items are written byte for byte")
}

func TestReadHeaderOnlySameHeaderAsFullRead(t *testing.T) {
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

func TestCutHeaderRejectsWhatItCannotCut(t *testing.T) {
	for name, chunk := range map[string]string{
		"flow entry":           "- {apiVersion: v1, kind: Secret}\n",
		"quoted key":           "- \"apiVersion\": v1\n  kind: Secret\n",
		"less indented":        "- apiVersion: v1\n  kind: Secret\n metadata: {}\n",
		"content on next line": "-\n  apiVersion: v1\n",
		"not an entry":         "apiVersion: v1\n",
	} {
		_, _, _, ok := cutHeader([]byte(chunk))
		assert.False(t, ok, "%s", name)
	}
	header, av, kind, ok := cutHeader([]byte("- apiVersion: v1 # core\n  kind: Secret\n  type: Opaque\n  metadata:\n    name: s\n  data:\n    k: dg==\n"))
	require.True(t, ok)
	assert.Equal(t, "v1", av)
	assert.Equal(t, "Secret", kind)
	assert.Equal(t, "  apiVersion: v1 # core\n  kind: Secret\n  metadata:\n    name: s\n", string(header))
	n, err := decodeOne(header)
	require.NoError(t, err)
	assert.Equal(t, yaml.MappingNode, n.Kind)
	assert.False(t, strings.Contains(string(header), "dg=="), "the body stays out")
}
