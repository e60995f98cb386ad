package run

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cce-ingress-https/cce-ingress-https/report"
)

const (
	typedHead     = "apiVersion: fn.kpt.dev/v1alpha1\nkind: IngressHTTPSBackend\nmetadata:\n  name: https-backend\n"
	configMapHead = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: function-input\n"
)

// mistakes are configurations a user means to select app=web with, each
// with one everyday mistake, and the field the error must name.
var mistakes = []struct{ name, config, field string }{
	{"matchLabel without s", typedHead + "selector:\n  matchLabel:\n    app: web\n", "selector.matchLabel"},
	{"validateonly in the wrong case", typedHead + "selector: app=web\nvalidateonly: true\n", "validateonly"},
	{"kpt key ciphers-policy", configMapHead + "data:\n  selector: app=web\n  ciphers-policy: tls-1-2-strict\n", "data.ciphers-policy"},
	{"kpt key Port", configMapHead + "data:\n  selector: app=web\n  Port: \"8443\"\n", "data.Port"},
	{"port as a string", typedHead + "selector: app=web\nport: \"8443\"\n", "port"},
	{"expression with an unknown field", typedHead + "selector:\n  matchExpressions:\n  - {key: app, operator: In, value: [web]}\n", "selector.matchExpressions[0].value"},
	{"unknown rule field", typedHead + "selector: app=web\nrules:\n  tls-secrets: \"off\"\n", "rules.tls-secrets"},
	{"rules with a trailing comma", configMapHead + "data:\n  selector: app=web\n  rules: tls-secret=off,\n", "data.rules"},
	{"matchLabels entry commented out", typedHead + "selector:\n  matchLabels:\n    # app: web\n", "selector"},
	{"matchLabels empty", typedHead + "selector:\n  matchLabels: {}\n", "selector"},
	{"matchExpressions empty", typedHead + "selector:\n  matchExpressions: []\n", "selector"},
	{"selector {}", typedHead + "selector: {}\n", "selector"},
	{"selector null", typedHead + "selector:\n", "selector"},
}

// TestNeverSelectsByAccident: a typo or an empty selector is an error
// naming the field, in every mode, and nothing is changed.
func TestNeverSelectsByAccident(t *testing.T) {
	manifests := readFile(t, ingressFile) + "---\n" + readFile(t, backendFile)
	for _, m := range mistakes {
		t.Run(m.name, func(t *testing.T) {
			cfg := filepath.Join(t.TempDir(), "fn.yaml")
			require.NoError(t, os.WriteFile(cfg, []byte(m.config), 0o644))
			want := "error[config] " + map[bool]string{true: "ConfigMap function-input", false: "IngressHTTPSBackend https-backend"}[strings.HasPrefix(m.config, configMapHead)] +
				" (" + cfg + ") " + m.field + ": function config: "

			got := runCLI(t, manifests, "--config", cfg)
			assert.Equal(t, exitError, got.code, got.stderr)
			assert.Equal(t, manifests, got.stdout, "pipe mode: the manifests come out unchanged")
			assert.Contains(t, got.stderr, want)

			rl := resourceList(manifests, m.config)
			got = runCLI(t, rl)
			assert.Equal(t, exitError, got.code, got.stderr)
			assert.NotContains(t, got.stdout, "kubernetes.io/elb.pool-protocol", "function mode: nothing selected")
			assert.Contains(t, got.stderr, " "+m.field+": function config: ")

			dir := t.TempDir()
			file := filepath.Join(dir, "ingress.yaml")
			require.NoError(t, os.WriteFile(file, []byte(manifests), 0o644))
			got = runCLI(t, "", "--config", cfg, "--in-place", dir)
			assert.Equal(t, exitError, got.code, got.stderr)
			assert.Equal(t, manifests, readFile(t, file), "file mode: the file is unchanged")
			assert.Contains(t, got.stderr, want)
		})
	}
}

