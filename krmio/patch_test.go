package krmio

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"sigs.k8s.io/kustomize/kyaml/yaml"
)

// edits are what the transformer sets.
var edits = [][2]string{
	{"kubernetes.io/elb.pool-protocol", "https"},
	{"kubernetes.io/elb.port", "443"},
	{"kubernetes.io/elb.tls-ciphers-policy", "tls-1-2"},
}

func listOf(item string) string {
	return "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n" + item
}

// writeEdited reads input, applies edits to item 0 and writes it, either
// patching the text or (reencode) encoding the item again.
func writeEdited(t *testing.T, input string, reencode bool) (string, bool) {
	t.Helper()
	d, err := ReadResourceList([]byte(input))
	require.NoError(t, err)
	it := d.Items[0]
	for _, e := range edits {
		require.NoError(t, it.SetAnnotation(e[0], e[1]))
	}
	if reencode {
		it.reencode = true
	}
	_, patched := it.patched()
	var out bytes.Buffer
	require.NoError(t, d.WriteResourceList(&out, nil))
	return out.String(), patched
}

// sameData parses two ResourceLists and compares them as plain data.
func sameData(t *testing.T, a, b string) {
	t.Helper()
	var x, y any
	require.NoError(t, yaml.Unmarshal([]byte(a), &x), a)
	require.NoError(t, yaml.Unmarshal([]byte(b), &y), b)
	assert.Equal(t, x, y)
}

func TestPatchMatchesReencoding(t *testing.T) {
	cases := map[string]struct {
		item      string
		patched   bool // the text can be patched
		identical bool // and the patch is byte-identical to re-encoding
	}{
		"new keys": {item: `- apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata:
    name: web
    annotations:
      kubernetes.io/elb.class: performance
  spec:
    rules: []
`, patched: true, identical: true},
		"replace values, plain and quoted keys, comments kept": {item: `- apiVersion: networking.k8s.io/v1   # spacing and comments stay
  kind: Ingress
  metadata:
    name: web
    annotations:
      # the ELB
      kubernetes.io/elb.pool-protocol: http
      "kubernetes.io/elb.port": '8443'
      kubernetes.io/elb.class: performance # dedicated
    labels: {app: web}
  spec:
    rules: []
`, patched: true},
		"stream-style wide lists and deeper indentation": {item: `-   apiVersion: networking.k8s.io/v1
    kind: Ingress
    metadata:
        name: web
        annotations:
            kubernetes.io/elb.port: "80"
    spec:
        tls:
            -   secretName: web
`, patched: true},
		"edited key has a comment": {item: `- apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata:
    name: web
    annotations:
      kubernetes.io/elb.port: "80" # was http
`},
		"edited key is multi-line": {item: `- apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata:
    name: web
    annotations:
      kubernetes.io/elb.port: |
        80
`},
		"last annotation is a block scalar keeping its blank lines": {item: `- apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata:
    annotations:
      note: |+
        keep

  spec: {}
`},
		"flow annotations": {item: `- apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata:
    name: web
    annotations: {a: b}
`},
		"no annotations": {item: `- apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata:
    name: web
`},
		"key with a prefix of an edited key": {item: `- apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata:
    annotations:
      kubernetes.io/elb.port-extra: "1"
    name: web
`, patched: true},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			input := listOf(c.item)
			got, patched := writeEdited(t, input, false)
			want, _ := writeEdited(t, input, true)
			assert.Equal(t, c.patched, patched)
			sameData(t, got, want)
			if c.identical || !c.patched {
				assert.Equal(t, want, got)
			}
			if c.patched {
				// Every input line is still there, in order.
				assert.Subset(t, bytes.Split([]byte(got), []byte("\n")), bytes.Split([]byte(withoutEditedLines(input)), []byte("\n")))
			}
		})
	}
}

// withoutEditedLines drops lines that the edits replace.
func withoutEditedLines(s string) string {
	var out []string
	for _, l := range bytes.Split([]byte(s), []byte("\n")) {
		if bytes.Contains(l, []byte("elb.pool-protocol: http")) || bytes.Contains(l, []byte(`elb.port": '8443'`)) || bytes.Contains(l, []byte(`elb.port: "80"`)) {
			continue
		}
		out = append(out, string(l))
	}
	return string(bytes.Join(func() [][]byte {
		b := make([][]byte, len(out))
		for i := range out {
			b[i] = []byte(out[i])
		}
		return b
	}(), []byte("\n")))
}

func TestPatchIsIdempotent(t *testing.T) {
	input := listOf(`- apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata:
    name: web
    annotations:
      kubernetes.io/elb.class: performance
`)
	once, patched := writeEdited(t, input, false)
	require.True(t, patched)
	twice, _ := writeEdited(t, once, false)
	assert.Equal(t, once, twice)
}

