package report

import (
	"strings"
	"testing"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cce-ingress-https/cce-ingress-https/report/reporttest"
	"github.com/cce-ingress-https/cce-ingress-https/validator"
)

func TestSARIFEmpty(t *testing.T) {
	var b strings.Builder
	require.NoError(t, Write(&b, FormatSARIF, nil, Run{}))
	assert.Empty(t, reporttest.SARIF(t, b.String()))
	assert.Contains(t, b.String(), `"results": []`, "results is required, even when empty")
}

// TestSARIFRulesAndTags: every rule, then every tag, each once, and a result
// with a tag no table knows still gets a rule of its own.
func TestSARIFRulesAndTags(t *testing.T) {
	results := fn.Results{
		{Severity: fn.Error, Message: "bad", Tags: map[string]string{"rule": "config"}},
		{Severity: fn.Warning, Message: "odd", Tags: map[string]string{"rule": "no-such-tag"}},
		{Severity: fn.Info, Message: "plain", File: &fn.File{Path: "dir/a.yaml"}},
	}
	var b strings.Builder
	require.NoError(t, Write(&b, FormatSARIF, results, Run{Version: "v9", Line: func(*fn.Result) int { return 7 }}))
	got := reporttest.SARIF(t, b.String())
	require.Len(t, got, 3)
	assert.Equal(t, "config", got[0]["ruleId"])
	assert.EqualValues(t, len(validator.Rules), got[0]["ruleIndex"], "tags come after the rules")
	assert.Equal(t, "no-such-tag", got[1]["ruleId"])
	assert.EqualValues(t, len(validator.Rules)+len(Tags), got[1]["ruleIndex"])
	assert.Equal(t, "cce-ingress-https", got[2]["ruleId"], "an untagged result")
	assert.Equal(t, "note", got[2]["level"])
	pl := reporttest.Obj(t, reporttest.List(t, got[2]["locations"])[0]["physicalLocation"])
	assert.Equal(t, "dir/a.yaml", reporttest.Obj(t, pl["artifactLocation"])["uri"])
	assert.EqualValues(t, 7, reporttest.Obj(t, pl["region"])["startLine"])
	assert.Contains(t, b.String(), `"version": "v9"`)
}

func TestTagsAreNoRules(t *testing.T) {
	ids := map[string]bool{}
	for _, r := range validator.Rules {
		ids[r.ID] = true
	}
	for _, tag := range Tags {
		assert.False(t, ids[tag.ID], "tag %s is also a rule", tag.ID)
		ids[tag.ID] = true
		assert.NotEmpty(t, tag.Summary, tag.ID)
		assert.NotEmpty(t, tag.Fix, tag.ID)
		assert.NotEmpty(t, tag.Meaning, tag.ID)
	}
}
