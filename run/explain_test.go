package run

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cce-ingress-https/cce-ingress-https/validator"
)

func TestExplainPrintsEveryRulesPage(t *testing.T) {
	for _, r := range validator.Rules {
		var out, errOut bytes.Buffer
		code := Main([]string{"--explain", r.ID}, strings.NewReader(""), &out, &errOut)
		require.Equal(t, exitOK, code, errOut.String())
		file, err := os.ReadFile("../docs/rules/" + r.ID + ".md")
		require.NoError(t, err)
		assert.True(t, strings.HasSuffix(string(file), out.String()), "%s: --explain prints docs/rules/%s.md", r.ID, r.ID)
		assert.True(t, strings.HasPrefix(out.String(), "# Rule `"+r.ID+"`\n"), "%s: the page starts with its title", r.ID)
		assert.Empty(t, errOut.String())
	}
}

func TestExplainUnknownRule(t *testing.T) {
	for _, id := range []string{"no-such-rule", "", "../README", "config"} {
		var out, errOut bytes.Buffer
		code := Main([]string{"--explain", id}, strings.NewReader(""), &out, &errOut)
		assert.Equal(t, exitUsage, code, id)
		assert.Empty(t, out.String(), id)
		assert.Contains(t, errOut.String(), "no such rule; use one of https-annotations,", id)
	}
}

// TestResultsLinkTheirRulesPage: every result of a rule carries the page's
// address in its help tag, and the page exists.
func TestResultsLinkTheirRulesPage(t *testing.T) {
	rl := string(BuildResourceList(t, "../testdata/rule-tls-secret-fail"))
	got := runCLI(t, rl)
	assert.Contains(t, got.stdout, "    help: "+validator.HelpURL("tls-secret")+"\n")
	assert.Contains(t, got.stdout, "    help: "+validator.HelpURL("https-annotations")+"\n", "the transformer's results too")
	for _, r := range validator.Rules {
		url := validator.HelpURL(r.ID)
		require.True(t, strings.HasPrefix(url, validator.DocsURL))
		_, err := os.Stat("../docs/rules/" + strings.TrimPrefix(url, validator.DocsURL))
		assert.NoError(t, err, "%s: the help address names a page in docs/rules", r.ID)
	}
}
