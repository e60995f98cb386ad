package run

import (
	"github.com/cce-ingress-https/cce-ingress-https/krmio"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cce-ingress-https/cce-ingress-https/report/reporttest"
)

func TestIsResourceList(t *testing.T) {
	for _, tc := range []struct {
		name, input string
		want        bool
	}{
		{"kind first", "kind: ResourceList\napiVersion: config.kubernetes.io/v1\nitems: []\n", true},
		{"kind last", "apiVersion: config.kubernetes.io/v1\nitems:\n- kind: Service\nkind: ResourceList\n", true},
		{"quoted, comment", "apiVersion: v1\nkind: \"ResourceList\" # kpt\n", true},
		{"single quotes", "kind: 'ResourceList'\n", true},
		{"quoted key", "\"kind\": ResourceList\n", true},
		{"leading separator and comment", "# input\n---\nkind: ResourceList\nitems: []\n", true},
		{"json", `{"apiVersion":"config.kubernetes.io/v1","kind":"ResourceList","items":[{"kind":"Service"}]}`, true},
		{"json with space", "\n  {\"items\": [], \"kind\": \"ResourceList\"}", true},
		{"json manifest", `{"apiVersion":"v1","kind":"Service","metadata":{"name":"a"}}`, false},
		{"invalid json", `{"kind":"ResourceList"`, false},
		{"nested kind", "apiVersion: v1\nkind: List\nitems:\n- kind: ResourceList\n", false},
		{"block scalar", "apiVersion: v1\nkind: ConfigMap\ndata:\n  x: |\n    kind: ResourceList\n", false},
		{"second document", "apiVersion: v1\nkind: Service\n---\nkind: ResourceList\n", false},
		{"other kind", "kind: ResourceListing\n", false},
		{"plain stream", "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n", false},
		{"empty", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, isResourceList([]byte(tc.input)))
		})
	}
}

func TestModeFunction(t *testing.T) {
	input := BuildResourceList(t, "../testdata/basic")
	got := runCLI(t, string(input))
	var want, wantErr strings.Builder
	wantCode := functionMode(input, &want, &wantErr)
	assert.Equal(t, outcome{want.String(), wantErr.String(), wantCode}, got, "Main with a ResourceList must be exactly function mode")
	assert.Contains(t, got.stdout, "kind: ResourceList")
	assert.Contains(t, got.stdout, "results:")
}

func TestModeFunctionJSON(t *testing.T) {
	input := `{"apiVersion": "config.kubernetes.io/v1", "kind": "ResourceList",
 "items": [{"apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
   "metadata": {"name": "web", "namespace": "shop", "labels": {"app": "web"}}}],
 "functionConfig": {"apiVersion": "v1", "kind": "ConfigMap", "data": {"selector": "app=web"}}}`
	got := runCLI(t, input)
	doc, err := krmio.ReadResourceList([]byte(got.stdout))
	require.NoError(t, err, "JSON ResourceList is function mode: the output is a ResourceList\n%s", got.stdout)
	require.Len(t, doc.Items, 1)
	assert.Equal(t, "https", doc.Items[0].Object().GetAnnotation("kubernetes.io/elb.pool-protocol"))
}

func TestModePipe(t *testing.T) {
	in := readFile(t, ingressFile)
	got := runCLI(t, in, "--selector", "app=web")
	assert.Equal(t, 0, got.code, got.stderr)
	assert.NotContains(t, got.stdout, "ResourceList")
	assert.True(t, strings.HasPrefix(got.stdout, "# The shop front"), "pipe mode writes the stream itself:\n%s", got.stdout)
	assert.Contains(t, got.stdout, "kubernetes.io/elb.pool-protocol: https")
}

func TestModeFilesDoesNotReadStdin(t *testing.T) {
	got := runWith(t, noRead{t}, "--selector", "app=web", ingressFile)
	assert.Equal(t, 0, got.code, got.stderr)
	assert.Contains(t, got.stdout, "kubernetes.io/elb.pool-protocol: https")
}

func TestTerminalPrintsUsage(t *testing.T) {
	for _, args := range [][]string{nil, {"--selector", "app=web"}} {
		got := runWith(t, terminal{noRead{t}}, args...)
		assert.Equal(t, exitUsage, got.code)
		assert.Empty(t, got.stdout)
		assert.Contains(t, got.stderr, "Usage:")
	}
}

func TestRealStdinFileIsNotATerminal(t *testing.T) {
	f, err := os.Open(ingressFile)
	require.NoError(t, err)
	defer f.Close()
	assert.False(t, isTerminal(f), "a regular file on stdin is input")
	got := runWith(t, f, "--selector", "app=web")
	assert.Equal(t, 0, got.code, got.stderr)
	assert.Contains(t, got.stdout, "kubernetes.io/elb.pool-protocol: https")
}

