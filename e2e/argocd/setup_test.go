package argocd

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// world is what every test shares, made once by runTests.
var world struct {
	root     string // the repository root
	tmp      string // everything the run creates, removed at the end
	bin      string // PATH folder: cce-ingress-https, kustomize, the pipe script
	repoURL  string // file:// URL of the bare repository of kustomization-examples/
	repoDir  string // its work tree (the committed files)
	examples string // kustomization-examples/ in the source tree
}

// unrelatedApp is a plain kustomize app in the repository that names no
// plugin and has nothing to do with cce-ingress-https: no plugin may claim it.
const unrelatedApp = "unrelated/config"

func runTests(m interface{ Run() int }) int {
	cleanup, err := setup()
	if cleanup != nil {
		defer cleanup()
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "argocd e2e setup: %v\n", err)
		return 1
	}
	return m.Run()
}

func setup() (func(), error) {
	root, err := filepath.Abs("../..")
	if err != nil {
		return nil, err
	}
	world.root = root
	world.examples = filepath.Join(root, "kustomization-examples")
	world.tmp, err = os.MkdirTemp("", "cce-argocd-e2e-")
	if err != nil {
		return nil, err
	}
	cleanup := func() {
		stopServers()
		os.RemoveAll(world.tmp)
	}
	if err := makeToolDir(); err != nil {
		return cleanup, err
	}
	if err := makeRepository(); err != nil {
		return cleanup, err
	}
	return cleanup, startServers()
}

// makeToolDir builds the function and puts it, the pinned kustomize and the
// pipe plugin's generate script in one folder: the sidecars' and the
// repo-server's PATH.
func makeToolDir() error {
	world.bin = filepath.Join(world.tmp, "bin")
	build := exec.Command("go", "build", "-trimpath", "-o", filepath.Join(world.bin, "cce-ingress-https"), ".")
	build.Dir = world.root
	// The product module builds with its own toolchain, not this module's.
	build.Env = append(os.Environ(), "CGO_ENABLED=0", "GOTOOLCHAIN=local", "GOFLAGS=")
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %v\n%s", err, out)
	}
	kustomize := filepath.Join(world.root, ".tools", "bin", "kustomize")
	if _, err := os.Stat(kustomize); err != nil {
		return fmt.Errorf("the pinned kustomize is missing (run scripts/install-tools.sh): %v", err)
	}
	links := map[string]string{
		"kustomize":              kustomize,
		"cce-ingress-https-pipe": filepath.Join(world.examples, "argocd", "cce-ingress-https-pipe"),
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(world.bin, name)); err != nil {
			return err
		}
	}
	// The repo-server runs git through git-verify-wrapper.sh, found on PATH:
	// a copy, as the module cache's file is not executable.
	hack, err := argoHackDir()
	if err != nil {
		return err
	}
	wrapper, err := os.ReadFile(filepath.Join(hack, "git-verify-wrapper.sh"))
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(world.bin, "git-verify-wrapper.sh"), wrapper, 0o755)
}

// makeRepository commits kustomization-examples/ (and the unrelated app) to
// a new git repository and clones it bare: the repository the Applications
// point at.
func makeRepository() error {
	world.repoDir = filepath.Join(world.tmp, "work")
	if err := copyTree(world.examples, filepath.Join(world.repoDir, "kustomization-examples")); err != nil {
		return err
	}
	if err := copyTree(filepath.Join("testdata", "unrelated"), filepath.Join(world.repoDir, "unrelated")); err != nil {
		return err
	}
	bare := filepath.Join(world.tmp, "repo.git")
	for _, args := range [][]string{
		{"-C", world.repoDir, "init", "-q", "-b", "main"},
		{"-C", world.repoDir, "add", "-A"},
		{"-C", world.repoDir, "-c", "user.name=e2e", "-c", "user.email=e2e@example.com", "commit", "-q", "-m", "examples"},
		{"clone", "-q", "--bare", world.repoDir, bare},
	} {
		if out, err := gitCommand(args...).CombinedOutput(); err != nil {
			return fmt.Errorf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	world.repoURL = "file://" + bare
	return nil
}

// gitCommand runs git without the caller's or the machine's configuration.
func gitCommand(args ...string) *exec.Cmd {
	cmd := exec.Command("git", args...)
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	return cmd
}

// copyTree copies a folder of small files, keeping the executable bit.
func copyTree(src, dst string) error {
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
		info, err := d.Info()
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, info.Mode().Perm())
	})
}

// logTail is the end of a server's log, for a failure message.
func logTail(path string) string {
	data, _ := os.ReadFile(path)
	if len(data) > 4000 {
		data = data[len(data)-4000:]
	}
	return string(bytes.TrimSpace(data))
}