func TestPatchStreamDocument(t *testing.T) {
	input := "# web\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  annotations:\n    a:   b # keep\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n"
	d, err := ReadStream([]byte(input))
	require.NoError(t, err)
	require.NoError(t, d.Items[0].SetAnnotation("kubernetes.io/elb.port", "443"))
	var out bytes.Buffer
	require.NoError(t, d.WriteStream(&out))
	assert.Equal(t, "# web\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  annotations:\n    a:   b # keep\n    kubernetes.io/elb.port: \"443\"\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n", out.String())
}

// FuzzPatchMatchesReencoding: whenever the writer patches an item's text,
// the result means the input item with the three annotations set. (The
// re-encoded item is not the oracle: the encoder itself changes the meaning
// of some odd flow styles that the patch leaves alone.)
// go test ./krmio -run '^$' -fuzz FuzzPatchMatchesReencoding
func FuzzPatchMatchesReencoding(f *testing.F) {
	f.Add("- apiVersion: networking.k8s.io/v1\n  kind: Ingress\n  metadata:\n    name: web\n    annotations:\n      a: b\n")
	f.Add("- kind: Ingress\n  metadata:\n    annotations:\n      # c\n      kubernetes.io/elb.port: '80'\n      x: |\n        y\n    labels: {a: b}\n")
	f.Add("-   metadata:\n        annotations:\n            \"kubernetes.io/elb.pool-protocol\": http\n            z: 1\n")
	f.Fuzz(func(t *testing.T, item string) {
		if len(item) > 4096 || strings.ContainsAny(item, "*&") {
			return // aliases can make plain decoding below exponential
		}
		input := listOf(item)
		var want any
		if yaml.Unmarshal([]byte(item), &want) != nil {
			return // e.g. duplicate keys: not data to begin with
		}
		d, err := ReadResourceList([]byte(input))
		if err != nil || len(d.Items) != 1 || !d.Items[0].HasObject() || d.layout == nil {
			return
		}
		it := d.Items[0]
		for _, e := range edits {
			if it.SetAnnotation(e[0], e[1]) != nil {
				return
			}
		}
		patched, ok := it.patched()
		if !ok {
			return
		}
		var got any
		require.NoError(t, yaml.Unmarshal(patched, &got), "patched text does not parse:\n%s", patched)
		want = normal(want)
		anns := want.([]any)[0].(map[any]any)["metadata"].(map[any]any)["annotations"].(map[any]any)
		for _, e := range edits {
			anns[e[0]] = e[1]
		}
		require.Equal(t, want, normal(got), "patched:\n%s", patched)
	})
}

// normal turns every map into a map[any]any, the type plain decoding picks
// only when some key is not a string.
func normal(v any) any {
	switch v := v.(type) {
	case map[string]any:
		m := map[any]any{}
		for k, x := range v {
			m[k] = normal(x)
		}
		return m
	case map[any]any:
		m := map[any]any{}
		for k, x := range v {
			m[k] = normal(x)
		}
		return m
	case []any:
		for i := range v {
			v[i] = normal(v[i])
		}
	}
	return v
}

// Annotations that other code adds to the node for a while (file mode marks
// items with their path) must be gone before writing, or the item is
// re-encoded so that nothing in the node is lost.
func TestPatchSeesOtherAnnotationChanges(t *testing.T) {
	input := listOf("- apiVersion: networking.k8s.io/v1\n  kind: Ingress\n  metadata:\n    name: web\n    annotations:\n      a:   b\n")
	for _, remove := range []bool{true, false} {
		d, err := ReadResourceList([]byte(input))
		require.NoError(t, err)
		it := d.Items[0]
		anns := annotationsNode(it.Node)
		saved := anns.Content
		anns.Content = append(anns.Content[:len(anns.Content):len(anns.Content)],
			&yaml.Node{Kind: yaml.ScalarNode, Value: "config.kubernetes.io/path"}, &yaml.Node{Kind: yaml.ScalarNode, Value: "x.yaml"})
		require.NoError(t, it.SetAnnotation("kubernetes.io/elb.port", "443"))
		if remove {
			anns.Content = append(saved, anns.Content[len(saved)+2:]...)
		}
		_, patched := it.patched()
		assert.Equal(t, remove, patched, "remove=%v", remove)
		var out bytes.Buffer
		require.NoError(t, d.WriteResourceList(&out, nil))
		assert.Equal(t, !remove, strings.Contains(out.String(), "x.yaml"), "remove=%v", remove)
		assert.Contains(t, out.String(), `kubernetes.io/elb.port: "443"`)
	}
}
