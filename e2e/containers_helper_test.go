package e2e

// Test-only helpers for the container tests (never part of the product):
// build the function binary once, find podman and make it work in our
// sandboxed build machines, build images from the real Dockerfile.
//
//	go build -> .tools/container-context/bin/cce-ingress-https -> podman build (BIN_SOURCE=prebuilt)
//	  -> image -> kpt fn eval --image / kustomize container: / podman run
//
// Podman needs three workarounds here (see ../shared/reference/container-testing.md
// in the project's shared folder): a containers.conf without default ulimits,
// the cgroupfs manager with run --cgroups=disabled, and the cgroup v2 mount
// hidden in a private mount namespace. They live in wrapper scripts named
// podman and docker (kustomize always calls docker) that the tests put first
// on PATH, in the git-ignored .tools/podman folder.

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// containerTestVersion is embedded in the binary the container tests build,
// so a test can tell that image from any other.
const containerTestVersion = "v0.0.0-e2e-container"

// containerCommandTimeout bounds one podman, kpt, kustomize or helm call.
const containerCommandTimeout = 10 * time.Minute

// containerRepoRoot is the repository root (tests run in e2e/).
func containerRepoRoot(t testing.TB) string {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// ctrExampleDir is kustomization-examples/<name>.
func ctrExampleDir(t testing.TB, name string) string {
	return filepath.Join(containerRepoRoot(t), "kustomization-examples", name)
}

var (
	containerBinaryOnce sync.Once
	containerBinaryPath string
	containerBinaryErr  error
)

// ctrContextDir is the podman build context the tests assemble: the files
// the Dockerfile's offline stages copy, in this run's temporary folder
// (removed by TestMain), so tests never write into the source tree and
// parallel runs never share one.
func ctrContextDir(t testing.TB) string {
	return filepath.Join(env.work, "container-context")
}

// ctrContextFiles are the repository files the offline stages copy (besides
// bin/cce-ingress-https, built by the tests). Missing optional ones only
// matter to the target that copies them.
var ctrContextFiles = []string{
	".dockerignore",
	"container/passwd",
	"container/group",
	".tools/bin/kustomize",
	"kustomization-examples/argocd/plugin.yaml",
	"kustomization-examples/argocd/plugin-pipe.yaml",
	"kustomization-examples/argocd/cce-ingress-https-pipe",
}

// buildBinaryForContainers builds the function binary the way the
// Dockerfile's build stage does (static, -trimpath, version embedded), once
// per test run, into the build context's bin/ where the prebuilt stage takes
// it from. It is written under another name and renamed so a reader never
// sees half a binary.
func buildBinaryForContainers(t testing.TB) string {
	t.Helper()
	root := containerRepoRoot(t)
	containerBinaryOnce.Do(func() {
		dir := filepath.Join(ctrContextDir(t), "bin")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			containerBinaryErr = err
			return
		}
		tmp, err := os.CreateTemp(dir, ".cce-ingress-https-*")
		if err != nil {
			containerBinaryErr = err
			return
		}
		tmp.Close()
		cmd := exec.Command("go", "build", "-trimpath",
			"-ldflags", "-X github.com/cce-ingress-https/cce-ingress-https/run.Version="+containerTestVersion,
			"-o", tmp.Name(), ".")
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			os.Remove(tmp.Name())
			containerBinaryErr = fmt.Errorf("go build: %v\n%s", err, out)
			return
		}
		containerBinaryPath = filepath.Join(dir, "cce-ingress-https")
		containerBinaryErr = os.Rename(tmp.Name(), containerBinaryPath)
	})
	if containerBinaryErr != nil {
		t.Fatalf("building the function binary: %v", containerBinaryErr)
	}
	return containerBinaryPath
}

var (
	ctrContextOnce sync.Once
	ctrContextErr  error
)

