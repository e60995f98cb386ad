package run

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cce-ingress-https/cce-ingress-https/krmio"
	"github.com/cce-ingress-https/cce-ingress-https/report/reporttest"
)

// docsOf cuts a stream at its "---" lines.
func docsOf(s string) []string {
	return strings.Split(s, "\n---\n")
}

func TestPipeStreamKeepsOrderCommentsAndBytes(t *testing.T) {
	in := stream(t, backendFile, ingressFile, "testdata/app/nested/admin.yaml")
	got := runCLI(t, in, "--selector", "app=web")
	require.Equal(t, 0, got.code, got.stderr)
	inDocs, outDocs := docsOf(in), docsOf(got.stdout)
	require.Len(t, outDocs, len(inDocs))
	// Unchanged documents: byte for byte, in place.
	assert.Equal(t, inDocs[0], outDocs[0])
	assert.Equal(t, inDocs[1], outDocs[1], "the Secret")
	assert.Equal(t, inDocs[3], outDocs[3], "the unselected Ingress")
	// The changed one keeps its comments and gains the annotations.
	assert.Contains(t, outDocs[2], "# The shop front: selected by app=web.")
	assert.Contains(t, outDocs[2], "kubernetes.io/elb.class: performance # a dedicated ELB")
	for _, want := range []string{"kubernetes.io/elb.pool-protocol: https", `kubernetes.io/elb.port: "443"`, "kubernetes.io/elb.tls-ciphers-policy: tls-1-2"} {
		assert.Contains(t, outDocs[2], want)
	}
	assert.Contains(t, inDocs[0], "{name: https, port: 443, targetPort: 8443}   # flow style")
	assert.NotContains(t, got.stdout, "config.kubernetes.io", "no path or index annotations in pipe output")
}

func TestPipeV1List(t *testing.T) {
	in := `# a kubectl-style list
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Service
  metadata: {name: web, namespace: shop}  # untouched
  spec:
    type: NodePort
    ports: [{port: 443}]
- apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata:
    name: web
    namespace: shop
    labels: {app: web}
    annotations:
      kubernetes.io/elb.class: performance
      kubernetes.io/elb.id: 0b8a4f5e-2c1d-4c1a-9a47-0f6f0c1e9d11
  spec:
    ingressClassName: cce
    rules:
    - http:
        paths:
        - path: /
          pathType: ImplementationSpecific
          property:
            ingress.beta.kubernetes.io/url-match-mode: STARTS_WITH
          backend:
            service: {name: web, port: {number: 443}}
`
	got := runCLI(t, in, "--selector", "app=web", "--port", "8443")
	assert.NotEqual(t, exitUsage, got.code, got.stderr)
	doc, err := krmio.ReadStream([]byte(got.stdout))
	require.NoError(t, err, got.stdout)
	require.Equal(t, krmio.List, doc.Format, "a List in, a List out")
	require.Len(t, doc.Items, 2)
	assert.Equal(t, "Service", doc.Items[0].Object().GetKind())
	assert.Equal(t, "8443", doc.Items[1].Object().GetAnnotation("kubernetes.io/elb.port"))
	assert.True(t, strings.HasPrefix(got.stdout, "# a kubectl-style list\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata: {name: web, namespace: shop}  # untouched\n"),
		"header and unchanged item kept as written:\n%s", got.stdout)
}

func TestPipeErrorExitsOneAndStillWrites(t *testing.T) {
	in := stream(t, sharedFile)
	got := runCLI(t, in, "--selector", "app=web")
	assert.Equal(t, 1, got.code)
	assert.Contains(t, got.stderr, "error[dedicated-elb] Ingress shop/cheap")
	assert.Contains(t, got.stdout, "name: cheap", "the stream is written even when a rule fails")
}

func TestPipeVerbose(t *testing.T) {
	in := readFile(t, ingressFile)
	quiet := runCLI(t, in, "--selector", "app=web")
	assert.NotContains(t, quiet.stderr, "info[", "infos only with --verbose")
	loud := runCLI(t, in, "--selector", "app=web", "--verbose")
	assert.Contains(t, loud.stderr, "info[https-annotations] Ingress shop/web")
	assert.Equal(t, quiet.stdout, loud.stdout)
}

