package argocd

import (
	"bytes"
	"debug/elf"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"sigs.k8s.io/yaml"
)

// defaultCMPBase is the Dockerfile's CMP_BASE: the shell the pipe plugin's
// script needs.
const defaultCMPBase = "docker.io/library/busybox:1.37"

// debianBusybox is Debian's busybox-static binary, the shell of the local
// base image when the default base is not in podman's storage (no registry
// may be reachable).
const debianBusybox = "/bin/busybox"

// TestSidecarImage runs the real argocd-cmp-server inside the Dockerfile's
// argocd-cmp image, once per plugin, as Argo CD's sidecar spec does: user
// 999, read-only root, a private /tmp, the cmp-server binary mounted at
// /var/run/argocd/argocd-cmp-server and the socket folder shared with the
// repo-server, which runs here. The plugin Applications must render and
// fail exactly as with the plugins on this machine. The busybox-based image
// also runs the builtin-kustomize component's init container.
func TestSidecarImage(t *testing.T) {
	pm := requirePodman(t)
	self, err := os.Executable()
	require.NoError(t, err)
	requireStatic(t, self)
	buildContext := sidecarContext(t)

	sockDir := filepath.Join(t.TempDir(), "plugins")
	require.NoError(t, os.Mkdir(sockDir, 0o777))
	require.NoError(t, os.Chmod(sockDir, 0o777)) // the sidecars run as 999
	variants := []struct{ plugin, file, base string }{
		{"cce-ingress-https", "plugin.yaml", "scratch"}, // generate execs kustomize: no shell
		{"cce-ingress-https-pipe", "plugin-pipe.yaml", shellBase(t, pm, buildContext)},
	}
	for _, v := range variants {
		image := "localhost/cce-ingress-https-cmp:e2e-" + runID + "-" + v.plugin
		t.Cleanup(func() { _, _ = pm.run("rmi", "-f", image) })
		start := time.Now()
		pm.must(t, "build", "--pull=never", "--layers=false", "--target", "argocd-cmp",
			"--build-arg", "BIN_SOURCE=prebuilt", "--build-arg", "KUSTOMIZE_SOURCE=kustomize-prebuilt",
			"--build-arg", "CMP_BASE="+v.base, "--build-arg", "CMP_PLUGIN="+v.file,
			"-t", image, "-f", filepath.Join(buildContext, "Dockerfile"), buildContext)
		t.Logf("built %s on %s in %s", image, v.base, time.Since(start).Round(time.Millisecond))

		name := "cce-ingress-https-cmp-e2e-" + runID + "-" + v.plugin
		// SIGKILL: the cmp-server ignores SIGTERM.
		t.Cleanup(func() { _, _ = pm.run("rm", "-f", "-t", "0", name) })
		pm.must(t, "run", "-d", "--name", name, "--user", "999", "--read-only", "--network", "none",
			"--tmpfs", "/tmp", "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
			"-v", self+":/var/run/argocd/argocd-cmp-server:ro",
			"-v", sockDir+":/home/argocd/cmp-server/plugins",
			"--entrypoint", "/var/run/argocd/argocd-cmp-server", image)
		sock := filepath.Join(sockDir, v.plugin+".sock")
		err := waitFor(time.Minute, "", func() bool { _, err := os.Stat(sock); return err == nil })
		if err != nil {
			logs, _ := pm.run("logs", name)
			t.Fatalf("the cmp-server in %s made no socket %s: %v\n%s", image, sock, err, logs)
		}
	}

	t.Run("builtin-kustomize init container", func(t *testing.T) {
		testInitContainer(t, pm, "localhost/cce-ingress-https-cmp:e2e-"+runID+"-cce-ingress-https-pipe")
	})

	a, err := startRepoServer("sidecars", sockDir)
	require.NoError(t, err)
	t.Cleanup(func() { _ = a.conn.Close() })
	for _, c := range appCases {
		if c.sourceType == "Plugin" {
			t.Run(c.application, func(t *testing.T) { testApplication(t, a, c) })
		}
	}
}

// requireStatic fails unless the test binary runs in a scratch image: it
// is mounted into the sidecars as the cmp-server.
func requireStatic(t *testing.T, path string) {
	t.Helper()
	f, err := elf.Open(path)
	require.NoError(t, err)
	defer f.Close()
	for _, p := range f.Progs {
		require.NotEqual(t, elf.PT_INTERP, p.Type, "the test binary is dynamically linked; build it with CGO_ENABLED=0")
	}
}

