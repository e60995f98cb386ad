package run

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cce-ingress-https/cce-ingress-https/krmio"
	"github.com/cce-ingress-https/cce-ingress-https/tools/inputgen"
)

// Every mode keeps only each item's header and the digest of its body that
// the validator reads (validator.Digest). This checks that reading
// everything in full gives the same output, stderr and exit code on every
// golden case and on a generated input, so a rule that starts reading a
// field the digest does not hold fails here.
func TestHeaderOnlyReadChangesNothing(t *testing.T) {
	inputs := map[string][]byte{"generated": inputgen.Bytes(inputgen.Options{Items: 300, Seed: 7})}
	dirs, err := filepath.Glob("../testdata/*/resources.yaml")
	require.NoError(t, err)
	for _, f := range dirs {
		inputs[filepath.Base(filepath.Dir(f))] = BuildResourceList(t, filepath.Dir(f))
	}
	for name, input := range inputs {
		t.Run(name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := functionMode(input, &out, &errOut)
			saved := readOptions
			readOptions = krmio.ReadOptions{}
			defer func() { readOptions = saved }()
			var fullOut, fullErr bytes.Buffer
			fullCode := functionMode(input, &fullOut, &fullErr)
			assert.Equal(t, fullCode, code)
			assert.Equal(t, fullErr.String(), errOut.String())
			assert.Equal(t, fullOut.String(), out.String())
		})
	}
}

// The generated benchmark input is a render that succeeds: exit 0, no
// warnings, and every selected Ingress gets the annotations.
func TestGeneratedInputPasses(t *testing.T) {
	input := inputgen.Bytes(inputgen.Options{Items: 500, Seed: 3})
	var out, errOut bytes.Buffer
	code := functionMode(input, &out, &errOut)
	assert.Equal(t, 0, code)
	assert.Empty(t, string(withoutSummary(errOut.Bytes())), "warnings or errors on the generated input")
	doc, err := krmio.ReadResourceList(out.Bytes())
	require.NoError(t, err)
	require.Len(t, doc.Items, 500)
	selected := 0
	for _, it := range doc.Items {
		if it.Object().GetKind() == "Ingress" && it.Object().GetLabels()["https-backend"] == "enabled" {
			selected++
			assert.Equal(t, "https", it.Object().GetAnnotation("kubernetes.io/elb.pool-protocol"), it.Object().GetName())
		}
	}
	assert.InDelta(t, 200*2/3, selected, 30, "about two thirds of the Ingresses are selected")
}
