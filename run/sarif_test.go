package run

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kptdev/krm-functions-sdk/go/fn"

	"github.com/cce-ingress-https/cce-ingress-https/report/reporttest"
)

func TestSARIFFileMode(t *testing.T) {
	got := runWith(t, noRead{t}, "--config", typedConfig, "--format", "sarif", appDir, sharedFile)
	assert.Equal(t, 1, got.code)
	assert.NotContains(t, got.stdout, "apiVersion:", "with --format sarif stdout is the report, not manifests")
	results := reporttest.SARIF(t, got.stdout)
	var found map[string]any
	for _, r := range results {
		if r["ruleId"] == "dedicated-elb" {
			found = r
		}
	}
	require.NotNil(t, found, "the dedicated-elb error")
	assert.Equal(t, "error", found["level"])
	assert.Contains(t, reporttest.Obj(t, found["message"])["text"], "Ingress shop/cheap metadata.annotations[kubernetes.io/elb.class]: ")
	loc := reporttest.List(t, found["locations"])[0]
	pl := reporttest.Obj(t, loc["physicalLocation"])
	assert.Equal(t, "testdata/shared/ingress.yaml", reporttest.Obj(t, pl["artifactLocation"])["uri"])
	// The region is the line of the annotation in the file.
	line := lineOf(t, sharedFile, "kubernetes.io/elb.class: union")
	assert.EqualValues(t, line, reporttest.Obj(t, pl["region"])["startLine"])
	logical := reporttest.List(t, loc["logicalLocations"])[0]
	assert.Equal(t, "shop/Ingress/cheap", logical["fullyQualifiedName"])

	// Info results are notes; the skipped values.yaml is a note of the input rule.
	levels := map[any]bool{}
	for _, r := range results {
		levels[r["level"]] = true
		if r["ruleId"] == "input" {
			assert.Equal(t, "note", r["level"])
			assert.Contains(t, reporttest.Obj(t, r["message"])["text"], "skipped")
		}
	}
	assert.True(t, levels["note"])
}

func TestSARIFRegionOfLaterDocument(t *testing.T) {
	// The Secret is the second document of backend.yaml: a tls-secret finding
	// about it would sit on it; here we check the line arithmetic directly.
	src := sources{}
	list, _ := readManifests([]string{backendFile})
	require.Len(t, list, 1)
	src.add(list[0].path, list[0].doc.Items)
	r := resultAt(backendFile, 1, "data")
	assert.Equal(t, lineOf(t, backendFile, "data:"), src.line(r))
	r = resultAt(backendFile, 1, "metadata.name")
	assert.Equal(t, lineOf(t, backendFile, "name: web-tls"), src.line(r))
	r = resultAt(backendFile, 0, "spec.ports[0].port")
	assert.Equal(t, lineOf(t, backendFile, "- {name: https"), src.line(r))
	r = resultAt(backendFile, 1, "no.such[3].field")
	assert.Equal(t, lineOf(t, backendFile, "apiVersion: v1\nkind: Secret"), src.line(r), "an unknown field points at the resource")
	assert.Equal(t, 0, src.line(resultAt("elsewhere.yaml", 0, "data")))
}

// lineOf returns the 1-based number of the first line that starts with text
// (after its indentation).
func lineOf(t testing.TB, path, text string) int {
	t.Helper()
	data := readFile(t, path)
	for n, off := 1, 0; off < len(data); n++ {
		if strings.HasPrefix(strings.TrimLeft(data[off:], " "), text) {
			return n
		}
		i := strings.IndexByte(data[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
	}
	t.Fatalf("no line starts with %q in %s", text, path)
	return 0
}

func resultAt(path string, index int, field string) *fn.Result {
	return &fn.Result{File: &fn.File{Path: path, Index: index}, Field: &fn.Field{Path: field}}
}
