package run

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestInputRuleOverride: the input rule's findings about items follow
// --rule like any rule's; a file that cannot be read stays an error.
func TestInputRuleOverride(t *testing.T) {
	nameless := "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {namespace: shop}\n"
	got := runCLI(t, nameless, "--selector", "app=web", "--rule", "no-match=off")
	assert.Equal(t, 1, got.code)
	assert.Contains(t, got.stderr, "error[input] Ingress shop/<no name> metadata.name: item 0 of the input has no metadata.name")

	got = runCLI(t, nameless, "--selector", "app=web", "--rule", "no-match=off,input=warning")
	assert.Equal(t, 0, got.code, got.stderr)
	assert.Contains(t, got.stderr, "warning[input] Ingress shop/<no name> metadata.name: item 0 of the input has no metadata.name")
	assert.Equal(t, nameless, got.stdout, "the item is still written")

	got = runCLI(t, nameless, "--selector", "app=web", "--rule", "no-match=off,input=off")
	assert.Equal(t, 0, got.code, got.stderr)
	assert.NotContains(t, got.stderr, "[input]")

	bad := filepath.Join(t.TempDir(), "bad.yaml")
	assert.NoError(t, os.WriteFile(bad, []byte("a: [\n"), 0o644))
	got = runCLI(t, "", "--selector", "app=web", "--rule", "no-match=off,input=off", bad)
	assert.Equal(t, 1, got.code)
	assert.Contains(t, got.stderr, "error[input] ("+bad+"): ")
}
