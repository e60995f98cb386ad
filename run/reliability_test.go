package run

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"sigs.k8s.io/kustomize/kyaml/yaml"
)

// Reproducers of ways a line-oriented fast path can disagree with the YAML
// parser. Each checks the property that broke: the output parses, and
// means what the input meant.

const rlHead = "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\n"

const fnConfigHead = `functionConfig:
  apiVersion: v1
  kind: ConfigMap
  metadata:
    name: cfg
  data:
    selector: app=web
`

// fnConfigNote is the functionConfig with an annotation whose value is
// written as text, so odd scalars can sit in it.
func fnConfigNote(note string) string {
	return "functionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: cfg\n    annotations:\n      note: " + note + "\n  data:\n    selector: app=web\n"
}

const plainService = `- apiVersion: v1
  kind: Service
  metadata:
    name: svc
  spec:
    ports:
    - port: 443
`

// parseAll parses every document of a YAML stream, failing on any error.
func parseAll(t *testing.T, b []byte) []*yaml.Node {
	t.Helper()
	dec := yaml.NewDecoder(bytes.NewReader(b))
	var docs []*yaml.Node
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			return docs
		}
		require.NoError(t, err, "the output does not parse:\n%s", b)
		docs = append(docs, &n)
	}
}

// field follows keys through mappings.
func fieldOf(n *yaml.Node, keys ...string) *yaml.Node {
	if n != nil && n.Kind == yaml.DocumentNode {
		n = n.Content[0]
	}
	for _, k := range keys {
		n = child(n, k)
	}
	return n
}

func TestQuotedScalarAtColumnZeroInFunctionConfig(t *testing.T) {
	in := rlHead + fnConfigNote("\"first line\nresults: second line\"") + "items:\n" + plainService
	got := runCLI(t, in)
	require.Equal(t, 0, got.code, got.stderr)
	docs := parseAll(t, []byte(got.stdout))
	require.Len(t, docs, 1)
	assert.Equal(t, "first line results: second line", fieldOf(docs[0], "functionConfig", "metadata", "annotations", "note").Value)
}

func TestQuotedScalarAtColumnZeroInventsNoItem(t *testing.T) {
	in := rlHead + strings.TrimSuffix(fnConfigNote(""), "  data:\n    selector: app=web\n") + `  data:
    selector: app=web
    note: "x
items:
- apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata:
    name: phantom
    labels: {app: web}
  spec: {}
z: "
`
	got := runCLI(t, in)
	assert.NotContains(t, got.stderr, "phantom", "an Ingress inside a string was reported")
	docs := parseAll(t, []byte(got.stdout))
	require.Len(t, docs, 1)
	items := fieldOf(docs[0], "items")
	require.NotNil(t, items)
	assert.Empty(t, items.Content, "the string holds no item")
	assert.NotContains(t, fieldOf(docs[0], "functionConfig", "data", "note").Value, "elb.pool-protocol", "the string was patched")
}

func TestFlowCollectionAtColumnZero(t *testing.T) {
	in := rlHead + fnConfigNote("[a,\nresults: b]") + "items:\n" + plainService
	got := runCLI(t, in)
	require.Equal(t, 0, got.code, got.stderr)
	docs := parseAll(t, []byte(got.stdout))
	assert.Len(t, fieldOf(docs[0], "functionConfig", "metadata", "annotations", "note").Content, 2)
}

func TestTabbedBlockScalarReencodes(t *testing.T) {
	in := "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  labels:\n    app: web\n  annotations: {kubernetes.io/elb.class: performance, kubernetes.io/elb.id: x}\n" +
		"spec:\n  rules: []\nnote: |2\n  \tindented\n   more\n"
	got := runCLI(t, in, "--selector", "app=web")
	docs := parseAll(t, []byte(got.stdout))
	require.Len(t, docs, 1)
	assert.Equal(t, "\tindented\n more\n", fieldOf(docs[0], "note").Value)
	assert.Equal(t, "https", fieldOf(docs[0], "metadata", "annotations", "kubernetes.io/elb.pool-protocol").Value)
}

func TestNoFinalNewlineBlockScalarKeepsValue(t *testing.T) {
	for name, c := range map[string]struct{ in, path string }{
		"pipe":     {"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  note: |\n    text", ""},
		"function": {rlHead + fnConfigHead + "items:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: c\n  data:\n    note: |\n      text", "items"},
	} {
		t.Run(name, func(t *testing.T) {
			var got outcome
			if c.path == "" {
				got = runCLI(t, c.in, "--selector", "app=web")
			} else {
				got = runCLI(t, c.in)
			}
			docs := parseAll(t, []byte(got.stdout))
			n := docs[0]
			if c.path != "" {
				n = fieldOf(n, "items").Content[0]
			}
			assert.Equal(t, "text", fieldOf(n, "data", "note").Value, "the value gained a line break:\n%s", got.stdout)
		})
	}
}

