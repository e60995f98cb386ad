package krmio

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// headerCases are items whose header the SDK reads in odd ways: tags on
// keys and values, non-string values, keys given twice, flow style.
var headerCases = []string{
	"{apiVersion: v1, kind: Secret, metadata: {name: a, namespace: b}}",
	"!!str apiVersion: v1\nkind: !!str Service\nmetadata:\n  ? !!str name\n  : x\n",
	"apiVersion: 1\nkind: 2.5\nmetadata:\n  name: 123\n  namespace: null\n",
	"apiVersion: v1\nkind: [a]\nmetadata:\n  name: {a: b}\n  namespace: ~\n",
	"apiVersion: v1\napiVersion: v2\nkind: ConfigMap\nmetadata:\n  name: first\n  name: second\n",
	"kind: !custom Ingress\nmetadata: []\n",
	"kind: Ingress\nmetadata: null\n",
	"kind: Ingress\nmetadata:\n  annotations:\n    config.kubernetes.io/local-config: 'true'\n    config.kubernetes.io/path: a.yaml\n    config.kubernetes.io/index: '2'\n    n: 1\n    b: true\n    e: \"\"\n",
	"kind: Ingress\nmetadata:\n  annotations:\n    config.kubernetes.io/local-config: \"false\"\n    ? !!int 1\n    : one\n",
	"kind: Ingress\nmetadata:\n  annotations: [a]\n",
	"kind: Ingress\nmetadata:\n  annotations:\n    config.kubernetes.io/local-config: yes\n",
}

// The header accessors read what the SDK's getters read, on every item of
// the odd cases above, the golden and hostile cases and the kept property
// harness regressions.
func TestHeaderAccessorsAreTheSDKs(t *testing.T) {
	var inputs [][]byte
	for _, c := range headerCases {
		inputs = append(inputs, []byte(c))
	}
	for _, glob := range []string{"../testdata/*/resources.yaml", "../testdata/hostile/*/*.yaml", "../internal/proptest/testdata/regressions/*/*.yaml"} {
		files, err := filepath.Glob(glob)
		require.NoError(t, err)
		for _, f := range files {
			b, err := os.ReadFile(f)
			require.NoError(t, err)
			inputs = append(inputs, b)
		}
	}
	checked := 0
	for _, in := range inputs {
		d, err := ReadStream(in)
		if err != nil {
			continue
		}
		for _, it := range d.Resources() {
			if !it.HasObject() {
				continue
			}
			checked++
			o := it.Object()
			assert.Equal(t, o.GetAPIVersion(), it.APIVersion(), "%s", in)
			assert.Equal(t, o.GetKind(), it.Kind(), "%s", in)
			assert.Equal(t, o.GetName(), it.Name(), "%s", in)
			assert.Equal(t, o.GetNamespace(), it.Namespace(), "%s", in)
			assert.Equal(t, o.IsLocalConfig(), it.IsLocalConfig(), "%s", in)
			for k := range o.GetAnnotations() {
				assert.Equal(t, o.GetAnnotation(k), it.Annotation(k), "%s: annotation %s", in, k)
			}
			assert.Equal(t, o.GetAnnotation("missing"), it.Annotation("missing"))
		}
	}
	assert.Greater(t, checked, 200, "items compared")
}