// sidecarContext assembles the build context the Dockerfile's offline
// argocd-cmp stages copy from: the function, the pinned kustomize, the
// passwd files and the Argo CD plugin files.
func sidecarContext(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"Dockerfile":            filepath.Join(world.root, "Dockerfile"),
		".dockerignore":         filepath.Join(world.root, ".dockerignore"),
		"container/passwd":      filepath.Join(world.root, "container", "passwd"),
		"container/group":       filepath.Join(world.root, "container", "group"),
		"bin/cce-ingress-https": filepath.Join(world.bin, "cce-ingress-https"),
		".tools/bin/kustomize":  filepath.Join(world.bin, "kustomize"),
		"busybox":               debianBusybox,
	}
	for _, f := range []string{"plugin.yaml", "plugin-pipe.yaml", "cce-ingress-https-pipe"} {
		files["kustomization-examples/argocd/"+f] = filepath.Join(world.examples, "argocd", f)
	}
	for rel, src := range files {
		data, err := os.ReadFile(src)
		if rel == "busybox" && os.IsNotExist(err) {
			continue // only needed when the default base is missing
		}
		require.NoError(t, err)
		mode := os.FileMode(0o644)
		if info, err := os.Stat(src); err == nil && info.Mode()&0o111 != 0 {
			mode = 0o755
		}
		dst := filepath.Join(dir, filepath.FromSlash(rel))
		require.NoError(t, os.MkdirAll(filepath.Dir(dst), 0o755))
		require.NoError(t, os.WriteFile(dst, data, mode))
	}
	return dir
}

// shellBase is the base image for the pipe plugin's sidecar: the
// Dockerfile's default when podman has it, or else a local image of
// Debian's busybox-static (scratch, /bin/busybox and /bin/sh), built
// offline and removed when the test ends.
func shellBase(t *testing.T, pm *podman, buildContext string) string {
	t.Helper()
	if _, err := pm.run("image", "exists", defaultCMPBase); err == nil {
		return defaultCMPBase
	}
	if _, err := os.Stat(filepath.Join(buildContext, "busybox")); err != nil {
		t.Fatalf("%s is not in podman's storage and %s is missing: install Debian's busybox-static (.ci/run does)", defaultCMPBase, debianBusybox)
	}
	containerfile := filepath.Join(t.TempDir(), "Containerfile")
	require.NoError(t, os.WriteFile(containerfile, []byte(strings.Join([]string{
		"FROM scratch",
		"COPY busybox /bin/busybox",
		"COPY busybox /bin/sh",
		"COPY busybox /bin/cp",
		""}, "\n")), 0o644))
	image := "localhost/cce-ingress-https-busybox:e2e-" + runID
	t.Cleanup(func() { _, _ = pm.run("rmi", "-f", image) })
	pm.must(t, "build", "--pull=never", "--layers=false", "-t", image, "-f", containerfile, buildContext)
	return image
}

// testInitContainer runs the builtin-kustomize component's init container
// as its spec says (command, user, read-only root, the tools volume) on the
// busybox-based sidecar image, and checks that it leaves the function in
// the volume, executable and unchanged, for the repo-server to mount.
func testInitContainer(t *testing.T, pm *podman, image string) {
	data, err := os.ReadFile(filepath.Join(world.examples, "argocd", "builtin-kustomize", "repo-server-init.yaml"))
	require.NoError(t, err)
	var d struct {
		Spec struct {
			Template struct {
				Spec struct {
					InitContainers []struct {
						Command         []string `json:"command"`
						SecurityContext struct {
							RunAsUser              int  `json:"runAsUser"`
							ReadOnlyRootFilesystem bool `json:"readOnlyRootFilesystem"`
						} `json:"securityContext"`
						VolumeMounts []struct {
							MountPath string `json:"mountPath"`
						} `json:"volumeMounts"`
					} `json:"initContainers"`
				} `json:"spec"`
			} `json:"template"`
		} `json:"spec"`
	}
	require.NoError(t, yaml.Unmarshal(data, &d))
	require.Len(t, d.Spec.Template.Spec.InitContainers, 1)
	ic := d.Spec.Template.Spec.InitContainers[0]
	require.Len(t, ic.VolumeMounts, 1)
	require.NotEmpty(t, ic.Command)

	tools := t.TempDir()
	require.NoError(t, os.Chmod(tools, 0o777)) // an emptyDir is writable by the pod's user
	args := []string{"run", "--rm", "--user", strconv.Itoa(ic.SecurityContext.RunAsUser), "--network", "none",
		"-v", tools + ":" + ic.VolumeMounts[0].MountPath, "--entrypoint", ic.Command[0]}
	if ic.SecurityContext.ReadOnlyRootFilesystem {
		args = append(args, "--read-only")
	}
	pm.must(t, append(append(args, image), ic.Command[1:]...)...)

	copied := filepath.Join(tools, "cce-ingress-https")
	info, err := os.Stat(copied)
	require.NoError(t, err, "the init container left no cce-ingress-https in the volume")
	require.NotZero(t, info.Mode()&0o111, "the copy is not executable")
	got, err := os.ReadFile(copied)
	require.NoError(t, err)
	want, err := os.ReadFile(filepath.Join(world.bin, "cce-ingress-https"))
	require.NoError(t, err)
	require.True(t, bytes.Equal(got, want), "the copy differs from the image's function")
}
