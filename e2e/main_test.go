package e2e

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// env is the shared setup, made once by TestMain.
var env struct {
	root      string // the repository (module) root
	work      string // temporary folder: bin/ and a copy of kustomization-examples/
	bin       string // the freshly built binary, $work/bin/cce-ingress-https
	examples  string // $work/kustomization-examples
	kustomize string // .tools/bin/kustomize, or "" when not installed
	kubectl   string // kubectl on PATH, or ""
	kpt       string // kpt on PATH, or ""
	path      string // PATH for the tools: $work/bin, .tools/bin, then the caller's PATH
}

func TestMain(m *testing.M) {
	os.Exit(setupAndRun(m))
}

func setupAndRun(m *testing.M) int {
	if err := setup(); err != nil {
		fmt.Fprintf(os.Stderr, "e2e setup: %v\n", err)
		return 1
	}
	defer os.RemoveAll(env.work)
	return m.Run()
}

func setup() error {
	root, err := filepath.Abs("..")
	if err != nil {
		return err
	}
	env.root = root
	env.work, err = os.MkdirTemp("", "cce-e2e-")
	if err != nil {
		return err
	}
	env.bin = filepath.Join(env.work, "bin", "cce-ingress-https")
	build := exec.Command("go", "build", "-trimpath", "-o", env.bin, ".")
	build.Dir = root
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %v\n%s", err, out)
	}
	// The examples name the binary by relative paths such as
	// ../../bin/cce-ingress-https; the copy keeps that layout around the
	// fresh binary, and tests never write into the source tree.
	env.examples = filepath.Join(env.work, "kustomization-examples")
	if err := copyDir(filepath.Join(root, "kustomization-examples"), env.examples); err != nil {
		return err
	}
	tools := filepath.Join(root, ".tools", "bin")
	if p := filepath.Join(tools, "kustomize"); isExecutable(p) {
		env.kustomize = p
	}
	env.kubectl, _ = exec.LookPath("kubectl")
	env.kpt, _ = exec.LookPath("kpt")
	env.path = strings.Join([]string{filepath.Dir(env.bin), tools, os.Getenv("PATH")}, string(os.PathListSeparator))
	return nil
}

func isExecutable(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir() && st.Mode()&0o111 != 0
}

func copyDir(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}

// requireKustomize returns the pinned kustomize or skips; with CI=true a
// missing kustomize fails instead.
func requireKustomize(t *testing.T) string {
	t.Helper()
	if env.kustomize == "" {
		msg := "kustomize is not in .tools/bin: run scripts/install-tools.sh"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg + " (CI=true: kustomize is required)")
		}
		t.Skip("SKIPPED: " + msg)
	}
	return env.kustomize
}

// requireKpt returns kpt or skips; CCE_E2E_REQUIRE_KPT=1 (set by .ci/run)
// turns a missing kpt into a failure.
func requireKpt(t *testing.T) string {
	t.Helper()
	if env.kpt == "" {
		msg := "kpt is not on PATH"
		if os.Getenv("CCE_E2E_REQUIRE_KPT") == "1" {
			t.Fatal(msg + " (CCE_E2E_REQUIRE_KPT=1: kpt is required)")
		}
		t.Skip("SKIPPED: " + msg + "; install kpt to run the kpt tests")
	}
	return env.kpt
}

func requireKubectl(t *testing.T) string {
	t.Helper()
	if env.kubectl == "" {
		t.Skip("SKIPPED: kubectl is not on PATH")
	}
	return env.kubectl
}

// result is one finished command.
type result struct {
	stdout, stderr string
	code           int
}

// run runs a command in dir with the tools' PATH plus extra variables and
// returns its output and exit code; failing to start is fatal.
func run(t *testing.T, dir string, extraEnv []string, name string, args ...string) result {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "PATH="+env.path), extraEnv...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if err != nil {
		exitErr, ok := err.(*exec.ExitError)
		require.True(t, ok, "cannot run %s: %v", name, err)
		code = exitErr.ExitCode()
	}
	return result{stdout: out.String(), stderr: errOut.String(), code: code}
}

// example is the path of an example in the temporary copy.
func example(rel string) string { return filepath.Join(env.examples, filepath.FromSlash(rel)) }

// sourceFile is the path of a checked-in file of an example.
func sourceFile(rel string) string {
	return filepath.Join(env.root, "kustomization-examples", filepath.FromSlash(rel))
}

// compareGolden compares got with a checked-in file, or rewrites it when
// UPDATE_GOLDEN is set.
func compareGolden(t *testing.T, path, got string) {
	t.Helper()
	if os.Getenv("UPDATE_GOLDEN") != "" {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing expected file; run UPDATE_GOLDEN=1 go test ./e2e")
	assert.Equal(t, string(want), got, "%s differs; if the change is intended, run UPDATE_GOLDEN=1 go test ./e2e and review the diff", path)
}

// functionLines keeps the function's own stderr lines (error[rule] ...,
// warning[rule] ...), dropping what the tool around it prints, which
// differs between tools and versions.
func functionLines(stderr string) string {
	var b strings.Builder
	for _, line := range strings.Split(stderr, "\n") {
		if strings.HasPrefix(line, "error[") || strings.HasPrefix(line, "warning[") {
			b.WriteString(line + "\n")
		}
	}
	return b.String()
}

// checkFailure asserts a failed run whose function lines match the example's
// expected-errors.txt, and that the example's README shows each line.
func checkFailure(t *testing.T, r result, exampleDir, readme string) {
	t.Helper()
	require.NotEqual(t, 0, r.code, "the build must fail; stdout:\n%s", r.stdout)
	lines := functionLines(r.stderr)
	require.NotEmpty(t, lines, "no error line from the function on stderr:\n%s", r.stderr)
	compareGolden(t, sourceFile(exampleDir+"/expected-errors.txt"), lines)
	text, err := os.ReadFile(sourceFile(readme))
	require.NoError(t, err)
	for _, line := range strings.Split(strings.TrimSpace(lines), "\n") {
		if !strings.Contains(string(text), line+"\n") {
			t.Errorf("%s must show the expected error output; missing line:\n%s", readme, line)
		}
	}
}
