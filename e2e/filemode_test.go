package e2e

import (
	"bytes"
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fileModeApps are the kustomize apps of kustomization-examples/ that file
// mode renders, with what each is meant to show.
var fileModeApps = []struct {
	dir   string
	fails bool // the example is meant to fail
	// viaKustomize: the app's function runs in `kustomize build` itself (an
	// exec transformer); otherwise it has no function and is piped.
	viaKustomize bool
}{
	{dir: "argocd/apps/failing", fails: true, viaKustomize: true},
	{dir: "argocd/apps/failing-pipe"},
	{dir: "argocd/apps/web", viaKustomize: true},
	{dir: "argocd/apps/web-pipe"},
	{dir: "failing-shared-elb", fails: true, viaKustomize: true},
	{dir: "kustomize-exec", viaKustomize: true},
	{dir: "kustomize-validator", viaKustomize: true},
	{dir: "kustomize-validator/failing", fails: true, viaKustomize: true},
	{dir: "overlays/production", viaKustomize: true},
}

// TestFileModeChecksTheExamples is the README's CI command on this
// repository's own examples: it reports exactly the failures the examples
// are meant to show.
func TestFileModeChecksTheExamples(t *testing.T) {
	r := run(t, env.work, nil, env.bin, "--validate-only", "kustomization-examples")
	assert.Equal(t, 1, r.code, r.stderr)
	compareGolden(t, "testdata/filemode-examples.txt", r.stderr)
	failing := map[string]bool{}
	for _, a := range fileModeApps {
		failing[a.dir] = a.fails
	}
	apps := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(r.stderr), "\n") {
		if !strings.HasPrefix(line, "error[") {
			continue
		}
		m := regexp.MustCompile(`\(kustomization-examples/([^:,)]+)[:)]`).FindStringSubmatch(line)
		require.NotNil(t, m, "an error outside any app: %s", line)
		assert.True(t, failing[m[1]], "an error in an example that must pass: %s", line)
		apps[m[1]] = true
	}
	for _, a := range fileModeApps {
		// failing-pipe fails only with the selector its Argo CD
		// Application gives; without one nothing is selected.
		if a.fails {
			assert.True(t, apps[a.dir], "%s is meant to fail", a.dir)
		}
	}
}

// TestFileModeAgreesWithKustomizeBuild holds every example app's file-mode
// check to what the real kustomize and the function report: the same
// rendered manifests and the same findings.
func TestFileModeAgreesWithKustomizeBuild(t *testing.T) {
	kustomize := requireKustomize(t)
	for _, a := range fileModeApps {
		t.Run(a.dir, func(t *testing.T) {
			files := run(t, env.work, nil, env.bin, "--validate-only", "kustomization-examples/"+a.dir+"/kustomization.yaml")
			var want result
			if a.viaKustomize {
				want = run(t, env.work, nil, kustomize, "build", "--enable-alpha-plugins", "--enable-exec", "kustomization-examples/"+a.dir)
			} else {
				built := run(t, env.work, nil, kustomize, "build", "kustomization-examples/"+a.dir)
				require.Equal(t, 0, built.code, built.stderr)
				want = runStdin(t, built.stdout, env.bin, "--validate-only")
			}
			assert.Equal(t, findings(want.stderr), findings(files.stderr))
			if a.fails {
				assert.NotEqual(t, 0, want.code)
				assert.Equal(t, 1, files.code)
				return
			}
			assert.Equal(t, 0, want.code, want.stderr)
			assert.Equal(t, 0, files.code, files.stderr)
			assert.Equal(t, want.stdout, files.stdout, "the rendered manifests")
		})
	}
}

// findings are the error and warning lines without their location, which
// only file mode knows, sorted.
func findings(stderr string) []string {
	loc := regexp.MustCompile(` \([^()]*\)( |:)`)
	var out []string
	for _, line := range strings.Split(functionLines(stderr), "\n") {
		if line != "" {
			out = append(out, loc.ReplaceAllString(line, "$1"))
		}
	}
	sort.Strings(out)
	return out
}

func runStdin(t *testing.T, stdin string, name string, args ...string) result {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = env.work
	cmd.Env = append(os.Environ(), "PATH="+env.path)
	cmd.Stdin = strings.NewReader(stdin)
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
