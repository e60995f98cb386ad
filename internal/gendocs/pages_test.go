package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cce-ingress-https/cce-ingress-https/validator"
)

// TestPagesAreCurrent fails when a page in docs/rules differs from what the
// rule table and the golden cases make, or a rule that is gone left its
// page: run `go generate ./...` from the repository root.
func TestPagesAreCurrent(t *testing.T) {
	pages, err := Pages("../..", validator.Rules)
	require.NoError(t, err)
	for name, want := range pages {
		got, err := os.ReadFile(filepath.Join("../../docs/rules", name))
		require.NoError(t, err, "docs/rules/%s is missing: run go generate ./...", name)
		assert.Equal(t, want, string(got), "docs/rules/%s is stale: run go generate ./...", name)
	}
	files, err := filepath.Glob("../../docs/rules/*.md")
	require.NoError(t, err)
	for _, f := range files {
		assert.Contains(t, pages, filepath.Base(f), "docs/rules/%s belongs to no rule", filepath.Base(f))
	}
}

// writeCase writes a golden case into root/testdata/name.
func writeCase(t *testing.T, root, name, results string) {
	t.Helper()
	dir := filepath.Join(root, "testdata", name)
	require.NoError(t, os.MkdirAll(dir, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "resources.yaml"), []byte("kind: Ingress\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "expected.txt"), []byte(results), 0o644))
}

func TestLoadExamplesChecksWhatTheCasesShow(t *testing.T) {
	root := t.TempDir()
	fail, fixed, err := LoadExamples(root, "r")
	require.NoError(t, err)
	assert.Nil(t, fail)
	assert.Nil(t, fixed)
	page := RenderPage(validator.Rule{ID: "r", Severity: validator.Error}, nil, nil)
	assert.Equal(t, 2, strings.Count(page, "No example yet."))
	assert.Contains(t, page, "Not written yet.")

	writeCase(t, root, "rule-r-fail", "error[other] Ingress a/b: x\nexit: 1\n")
	_, _, err = LoadExamples(root, "r")
	assert.ErrorContains(t, err, "a failing example must fail it")

	writeCase(t, root, "rule-r-fail", "warning[r] Ingress a/b: x\nexit: 0\n")
	writeCase(t, root, "rule-r-fixed", "error[r] Ingress a/b: x\nexit: 1\n")
	_, _, err = LoadExamples(root, "r")
	assert.ErrorContains(t, err, "a fixed example must pass it")

	writeCase(t, root, "rule-r-fixed", "error[other] Ingress a/b: x\nexit: 1\n")
	_, _, err = LoadExamples(root, "r")
	assert.ErrorContains(t, err, "must pass")

	writeCase(t, root, "rule-r-fixed", "exit: 0\n")
	require.NoError(t, os.RemoveAll(filepath.Join(root, "testdata", "rule-r-fail")))
	writeCase(t, root, "rule-r-warn", "warning[r] Ingress a/b: x\nexit: 0\n")
	fail, fixed, err = LoadExamples(root, "r")
	require.NoError(t, err)
	page = RenderPage(validator.Rule{ID: "r", Severity: validator.Error, Why: "because", CCE: []string{"cce_10_0691"}}, fail, fixed)
	assert.Contains(t, page, "warning[r] Ingress a/b: x")
	assert.Contains(t, page, "`testdata/rule-r-fixed`")
	assert.Contains(t, page, "`testdata/rule-r-warn`", "a warning rule's failing case may be named -warn")
	assert.Contains(t, page, "`cce_10_0691`")
	assert.NotContains(t, page, "No example yet.")
	assert.NotContains(t, page, "Configuration (`config.yaml`)", "no config.yaml, no configuration block")
}

func TestWritePagesRemovesOnlyGeneratedPages(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "docs", "rules")
	require.NoError(t, os.MkdirAll(dir, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "gone.md"), []byte(pageHeader+"old"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "notes.md"), []byte("hand-written"), 0o644))
	_, err := WritePages(root, map[string]string{"kept.md": pageHeader + "new"})
	require.NoError(t, err)
	assert.NoFileExists(t, filepath.Join(dir, "gone.md"))
	assert.FileExists(t, filepath.Join(dir, "notes.md"))
	b, err := os.ReadFile(filepath.Join(dir, "kept.md"))
	require.NoError(t, err)
	assert.Equal(t, pageHeader+"new", string(b))
	changed, err := WritePages(root, map[string]string{"kept.md": pageHeader + "new"})
	require.NoError(t, err)
	assert.Empty(t, changed, "a second run changes nothing")
}
