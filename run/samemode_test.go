package run

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/cce-ingress-https/cce-ingress-https/krmio"
)

// TestSameResultsInEveryMode runs each golden case, and the CLI fixtures,
// through function, pipe and file mode: one Pipeline means the same
// results, the same exit code and the same resources in all three.
func TestSameResultsInEveryMode(t *testing.T) {
	cases, err := filepath.Glob("../testdata/*/resources.yaml")
	require.NoError(t, err)
	fixture := t.TempDir()
	writeCase(t, fixture, stream(t, backendFile, ingressFile, "testdata/app/nested/admin.yaml", sharedFile), readFile(t, typedConfig))
	cases = append(cases, filepath.Join(fixture, "resources.yaml"))
	for _, res := range cases {
		dir := filepath.Dir(res)
		cfg := filepath.Join(dir, "config.yaml")
		t.Run(filepath.Base(dir), func(t *testing.T) {
			tmp := t.TempDir()
			rl := BuildResourceList(t, dir)
			fnOut := runCLI(t, string(rl))
			fnResults, fnItems := fromResourceList(t, fnOut.stdout)

			pipeJSON := filepath.Join(tmp, "pipe.json")
			pipeOut := runCLI(t, readFile(t, res), "--config", cfg, "--format", "json", "--results", pipeJSON)
			pipeResults := fromJSON(t, readFile(t, pipeJSON))

			fileJSON := filepath.Join(tmp, "file.json")
			fileOut := runWith(t, noRead{t}, "--config", cfg, "--format", "json", "--results", fileJSON, res)
			fileResults := fromJSON(t, readFile(t, fileJSON))

			assert.Equal(t, fnOut.code, pipeOut.code, "exit code, pipe vs function")
			assert.Equal(t, fnOut.code, fileOut.code, "exit code, file vs function")
			assert.Equal(t, comparable(fnResults, true), comparable(pipeResults, true), "results, pipe vs function")
			// File mode names the real files, which also orders results by file.
			assert.ElementsMatch(t, comparable(fnResults, false), comparable(fileResults, false), "results, file vs function")

			assert.Equal(t, fnItems, streamItems(t, pipeOut.stdout), "resources, pipe vs function")
			assert.Equal(t, pipeOut.stdout, fileOut.stdout, "one file in file mode prints what pipe mode prints")
		})
	}
}

func writeCase(t testing.TB, dir, resources, config string) {
	require.NoError(t, os.WriteFile(filepath.Join(dir, "resources.yaml"), []byte(resources), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "config.yaml"), []byte(config), 0o644))
}

func fromResourceList(t testing.TB, out string) (fn.Results, []string) {
	t.Helper()
	var rl struct {
		Results fn.Results `yaml:"results"`
	}
	require.NoError(t, yaml.Unmarshal([]byte(out), &rl))
	doc, err := krmio.ReadResourceList([]byte(out))
	require.NoError(t, err)
	return rl.Results, nodeStrings(t, doc.Items)
}

func fromJSON(t testing.TB, data string) fn.Results {
	t.Helper()
	var rep struct {
		Results fn.Results `json:"results"`
	}
	require.NoError(t, json.Unmarshal([]byte(data), &rep))
	return rep.Results
}

func streamItems(t testing.TB, out string) []string {
	t.Helper()
	doc, err := krmio.ReadStream([]byte(out))
	require.NoError(t, err)
	return nodeStrings(t, doc.Items)
}

// nodeStrings encodes items without comments: a comment between two items
// belongs to the next item in a stream but to the previous one in a list.
func nodeStrings(t testing.TB, items []*krmio.Item) []string {
	var out []string
	for _, it := range items {
		n := yaml.CopyYNode(it.Node)
		dropComments(n)
		s, err := yaml.String(n)
		require.NoError(t, err)
		out = append(out, s)
	}
	return out
}

// comparable turns results into JSON-shaped values (YAML and JSON numbers
// alike), with or without their files; config results differ only in the
// file they name (the functionConfig has none, --config is a file), so
// their File is always dropped.
func comparable(results fn.Results, withFile bool) []any {
	var out []any
	for _, r := range results {
		c := *r
		if !withFile || c.Tags["rule"] == "config" {
			c.File = nil
		}
		b, _ := json.Marshal(c)
		var v any
		_ = json.Unmarshal(b, &v)
		out = append(out, v)
	}
	return out
}

func dropComments(n *yaml.Node) {
	n.HeadComment, n.LineComment, n.FootComment = "", "", ""
	for _, c := range n.Content {
		dropComments(c)
	}
}