// ctrPrepareContext fills the build context: the binary, then a fresh copy
// of ctrContextFiles (old copies removed first, so a file deleted from the
// repository cannot linger in an image).
func ctrPrepareContext(t testing.TB) string {
	t.Helper()
	buildBinaryForContainers(t)
	dir, root := ctrContextDir(t), containerRepoRoot(t)
	ctrContextOnce.Do(func() {
		for _, rel := range ctrContextFiles {
			dst := filepath.Join(dir, filepath.FromSlash(rel))
			if err := os.Remove(dst); err != nil && !errors.Is(err, os.ErrNotExist) {
				ctrContextErr = err
				return
			}
			data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
			if errors.Is(err, os.ErrNotExist) {
				continue
			}
			if err == nil {
				err = os.MkdirAll(filepath.Dir(dst), 0o755)
			}
			if err == nil {
				err = os.WriteFile(dst, data, 0o755)
			}
			if err != nil {
				ctrContextErr = err
				return
			}
		}
	})
	if ctrContextErr != nil {
		t.Fatalf("preparing the build context: %v", ctrContextErr)
	}
	return dir
}

// containerCI reports whether we run in CI, where a missing tool that CI
// installs is a failure, not a skip.
func containerCI() bool { return os.Getenv("CI") == "true" }

// containerTool finds a pinned tool in .tools/bin (scripts/install-tools.sh)
// or else on PATH. Missing: skip, or fail in CI, which installs them.
func containerTool(t testing.TB, name string) string {
	t.Helper()
	pinned := filepath.Join(containerRepoRoot(t), ".tools", "bin", name)
	if _, err := os.Stat(pinned); err == nil {
		return pinned
	}
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	msg := fmt.Sprintf("%s is neither in .tools/bin nor on PATH (scripts/install-tools.sh installs it)", name)
	if containerCI() {
		t.Fatal(msg)
	}
	t.Skip("SKIP: " + msg)
	return ""
}

// podmanEnv is a working podman: the environment to run tools with.
type podmanEnv struct {
	// Env is os.Environ with the wrappers first on PATH, CONTAINERS_CONF and
	// KPT_FN_RUNTIME=podman.
	Env []string
	// Podman is the wrapper script to call.
	Podman string
}

var (
	podmanOnce      sync.Once
	podmanState     *podmanEnv
	podmanInstalled bool
	podmanErr       error
)

// requirePodman returns a working podman, or skips the test with a visible
// reason: podman not installed, or not working here. In CI (CI=true) a
// podman that is installed but does not work fails the test instead, so the
// container tests cannot silently stop running.
func requirePodman(t testing.TB) *podmanEnv {
	t.Helper()
	podmanOnce.Do(func() { podmanState, podmanInstalled, podmanErr = ctrSetUpPodman(containerRepoRoot(t)) })
	switch {
	case podmanErr == nil:
		return podmanState
	case !podmanInstalled:
		t.Skipf("SKIP: container tests need podman, which is not installed (%v); .ci/run installs it with apt-get", podmanErr)
	case containerCI():
		t.Fatalf("podman is installed but does not work (CI=true, so this is a failure): %v", podmanErr)
	default:
		t.Skipf("SKIP: podman is installed but does not work here: %v", podmanErr)
	}
	return nil
}

// ctrSetUpPodman writes the wrappers and checks that podman answers through them.
func ctrSetUpPodman(root string) (*podmanEnv, bool, error) {
	dir := filepath.Join(env.work, "podman")
	binDir := filepath.Join(dir, "bin")
	real, err := ctrFindRealPodman(binDir)
	if err != nil {
		return nil, false, err
	}
	if err := os.MkdirAll(binDir, 0o755); err != nil {
		return nil, true, err
	}
	conf := filepath.Join(dir, "containers.conf")
	files := map[string]string{
		conf:                            "# Written by the e2e tests: the sandbox forbids raising RLIMIT_NOFILE.\n[containers]\ndefault_ulimits = []\n",
		filepath.Join(binDir, "podman"): ctrPodmanWrapper(real, conf, os.Geteuid() == 0),
		filepath.Join(binDir, "docker"): "#!/bin/sh\n# Written by the e2e tests: kustomize runs container functions with docker.\nexec " + ctrShellQuote(filepath.Join(binDir, "podman")) + " \"$@\"\n",
	}
	for path, content := range files {
		if err := ctrWriteFileAtomic(path, content); err != nil {
			return nil, true, err
		}
	}
	env := podmanEnv{Podman: filepath.Join(binDir, "podman")}
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PATH=") && !strings.HasPrefix(kv, "CONTAINERS_CONF=") && !strings.HasPrefix(kv, "KPT_FN_RUNTIME=") {
			env.Env = append(env.Env, kv)
		}
	}
	env.Env = append(env.Env, "PATH="+binDir+string(os.PathListSeparator)+os.Getenv("PATH"),
		"CONTAINERS_CONF="+conf, "KPT_FN_RUNTIME=podman")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, env.Podman, "info", "--format", "{{.Host.OCIRuntime.Name}}")
	cmd.Env = env.Env
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, true, fmt.Errorf("podman info: %v: %s", err, bytes.TrimSpace(out))
	}
	return &env, true, nil
}