func TestEmptyStdin(t *testing.T) {
	got := runCLI(t, "")
	assert.Equal(t, exitError, got.code, "empty input without configuration is bad function-mode input")
	assert.Equal(t, "error[input] input is empty: function mode reads a ResourceList on stdin (plain manifests need pipe mode: give --selector or --config FILE)\n", got.stderr)
	assert.Empty(t, got.stdout)

	// In a pipe, no manifests mean the command before it failed: without
	// pipefail, only this exit status fails the step.
	for _, stdin := range []string{"", "\n# nothing here\n", "---\n---\n"} {
		got = runCLI(t, stdin, "--selector", "app=web")
		assert.Equal(t, exitError, got.code, "%q: %s", stdin, got.stderr)
		assert.Contains(t, got.stderr, "error[input]: stdin has no manifests: the command before the pipe probably failed", "%q", stdin)
		assert.Contains(t, got.stderr, "set -o pipefail")
		assert.Empty(t, got.stdout)
	}
}

func TestUsageErrors(t *testing.T) {
	rl := string(BuildResourceList(t, "../testdata/basic"))
	plain := readFile(t, ingressFile)
	for _, tc := range []struct {
		name, stdin string
		args        []string
		msg         string
	}{
		{"unknown flag", plain, []string{"--colour"}, "unknown flag --colour"},
		{"unknown flag suggests", plain, []string{"--selctor", "app=web"}, "unknown flag --selctor: did you mean --selector?"},
		{"missing value", plain, []string{"--selector", "app=web", "--port"}, "flag needs an argument: --port"},
		{"bad format", plain, []string{"--selector", "app=web", "--format", "xml"}, `--format "xml": use text, json or sarif`},
		{"in-place in pipe mode", plain, []string{"--selector", "app=web", "--in-place"}, "--in-place needs file or folder arguments"},
		{"json to stdout in pipe mode", plain, []string{"--selector", "app=web", "--format", "json"}, "--format json needs --results FILE in pipe mode"},
		{"sarif to stdout in function mode", rl, []string{"--format", "sarif"}, "--format sarif needs --results FILE in function mode"},
		{"config in function mode", rl, []string{"--config", typedConfig}, "--config cannot be used in function mode"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := runCLI(t, tc.stdin, tc.args...)
			assert.Equal(t, exitUsage, got.code)
			assert.Empty(t, got.stdout, "a usage error writes nothing to stdout")
			assert.Contains(t, got.stderr, tc.msg)
			assert.Contains(t, got.stderr, "--help")
		})
	}
}

func TestFlagsAnywhere(t *testing.T) {
	o, err := parseArgs([]string{appDir, "--selector", "app=web", "-v", sharedFile, "--", "--odd-name.yaml"})
	require.NoError(t, err)
	assert.Equal(t, []string{appDir, sharedFile, "--odd-name.yaml"}, o.paths)
	assert.True(t, o.verbose)
	require.NotNil(t, o.flags.Selector)
	assert.Equal(t, "app=web", *o.flags.Selector)
	// Helm passes each --post-renderer-args value as its own argument.
	o, err = parseArgs([]string{"--selector", "app=web", "--rule", "tls-secret=off", "--rule", "no-match=error", "--validate-only"})
	require.NoError(t, err)
	assert.Empty(t, o.paths)
	assert.Equal(t, []string{"tls-secret=off", "no-match=error"}, o.flags.Rules)
	require.NotNil(t, o.flags.ValidateOnly)
	assert.Equal(t, "true", *o.flags.ValidateOnly)
}

func TestHelpAndVersion(t *testing.T) {
	for _, arg := range []string{"--help", "-h", "-help"} {
		got := runWith(t, noRead{t}, arg)
		assert.Equal(t, 0, got.code)
		assert.Equal(t, Usage(), got.stdout)
	}
	oldVersion, oldCommit := Version, Commit
	defer func() { Version, Commit = oldVersion, oldCommit }()
	Version, Commit = "v9.8.7-test", "0123abcd"
	got := runWith(t, noRead{t}, "--version")
	assert.Equal(t, outcome{"cce-ingress-https v9.8.7-test (commit 0123abcd, " + runtime.Version() + ", " + runtime.GOOS + "/" + runtime.GOARCH + ")\n", "", 0}, got)
}

func TestFunctionModeResultsFileAndVerbose(t *testing.T) {
	rl := string(BuildResourceList(t, "../testdata/basic"))
	path := t.TempDir() + "/r.sarif"
	got := runCLI(t, rl, "--results", path, "--format", "sarif", "--verbose")
	assert.Equal(t, 0, got.code, got.stderr)
	assert.Contains(t, got.stdout, "kind: ResourceList")
	assert.Contains(t, got.stderr, "info[https-annotations]")
	assert.NotEmpty(t, reporttest.SARIF(t, readFile(t, path)))
}

func TestFunctionModeFlagsWithoutFunctionConfig(t *testing.T) {
	rl := "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- " +
		strings.ReplaceAll(strings.TrimPrefix(readFile(t, ingressFile), "# The shop front: selected by app=web.\n"), "\n", "\n  ")
	without := runCLI(t, rl)
	assert.Equal(t, 1, without.code)
	assert.Contains(t, without.stderr, "no configuration: give a functionConfig")
	with := runCLI(t, rl, "--selector", "app=web")
	assert.Equal(t, 0, with.code, with.stderr)
	assert.Contains(t, with.stdout, "kubernetes.io/elb.pool-protocol: https")
}
