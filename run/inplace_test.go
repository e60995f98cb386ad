package run

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestInPlaceKeepsModeOwnerAndHardLinks(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a/ingress.yaml": readFile(t, ingressFile), "backend.yaml": readFile(t, backendFile)})
	file := filepath.Join(dir, "a", "ingress.yaml")
	require.NoError(t, os.Chmod(file, 0o640))
	other := filepath.Join(t.TempDir(), "hard-link.yaml")
	require.NoError(t, os.Link(file, other))
	asRoot := os.Geteuid() == 0
	if asRoot {
		require.NoError(t, os.Chown(file, 1234, 2345))
	} else if os.Getenv("CI") == "true" {
		t.Fatal("CI runs as root: the owner check must run")
	}
	got := runWith(t, noRead{t}, "--selector", "app=web", "--in-place", dir)
	require.Equal(t, 0, got.code, got.stderr)
	assert.Contains(t, readFile(t, file), "kubernetes.io/elb.pool-protocol: https")
	assert.Equal(t, readFile(t, file), readFile(t, other), "the hard link still shares the content")
	info, err := os.Stat(file)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o640), info.Mode().Perm())
	st := info.Sys().(*syscall.Stat_t)
	assert.Equal(t, uint64(2), uint64(st.Nlink))
	if asRoot {
		assert.Equal(t, [2]uint32{1234, 2345}, [2]uint32{st.Uid, st.Gid}, "owner kept")
	}
	entries, err := os.ReadDir(filepath.Join(dir, "a"))
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary file left")
}

func TestInPlaceOwnerKeptOnRename(t *testing.T) {
	if os.Geteuid() != 0 {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI runs as root: the owner check must run")
		}
		t.Skip("needs root to give a file another owner")
	}
	dir := writeFiles(t, map[string]string{"ingress.yaml": readFile(t, ingressFile)})
	file := filepath.Join(dir, "ingress.yaml")
	require.NoError(t, os.Chown(file, 1234, 2345))
	require.NoError(t, os.Chmod(file, 0o600))
	got := runWith(t, noRead{t}, "--selector", "app=web", "--in-place", file)
	require.Equal(t, 0, got.code, got.stderr)
	info, err := os.Stat(file)
	require.NoError(t, err)
	st := info.Sys().(*syscall.Stat_t)
	assert.Equal(t, [2]uint32{1234, 2345}, [2]uint32{st.Uid, st.Gid})
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	assert.Contains(t, readFile(t, file), "kubernetes.io/elb.pool-protocol: https")
}

func TestInPlaceReadOnlyFileChangesNothing(t *testing.T) {
	second := readFile(t, ingressFile)
	dir := writeFiles(t, map[string]string{"a.yaml": readFile(t, ingressFile), "b.yaml": replaceName(second, "web", "web2"),
		"backend.yaml": readFile(t, backendFile)})
	require.NoError(t, os.Chmod(filepath.Join(dir, "b.yaml"), 0o444))
	beforeA, beforeB := readFile(t, filepath.Join(dir, "a.yaml")), readFile(t, filepath.Join(dir, "b.yaml"))
	got := runWith(t, noRead{t}, "--selector", "app=web", "--in-place", dir)
	assert.Equal(t, 1, got.code)
	assert.Contains(t, got.stderr, filepath.Join(dir, "b.yaml")+" is read-only (mode 0444)")
	assert.Contains(t, got.stderr, "no file was changed")
	assert.Equal(t, beforeA, readFile(t, filepath.Join(dir, "a.yaml")), "all or nothing: the writable file is not changed either")
	assert.Equal(t, beforeB, readFile(t, filepath.Join(dir, "b.yaml")))
}

func TestInPlaceNothingOnError(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.yaml": readFile(t, ingressFile), "backend.yaml": readFile(t, backendFile),
		"shared.yaml": readFile(t, sharedFile)})
	before := readFile(t, filepath.Join(dir, "a.yaml"))
	got := runWith(t, noRead{t}, "--selector", "app=web", "--in-place", dir)
	assert.Equal(t, 1, got.code)
	assert.Contains(t, got.stderr, "error[dedicated-elb]")
	assert.Contains(t, got.stderr, "no file was changed")
	assert.Equal(t, before, readFile(t, filepath.Join(dir, "a.yaml")))
}

func replaceName(doc, from, to string) string {
	return strings.Replace(doc, "  name: "+from+"\n", "  name: "+to+"\n", 1)
}