// ctrFindRealPodman finds the podman binary on PATH, never our own wrapper.
func ctrFindRealPodman(wrapperDir string) (string, error) {
	for _, dir := range filepath.SplitList(os.Getenv("PATH")) {
		if dir == "" || filepath.Clean(dir) == filepath.Clean(wrapperDir) {
			continue
		}
		p := filepath.Join(dir, "podman")
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
			return p, nil
		}
	}
	return "", errors.New("podman not found on PATH")
}

// ctrPodmanWrapper is the podman script. As root it hides the cgroup v2 mount
// in a private mount namespace (podman 4.3 refuses hybrid cgroups); every
// call uses the cgroupfs manager and every run disables cgroups.
func ctrPodmanWrapper(real, conf string, root bool) string {
	body := `if [ "$1" = run ]; then shift; exec "$0" --cgroup-manager=cgroupfs run --cgroups=disabled "$@"; fi
exec "$0" --cgroup-manager=cgroupfs "$@"`
	var b strings.Builder
	b.WriteString("#!/bin/sh\n# Written by the e2e tests (e2e/containers_helper_test.go): podman with the\n# sandbox workarounds of these build machines. Test-only.\n")
	b.WriteString("export CONTAINERS_CONF=" + ctrShellQuote(conf) + "\n")
	if root {
		b.WriteString("exec unshare -m sh -c 'umount /sys/fs/cgroup/unified 2>/dev/null\n" + body + "' " + ctrShellQuote(real) + " \"$@\"\n")
	} else {
		b.WriteString("exec sh -c '" + body + "' " + ctrShellQuote(real) + " \"$@\"\n")
	}
	return b.String()
}

func ctrShellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

