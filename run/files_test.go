package run

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cce-ingress-https/cce-ingress-https/report/reporttest"
)

func TestFilesFolderToStdout(t *testing.T) {
	got := runWith(t, noRead{t}, "--config", typedConfig, appDir)
	require.Equal(t, 0, got.code, got.stderr)
	// Folder order is lexical: backend.yaml, ingress.yaml, nested/admin.yaml.
	docs := docsOf(got.stdout)
	require.Len(t, docs, 4, got.stdout)
	assert.Equal(t, readFile(t, backendFile), docs[0]+"\n---\n"+docs[1]+"\n", "unchanged file, byte for byte")
	assert.Contains(t, docs[2], "name: web\n")
	assert.Contains(t, docs[2], "kubernetes.io/elb.pool-protocol: https")
	assert.Contains(t, docs[2], "# The shop front: selected by app=web.")
	assert.Equal(t, strings.TrimRight(readFile(t, "testdata/app/nested/admin.yaml"), "\n"), strings.TrimRight(docs[3], "\n"))
	// Skipped: values.yaml (not manifests), notes.txt (not YAML), .hidden/.
	assert.NotContains(t, got.stdout, "replicaCount")
	assert.NotContains(t, got.stdout, "name: hidden")
	assert.NotContains(t, got.stdout, "notes")
	// The file annotations that locate results are never written.
	assert.NotContains(t, got.stdout, "config.kubernetes.io/")
	assert.NotContains(t, got.stdout, "annotations: {}")
	assert.Empty(t, string(withoutSummary([]byte(got.stderr))), "no warnings, and infos need --verbose")
}

func TestFilesResultsNameFiles(t *testing.T) {
	got := runWith(t, noRead{t}, "--selector", "app=web", "-v", appDir, sharedFile)
	assert.Equal(t, 1, got.code)
	assert.Contains(t, got.stderr, "error[dedicated-elb] Ingress shop/cheap (testdata/shared/ingress.yaml) metadata.annotations[kubernetes.io/elb.class]: ")
	assert.Contains(t, got.stderr, "info[https-annotations] Ingress shop/web (testdata/app/ingress.yaml) ")
	assert.Contains(t, got.stderr, "info[input] (testdata/app/values.yaml): skipped: not Kubernetes manifests")
	assert.NotContains(t, got.stdout, "config.kubernetes.io/")
}

func TestFilesIndexOfLaterDocument(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "two.yaml")
	require.NoError(t, os.WriteFile(f, []byte(readFile(t, backendFile)+"---\n"+readFile(t, sharedFile)), 0o644))
	got := runWith(t, noRead{t}, "--selector", "app=web", f)
	assert.Contains(t, got.stderr, "Ingress shop/cheap ("+f+"#2) ", "the third document of the file")
}

func TestFilesKeepExistingPathAnnotation(t *testing.T) {
	// A manifest that already carries a path annotation keeps its value.
	dir := t.TempDir()
	f := filepath.Join(dir, "ing.yaml")
	in := strings.Replace(readFile(t, sharedFile), "  annotations:\n", "  annotations:\n    internal.config.kubernetes.io/path: 'kept.yaml'\n", 1)
	require.NoError(t, os.WriteFile(f, []byte(in), 0o644))
	got := runWith(t, noRead{t}, "--selector", "app=web", f)
	assert.Contains(t, got.stdout, "    internal.config.kubernetes.io/path: 'kept.yaml'\n")
	assert.NotContains(t, got.stdout, "config.kubernetes.io/index")
	assert.Contains(t, got.stderr, "("+f+")", "results still name the file read")
}

func TestFilesNoMetadata(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "odd.yaml")
	require.NoError(t, os.WriteFile(f, []byte("apiVersion: v1\nkind: Namespace\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations: null\n"), 0o644))
	got := runWith(t, noRead{t}, "--selector", "app=web", f)
	assert.Equal(t, "apiVersion: v1\nkind: Namespace\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations: null\n", got.stdout)
}

func TestFilesInPlace(t *testing.T) {
	dir := copyDir(t, "testdata")
	app := filepath.Join(dir, "app")
	old := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	before := map[string]string{}
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			before[p] = readFile(t, p)
			require.NoError(t, os.Chtimes(p, old, old))
		}
		return err
	})
	require.NoError(t, err)
	ingress := filepath.Join(app, "ingress.yaml")
	want := runCLI(t, before[ingress], "--selector", "app=web").stdout

	got := runWith(t, noRead{t}, "--selector", "app=web", "--in-place", app)
	require.Equal(t, 0, got.code, got.stderr)
	assert.Empty(t, got.stdout, "--in-place writes no manifests to stdout")
	for p, was := range before {
		info, err := os.Stat(p)
		require.NoError(t, err)
		if p == ingress {
			assert.Equal(t, want, readFile(t, p), "the changed file holds what pipe mode prints")
			assert.Equal(t, os.FileMode(0o644), info.Mode().Perm())
			continue
		}
		assert.Equal(t, was, readFile(t, p), "%s must not change", p)
		assert.True(t, info.ModTime().Equal(old), "%s must not be rewritten", p)
	}
	entries, err := os.ReadDir(app)
	require.NoError(t, err)
	for _, e := range entries {
		assert.False(t, strings.HasPrefix(e.Name(), ".ingress"), "temporary file left: %s", e.Name())
	}
	// A second run changes nothing more.
	again := runWith(t, noRead{t}, "--selector", "app=web", "--in-place", app)
	assert.Equal(t, 0, again.code)
	assert.Equal(t, want, readFile(t, ingress))
}

