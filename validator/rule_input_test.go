package validator

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
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

// TestDuplicateKeysPaths compares duplicateKeys with the plain walk that
// builds every path as a string, on random trees full of duplicate keys,
// keys that need brackets, annotations, labels and lists.
func TestDuplicateKeysPaths(t *testing.T) {
	keys := []string{"a", "a", "metadata", "annotations", "labels", "x.y", "k/v", "", "<<", "spec", "b c"}
	rng := rand.New(rand.NewPCG(1, 2))
	var tree func(depth int) *yaml.Node
	tree = func(depth int) *yaml.Node {
		switch r := rng.IntN(4); {
		case depth > 3 || r == 0:
			return &yaml.Node{Kind: yaml.ScalarNode, Value: keys[rng.IntN(len(keys))]}
		case r == 1:
			n := &yaml.Node{Kind: yaml.SequenceNode}
			for range rng.IntN(4) {
				n.Content = append(n.Content, tree(depth+1))
			}
			return n
		}
		n := &yaml.Node{Kind: yaml.MappingNode}
		for range rng.IntN(12) {
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: keys[rng.IntN(len(keys))]}, tree(depth+1))
		}
		return n
	}
	found := 0
	for i := range 2000 {
		root := tree(0)
		if i%2 == 0 && root.Kind == yaml.MappingNode {
			root.Content = append(root.Content,
				&yaml.Node{Kind: yaml.ScalarNode, Value: "apiVersion"}, &yaml.Node{Kind: yaml.ScalarNode, Value: "networking.k8s.io/v1"},
				&yaml.Node{Kind: yaml.ScalarNode, Value: "kind"}, &yaml.Node{Kind: yaml.ScalarNode, Value: "Ingress"})
		}
		want := referenceDuplicateKeys(root)
		found += len(want)
		require.Equal(t, want, duplicateKeys(root), "tree %d", i)
	}
	require.Greater(t, found, 1000, "the trees must hold duplicates")
}

// referenceDuplicateKeys is duplicateKeys written the simple way.
func referenceDuplicateKeys(n *yaml.Node) []string {
	ingress := cce.IsIngress(scalarValue(n, "apiVersion"), scalarValue(n, "kind"))
	join := func(path, key string) string {
		switch {
		case path == "":
			return key
		case needsBrackets(key) || strings.HasSuffix(path, "annotations") || strings.HasSuffix(path, "labels"):
			return path + "[" + key + "]"
		}
		return path + "." + key
	}
	var out []string
	var walk func(n *yaml.Node, path string)
	walk = func(n *yaml.Node, path string) {
		if ingress && (path == "metadata.annotations" || path == "metadata.labels") {
			return
		}
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i].Value
				dup := false
				for j := 0; j < i && !dup; j += 2 {
					dup = n.Content[j].Value == k
				}
				p := join(path, k)
				if dup && n.Content[i].Kind == yaml.ScalarNode && k != "<<" {
					out = append(out, p)
				}
				walk(n.Content[i+1], p)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				walk(c, path+"["+strconv.Itoa(i)+"]")
			}
		}
	}
	walk(n, "")
	return out
}