func TestPipeResultsFile(t *testing.T) {
	dir := t.TempDir()
	in := stream(t, ingressFile, sharedFile)
	for _, format := range []string{"text", "json", "sarif"} {
		t.Run(format, func(t *testing.T) {
			path := filepath.Join(dir, "results."+format)
			got := runCLI(t, in, "--selector", "app=web", "--format", format, "--results", path)
			assert.Equal(t, 1, got.code)
			assert.Contains(t, got.stdout, "name: cheap", "stdout still carries the manifests")
			assert.Contains(t, got.stderr, "error[dedicated-elb]", "errors still reach stderr")
			data := readFile(t, path)
			switch format {
			case "text":
				assert.Contains(t, data, "error[dedicated-elb] Ingress shop/cheap")
				assert.Contains(t, data, "info[https-annotations] Ingress shop/web", "the file has every result")
			case "json":
				rep := parseJSONReport(t, data)
				assert.Equal(t, 1, rep.Errors)
				assert.Positive(t, rep.Infos)
			case "sarif":
				reporttest.SARIF(t, data)
			}
		})
	}
}

func TestPipeResultsFileUnwritable(t *testing.T) {
	got := runCLI(t, readFile(t, ingressFile), "--selector", "app=web", "--results", filepath.Join(t.TempDir(), "no", "such", "dir.txt"))
	assert.Equal(t, 1, got.code)
	assert.Contains(t, got.stderr, "cannot write --results file")
}

func TestPipeBadYAML(t *testing.T) {
	got := runCLI(t, "apiVersion: v1\nkind: Service\n---\nkey: [unclosed\n", "--selector", "app=web")
	assert.Equal(t, 1, got.code)
	assert.Empty(t, got.stdout)
	assert.Contains(t, got.stderr, "error[input]")
	assert.Contains(t, got.stderr, "document 2")
}

func TestPipeConfigForms(t *testing.T) {
	in := readFile(t, ingressFile)
	typed := runCLI(t, in, "--config", typedConfig)
	assert.Equal(t, 0, typed.code, typed.stderr)
	assert.Contains(t, typed.stdout, `kubernetes.io/elb.port: "443"`)

	cm := runCLI(t, in, "--config", configMapCfg)
	assert.Equal(t, 0, cm.code, cm.stderr)
	assert.Contains(t, cm.stdout, `kubernetes.io/elb.port: "8443"`, "the ConfigMap's port")

	// Flags override the file: --port wins over data.port.
	over := runCLI(t, in, "--config", configMapCfg, "--port", "9443", "--ciphers-policy", "tls-1-2-strict")
	assert.Equal(t, 0, over.code, over.stderr)
	assert.Contains(t, over.stdout, `kubernetes.io/elb.port: "9443"`)
	assert.Contains(t, over.stdout, "kubernetes.io/elb.tls-ciphers-policy: tls-1-2-strict")

	// --selector replaces the file's selector.
	none := runCLI(t, in, "--config", typedConfig, "--selector", "app=other")
	assert.NotContains(t, none.stdout, "pool-protocol")
	assert.Contains(t, none.stderr, "warning[no-match]")
}

func TestPipeRuleFlag(t *testing.T) {
	in := stream(t, sharedFile)
	off := runCLI(t, in, "--selector", "app=web", "--rule", "dedicated-elb=off")
	assert.NotContains(t, off.stderr, "dedicated-elb")
	warn := runCLI(t, in, "--selector", "app=web", "--rule", "no-match=error,dedicated-elb=warning")
	assert.Contains(t, warn.stderr, "warning[dedicated-elb]")
	// --rule comes after the file's rules, so it wins.
	cfg := filepath.Join(t.TempDir(), "fn.yaml")
	require.NoError(t, os.WriteFile(cfg, []byte(readFile(t, typedConfig)+"rules:\n  dedicated-elb: info\n"), 0o644))
	file := runCLI(t, in, "--config", cfg)
	assert.Equal(t, 0, file.code)
	both := runCLI(t, in, "--config", cfg, "--rule", "dedicated-elb=error")
	assert.Equal(t, 1, both.code)
	assert.Contains(t, both.stderr, "error[dedicated-elb]")
}

func TestPipeValidateOnly(t *testing.T) {
	in := readFile(t, ingressFile)
	got := runCLI(t, in, "--selector", "app=web", "--validate-only")
	assert.Equal(t, in, got.stdout, "validate-only changes nothing")
	assert.Equal(t, 1, got.code, "the selected Ingress lacks the annotations")
	assert.Contains(t, got.stderr, "error[https-annotations]")
}

