package run

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/cce-ingress-https/cce-ingress-https/config"
	"github.com/cce-ingress-https/cce-ingress-https/validator"
)

func TestUsageListsFlagsAndRules(t *testing.T) {
	u := Usage()
	for _, flag := range []string{"--config", "--selector", "--port", "--ciphers-policy", "--cluster-version",
		"--validate-only", "--rule", "--format", "--results", "--in-place", "--verbose", "--help", "--version", "--explain"} {
		assert.Contains(t, u, flag)
	}
	for _, r := range validator.Rules {
		assert.Contains(t, u, "  "+r.ID+" ("+string(r.Severity)+")\n")
		assert.Contains(t, u, strings.Fields(r.Summary)[0])
	}
	for _, line := range strings.Split(u, "\n") {
		assert.LessOrEqual(t, len(line), 80, "help lines fit a terminal: %q", line)
	}
}

// The two configuration examples in --help must be valid configurations.
func TestUsageConfigExamplesAreValid(t *testing.T) {
	u := Usage()
	for _, head := range []string{"Configuration, typed form", "Configuration, ConfigMap form"} {
		t.Run(head, func(t *testing.T) {
			example := indentedBlock(t, u, head)
			var n yaml.Node
			require.NoError(t, yaml.Unmarshal([]byte(example), &n), example)
			s, probs := config.FromNode(n.Content[0])
			assert.Empty(t, probs)
			cfg, probs := config.Build(s)
			assert.Empty(t, probs)
			assert.Equal(t, 443, cfg.Transform.Port)
			assert.NotNil(t, cfg.Validate.ClusterVersion)
			assert.Equal(t, validator.Off, cfg.Validate.Overrides["tls-secret"])
		})
	}
}

// indentedBlock returns the lines indented by two spaces after the line
// starting with head, unindented.
func indentedBlock(t *testing.T, text, head string) string {
	t.Helper()
	i := strings.Index(text, "\n"+head)
	require.GreaterOrEqual(t, i, 0)
	lines := strings.Split(text[i+1:], "\n")
	var b strings.Builder
	started := false
	for _, l := range lines[1:] {
		if !strings.HasPrefix(l, "  ") {
			if started {
				break
			}
			continue
		}
		started = true
		b.WriteString(l[2:] + "\n")
	}
	return b.String()
}

func TestShortUsageOnStderrOnly(t *testing.T) {
	tty, err := os.Open(os.DevNull) // a character device, like a terminal
	require.NoError(t, err)
	defer tty.Close()
	got := runWith(t, tty)
	assert.Equal(t, outcome{"", shortUsage, exitUsage}, got)
}
