package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The live cases and the dump they share, in the shape `kubectl get
// ingress,service,secret -A -o yaml` prints (see run/live_test.go).
const (
	liveDump        = "testdata/live/cluster.yaml"
	liveExistingErr = "error[immutable-field] Ingress shop/legacy metadata.annotations[kubernetes.io/elb.pool-protocol]: the Ingress is selected for HTTPS backends, but it exists in the cluster (live.yaml) with backend protocol http"
)

// liveWorkspace is a CI job's folder: live.yaml (the dump) and the case's
// resources as a kustomization in overlays/prod.
func liveWorkspace(t *testing.T, liveCase string) string {
	t.Helper()
	dir := t.TempDir()
	copyFile(t, filepath.Join(env.root, liveDump), filepath.Join(dir, "live.yaml"))
	prod := filepath.Join(dir, "overlays", "prod")
	require.NoError(t, os.MkdirAll(prod, 0o755))
	copyFile(t, filepath.Join(env.root, "testdata", "live", liveCase, "resources.yaml"), filepath.Join(prod, "resources.yaml"))
	require.NoError(t, os.WriteFile(filepath.Join(prod, "kustomization.yaml"), []byte("resources: [resources.yaml]\n"), 0o644))
	return dir
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(to, data, 0o644))
}

// recipe returns the commands of the docs block marked <!-- recipe: NAME.
func recipe(t *testing.T, name string) []string {
	t.Helper()
	doc, err := os.ReadFile(filepath.Join(env.root, "docs", "upgrade-safety.md"))
	require.NoError(t, err)
	m := regexp.MustCompile("(?s)<!-- recipe: " + name + "[^>]*-->\n```sh\n(.*?)```").FindSubmatch(doc)
	require.NotNil(t, m, "docs/upgrade-safety.md has no recipe block %q", name)
	return strings.Split(strings.TrimSpace(string(m[1])), "\n")
}

// TestUpgradeSafetyRecipe runs the CI block of docs/upgrade-safety.md as
// written, with the real kustomize and the built binary on PATH. Only its
// first line, the dump, needs a cluster; the fixture stands in for its
// output, and kubectl itself must read the fixture back.
func TestUpgradeSafetyRecipe(t *testing.T) {
	requireKustomize(t)
	lines := recipe(t, "ci")
	require.Len(t, lines, 2)
	require.Equal(t, "kubectl get ingress,service,secret -A -o yaml > live.yaml", lines[0])
	script := strings.Join(lines[1:], "\n")
	t.Run("an existing HTTP Ingress selected fails and stays unchanged", func(t *testing.T) {
		dir := liveWorkspace(t, "existing-http")
		r := run(t, dir, nil, "sh", "-c", script)
		assert.Equal(t, 1, r.code, r.stderr)
		assert.Contains(t, r.stderr, liveExistingErr)
		assert.Contains(t, r.stderr, "create the Ingress under a new name")
		rendered, err := os.ReadFile(filepath.Join(dir, "rendered.yaml"))
		require.NoError(t, err)
		assert.Contains(t, string(rendered), "name: legacy")
		assert.NotContains(t, string(rendered), "pool-protocol")
	})
	t.Run("a new Ingress is changed", func(t *testing.T) {
		dir := liveWorkspace(t, "new-ingress")
		r := run(t, dir, nil, "sh", "-c", script)
		assert.Equal(t, 0, r.code, r.stderr)
		rendered, err := os.ReadFile(filepath.Join(dir, "rendered.yaml"))
		require.NoError(t, err)
		assert.Contains(t, string(rendered), "kubernetes.io/elb.pool-protocol: https")
	})
	t.Run("kubectl reads the fixture, and its own print of it gives the same results", func(t *testing.T) {
		kubectl := requireKubectl(t)
		dir := liveWorkspace(t, "existing-http")
		names := run(t, dir, nil, kubectl, "patch", "--local", "-f", "live.yaml", "--type=merge", "-p", "{}", "-o", "name")
		require.Equal(t, 0, names.code, names.stderr)
		assert.Equal(t, "ingress.networking.k8s.io/first\ningress.networking.k8s.io/legacy\ningress.networking.k8s.io/classy\nservice/first\nservice/legacy\nsecret/web-tls\nsecret/db-creds\n", names.stdout)
		// kubectl patch --local prints objects without --- between them;
		// annotate --local separates them, and drops managedFields.
		reprint := run(t, dir, nil, kubectl, "annotate", "--local", "-f", "live.yaml", "-o", "yaml", "example.com/reprinted=true")
		require.Equal(t, 0, reprint.code, reprint.stderr)
		fixture := run(t, dir, nil, "sh", "-c", script)
		require.NoError(t, os.WriteFile(filepath.Join(dir, "live.yaml"), []byte(reprint.stdout), 0o644))
		again := run(t, dir, nil, "sh", "-c", script)
		assert.Equal(t, fixture.code, again.code)
		assert.Equal(t, fixture.stderr, again.stderr)
	})
}

