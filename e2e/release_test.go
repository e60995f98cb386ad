package e2e

// scripts/release.sh in its dry mode, as CI runs it: four static binaries
// that report the version, and a SHA256SUMS that verifies. The images are
// the Dockerfile's targets, which the container tests build.

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const releaseTestVersion = "v0.0.0-e2e.1"

func TestReleaseDryRun(t *testing.T) {
	out := t.TempDir()
	cmd := exec.Command(filepath.Join(env.root, "scripts", "release.sh"), releaseTestVersion, "--dry-run", "--out", out)
	cmd.Dir = env.root
	log, err := cmd.CombinedOutput()
	require.NoError(t, err, "release.sh --dry-run:\n%s", log)
	t.Logf("release.sh:\n%s", log)

	var want []string
	for _, os := range []string{"darwin", "linux"} {
		for _, arch := range []string{"amd64", "arm64"} {
			want = append(want, "cce-ingress-https_"+releaseTestVersion+"_"+os+"_"+arch)
		}
	}
	entries, err := os.ReadDir(out)
	require.NoError(t, err)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	assert.Equal(t, append([]string{"SHA256SUMS"}, want...), got, "the release folder holds the binaries and SHA256SUMS")

	sums := readSums(t, filepath.Join(out, "SHA256SUMS"))
	names := make([]string, 0, len(sums))
	for name := range sums {
		names = append(names, name)
	}
	sort.Strings(names)
	assert.Equal(t, want, names, "SHA256SUMS lists every binary")
	for _, name := range want {
		data, err := os.ReadFile(filepath.Join(out, name))
		require.NoError(t, err)
		sum := sha256.Sum256(data)
		assert.Equal(t, hex.EncodeToString(sum[:]), sums[name], "%s: checksum", name)

		// go version -m reads the build settings of any platform's binary
		// (with -trimpath they leave out -ldflags); the -X version string is
		// in the binary's data.
		info, err := exec.Command("go", "version", "-m", filepath.Join(out, name)).CombinedOutput()
		require.NoError(t, err, "%s", info)
		parts := strings.Split(name, "_")
		for _, setting := range []string{"build\t-trimpath=true\n", "build\tCGO_ENABLED=0\n",
			"build\tGOOS=" + parts[2] + "\n", "build\tGOARCH=" + parts[3] + "\n"} {
			assert.Contains(t, string(info), setting, "%s: go version -m", name)
		}
		assert.True(t, bytes.Contains(data, []byte(releaseTestVersion)), "%s: the version is not stamped in", name)
	}
	host := filepath.Join(out, "cce-ingress-https_"+releaseTestVersion+"_"+runtime.GOOS+"_"+runtime.GOARCH)
	ver, err := exec.Command(host, "--version").CombinedOutput()
	require.NoError(t, err, "%s", ver)
	assert.True(t, strings.HasPrefix(string(ver), "cce-ingress-https "+releaseTestVersion+" (commit "), "--version: %s", ver)
}

// readSums parses sha256sum output: "<hex>  <name>" lines.
func readSums(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	sums := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		sum, name, ok := strings.Cut(sc.Text(), "  ")
		require.True(t, ok, "SHA256SUMS line %q", sc.Text())
		sums[name] = sum
	}
	require.NoError(t, sc.Err())
	return sums
}

func TestReleaseRefusesAVersionThatIsNotTheTag(t *testing.T) {
	for _, args := range [][]string{{"1.2.3"}, {"v1.2"}, {"v1.2.3", "--no-such-flag"}, {"v99.0.0"}} {
		cmd := exec.Command(filepath.Join(env.root, "scripts", "release.sh"), args...)
		cmd.Dir = env.root
		out, err := cmd.CombinedOutput()
		assert.Error(t, err, "release.sh %v:\n%s", args, out)
		assert.Contains(t, string(out), "release: ", "release.sh %v says why", args)
	}
}

// TestExampleImagesAreReleaseImages: every image the examples name is one
// scripts/release.sh builds, all of the same version.
func TestExampleImagesAreReleaseImages(t *testing.T) {
	ref := regexp.MustCompile(`image:\s*(\S*cce-ingress-https\S*)`)
	tagged := regexp.MustCompile(`:(v\d+\.\d+\.\d+\S*)$`)
	versions := map[string]bool{}
	var refs []string
	err := filepath.WalkDir(filepath.Join(env.root, "kustomization-examples"), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range ref.FindAllStringSubmatch(string(data), -1) {
			rel, _ := filepath.Rel(env.root, path)
			v := tagged.FindStringSubmatch(m[1])
			if !assert.NotNil(t, v, "%s: image %s has no release version tag", rel, m[1]) {
				continue
			}
			versions[v[1]] = true
			refs = append(refs, m[1])
		}
		return nil
	})
	require.NoError(t, err)
	require.NotEmpty(t, refs, "the examples name the image")
	require.Len(t, versions, 1, "one version in every example: %v", versions)
	var version string
	for v := range versions {
		version = v
	}
	out, err := exec.Command(filepath.Join(env.root, "scripts", "release.sh"), version, "--print-images").Output()
	require.NoError(t, err)
	images := strings.Fields(string(out))
	for _, r := range refs {
		assert.Contains(t, images, r, "release.sh %s builds %s", version, r)
	}
}

// TestReleaseImagesOffline: the release's two images, built offline from the
// release binary, report the version.
func TestReleaseImagesOffline(t *testing.T) {
	pm := requirePodman(t)
	containerTool(t, "kustomize") // the sidecar's kustomize comes from .tools/bin offline
	out := t.TempDir()
	const repo = "localhost/cce-ingress-https-e2e-release"
	cmd := exec.Command(filepath.Join(env.root, "scripts", "release.sh"), releaseTestVersion, "--dry-run", "--images", "--offline", "--out", out)
	cmd.Dir = env.root
	cmd.Env = append(pm.Env, "PODMAN="+pm.Podman, "IMAGE_REPO="+repo)
	log, err := cmd.CombinedOutput()
	require.NoError(t, err, "release.sh --dry-run --images --offline:\n%s", log)
	function, cmp := repo+"/cce-ingress-https:"+releaseTestVersion, repo+"/cce-ingress-https-cmp:"+releaseTestVersion
	defer ctrRun(t, pm.Env, "", nil, pm.Podman, "rmi", function, cmp)
	want := "cce-ingress-https " + releaseTestVersion + " (commit "
	got := ctrRun(t, pm.Env, "", nil, pm.Podman, "run", "--rm", function, "--version").mustSucceed(t, "function image --version")
	assert.True(t, strings.HasPrefix(got.Stdout, want), "function image: %s", got.Stdout)
	got = ctrRun(t, pm.Env, "", nil, pm.Podman, "run", "--rm", "--entrypoint", "/usr/local/bin/cce-ingress-https", cmp, "--version").mustSucceed(t, "sidecar image --version")
	assert.True(t, strings.HasPrefix(got.Stdout, want), "sidecar image: %s", got.Stdout)
	for _, image := range []string{function, cmp} {
		assert.Equal(t, releaseTestVersion, ctrImageField(t, pm, image, `{{index .Labels "org.opencontainers.image.version"}}`), image)
		assert.Equal(t, "Apache-2.0", ctrImageField(t, pm, image, `{{index .Labels "org.opencontainers.image.licenses"}}`), image)
	}
}
