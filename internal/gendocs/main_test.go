package main

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cce-ingress-https/cce-ingress-https/validator"
)

// TestREADMEIsCurrent fails when the README's rule table differs from the
// rule definitions: run `go generate ./...` from the repository root.
func TestREADMEIsCurrent(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	want, err := Splice(readme, Render(validator.Rules))
	require.NoError(t, err)
	assert.Equal(t, string(want), string(readme), "README.md rule table is stale: run go generate ./...")
}

func TestRenderListsEveryRule(t *testing.T) {
	out := Render(validator.Rules)
	for _, r := range validator.Rules {
		assert.Contains(t, out, "| [`"+r.ID+"`](docs/rules/"+r.ID+".md) | "+string(r.Severity)+" |")
	}
	assert.Contains(t, out, "| `config` |")
}

func TestRenderEscapesPipes(t *testing.T) {
	out := Render([]validator.Rule{{ID: "x", Severity: validator.Error, Summary: "a|b", Fix: "c"}})
	assert.Contains(t, out, `a\|b`)
	out = Render([]validator.Rule{{ID: "x", Severity: validator.Error, Summary: "ignore-rule/<rule-id>", Fix: "c"}})
	assert.Contains(t, out, "ignore-rule/&lt;rule-id&gt;")
}

func TestSplice(t *testing.T) {
	in := "# T\n\n<!-- BEGIN RULES (note) -->\nold\n<!-- END RULES -->\n\n## Next\n"
	got, err := Splice([]byte(in), "new\n")
	require.NoError(t, err)
	assert.Equal(t, "# T\n\n<!-- BEGIN RULES (note) -->\nnew\n<!-- END RULES -->\n\n## Next\n", string(got))

	again, err := Splice(got, "new\n")
	require.NoError(t, err)
	assert.Equal(t, string(got), string(again), "splicing is idempotent")

	_, err = Splice([]byte("no markers"), "x")
	assert.Error(t, err)
	_, err = Splice([]byte("<!-- BEGIN RULES -->\nno end\n"), "x")
	assert.Error(t, err)
	assert.False(t, strings.Contains(string(got), "old"))
}

// TestREADMEAgreesWithGoMod: the README names the Go version go.mod asks
// for, and the SDK module the function is built on.
func TestREADMEAgreesWithGoMod(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	gomod, err := os.ReadFile("../../go.mod")
	require.NoError(t, err)
	var goVersion string
	for _, line := range strings.Split(string(gomod), "\n") {
		if v, ok := strings.CutPrefix(line, "go "); ok {
			goVersion = strings.TrimSpace(v)
		}
	}
	require.NotEmpty(t, goVersion)
	assert.Contains(t, string(readme), "Go "+goVersion+" ", "README.md names the Go version of go.mod")
	const sdk = "github.com/kptdev/krm-functions-sdk/go/fn"
	assert.Contains(t, string(gomod), "\t"+sdk+" ")
	assert.Contains(t, string(readme), "`"+sdk+"`, the maintained continuation of `github.com/GoogleContainerTools/kpt-functions-sdk/go/fn`")
}