func TestFilesInPlaceWithSARIF(t *testing.T) {
	dir := copyDir(t, "testdata/shared")
	before := readFile(t, filepath.Join(dir, "ingress.yaml"))
	got := runWith(t, noRead{t}, "--selector", "app=web", "--in-place", "--format", "sarif", dir)
	assert.Equal(t, 1, got.code)
	reporttest.SARIF(t, got.stdout)
	assert.Equal(t, before, readFile(t, filepath.Join(dir, "ingress.yaml")), "an error result: no file is changed")
	assert.Contains(t, got.stderr, "no file was changed")
}

func TestFilesJSON(t *testing.T) {
	got := runWith(t, noRead{t}, "--config", typedConfig, "--format", "json", appDir, sharedFile)
	assert.Equal(t, 1, got.code)
	rep := parseJSONReport(t, got.stdout)
	assert.Equal(t, 1, rep.Errors)
	assert.Contains(t, got.stdout, `"path": "testdata/shared/ingress.yaml"`)
	assert.NotContains(t, got.stdout, "apiVersion: ", "no manifests with --format json")
	assert.Contains(t, got.stderr, "error[dedicated-elb]", "errors on stderr too")
}

func TestFilesJSONWithResultsFileStillPrintsManifests(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.json")
	got := runWith(t, noRead{t}, "--config", typedConfig, "--format", "json", "--results", path, ingressFile)
	assert.Equal(t, 0, got.code, got.stderr)
	assert.Contains(t, got.stdout, "kubernetes.io/elb.pool-protocol: https")
	parseJSONReport(t, readFile(t, path))
}

func TestFilesBadInput(t *testing.T) {
	dir := t.TempDir()
	broken := filepath.Join(dir, "broken.yaml")
	require.NoError(t, os.WriteFile(broken, []byte("apiVersion: v1\nkind: [unclosed\n"), 0o644))
	notKRM := filepath.Join(dir, "values.yaml")
	require.NoError(t, os.WriteFile(notKRM, []byte("replicaCount: 2\n"), 0o644))

	// Named files must be manifests: errors.
	got := runWith(t, noRead{t}, "--selector", "app=web", broken, notKRM, filepath.Join(dir, "missing.yaml"), ingressFile)
	assert.Equal(t, 1, got.code)
	assert.Contains(t, got.stderr, "error[input] ("+broken+"): ")
	assert.Contains(t, got.stderr, "error[input] ("+notKRM+") items[0]: item 0 of the input has no apiVersion or kind")
	assert.Contains(t, got.stderr, "error[input] ("+filepath.Join(dir, "missing.yaml")+"): cannot read")
	assert.Contains(t, got.stdout, "kubernetes.io/elb.pool-protocol: https", "good files are still processed")

	// Found in a folder, the same files are skipped.
	got = runWith(t, noRead{t}, "--selector", "app=web", "-v", dir)
	assert.Contains(t, got.stderr, "info[input] ("+broken+"): skipped: ")
	assert.Contains(t, got.stderr, "info[input] ("+notKRM+"): skipped: ")
	assert.NotContains(t, got.stderr, "error[input]")
}

func TestFilesSameFileTwice(t *testing.T) {
	got := runWith(t, noRead{t}, "--selector", "app=web", ingressFile, "./"+ingressFile)
	assert.Len(t, docsOf(got.stdout), 1, "a file named twice is read once")
}

func TestFilesInPlaceThroughSymlink(t *testing.T) {
	// A symlink named on the command line is written through.
	dir := copyDir(t, "testdata/app")
	link := filepath.Join(t.TempDir(), "link.yaml")
	require.NoError(t, os.Symlink(filepath.Join(dir, "ingress.yaml"), link))
	got := runWith(t, noRead{t}, "--selector", "app=web", "--in-place", link, filepath.Join(dir, "backend.yaml"))
	require.Equal(t, 0, got.code, got.stderr)
	info, err := os.Lstat(link)
	require.NoError(t, err)
	assert.NotZero(t, info.Mode()&os.ModeSymlink, "the link stays a link")
	assert.Contains(t, readFile(t, filepath.Join(dir, "ingress.yaml")), "kubernetes.io/elb.pool-protocol: https")
}
