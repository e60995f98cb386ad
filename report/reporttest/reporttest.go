// Package reporttest reads report output back for tests, with plain maps
// rather than the writer's own types, so a field the writer forgot or
// misnamed fails the test.
package reporttest

import (
	"encoding/json"
	"testing"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cce-ingress-https/cce-ingress-https/validator"
)

// levels is SARIF's name for each severity.
var levels = map[fn.Severity]string{fn.Error: "error", fn.Warning: "warning", fn.Info: "note"}

// SARIF validates the parts of SARIF 2.1.0 that code-scanning tools
// require, and returns the results.
func SARIF(t testing.TB, data string) []map[string]any {
	t.Helper()
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(data), &doc), data)
	assert.Equal(t, "2.1.0", doc["version"])
	assert.Contains(t, doc["$schema"], "sarif-schema-2.1.0.json")
	runs := List(t, doc["runs"])
	require.Len(t, runs, 1)
	run := runs[0]
	driver := Obj(t, Obj(t, run["tool"])["driver"])
	assert.Equal(t, "cce-ingress-https", driver["name"])
	rules := List(t, driver["rules"])
	ids := map[string]int{}
	for i, r := range rules {
		id, _ := r["id"].(string)
		require.NotEmpty(t, id)
		_, dup := ids[id]
		assert.False(t, dup, "rule %s listed twice", id)
		ids[id] = i
		assert.NotEmpty(t, Obj(t, r["shortDescription"])["text"], id)
		assert.NotEmpty(t, Obj(t, r["fullDescription"])["text"], id)
		assert.NotEmpty(t, Obj(t, r["help"])["text"], id)
		assert.Contains(t, []any{"error", "warning", "note"}, Obj(t, r["defaultConfiguration"])["level"], id)
	}
	for _, r := range validator.Rules {
		i, ok := ids[r.ID]
		if assert.True(t, ok, "rule %s missing", r.ID) {
			assert.Equal(t, r.Summary, Obj(t, rules[i]["shortDescription"])["text"])
			assert.Equal(t, r.Fix+" See "+validator.HelpURL(r.ID), Obj(t, rules[i]["help"])["text"])
			assert.Contains(t, Obj(t, rules[i]["help"])["markdown"], "]("+validator.HelpURL(r.ID)+")")
			assert.Equal(t, validator.HelpURL(r.ID), rules[i]["helpUri"], "every rule links its page")
			for _, page := range r.CCE {
				assert.Contains(t, Obj(t, rules[i]["fullDescription"])["text"], page)
			}
			assert.Equal(t, levels[r.Severity], Obj(t, rules[i]["defaultConfiguration"])["level"])
		}
	}
	results := List(t, run["results"])
	for _, r := range results {
		id, _ := r["ruleId"].(string)
		i, ok := ids[id]
		require.True(t, ok, "result rule %q is not in the rule table", id)
		assert.EqualValues(t, i, r["ruleIndex"])
		assert.Contains(t, []any{"error", "warning", "note"}, r["level"])
		assert.NotEmpty(t, Obj(t, r["message"])["text"])
		for _, loc := range listOrNil(t, r["locations"]) {
			if pl, ok := loc["physicalLocation"]; ok {
				uri, _ := Obj(t, Obj(t, pl)["artifactLocation"])["uri"].(string)
				assert.NotEmpty(t, uri)
				assert.NotContains(t, uri, `\`)
				if region, ok := Obj(t, pl)["region"]; ok {
					assert.GreaterOrEqual(t, Obj(t, region)["startLine"], 1.0)
				}
			}
		}
	}
	return results
}

// Obj returns v as a JSON object, failing the test when it is not one.
func Obj(t testing.TB, v any) map[string]any {
	t.Helper()
	m, ok := v.(map[string]any)
	require.True(t, ok, "want an object, got %T", v)
	return m
}

// List returns v as a JSON array of objects, failing the test when it is not one.
func List(t testing.TB, v any) []map[string]any {
	t.Helper()
	l, ok := v.([]any)
	require.True(t, ok, "want an array, got %T", v)
	var out []map[string]any
	for _, e := range l {
		out = append(out, Obj(t, e))
	}
	return out
}

func listOrNil(t testing.TB, v any) []map[string]any {
	if v == nil {
		return nil
	}
	return List(t, v)
}
