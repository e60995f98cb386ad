package run

import (
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/cce-ingress-https/cce-ingress-https/config"
	"github.com/cce-ingress-https/cce-ingress-https/validator"
)

// Every flag the command line accepts is in --help, and every flag --help
// lists parses.
func TestUsageListsFlagsAndRules(t *testing.T) {
	u := Usage()
	documented := map[string]bool{}
	for _, line := range strings.Split(u, "\n") {
		assert.LessOrEqual(t, len(line), 80, "help lines fit a terminal: %q", line)
		if !strings.HasPrefix(line, "  --") {
			continue
		}
		names, _, _ := strings.Cut(strings.TrimSpace(line), "  ")
		for _, part := range strings.Split(names, ", ") {
			name, arg, _ := strings.Cut(part, " ")
			documented[name] = true
			args := []string{name}
			switch arg {
			case "":
			case "text|json|sarif":
				args = append(args, "json")
			case "N":
				args = append(args, "1")
			default:
				args = append(args, "x")
			}
			_, err := parseArgs(args)
			assert.NoError(t, err, "%q is in --help but does not parse", args)
		}
	}
	o, err := parseArgs(nil)
	require.NoError(t, err)
	o.flagSet.VisitAll(func(f *flag.Flag) {
		name := "--" + f.Name
		if len(f.Name) == 1 {
			name = "-" + f.Name
		}
		assert.True(t, documented[name], "flag %s is not in --help", name)
	})
	assert.Greater(t, len(documented), 10)
	for _, r := range validator.Rules {
		assert.Contains(t, u, "  "+r.ID+" ("+string(r.Severity)+")\n")
		assert.Contains(t, u, strings.Fields(r.Summary)[0])
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
			cfg, probs := config.Load(n.Content[0], config.Flags{})
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

// The usage reference (docs/usage.md) has a row for every flag.
func TestUsageReferenceListsEveryFlag(t *testing.T) {
	var rows []string
	for _, line := range strings.Split(readFile(t, "../docs/usage.md"), "\n") {
		if strings.HasPrefix(line, "| `--") {
			first, _, _ := strings.Cut(line[1:], " | ")
			rows = append(rows, first)
		}
	}
	for _, d := range flagDefs(&options{}) {
		found := false
		for _, r := range rows {
			found = found || strings.Contains(r, "`"+d.Name+"`") || strings.Contains(r, "`"+d.Name+" ")
		}
		assert.True(t, found, "docs/usage.md flag table lacks %s", d.Name)
	}
}
