package run

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kptdev/krm-functions-sdk/go/fn"

	"github.com/cce-ingress-https/cce-ingress-https/validator"
)

// sarifDoc is read back with plain maps, not our own types, so a field the
// writer forgot or misnamed fails here.
type sarifDoc = map[string]any

// checkSARIF validates the parts of SARIF 2.1.0 that code-scanning tools
// require, and returns the results.
func checkSARIF(t testing.TB, data string) []map[string]any {
	t.Helper()
	var doc sarifDoc
	require.NoError(t, json.Unmarshal([]byte(data), &doc), data)
	assert.Equal(t, "2.1.0", doc["version"])
	assert.Contains(t, doc["$schema"], "sarif-schema-2.1.0.json")
	runs := list(t, doc["runs"])
	require.Len(t, runs, 1)
	run := runs[0]
	driver := obj(t, obj(t, run["tool"])["driver"])
	assert.Equal(t, "cce-ingress-https", driver["name"])
	rules := list(t, driver["rules"])
	ids := map[string]int{}
	for i, r := range rules {
		id, _ := r["id"].(string)
		require.NotEmpty(t, id)
		_, dup := ids[id]
		assert.False(t, dup, "rule %s listed twice", id)
		ids[id] = i
		assert.NotEmpty(t, obj(t, r["shortDescription"])["text"], id)
		assert.NotEmpty(t, obj(t, r["help"])["text"], id)
		assert.Contains(t, []any{"error", "warning", "note"}, obj(t, r["defaultConfiguration"])["level"], id)
	}
	for _, r := range validator.Rules {
		i, ok := ids[r.ID]
		if assert.True(t, ok, "rule %s missing", r.ID) {
			assert.Equal(t, r.Summary, obj(t, rules[i]["shortDescription"])["text"])
			assert.Equal(t, r.Fix, obj(t, rules[i]["help"])["text"])
			assert.Equal(t, sarifLevel(r.Severity), obj(t, rules[i]["defaultConfiguration"])["level"])
		}
	}
	results := list(t, run["results"])
	for _, r := range results {
		id, _ := r["ruleId"].(string)
		i, ok := ids[id]
		require.True(t, ok, "result rule %q is not in the rule table", id)
		assert.EqualValues(t, i, r["ruleIndex"])
		assert.Contains(t, []any{"error", "warning", "note"}, r["level"])
		assert.NotEmpty(t, obj(t, r["message"])["text"])
		for _, loc := range listOrNil(t, r["locations"]) {
			if pl, ok := loc["physicalLocation"]; ok {
				uri, _ := obj(t, obj(t, pl)["artifactLocation"])["uri"].(string)
				assert.NotEmpty(t, uri)
				assert.NotContains(t, uri, `\`)
				if region, ok := obj(t, pl)["region"]; ok {
					assert.GreaterOrEqual(t, obj(t, region)["startLine"], 1.0)
				}
			}
		}
	}
	return results
}

func obj(t testing.TB, v any) map[string]any {
	t.Helper()
	m, ok := v.(map[string]any)
	require.True(t, ok, "want an object, got %T", v)
	return m
}

func list(t testing.TB, v any) []map[string]any {
	t.Helper()
	l, ok := v.([]any)
	require.True(t, ok, "want an array, got %T", v)
	var out []map[string]any
	for _, e := range l {
		out = append(out, obj(t, e))
	}
	return out
}

func listOrNil(t testing.TB, v any) []map[string]any {
	if v == nil {
		return nil
	}
	return list(t, v)
}

func TestSARIFFileMode(t *testing.T) {
	got := runWith(t, noRead{t}, "--config", typedConfig, "--format", "sarif", appDir, sharedFile)
	assert.Equal(t, 1, got.code)
	assert.NotContains(t, got.stdout, "apiVersion:", "with --format sarif stdout is the report, not manifests")
	results := checkSARIF(t, got.stdout)
	var found map[string]any
	for _, r := range results {
		if r["ruleId"] == "dedicated-elb" {
			found = r
		}
	}
	require.NotNil(t, found, "the dedicated-elb error")
	assert.Equal(t, "error", found["level"])
	assert.Contains(t, obj(t, found["message"])["text"], "Ingress shop/cheap metadata.annotations[kubernetes.io/elb.class]: ")
	loc := list(t, found["locations"])[0]
	pl := obj(t, loc["physicalLocation"])
	assert.Equal(t, "testdata/shared/ingress.yaml", obj(t, pl["artifactLocation"])["uri"])
	// The region is the line of the annotation in the file.
	line := lineOf(t, sharedFile, "kubernetes.io/elb.class: union")
	assert.EqualValues(t, line, obj(t, pl["region"])["startLine"])
	logical := list(t, loc["logicalLocations"])[0]
	assert.Equal(t, "shop/Ingress/cheap", logical["fullyQualifiedName"])

	// Info results are notes; the skipped values.yaml is a note of the input rule.
	levels := map[any]bool{}
	for _, r := range results {
		levels[r["level"]] = true
		if r["ruleId"] == "input" {
			assert.Equal(t, "note", r["level"])
			assert.Contains(t, obj(t, r["message"])["text"], "skipped")
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
	src.add(list[0].path, list[0].data, list[0].doc.Items)
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

func TestSARIFEmpty(t *testing.T) {
	var b strings.Builder
	require.NoError(t, writeSARIF(&b, nil, sources{}))
	assert.Empty(t, checkSARIF(t, b.String()))
	assert.Contains(t, b.String(), `"results": []`, "results is required, even when empty")
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