// TestSelectAllOnPurpose: the documented way to change every Ingress.
func TestSelectAllOnPurpose(t *testing.T) {
	manifests := readFile(t, ingressFile) + "---\n" + readFile(t, sharedFile)
	for name, args := range map[string][]string{
		"flag":      {"--select-all"},
		"typed":     {"--config", writeTemp(t, typedHead+"selectAll: true\n")},
		"ConfigMap": {"--config", writeTemp(t, configMapHead+"data:\n  selectAll: \"true\"\n")},
	} {
		got := runCLI(t, manifests, args...)
		assert.Equal(t, 2, strings.Count(got.stdout, "kubernetes.io/elb.pool-protocol: https"), "%s: both Ingresses selected\n%s", name, got.stderr)
		assert.Contains(t, got.stderr, "2 Ingresses, 2 selected", name)
	}
	got := runCLI(t, manifests, "--select-all", "--selector", "app=web")
	assert.Equal(t, exitError, got.code)
	assert.Contains(t, got.stderr, "selectAll and --selector are both given")
}

// TestNeverFailsOnFilesItDoesNotOwn: a folder that is a kpt package and a
// kustomization, checked and fixed in file mode.
func TestNeverFailsOnFilesItDoesNotOwn(t *testing.T) {
	dir := t.TempDir()
	own := map[string]string{
		"Kptfile":            "apiVersion: kpt.dev/v1\nkind: Kptfile\nmetadata:\n  name: shop\n",
		"kustomization.yaml": "resources:\n- ingress.yaml\n- backend.yaml\n",
		"component.yaml":     "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n",
		"setters.yaml":       "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  annotations:\n    config.kubernetes.io/local-config: \"true\"\ndata:\n  app: web\n",
	}
	for name, text := range own {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}
	for _, f := range []string{ingressFile, backendFile} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, filepath.Base(f)), []byte(readFile(t, f)), 0o644))
	}
	// The folder holds a kustomization, so it is a kustomize app, which
	// --in-place refuses; its files named one by one are plain manifests.
	var named []string
	for _, name := range []string{"Kptfile", "backend.yaml", "component.yaml", "ingress.yaml", "setters.yaml"} {
		named = append(named, filepath.Join(dir, name))
	}
	got := runCLI(t, "", append([]string{"--selector", "app=web", "--in-place", "--verbose"}, named...)...)
	assert.Equal(t, exitOK, got.code, got.stderr)
	assert.NotContains(t, got.stderr, "error[")
	for name, text := range own {
		assert.Equal(t, text, readFile(t, filepath.Join(dir, name)), "%s is untouched", name)
	}
	assert.Contains(t, readFile(t, filepath.Join(dir, "ingress.yaml")), "kubernetes.io/elb.pool-protocol: https")
	assert.Contains(t, got.stderr, "info[input] Kptfile shop ("+filepath.Join(dir, "Kptfile")+"): passed through untouched: kpt's Kptfile")
	assert.Contains(t, got.stderr, ", 3 passed through;")

	// kpt sends kustomization.yaml as it is, often without apiVersion and kind.
	kustomization := "resources:\n- ingress.yaml\nmetadata:\n  annotations:\n    config.kubernetes.io/path: kustomization.yaml\n"
	got = runCLI(t, resourceList(kustomization+"---\n"+readFile(t, ingressFile), typedHead+"selector: app=web\n"))
	assert.Equal(t, exitOK, got.code, got.stderr)
	assert.Contains(t, got.stdout, "- resources:\n  - ingress.yaml\n  metadata:\n    annotations:\n      config.kubernetes.io/path: kustomization.yaml\n")

	// An Ingress without a name stays an error.
	nameless := strings.Replace(readFile(t, ingressFile), "  name: web\n", "", 1)
	got = runCLI(t, nameless, "--selector", "app=web")
	assert.Equal(t, exitError, got.code)
	assert.Contains(t, got.stderr, "error[input] Ingress shop/<no name> metadata.name: item 0 of the input has no metadata.name")
}

