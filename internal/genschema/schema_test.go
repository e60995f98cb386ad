package main

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"sigs.k8s.io/kustomize/kyaml/kio"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/cce-ingress-https/cce-ingress-https/config"
)

const root = "../.."

// TestSchemaIsCurrent fails when the schema file differs from what the Go
// definition makes: run `go generate ./...` from the repository root.
func TestSchemaIsCurrent(t *testing.T) {
	want, err := Generate(root)
	require.NoError(t, err)
	got, err := os.ReadFile(filepath.Join(root, SchemaFile))
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got), "%s is stale: run go generate ./...", SchemaFile)
}

// compile loads the checked-in schema with a real JSON Schema validator.
func compile(t *testing.T) *jsonschema.Schema {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, SchemaFile))
	require.NoError(t, err)
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	require.NoError(t, err)
	c := jsonschema.NewCompiler()
	require.NoError(t, c.AddResource(SchemaURL, doc))
	s, err := c.Compile(SchemaURL)
	require.NoError(t, err)
	return s
}

// instance turns a YAML node into the JSON value a YAML 1.2 editor sees.
func instance(t *testing.T, n *yaml.Node) any {
	t.Helper()
	var v any
	require.NoError(t, n.Decode(&v))
	data, err := json.Marshal(v)
	require.NoError(t, err)
	out, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	require.NoError(t, err)
	return out
}

// exampleConfig is one IngressHTTPSBackend found in the repository.
type exampleConfig struct {
	file string // relative to the module root
	node *yaml.Node
	text string // the whole file
}

// exampleConfigs finds every IngressHTTPSBackend in the repository's YAML:
// whole documents, and the functionConfig of a ResourceList.
func exampleConfigs(t *testing.T) []exampleConfig {
	t.Helper()
	var out []exampleConfig
	for _, dir := range []string{"kustomization-examples", "testdata", "e2e/testdata", "run/testdata"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".yaml") {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil || !bytes.Contains(data, []byte(config.Kind)) {
				return err
			}
			nodes, err := (&kio.ByteReader{Reader: bytes.NewReader(data), OmitReaderAnnotations: true}).Read()
			if err != nil {
				return nil // not YAML this test can read (hostile inputs); the function's own tests cover it
			}
			rel, _ := filepath.Rel(root, path)
			for _, rn := range nodes {
				n := rn.YNode()
				if rn.GetKind() == "ResourceList" {
					fc, err := rn.Pipe(yaml.Lookup("functionConfig"))
					if err != nil || fc == nil {
						continue
					}
					n = fc.YNode()
				}
				if k, _ := yaml.NewRNode(n).GetString("kind"); k == config.Kind {
					out = append(out, exampleConfig{file: filepath.ToSlash(rel), node: n, text: string(data)})
				}
			}
			return nil
		})
		require.NoError(t, err)
	}
	return out
}

// TestExampleConfigsAgreeWithTheFunction: every configuration the function
// accepts validates against the schema, and every one the schema rejects
// the function rejects too (the schema is never stricter than the function;
// the function checks more, such as selector syntax).
func TestExampleConfigsAgreeWithTheFunction(t *testing.T) {
	s := compile(t)
	examples := exampleConfigs(t)
	require.Greater(t, len(examples), 20)
	accepted, rejected := 0, 0
	for _, ex := range examples {
		_, probs := config.Load(ex.node, config.Flags{})
		schemaErr := s.Validate(instance(t, ex.node))
		if !config.HasError(probs) {
			accepted++
			assert.NoError(t, schemaErr, "%s: the function accepts it, the schema does not", ex.file)
		}
		if schemaErr != nil {
			rejected++
			assert.True(t, config.HasError(probs), "%s: the schema rejects it (%v), the function does not", ex.file, schemaErr)
		}
	}
	assert.Greater(t, accepted, 10)
	assert.Greater(t, rejected, 0, "the config-error cases include some the schema catches")
}

// TestExamplesNameTheSchema: the configurations users copy carry the
// yaml-language-server modeline.
func TestExamplesNameTheSchema(t *testing.T) {
	modeline := "# yaml-language-server: $schema=" + SchemaURL + "\n"
	n := 0
	for _, ex := range exampleConfigs(t) {
		if !strings.HasPrefix(ex.file, "kustomization-examples/") || strings.Contains(ex.text, "kind: ResourceList") {
			continue
		}
		n++
		assert.True(t, strings.HasPrefix(ex.text, modeline), "%s does not start with %q", ex.file, modeline)
	}
	assert.Greater(t, n, 5)
}

// TestSchemaFlagsMistakes: what editors should underline.
func TestSchemaFlagsMistakes(t *testing.T) {
	s := compile(t)
	head := "apiVersion: fn.kpt.dev/v1alpha1\nkind: IngressHTTPSBackend\nmetadata: {name: x}\n"
	for _, c := range []struct {
		body string
		ok   bool
	}{
		{"selector: {matchLabels: {a: b}}\n", true},
		{"selector: a=b\nport: 8443\nciphersPolicy: tls-1-2-strict\nclusterVersion: v1.25.3-r0\nvalidateOnly: true\nrules: {tls-secret: off, no-match: error}\n", true},
		{"selector: {matchExpressions: [{key: tier, operator: In, values: [web]}]}\n", true},
		{"selectAll: true\n", true},
		{"selector: {matchLabel: {a: b}}\n", false},
		{"selector: {matchExpressions: [{key: tier, operator: in}]}\n", false},
		{"selector: a=b\ncipherPolicy: tls-1-2\n", false},
		{"selector: a=b\nciphersPolicy: tls-9\n", false},
		{"selector: a=b\nport: \"443\"\n", false},
		{"selector: a=b\nport: 0\n", false},
		{"selector: a=b\nvalidateOnly: \"true\"\n", false},
		{"selector: a=b\nrules: {tls-secrets: off}\n", false},
		{"selector: a=b\nrules: {tls-secret: loud}\n", false},
		{"selectAll: true\nselector: a=b\n", false},
	} {
		n, err := yaml.Parse(head + c.body)
		require.NoError(t, err)
		err = s.Validate(instance(t, n.YNode()))
		assert.Equal(t, c.ok, err == nil, "%s: %v", c.body, err)
		_, probs := config.Load(n.YNode(), config.Flags{})
		assert.Equal(t, c.ok, !config.HasError(probs), "the function agrees on %s: %v", c.body, probs)
	}
}