func ctrWriteFileAtomic(path, content string) error {
	tmp := fmt.Sprintf("%s.%d.tmp", path, os.Getpid())
	if err := os.WriteFile(tmp, []byte(content), 0o755); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// ctrResult is what a finished command left behind.
type ctrResult struct {
	Stdout, Stderr string
	Code           int
	Took           time.Duration
}

// ctrRun runs a command with env (nil: os.Environ) in dir, stdin from
// input. A command that cannot start, or times out, fails the test; a
// non-zero exit is returned for the test to judge.
func ctrRun(t testing.TB, env []string, dir string, input []byte, name string, args ...string) ctrResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), containerCommandTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env, cmd.Dir = env, dir
	if input != nil {
		cmd.Stdin = bytes.NewReader(input)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	res := ctrResult{Stdout: stdout.String(), Stderr: stderr.String(), Took: time.Since(start)}
	var exit *exec.ExitError
	switch {
	case ctx.Err() != nil:
		t.Fatalf("%s %s: timed out after %s\nstderr:\n%s", name, strings.Join(args, " "), containerCommandTimeout, res.Stderr)
	case errors.As(err, &exit):
		res.Code = exit.ExitCode()
	case err != nil:
		t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	return res
}

// mustSucceed fails the test unless the command exited 0.
func (r ctrResult) mustSucceed(t testing.TB, what string) ctrResult {
	t.Helper()
	if r.Code != 0 {
		t.Fatalf("%s: exit %d\nstdout:\n%s\nstderr:\n%s", what, r.Code, r.Stdout, r.Stderr)
	}
	return r
}

// ctrRunID makes the names of what a test run creates in podman's storage
// (images, containers) unique, so parallel or killed runs never collide.
var ctrRunID = func() string {
	b := make([]byte, 4)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return fmt.Sprintf("%d-%x", os.Getpid(), b)
}()

// ctrTestImage is a name for an image this test builds, unique to the test
// and the run (never the README's :latest), removed when the test ends.
func ctrTestImage(t testing.TB, pm *podmanEnv, repo string) string {
	t.Helper()
	tag := "localhost/" + repo + ":e2e-" + ctrRunID + "-" + strings.ToLower(strings.NewReplacer("/", "-", "_", "-").Replace(t.Name()))
	t.Cleanup(func() { ctrRun(t, pm.Env, "", nil, pm.Podman, "rmi", "-f", tag) })
	return tag
}

// requireFunctionImage builds the function image from the real Dockerfile
// with the locally built binary and returns its name (removed when the
// test ends).
func requireFunctionImage(t testing.TB, pm *podmanEnv) string {
	t.Helper()
	image := ctrTestImage(t, pm, "cce-ingress-https")
	if err := ctrBuildImage(t, pm, image, "function-prebuilt"); err != nil {
		t.Fatal(err)
	}
	return image
}

// ctrBuildImage runs podman build with the repository's Dockerfile on the
// assembled context (ctrPrepareContext) and the offline build arguments.
// --layers=false: buildah 1.28 reuses a cached LABEL step even when the
// build argument in it changed, and an uncached build of these scratch
// stages takes seconds.
func ctrBuildImage(t testing.TB, pm *podmanEnv, tag, target string, extraArgs ...string) error {
	t.Helper()
	root, buildContext := containerRepoRoot(t), ctrPrepareContext(t)
	args := []string{"build", "--pull=never", "--layers=false", "--target", target,
		"--build-arg", "BIN_SOURCE=prebuilt",
		"--build-arg", "VERSION=" + containerTestVersion,
		"--build-arg", "REVISION=e2e",
		"-t", tag, "-f", filepath.Join(root, "Dockerfile")}
	args = append(args, extraArgs...)
	args = append(args, buildContext)
	res := ctrRun(t, pm.Env, root, nil, pm.Podman, args...)
	if res.Code != 0 {
		return fmt.Errorf("podman %s: exit %d\n%s\n%s", strings.Join(args, " "), res.Code, res.Stdout, res.Stderr)
	}
	t.Logf("podman build --target %s took %s", target, res.Took.Round(time.Millisecond))
	return nil
}

// ctrImageField reads one field of podman image inspect (a Go template).
func ctrImageField(t testing.TB, pm *podmanEnv, image, format string) string {
	t.Helper()
	res := ctrRun(t, pm.Env, "", nil, pm.Podman, "image", "inspect", "--format", format, image).mustSucceed(t, "podman image inspect")
	return strings.TrimSpace(res.Stdout)
}

// ctrCopyTree copies a folder of small files (an example) to dst.
func ctrCopyTree(t testing.TB, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// ctrReplaceInFile replaces old by new in a file, failing when old is absent
// (so a renamed image in an example cannot make a test silently run the
// wrong thing).
func ctrReplaceInFile(t testing.TB, path, old, new string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s does not contain %q", path, old)
	}
	if err := os.WriteFile(path, bytes.ReplaceAll(data, []byte(old), []byte(new)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// ctrCompareGolden compares got with a checked-in file; UPDATE_GOLDEN=1
// rewrites the file instead (the project's convention for expected output).
func ctrCompareGolden(t testing.TB, path, got string) {
	t.Helper()
	if os.Getenv("UPDATE_GOLDEN") == "1" {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with UPDATE_GOLDEN=1 to create it)", err)
	}
	if string(want) != got {
		t.Errorf("output differs from %s (UPDATE_GOLDEN=1 rewrites it)\n--- got ---\n%s\n--- want ---\n%s", path, got, want)
	}
}

func ctrReadFile(t testing.TB, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