func TestFallbackIsAFixpoint(t *testing.T) {
	// Flow style sends the list to the whole-document parser.
	in := "# head\r\n" + strings.ReplaceAll(rlHead+"items: [{apiVersion: v1, kind: ConfigMap, metadata: {name: a}}] # after\n# foot\nfunctionConfig: {apiVersion: v1, kind: ConfigMap, metadata: {name: cfg}, data: {selector: app=web}}\n", "\n", "\r\n")
	first := runCLI(t, in)
	require.Equal(t, 0, first.code, first.stderr)
	assert.True(t, strings.HasPrefix(first.stdout, "# head\r\n"), "the head comment or the CRLF breaks were lost:\n%q", first.stdout)
	second := runCLI(t, first.stdout)
	assert.Equal(t, first.stdout, second.stdout, "a second run changed the output")
}

func TestDuplicateKeysSameInEveryMode(t *testing.T) {
	deploy := "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: 1\n  replicas: 2\n"
	fn := runCLI(t, rlHead+fnConfigHead+"items:\n- "+strings.ReplaceAll(strings.TrimSuffix(deploy, "\n"), "\n", "\n  ")+"\n")
	pipe := runCLI(t, deploy, "--selector", "app=web")
	for name, got := range map[string]outcome{"function": fn, "pipe": pipe} {
		assert.Equal(t, 1, got.code, name)
		assert.Contains(t, got.stderr, "spec.replicas twice", name)
	}
}

func TestTwoItemsFieldsAreAnError(t *testing.T) {
	got := runCLI(t, rlHead+"items:\n"+plainService+fnConfigHead+"items:\n"+plainService)
	assert.Equal(t, 1, got.code)
	assert.Contains(t, got.stderr, `top-level field "items" twice`)
}

func TestAliasErrorQuotesNoSecret(t *testing.T) {
	secret := "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: *" + secretMarker + "\n"
	in := rlHead + fnConfigHead + "items:\n- " + strings.ReplaceAll(strings.TrimSuffix(secret, "\n"), "\n", "\n  ") + "\n"
	dir := t.TempDir()
	file := filepath.Join(dir, "secret.yaml")
	require.NoError(t, os.WriteFile(file, []byte(secret), 0o644))
	for name, got := range map[string]outcome{
		"function":     runCLI(t, in),
		"pipe":         runCLI(t, secret, "--selector", "app=web"),
		"pipe json":    runCLI(t, secret, "--selector", "app=web", "--format", "json", "--results", filepath.Join(dir, "r.json")),
		"file":         runCLI(t, "", "--selector", "app=web", file),
		"file json":    runCLI(t, "", "--selector", "app=web", "--format", "json", file),
		"file sarif":   runCLI(t, "", "--selector", "app=web", "--format", "sarif", file),
		"folder sarif": runCLI(t, "", "--selector", "app=web", "--format", "sarif", dir),
	} {
		if name != "folder sarif" { // a folder skips files that are not manifests
			assert.Equal(t, 1, got.code, name)
		}
		assert.NotContains(t, got.stderr, secretMarker, name)
		if name != "function" && name != "pipe" && name != "pipe json" {
			assert.NotContains(t, got.stdout, secretMarker, name)
		}
		if name == "function" {
			assert.NotContains(t, resultsText(t, []byte(got.stdout)), secretMarker)
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "r.json"))
	require.NoError(t, err)
	assert.NotContains(t, string(b), secretMarker)
}

func TestPipeModeTakesWhatTheParserTakes(t *testing.T) {
	cm := "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: %s\n"
	one, two := strings.Replace(cm, "%s", "a", 1), strings.Replace(cm, "%s", "b", 1)
	for name, in := range map[string]string{
		"YAML directive":      "%YAML 1.1\n---\n" + one,
		"content on ---":      "--- !!map\n" + one + "--- {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}\n",
		"document end":        one + "...\n",
		"document end, more":  one + "...\n---\n" + two,
		"directive after end": one + "...\n%YAML 1.1\n---\n" + two,
		"empty last document": one + "---\n...\n",
		"BOM and comments":    "\xef\xbb\xbf# license\n---\n" + one,
		"JSON escapes":        `{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}, "data": {"url": "http:\/\/x\/", "emoji": "\ud83d\ude00"}}`,
	} {
		t.Run(name, func(t *testing.T) {
			got := runCLI(t, in, "--selector", "app=web")
			require.Equal(t, 0, got.code, got.stderr)
			docs := parseAll(t, []byte(got.stdout))
			require.NotEmpty(t, docs)
			assert.Equal(t, "a", fieldOf(docs[0], "metadata", "name").Value, got.stdout)
			if name == "JSON escapes" {
				assert.Equal(t, "http://x/", fieldOf(docs[0], "data", "url").Value)
				assert.Equal(t, "\U0001F600", fieldOf(docs[0], "data", "emoji").Value)
			}
		})
	}
}

