package e2e

// The pre-commit hooks of .pre-commit-hooks.yaml, run by the real pre-commit
// (Debian's package; .ci/run installs it) on a temporary repository: pre-commit
// clones this repository at HEAD, builds the function with `go install`
// (language: golang) and runs it in file mode on the files given.

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPreCommitHooks(t *testing.T) {
	preCommit, err := exec.LookPath("pre-commit")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pre-commit is not installed (CI=true, and .ci/run installs it)")
		}
		t.Skip("SKIP: pre-commit is not installed (apt-get install pre-commit)")
	}
	// pre-commit clones the repository at a commit: HEAD, so the hooks
	// tested are the committed ones.
	head := strings.TrimSpace(gitOut(t, env.root, "rev-parse", "HEAD"))
	modcache := strings.TrimSpace(runOut(t, env.root, "go", "env", "GOMODCACHE"))

	repo := t.TempDir()
	gitOut(t, repo, "init", "-q")
	write := func(name, content string) {
		t.Helper()
		require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(repo, name)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(repo, name), []byte(content), 0o644))
	}
	write(".pre-commit-config.yaml", `repos:
- repo: `+env.root+`
  rev: `+head+`
  hooks:
  - id: cce-ingress-https-check
    args: [--selector, https-backend=enabled]
    files: ^deploy/
  - id: cce-ingress-https
    args: [--selector, https-backend=enabled]
    files: ^fix/
`)
	gitOut(t, repo, "add", ".pre-commit-config.yaml")
	good, err := os.ReadFile(filepath.Join(env.root, "testdata", "rule-https-annotations-fixed", "resources.yaml"))
	require.NoError(t, err)
	bad, err := os.ReadFile(filepath.Join(env.root, "testdata", "rule-dedicated-elb-fail", "resources.yaml"))
	require.NoError(t, err)
	unset, err := os.ReadFile(filepath.Join(env.root, "testdata", "rule-tls-secret-fixed", "resources.yaml"))
	require.NoError(t, err)
	write("deploy/good.yaml", string(good))
	write("deploy/bad.yaml", string(bad))
	write("fix/web.yaml", string(unset))
	// Staged, as in a commit: pre-commit sees a hook's changes as a diff
	// against the index.
	gitOut(t, repo, "add", "deploy", "fix")

	run := func(files ...string) (string, int) {
		t.Helper()
		cmd := exec.Command(preCommit, append([]string{"run", "--color=never", "--files"}, files...)...)
		cmd.Dir = repo
		// The modules come from the shared cache, not a fresh one per environment.
		cmd.Env = append(os.Environ(), "PRE_COMMIT_HOME="+filepath.Join(repo, ".pre-commit-home"), "GOMODCACHE="+modcache, "CGO_ENABLED=0")
		out, err := cmd.CombinedOutput()
		code := 0
		if exit, ok := err.(*exec.ExitError); ok {
			code = exit.ExitCode()
		} else {
			require.NoError(t, err, "%s", out)
		}
		return string(out), code
	}

	out, code := run("deploy/good.yaml")
	assert.Equal(t, 0, code, "a good Ingress passes:\n%s", out)
	assert.Regexp(t, `check CCE's rules, change nothing\)\.+Passed`, out)

	out, code = run("deploy/bad.yaml")
	assert.Equal(t, 1, code, "a shared ELB fails:\n%s", out)
	assert.Contains(t, out, "error[dedicated-elb] Ingress shop/shared (deploy/bad.yaml) metadata.annotations[kubernetes.io/elb.class]: ")

	out, code = run("fix/web.yaml")
	assert.Equal(t, 1, code, "the fixing hook changes the file, which fails the commit:\n%s", out)
	assert.Contains(t, out, "files were modified by this hook")
	fixed, err := os.ReadFile(filepath.Join(repo, "fix", "web.yaml"))
	require.NoError(t, err)
	assert.Contains(t, string(fixed), "kubernetes.io/elb.pool-protocol: https")
	out, code = run("fix/web.yaml")
	assert.Equal(t, 0, code, "once fixed, it passes:\n%s", out)
}

func gitOut(t *testing.T, dir string, args ...string) string {
	t.Helper()
	return runOut(t, dir, "git", args...)
}

func runOut(t *testing.T, dir, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s %v: %s", name, args, out)
	return string(out)
}