// TestLiveStateInKustomizeExec: liveState in the function's configuration
// and --live in exec args both resolve against the kustomization's folder,
// wherever kustomize build runs, as docs/upgrade-safety.md says.
func TestLiveStateInKustomizeExec(t *testing.T) {
	kustomize := requireKustomize(t)
	for name, fnConfig := range map[string]string{
		"liveState": "      exec:\n        path: " + env.bin + "\nselector: https-backend=enabled\nliveState: live.yaml\n",
		"exec args": "      exec:\n        path: " + env.bin + "\n        args: [--live, live.yaml]\nselector: https-backend=enabled\n",
	} {
		t.Run(name, func(t *testing.T) {
			dir := liveWorkspace(t, "existing-http")
			prod := filepath.Join(dir, "overlays", "prod")
			require.NoError(t, os.Rename(filepath.Join(dir, "live.yaml"), filepath.Join(prod, "live.yaml")))
			require.NoError(t, os.WriteFile(filepath.Join(prod, "kustomization.yaml"), []byte("resources: [resources.yaml]\ntransformers: [fn.yaml]\n"), 0o644))
			require.NoError(t, os.WriteFile(filepath.Join(prod, "fn.yaml"), []byte("apiVersion: fn.kpt.dev/v1alpha1\nkind: IngressHTTPSBackend\nmetadata:\n  name: https-backend\n"+
				"  annotations:\n    config.kubernetes.io/function: |\n"+fnConfig), 0o644))
			r := run(t, env.work, nil, kustomize, "build", "--enable-alpha-plugins", "--enable-exec", prod)
			assert.NotEqual(t, 0, r.code)
			assert.Contains(t, r.stderr, liveExistingErr)
		})
	}
}

// TestLiveStateInKptFnEval: the ConfigMap key liveState, resolved where
// kpt runs; the package is left unchanged.
func TestLiveStateInKptFnEval(t *testing.T) {
	kpt := requireKpt(t)
	dir := liveWorkspace(t, "existing-http")
	pkg := filepath.Join(dir, "overlays", "prod")
	before, err := os.ReadFile(filepath.Join(pkg, "resources.yaml"))
	require.NoError(t, err)
	r := run(t, dir, nil, kpt, "fn", "eval", pkg, "--exec", env.bin, "--", "selector=https-backend=enabled", "liveState=live.yaml")
	assert.NotEqual(t, 0, r.code)
	assert.Contains(t, r.stderr, "the Ingress is selected for HTTPS backends, but it exists in the cluster (live.yaml) with backend protocol http")
	after, err := os.ReadFile(filepath.Join(pkg, "resources.yaml"))
	require.NoError(t, err)
	assert.Equal(t, string(before), string(after))
}

// TestLiveStateInHelmPostRenderer: --live passed as post-renderer
// arguments; the chart's Ingress shop/web already runs with an HTTP
// backend, so helm template fails with the recreate advice.
func TestLiveStateInHelmPostRenderer(t *testing.T) {
	helm := containerTool(t, "helm")
	bin := buildBinaryForContainers(t)
	dump := filepath.Join(t.TempDir(), "live.yaml")
	require.NoError(t, os.WriteFile(dump, []byte(`apiVersion: v1
items:
- apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata:
    annotations:
      kubernetes.io/elb.class: performance
    creationTimestamp: "2025-01-10T09:30:00Z"
    name: web
    namespace: shop
    resourceVersion: "2210877"
    uid: 4b8e2d1c-7a6f-4c3b-9e2d-1a0b9c8d7e6f
  spec:
    ingressClassName: cce
  status:
    loadBalancer: {}
kind: List
metadata:
  resourceVersion: ""
`), 0o644))
	res := helmTemplate(t, helm, bin, "--post-renderer-args", "--live", "--post-renderer-args", dump)
	if res.Code == 0 {
		t.Fatalf("helm template with a live HTTP Ingress succeeded; stdout:\n%s", res.Stdout)
	}
	for _, want := range []string{
		"error[immutable-field] Ingress shop/web",
		"the Ingress is selected for HTTPS backends, but it exists in the cluster (" + dump + ") with backend protocol http",
	} {
		assert.Contains(t, res.Stderr, want)
	}
}

// TestLiveStateInContainerFunction: the container function reads the dump
// through a bind mount, at the absolute path liveState gives inside the
// container, as docs/upgrade-safety.md shows; without the mount it says it
// cannot read it and changes nothing.
func TestLiveStateInContainerFunction(t *testing.T) {
	pm := requirePodman(t)
	kpt := containerTool(t, "kpt")
	image := requireFunctionImage(t, pm)
	for _, mount := range []bool{true, false} {
		dir := liveWorkspace(t, "existing-http")
		pkg := filepath.Join(dir, "overlays", "prod")
		before := ctrReadFile(t, filepath.Join(pkg, "resources.yaml"))
		args := []string{"fn", "eval", pkg, "--image", image, "--image-pull-policy", "never"}
		if mount {
			args = append(args, "--mount", "type=bind,src="+filepath.Join(dir, "live.yaml")+",dst=/live/live.yaml")
		}
		res := ctrRun(t, pm.Env, "", nil, kpt, append(args, "--", "selector=https-backend=enabled", "liveState=/live/live.yaml")...)
		assert.NotEqual(t, 0, res.Code, "mount %v", mount)
		want := "the Ingress is selected for HTTPS backends, but it exists in the cluster (/live/live.yaml) with backend protocol http"
		if !mount {
			want = "cannot read the live state /live/live.yaml: no such file or directory"
		}
		assert.Contains(t, res.Stderr, want, "mount %v", mount)
		assert.Equal(t, before, ctrReadFile(t, filepath.Join(pkg, "resources.yaml")), "mount %v: nothing changed", mount)
	}
}
