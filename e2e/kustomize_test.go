package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// kustomizeExample is one kustomization in kustomization-examples/.
type kustomizeExample struct {
	dir    string // relative to kustomization-examples/
	fails  bool   // the build must fail with expected-errors.txt
	readme string // the README that shows the command (and the expected errors)
}

var kustomizeExamples = []kustomizeExample{
	{dir: "kustomize-exec", readme: "kustomize-exec/README.md"},
	{dir: "kustomize-validator", readme: "kustomize-validator/README.md"},
	{dir: "kustomize-validator/failing", fails: true, readme: "kustomize-validator/README.md"},
	{dir: "overlays/production", readme: "overlays/README.md"},
	{dir: "failing-shared-elb", fails: true, readme: "failing-shared-elb/README.md"},
}

// buildCommand is the command the READMEs give, run from the repository root.
func buildCommand(dir string) string {
	return "kustomize build --enable-alpha-plugins --enable-exec kustomization-examples/" + dir
}

// TestKustomizeBuild runs the pinned standalone kustomize on every example,
// from the temporary folder's root rather than the example's folder, so a
// relative exec path only works if kustomize resolves it against the
// kustomization (as the README promises).
func TestKustomizeBuild(t *testing.T) {
	kustomize := requireKustomize(t)
	for _, ex := range kustomizeExamples {
		t.Run(ex.dir, func(t *testing.T) {
			readme, err := os.ReadFile(sourceFile(ex.readme))
			require.NoError(t, err)
			assert.Contains(t, string(readme), buildCommand(ex.dir)+"\n", "%s must give the command this test runs", ex.readme)
			r := run(t, env.work, nil, kustomize, "build", "--enable-alpha-plugins", "--enable-exec", example(ex.dir))
			if ex.fails {
				checkFailure(t, r, ex.dir, ex.readme)
				return
			}
			require.Equal(t, 0, r.code, "kustomize build failed:\n%s", r.stderr)
			assert.NotContains(t, r.stderr, "error[", "the function reported an error")
			compareGolden(t, sourceFile(ex.dir+"/expected.yaml"), r.stdout)
		})
	}
}

// TestKustomizeExecNeedsEnableExec pins down a trap the README warns about:
// without --enable-exec, kustomize skips an exec function without a word,
// so the Ingresses come out unchanged and a failing example "passes".
func TestKustomizeExecNeedsEnableExec(t *testing.T) {
	kustomize := requireKustomize(t)
	r := run(t, env.work, nil, kustomize, "build", "--enable-alpha-plugins", example("failing-shared-elb"))
	require.Equal(t, 0, r.code, "kustomize now fails without --enable-exec; update the README's warning:\n%s", r.stderr)
	assert.NotContains(t, r.stdout, "kubernetes.io/elb.pool-protocol", "kustomize now runs exec functions without --enable-exec; update the README's warning")
}

// TestKustomizeValidatorsField pins down kustomize bug #5036, the reason the
// validator example lists the function under transformers: kustomize's
// function runtime adds config.kubernetes.io/path annotations to every item
// a function returns, and validators: then rejects any KRM function, even
// one that changes nothing, with "validator shouldn't modify the resource
// map". If this test fails, kustomize fixed it: move the example to
// validators: and update its README.
func TestKustomizeValidatorsField(t *testing.T) {
	kustomize := requireKustomize(t)
	dir := t.TempDir()
	for _, f := range []string{"ingress.yaml", "service.yaml", "secret.yaml"} {
		data, err := os.ReadFile(example("kustomize-validator/" + f))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, f), data, 0o644))
	}
	cfg, err := os.ReadFile(example("kustomize-validator/cce-ingress-https.yaml"))
	require.NoError(t, err)
	cfgText := strings.Replace(string(cfg), "../../bin/cce-ingress-https", env.bin, 1)
	require.Contains(t, cfgText, env.bin)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "cce-ingress-https.yaml"), []byte(cfgText), 0o644))
	kust := "resources:\n- ingress.yaml\n- service.yaml\n- secret.yaml\nvalidators:\n- cce-ingress-https.yaml\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "kustomization.yaml"), []byte(kust), 0o644))

	r := run(t, dir, nil, kustomize, "build", "--enable-alpha-plugins", "--enable-exec", ".")
	assert.NotEqual(t, 0, r.code, "kustomize now accepts a KRM function under validators: (bug #5036 fixed?); move kustomize-validator to validators:")
	assert.Contains(t, r.stderr, "validator shouldn't modify the resource map")
	assert.NotContains(t, r.stderr, "error[", "the function itself found no problem")
}

// TestKubectlKustomize pins down what kubectl kustomize does with the
// examples: it has no --enable-exec flag, and with --enable-alpha-plugins it
// skips exec functions silently (the README says so and points to
// standalone kustomize or pipe mode). If this test fails, kubectl started
// running exec functions: compare its output with expected.yaml instead.
func TestKubectlKustomize(t *testing.T) {
	kubectl := requireKubectl(t)
	for _, ex := range kustomizeExamples {
		t.Run(ex.dir, func(t *testing.T) {
			r := run(t, env.work, nil, kubectl, "kustomize", "--enable-alpha-plugins", example(ex.dir))
			require.Equal(t, 0, r.code, "kubectl kustomize failed:\n%s", r.stderr)
			assert.Empty(t, functionLines(r.stderr), "the function ran under kubectl kustomize")
			if !ex.fails && ex.dir != "kustomize-validator" {
				assert.NotContains(t, r.stdout, "kubernetes.io/elb.pool-protocol",
					"kubectl kustomize now runs exec functions; compare with expected.yaml and update the README")
			}
		})
	}
}

// TestKustomizeValidatorChangesNothing checks that validateOnly leaves the
// build output exactly as it is without the function.
func TestKustomizeValidatorChangesNothing(t *testing.T) {
	kustomize := requireKustomize(t)
	with := run(t, env.work, nil, kustomize, "build", "--enable-alpha-plugins", "--enable-exec", example("kustomize-validator"))
	require.Equal(t, 0, with.code, with.stderr)

	dir := t.TempDir()
	require.NoError(t, copyDir(example("kustomize-validator"), dir))
	kust, err := os.ReadFile(filepath.Join(dir, "kustomization.yaml"))
	require.NoError(t, err)
	plain := strings.Replace(string(kust), "transformers:\n- cce-ingress-https.yaml\n", "", 1)
	require.NotEqual(t, string(kust), plain, "the example no longer lists the function the expected way")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "kustomization.yaml"), []byte(plain), 0o644))
	without := run(t, dir, nil, kustomize, "build", ".")
	require.Equal(t, 0, without.code, without.stderr)
	assert.Equal(t, without.stdout, with.stdout, "validateOnly changed the build output")
}

// TestKubectlKustomizePipe is the way to use kubectl kustomize: build, then
// pipe the manifests through the binary (pipe mode). The output must equal
// what the exec-function route produces.
func TestKubectlKustomizePipe(t *testing.T) {
	kubectl := requireKubectl(t)
	built := run(t, env.work, nil, kubectl, "kustomize", example("argocd/apps/web-pipe"))
	require.Equal(t, 0, built.code, built.stderr)
	cmd := exec.Command(env.bin, "--selector", "https-backend=enabled")
	cmd.Stdin = strings.NewReader(built.stdout)
	var errOut strings.Builder
	cmd.Stderr = &errOut
	out, err := cmd.Output()
	require.NoError(t, err, errOut.String())
	want, err := os.ReadFile(sourceFile("argocd/apps/web-pipe/expected.yaml"))
	require.NoError(t, err)
	assert.Equal(t, string(want), string(out))
}