// TestSummaryLine: every pipe and file mode run ends with one line that
// says what was looked at, even when nothing was found; --quiet drops it.
func TestSummaryLine(t *testing.T) {
	manifests := readFile(t, ingressFile) + "---\n" + readFile(t, backendFile)
	want := "cce-ingress-https: 1 Ingress, 1 selected, 3 annotations set, 1 checked as HTTPS or gRPC backends; 0 errors, 0 warnings\n"
	for name, got := range map[string]outcome{
		"pipe":     runCLI(t, manifests, "--selector", "app=web"),
		"file":     runCLI(t, "", "--selector", "app=web", ingressFile, backendFile),
		"function": runCLI(t, resourceList(manifests, typedHead+"selector: app=web\n")),
	} {
		assert.True(t, strings.HasSuffix(got.stderr, want), "%s: %q", name, got.stderr)
		assert.Equal(t, 1, strings.Count(got.stderr, report.SummaryPrefix), name)
	}
	got := runCLI(t, manifests, "--selector", "nothing=here")
	assert.True(t, strings.HasSuffix(got.stderr, "cce-ingress-https: 1 Ingress, 0 selected, 0 annotations set, 0 checked as HTTPS or gRPC backends; 0 errors, 1 warning (a rule's page: cce-ingress-https --explain no-match)\n"), got.stderr)
	alone := readFile(t, ingressFile) // without its Service and Secret: two warnings
	got = runCLI(t, manifests, "--selector", "app=web", "--validate-only")
	assert.Contains(t, got.stderr, "nothing set (validateOnly)")
	got = runCLI(t, alone, "--selector", "app=web", "--quiet")
	assert.NotContains(t, got.stderr, report.SummaryPrefix)
	assert.Contains(t, got.stderr, "warning[tls-secret]", "--quiet keeps the results")
	got = runCLI(t, manifests, "--selector", "app=web", "--quiet", "--verbose")
	assert.Equal(t, exitUsage, got.code)
}

// TestKptSeesEachResultOnce: kpt shows every result and every stderr line,
// so under kpt stderr has only the summary; elsewhere (kustomize shows only
// stderr) the result lines are there.
func TestKptSeesEachResultOnce(t *testing.T) {
	annotate := func(lines string) string {
		return resourceList(strings.Replace(readFile(t, ingressFile), "  annotations:\n", "  annotations:\n"+lines, 1), typedHead+"selector: app=web\n")
	}
	got := runCLI(t, annotate("    internal.config.kubernetes.io/seqindent: compact\n    config.k8s.io/id: '1'\n"))
	assert.Equal(t, exitOK, got.code, got.stderr)
	assert.Contains(t, got.stdout, "Secret shop/web-tls is not in the input", "the result is in the ResourceList")
	assert.NotContains(t, got.stderr, "warning[")
	assert.True(t, strings.HasPrefix(got.stderr, report.SummaryPrefix), got.stderr)

	for name, lines := range map[string]string{
		"kustomize":      "    config.k8s.io/id: '1'\n",
		"kpt fn source":  "    internal.config.kubernetes.io/seqindent: compact\n",
		"no annotations": "",
	} {
		got = runCLI(t, annotate(lines))
		assert.Contains(t, got.stderr, "warning[tls-secret]", name)
	}
}

// resourceList wraps a stream of manifests and a functionConfig.
func resourceList(manifests, config string) string {
	var b strings.Builder
	b.WriteString("apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n")
	for _, doc := range strings.Split(manifests, "\n---\n") {
		b.WriteString(entry(doc))
	}
	b.WriteString("functionConfig:\n" + indentLines(config, "  "))
	return b.String()
}

func indentLines(s, prefix string) string {
	var b strings.Builder
	for _, l := range strings.SplitAfter(strings.TrimRight(s, "\n")+"\n", "\n") {
		if l != "" {
			b.WriteString(prefix + l)
		}
	}
	return b.String()
}

func writeTemp(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "fn.yaml")
	require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
	return p
}