func TestResourceListInAnyForm(t *testing.T) {
	for name, in := range map[string]string{
		"tagged kind": "apiVersion: config.kubernetes.io/v1\nkind: !!str ResourceList\nitems: []\n",
		"flow style":  "{apiVersion: config.kubernetes.io/v1, kind: ResourceList, items: []}\n",
		"JSON escape": `{"apiVersion": "config.kubernetes.io\/v1", "kind": "ResourceList", "items": []}`,
	} {
		t.Run(name, func(t *testing.T) {
			got := runCLI(t, in, "--selector", "app=web")
			require.Equal(t, 0, got.code, got.stderr)
			assert.Contains(t, got.stdout, "ResourceList", "not read as a ResourceList")
		})
	}
}

func TestMaxInputBytes(t *testing.T) {
	in := rlHead + fnConfigHead + "items: []\n"
	got := runCLI(t, in, "--max-input-bytes", "10")
	assert.Equal(t, 1, got.code)
	assert.Contains(t, got.stderr, "stdin is larger than --max-input-bytes (10 bytes)")
	got = runCLI(t, in, "--max-input-bytes", fmt.Sprint(len(in)))
	assert.Equal(t, 0, got.code, got.stderr)
	got = runCLI(t, in, "--max-input-bytes", "2147483648")
	assert.Equal(t, 2, got.code, "over the reader's 32-bit offsets: a usage error")
	assert.Contains(t, got.stderr, "over the largest input the reader takes")
}

func TestIngressInsideAListInFunctionMode(t *testing.T) {
	in := rlHead + fnConfigHead + `items:
- apiVersion: v1
  kind: List
  items:
  - apiVersion: networking.k8s.io/v1
    kind: Ingress
    metadata:
      name: inner
      labels:
        app: web
      annotations:
        kubernetes.io/elb.class: performance
        kubernetes.io/elb.id: 0b8a4f5e-2c1d-4c1a-9a47-0f6f0c1e9d11
    spec:
      rules: []
` + plainService
	got := runCLI(t, in)
	docs := parseAll(t, []byte(got.stdout))
	items := fieldOf(docs[0], "items")
	require.Len(t, items.Content, 2, "the List stays one item")
	inner := fieldOf(items.Content[0], "items").Content[0]
	assert.Equal(t, "https", fieldOf(inner, "metadata", "annotations", "kubernetes.io/elb.pool-protocol").Value, "the Ingress inside the List was not selected")
	assert.NotContains(t, got.stderr, "no-match")
	assert.NotContains(t, got.stderr, "has no metadata.name", "a nameless List is a List, not a resource without a name")
}

// TestSecretsNeverLeakInAnyMode: a Secret whose data breaks the YAML, or
// starts with '*' (read as an alias), in pipe, file and folder mode, with
// text, JSON and SARIF results: no message may carry its value.
func TestSecretsNeverLeakInAnyMode(t *testing.T) {
	head := "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n"
	for name, data := range map[string]string{
		"alias":         "  tls.key: *MARKER\n",
		"bad escape":    `  tls.key: "MARKER\q"` + "\n",
		"unclosed flow": "  tls.key: [MARKER, MARKER\n",
		"bad indent":    "  tls.key: MARKER\n tls.crt: MARKER\n",
		"tab":           "  tls.key:\tMARKER\n\t  x: MARKER\n",
		"bad utf-8":     "  tls.key: MARKER\xff\n",
		"nul":           "  tls.key: MARKER\x00\n",
		"stray colon":   "  tls.key: MARKER: MARKER: {\n",
		"anchor twice":  "  a: &MARKER x\n  b: &MARKER y\n  c: *MARKER\n",
	} {
		t.Run(name, func(t *testing.T) {
			secret := head + strings.ReplaceAll(data, "MARKER", secretMarker)
			dir := t.TempDir()
			file := filepath.Join(dir, "secret.yaml")
			require.NoError(t, os.WriteFile(file, []byte(secret), 0o644))
			results := filepath.Join(dir, "results")
			for mode, args := range map[string][]string{
				"pipe text":    {"--selector", "app=web"},
				"pipe json":    {"--selector", "app=web", "--format", "json", "--results", results},
				"pipe sarif":   {"--selector", "app=web", "--format", "sarif", "--results", results},
				"file text":    {"--selector", "app=web", file},
				"file json":    {"--selector", "app=web", "--format", "json", file},
				"file sarif":   {"--selector", "app=web", "--format", "sarif", file},
				"folder sarif": {"--selector", "app=web", "--format", "sarif", dir},
			} {
				os.Remove(results)
				stdin := ""
				if strings.HasPrefix(mode, "pipe") {
					stdin = secret
				}
				got := runCLI(t, stdin, args...)
				assert.NotContains(t, got.stderr, secretMarker, mode)
				if !strings.HasPrefix(mode, "pipe") && mode != "file text" {
					assert.NotContains(t, got.stdout, secretMarker, mode)
				}
				if b, err := os.ReadFile(results); err == nil {
					assert.NotContains(t, string(b), secretMarker, mode)
				}
			}
		})
	}
}
