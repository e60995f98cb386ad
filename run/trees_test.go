package run

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Tree cases live in ../testdata/trees/<case>/: tree/ is a repository with
// kustomize apps and plain folders, args the command-line flags; file mode
// runs on tree from the case folder (so results name tree/...).
// expected.yaml is stdout, expected.txt stderr and the exit code.
// Regenerate with: UPDATE_GOLDEN=1 go test ./run -run TestTreeGolden
func TestTreeGolden(t *testing.T) {
	cases, err := filepath.Glob("../testdata/trees/*/args")
	require.NoError(t, err)
	require.NotEmpty(t, cases)
	for _, f := range cases {
		dir, err := filepath.Abs(filepath.Dir(f))
		require.NoError(t, err)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			args := strings.Fields(readFile(t, f))
			t.Chdir(dir)
			got := runWith(t, noRead{t}, append(args, "tree")...)
			compareGolden(t, "expected.yaml", got.stdout)
			compareGolden(t, "expected.txt", fmt.Sprintf("%sexit: %d\n", got.stderr, got.code))
			again := runWith(t, noRead{t}, append(args, "tree")...)
			assert.Equal(t, got, again, "deterministic")
		})
	}
}

func TestTreeInPlaceRefused(t *testing.T) {
	t.Chdir("../testdata/trees/shop")
	before := readFile(t, "tree/base/ingress.yaml")
	got := runWith(t, noRead{t}, "--selector", "a=b", "--in-place", "tree")
	assert.Equal(t, exitUsage, got.code)
	assert.Contains(t, got.stderr, "--in-place cannot change tree/overlays/fn: it is rendered by kustomize")
	assert.Contains(t, got.stderr, "transformers: [cce-ingress-https.yaml]")
	assert.Equal(t, before, readFile(t, "tree/base/ingress.yaml"))
	// A plain folder of the same tree still works with --in-place.
	plain := copyDir(t, "tree/plain")
	ok := runWith(t, noRead{t}, "--selector", "app=web", "--in-place", plain)
	assert.Equal(t, 0, ok.code, ok.stderr)
	assert.Contains(t, readFile(t, filepath.Join(plain, "ingress.yaml")), "kubernetes.io/elb.pool-protocol: https")
}

func TestTreeKustomizationFilesNeverReadAlone(t *testing.T) {
	t.Chdir("../testdata/trees/shop")
	got := runWith(t, noRead{t}, "--validate-only", "-v", "tree")
	assert.NotContains(t, got.stderr, "[input]", "no file of an app is read (or skipped) as a manifest")
	assert.NotContains(t, got.stdout, "kind: Kustomization")
	assert.NotContains(t, got.stdout, "config.kubernetes.io/origin", "origin annotations are for results only")
	_, err := os.Stat("tree/overlays/fn/kustomization.yaml")
	require.NoError(t, err)
}
