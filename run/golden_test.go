package run

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/cce-ingress-https/cce-ingress-https/krmio"
)

// Golden cases live in ../testdata/<case>/: resources.yaml (a stream of
// manifests) and config.yaml (the functionConfig) make the input ResourceList;
// expected.yaml is the output and expected.txt the stderr lines and exit code.
// Regenerate with: UPDATE_GOLDEN=1 go test ./run -run TestGolden
func TestGolden(t *testing.T) {
	dirs, err := filepath.Glob("../testdata/*/resources.yaml")
	require.NoError(t, err)
	require.NotEmpty(t, dirs)
	for _, f := range dirs {
		dir := filepath.Dir(f)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			input := BuildResourceList(t, dir)
			var out, errOut bytes.Buffer
			code := functionMode(input, &out, &errOut)
			got := fmt.Sprintf("%sexit: %d\n", errOut.String(), code)
			compareGolden(t, filepath.Join(dir, "expected.yaml"), out.String())
			compareGolden(t, filepath.Join(dir, "expected.txt"), got)
			checkKeepsItems(t, input, out.Bytes())
			checkIdempotent(t, out.Bytes())
		})
	}
}

// BuildResourceList assembles a case's input as kpt would send it.
func BuildResourceList(t testing.TB, dir string) []byte {
	res, err := os.ReadFile(filepath.Join(dir, "resources.yaml"))
	require.NoError(t, err)
	var b strings.Builder
	b.WriteString("apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n")
	for _, doc := range strings.Split(string(res), "\n---\n") {
		if strings.TrimSpace(doc) == "" {
			continue
		}
		b.WriteString(entry(doc))
	}
	if cfg, err := os.ReadFile(filepath.Join(dir, "config.yaml")); err == nil {
		b.WriteString("functionConfig:\n")
		for _, line := range strings.SplitAfter(strings.TrimRight(string(cfg), "\n")+"\n", "\n") {
			if line != "" {
				b.WriteString("  " + line)
			}
		}
	}
	return []byte(b.String())
}

// entry turns one document into a "- " sequence entry.
func entry(doc string) string {
	var b strings.Builder
	first := true
	for _, line := range strings.Split(strings.TrimRight(doc, "\n"), "\n") {
		switch {
		case first && !strings.HasPrefix(line, "#"):
			b.WriteString("- " + line + "\n")
			first = false
		case line == "":
			b.WriteString("\n")
		default:
			b.WriteString("  " + line + "\n")
		}
	}
	return b.String()
}

func compareGolden(t *testing.T, path, got string) {
	t.Helper()
	if os.Getenv("UPDATE_GOLDEN") != "" {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing golden file; run UPDATE_GOLDEN=1 go test ./run")
	assert.Equal(t, string(want), got, path)
}

// checkKeepsItems asserts that the output has the input's items, same order.
func checkKeepsItems(t *testing.T, in, out []byte) {
	t.Helper()
	assert.Equal(t, ids(t, in), ids(t, out), "items lost, added or reordered")
}

// checkIdempotent asserts that a second run leaves the items as they are.
func checkIdempotent(t *testing.T, out []byte) {
	t.Helper()
	var again, errOut bytes.Buffer
	functionMode(out, &again, &errOut)
	assert.Equal(t, itemsText(t, out), itemsText(t, again.Bytes()), "second run changed items")
}

func ids(t *testing.T, rl []byte) []string {
	doc, err := krmio.ReadResourceList(rl)
	require.NoError(t, err)
	var out []string
	for _, it := range doc.Items {
		if !it.HasObject() {
			out = append(out, "<not a mapping>")
			continue
		}
		out = append(out, it.Object().GetAPIVersion()+"/"+it.Object().GetKind()+" "+it.Object().GetNamespace()+"/"+it.Object().GetName())
	}
	return out
}

func itemsText(t *testing.T, rl []byte) []string {
	doc, err := krmio.ReadResourceList(rl)
	require.NoError(t, err)
	var out []string
	for _, it := range doc.Items {
		s, err := yaml.String(it.Node)
		require.NoError(t, err)
		out = append(out, s)
	}
	return out
}