func TestBadFlagValuesNameTheFlag(t *testing.T) {
	in := readFile(t, ingressFile)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--selector", "app=web", "--port", "http"}, "error[config] --port: "},
		{[]string{"--selector", "app=web", "--port", "70000"}, "error[config] --port: "},
		{[]string{"--selector", "app=web", "--ciphers-policy", "tls-9"}, "error[config] --ciphers-policy: "},
		{[]string{"--selector", "app=web", "--cluster-version", "one"}, "error[config] --cluster-version: "},
		{[]string{"--selector", "app=web", "--validate-only=maybe"}, "error[config] --validate-only: "},
		{[]string{"--selector", "app=web", "--rule", "no-such-rule=off"}, "error[config] --rule: "},
		{[]string{"--selector", "app=web", "--rule", "tls-secret"}, "error[config] --rule: "},
		{[]string{"--selector", "app=web", "--rule", "tls-secret=loud"}, "error[config] --rule: "},
		{[]string{"--selector", "app in (web"}, "error[config] --selector: "},
		{[]string{"--port", "443"}, "error[config] --selector: "},
		{[]string{"--config", "testdata/no-such-file.yaml"}, "error[config] (testdata/no-such-file.yaml) --config: "},
		{[]string{"--config", ingressFile}, "function config: functionConfig is networking.k8s.io/v1 Ingress"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			got := runCLI(t, in, tc.args...)
			assert.Equal(t, 1, got.code)
			assert.Contains(t, got.stderr, tc.want)
			assert.Equal(t, in, got.stdout, "a configuration error changes nothing")
			assert.NotContains(t, got.stderr, "error[config] selector:", "no second, flag-less error about the selector")
		})
	}
}

func TestConfigFileWithTwoDocuments(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "fn.yaml")
	require.NoError(t, os.WriteFile(cfg, []byte(readFile(t, typedConfig)+"---\n"+readFile(t, configMapCfg)), 0o644))
	got := runCLI(t, readFile(t, ingressFile), "--config", cfg)
	assert.Equal(t, 1, got.code)
	assert.Contains(t, got.stderr, "holds 2 documents")
}

func TestFunctionModeFlagsOverride(t *testing.T) {
	rl := string(BuildResourceList(t, "../testdata/basic"))
	plain := runCLI(t, rl)
	assert.Contains(t, plain.stdout, `kubernetes.io/elb.port: "443"`)
	over := runCLI(t, rl, "--port", "8443")
	assert.Equal(t, 0, over.code, over.stderr)
	assert.Contains(t, over.stdout, `kubernetes.io/elb.port: "8443"`, "flags override the functionConfig")
	bad := runCLI(t, rl, "--port", "x")
	assert.Equal(t, 1, bad.code)
	assert.Contains(t, bad.stderr, "--port: function config: port \"x\"")
}

type jsonReportT struct {
	Errors   int               `json:"errors"`
	Warnings int               `json:"warnings"`
	Infos    int               `json:"infos"`
	Results  []json.RawMessage `json:"results"`
}

func parseJSONReport(t testing.TB, data string) jsonReportT {
	t.Helper()
	var rep jsonReportT
	require.NoError(t, json.Unmarshal([]byte(data), &rep), data)
	assert.Len(t, rep.Results, rep.Errors+rep.Warnings+rep.Infos)
	return rep
}

// TestPipeHelmPostRenderer feeds what helm template hands a post-renderer:
// "---" then a "# Source:" comment per template, empty templates included,
// with the arguments Helm passes for --post-renderer-args.
func TestPipeHelmPostRenderer(t *testing.T) {
	in := "---\n# Source: shop/templates/empty.yaml\n" +
		"---\n# Source: shop/templates/ingress.yaml\n" + readFile(t, ingressFile) +
		"---\n# Source: shop/templates/backend.yaml\n" + readFile(t, backendFile)
	got := runCLI(t, in, "--selector", "app=web")
	require.Equal(t, 0, got.code, got.stderr)
	added := "    kubernetes.io/elb.pool-protocol: https\n    kubernetes.io/elb.port: \"443\"\n    kubernetes.io/elb.tls-ciphers-policy: tls-1-2\n"
	anchor := "    kubernetes.io/elb.id: 0b8a4f5e-2c1d-4c1a-9a47-0f6f0c1e9d11\n"
	assert.Equal(t, strings.Replace(in, anchor, anchor+added, 1), got.stdout, "only the three annotation lines are new")
}
