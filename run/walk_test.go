package run

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// writeFiles creates files (path -> content) below a new folder.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for p, content := range files {
		full := filepath.Join(dir, p)
		require.NoError(t, os.MkdirAll(filepath.Dir(full), 0o755))
		require.NoError(t, os.WriteFile(full, []byte(content), 0o644))
	}
	return dir
}

const aliasIngress = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: shop
  labels: &l {app: web}
  annotations: *l
spec:
  ingressClassName: cce
`

func TestFilesAliasInMetadataFailsInAFolderToo(t *testing.T) {
	for name, text := range map[string]string{
		"alias":     aliasIngress,
		"merge key": strings.Replace(aliasIngress, "  annotations: *l\n", "  annotations: {<<: *l}\n", 1),
	} {
		t.Run(name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{"ingress.yaml": text})
			file := filepath.Join(dir, "ingress.yaml")
			named := runWith(t, noRead{t}, "--selector", "app=web", file)
			folder := runWith(t, noRead{t}, "--selector", "app=web", dir)
			assert.Equal(t, 1, named.code, named.stderr)
			assert.Equal(t, 1, folder.code, "a file in a folder fails like the same file named: %s", folder.stderr)
			assert.Contains(t, folder.stderr, "error[input] Ingress shop/web ("+file+")")
			assert.NotContains(t, folder.stderr, "has no apiVersion and kind")
			assert.Equal(t, named.stderr, folder.stderr)
		})
	}
}

func TestFilesBOMAndCommentOnlyFirstDocument(t *testing.T) {
	text := "\xef\xbb\xbf# Licensed under the Apache License 2.0\n---\n" + readFile(t, sharedFile)
	dir := writeFiles(t, map[string]string{"ingress.yaml": text})
	folder := runWith(t, noRead{t}, "--selector", "app=web", dir)
	assert.Contains(t, folder.stderr, "error[dedicated-elb] Ingress shop/cheap", "the Ingress is checked, not skipped")
	assert.Contains(t, folder.stdout, "# Licensed under the Apache License 2.0\n", "the header is kept")
	piped := runCLI(t, text, "--selector", "app=web")
	assert.Equal(t, 1, piped.code)
	assert.NotContains(t, piped.stderr, "error[input]", "pipe mode reads it too")
	assert.Contains(t, piped.stderr, "error[dedicated-elb] Ingress shop/cheap")
}

func TestFilesSymlinks(t *testing.T) {
	outside := writeFiles(t, map[string]string{"config.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kubeconfig-like\n"})
	dir := writeFiles(t, map[string]string{"real.yaml": readFile(t, ingressFile), "b/backend.yaml": readFile(t, backendFile)})
	require.NoError(t, os.Symlink("real.yaml", filepath.Join(dir, "z-link.yaml")))
	require.NoError(t, os.Symlink(filepath.Join(outside, "config.yaml"), filepath.Join(dir, "out.yaml")))
	require.NoError(t, os.Symlink("b", filepath.Join(dir, "c")))

	got := runWith(t, noRead{t}, "--selector", "app=web", dir)
	require.Equal(t, 0, got.code, got.stderr)
	assert.Equal(t, 1, strings.Count(got.stdout, "kind: Ingress"), "a file and a link to it are read once")
	assert.Equal(t, 1, strings.Count(got.stdout, "kind: Service"), "a linked folder inside is not read twice")
	assert.NotContains(t, got.stdout, "kubeconfig-like", "a link out of the folder is not read")
	assert.Contains(t, got.stderr, "warning[input] ("+filepath.Join(dir, "out.yaml")+"): skipped: a symlink to a file outside")

	// A folder argument that is a symlink is walked.
	link := filepath.Join(t.TempDir(), "linked")
	require.NoError(t, os.Symlink(dir, link))
	viaLink := runWith(t, noRead{t}, "--selector", "app=web", link)
	assert.Equal(t, got.stdout, viaLink.stdout)
	assert.Equal(t, 0, viaLink.code, viaLink.stderr)

	// --in-place writes inside the folder only.
	before := readFile(t, filepath.Join(outside, "config.yaml"))
	inPlace := runWith(t, noRead{t}, "--selector", "app=web", "--in-place", dir)
	require.Equal(t, 0, inPlace.code, inPlace.stderr)
	assert.Contains(t, readFile(t, filepath.Join(dir, "real.yaml")), "kubernetes.io/elb.pool-protocol: https")
	assert.Equal(t, before, readFile(t, filepath.Join(outside, "config.yaml")))
	info, err := os.Lstat(filepath.Join(dir, "z-link.yaml"))
	require.NoError(t, err)
	assert.NotZero(t, info.Mode()&os.ModeSymlink, "the link stays a link")
}

func TestFilesSpecialFiles(t *testing.T) {
	dir := writeFiles(t, map[string]string{"ingress.yaml": readFile(t, ingressFile)})
	fifo := filepath.Join(dir, "pipe.yaml")
	require.NoError(t, syscall.Mkfifo(fifo, 0o644))
	done := make(chan outcome, 1)
	go func() { done <- runWith(t, noRead{t}, "--selector", "app=web", dir) }()
	var got outcome
	select {
	case got = <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("a FIFO in the folder blocks the run")
	}
	assert.Equal(t, 1, got.code)
	assert.Contains(t, got.stderr, "error[input] ("+fifo+"): is a FIFO (named pipe): file mode reads regular files only")
	assert.Contains(t, got.stdout, "kind: Ingress", "the other files are still read")

	// A link to a device, named or found in a folder, is never read.
	zero := filepath.Join(t.TempDir(), "zero.yaml")
	require.NoError(t, os.Symlink("/dev/zero", zero))
	named := runWith(t, noRead{t}, "--selector", "app=web", zero)
	assert.Equal(t, 1, named.code)
	assert.Contains(t, named.stderr, "error[input] ("+zero+"): is a device: file mode reads regular files only")
	require.NoError(t, os.Remove(fifo))
	require.NoError(t, os.Symlink("/dev/zero", filepath.Join(dir, "zero.yaml")))
	inFolder := runWith(t, noRead{t}, "--selector", "app=web", dir)
	assert.Contains(t, inFolder.stderr, "skipped: a symlink to a file outside")
}

func TestReadLimited(t *testing.T) {
	big := writeFiles(t, map[string]string{"big.yaml": strings.Repeat("# padding\n", 11)})
	got := runWith(t, noRead{t}, "--selector", "app=web", "--max-input-bytes", "100", big)
	assert.Equal(t, 1, got.code)
	assert.Contains(t, got.stderr, "error[input] ("+filepath.Join(big, "big.yaml")+"): is larger than --max-input-bytes (100 bytes)")
	_, err := readLimited(filepath.Join(big, "big.yaml"), 110)
	assert.NoError(t, err, "exactly the limit is fine")

	_, err = readLimited("/dev/zero", defaultMaxInput)
	assert.EqualError(t, err, "is a device: file mode reads regular files only")
	data, err := readLimited(ingressFile, defaultMaxInput)
	require.NoError(t, err)
	assert.Equal(t, readFile(t, ingressFile), string(data))
}

func TestFilesKptPackagesAreCheckedAlone(t *testing.T) {
	kptfile := "apiVersion: kpt.dev/v1\nkind: Kptfile\nmetadata:\n  name: pkg\n"
	dir := writeFiles(t, map[string]string{
		"a/Kptfile": kptfile, "a/backend.yaml": readFile(t, backendFile),
		"b/Kptfile": kptfile, "b/ingress.yaml": readFile(t, ingressFile),
	})
	got := runWith(t, noRead{t}, "--selector", "app=web", dir)
	assert.Contains(t, got.stderr, "warning[backend-service] Ingress shop/web ("+filepath.Join(dir, "b/ingress.yaml")+")",
		"package a's Service does not satisfy package b's Ingress")
	together := writeFiles(t, map[string]string{"a/backend.yaml": readFile(t, backendFile), "b/ingress.yaml": readFile(t, ingressFile)})
	plain := runWith(t, noRead{t}, "--selector", "app=web", together)
	assert.NotContains(t, plain.stderr, "warning[backend-service]", "plain folders are checked together")
}
