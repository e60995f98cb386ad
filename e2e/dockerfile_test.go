package e2e

// The Dockerfile's default target as users build it online (`podman build .`),
// tested offline: the Go image is built from this machine's Go toolchain and
// module cache (scripts/local-go-image.sh) and passed as GO_IMAGE, and
// nothing is pulled (--pull=never).

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// dockerfileStages maps each stage name of the Dockerfile to its FROM.
func dockerfileStages(t *testing.T) (stages map[string]string, last string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(containerRepoRoot(t), "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	from := regexp.MustCompile(`(?m)^FROM\s+(\S+)\s+AS\s+(\S+)\s*$`)
	stages = map[string]string{}
	for _, m := range from.FindAllStringSubmatch(string(data), -1) {
		stages[m[2]], last = m[1], m[2]
	}
	return stages, last
}

// TestDockerfileDefaultTargetNamesNoStageThroughAnArg: podman 4.3 takes
// `FROM ${ARG}` for an image name even when the argument names a stage, so
// the default target and the stages it copies from must name stages directly.
func TestDockerfileDefaultTargetNamesNoStageThroughAnArg(t *testing.T) {
	stages, last := dockerfileStages(t)
	if last != "function" {
		t.Fatalf("the last stage (the default target) is %q, want function", last)
	}
	for _, name := range []string{"function", "function-base", "function-prebuilt"} {
		base, ok := stages[name]
		if !ok {
			t.Fatalf("no stage %s", name)
		}
		if strings.Contains(base, "$") {
			t.Errorf("stage %s is FROM %s: name the stage itself", name, base)
		}
	}
	data, _ := os.ReadFile(filepath.Join(containerRepoRoot(t), "Dockerfile"))
	function := string(data)[strings.LastIndex(string(data), "AS function\n"):]
	if !strings.Contains(function, "COPY --from=build ") {
		t.Errorf("the default target does not copy from the build stage:\n%s", function)
	}
}

func TestDockerfileDefaultTargetBuildsWithAGoImage(t *testing.T) {
	pm := requirePodman(t)
	root := containerRepoRoot(t)
	env := append(pm.Env, "PODMAN="+pm.Podman)
	goImage := strings.TrimSpace(ctrRun(t, env, root, nil, filepath.Join(root, "scripts", "local-go-image.sh")).
		mustSucceed(t, "scripts/local-go-image.sh").Stdout)
	commit := strings.TrimSpace(ctrRun(t, nil, root, nil, filepath.Join(root, "scripts", "version.sh"), "--commit").
		mustSucceed(t, "scripts/version.sh --commit").Stdout)
	const version = "v0.0.0-e2e-dockerfile"
	tag := "localhost/cce-ingress-https:e2e-dockerfile"
	// No --target: the default, as `podman build .` builds it.
	ctrRun(t, pm.Env, root, nil, pm.Podman, "build", "--pull=never", "--layers=false",
		"--build-arg", "GO_IMAGE="+goImage, "--build-arg", "VERSION="+version, "--build-arg", "REVISION="+commit,
		"-t", tag, root).mustSucceed(t, "podman build (default target)")
	defer ctrRun(t, pm.Env, root, nil, pm.Podman, "rmi", tag)

	got := ctrRun(t, pm.Env, root, nil, pm.Podman, "run", "--rm", tag, "--version").mustSucceed(t, "podman run --version").Stdout
	if want := "cce-ingress-https " + version + " (commit " + commit + ", "; !strings.HasPrefix(got, want) {
		t.Errorf("--version in the image: %q, want it to start with %q", got, want)
	}
	if label := ctrImageField(t, pm, tag, `{{index .Labels "org.opencontainers.image.version"}}`); label != version {
		t.Errorf("image version label %q, want %q", label, version)
	}
	if label := ctrImageField(t, pm, tag, `{{index .Labels "org.opencontainers.image.revision"}}`); label != commit {
		t.Errorf("image revision label %q, want %q", label, commit)
	}
}
