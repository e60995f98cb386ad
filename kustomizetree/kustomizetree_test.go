package kustomizetree

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for p, content := range files {
		full := filepath.Join(dir, p)
		require.NoError(t, os.MkdirAll(filepath.Dir(full), 0o755))
		require.NoError(t, os.WriteFile(full, []byte(content), 0o644))
	}
	return dir
}

const (
	kust      = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
	configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n"
)

func TestRoots(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"base/kustomization.yaml":       kust + "resources: [cm.yaml]\n",
		"base/cm.yaml":                  configMap,
		"comp/kustomization.yaml":       "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n",
		"lonely/kustomization.yaml":     "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n",
		"overlays/a/kustomization.yaml": kust + "resources: [../../base]\ncomponents: [../../comp]\n",
		"overlays/b/Kustomization":      kust + "resources:\n- ../../base\n- https://example.com/remote.yaml\n",
		"broken/kustomization.yml":      "resources: [unclosed\n",
	})
	var dirs []string
	for _, d := range []string{"base", "broken", "comp", "lonely", "overlays/a", "overlays/b"} {
		dirs = append(dirs, filepath.Join(dir, d))
	}
	got := Roots(dirs)
	want := []Root{{Dir: filepath.Join(dir, "broken")}, {Dir: filepath.Join(dir, "lonely"), Component: true},
		{Dir: filepath.Join(dir, "overlays/a")}, {Dir: filepath.Join(dir, "overlays/b")}}
	assert.Equal(t, want, got)
}

func TestRenderOriginsAndNoChangeToFiles(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"base/kustomization.yaml": kust + "resources: [cm.yaml]\n",
		"base/cm.yaml":            configMap,
		"app/kustomization.yaml":  kust + "# kept\nnamePrefix: p-\nresources: [../base]\nconfigMapGenerator:\n- name: gen\n  literals: [a=b]\n",
	})
	before, err := os.ReadFile(filepath.Join(dir, "app/kustomization.yaml"))
	require.NoError(t, err)
	app := Render(filepath.Join(dir, "app"))
	require.NoError(t, app.Err)
	assert.Equal(t, []string{filepath.Join(dir, "base/cm.yaml"), filepath.Join(dir, "app/kustomization.yaml")}, app.Sources)
	assert.NotContains(t, string(app.YAML), "config.kubernetes.io/origin")
	assert.Contains(t, string(app.YAML), "name: p-cm\n")
	assert.NotContains(t, string(app.YAML), "annotations", "removing the origin leaves no empty annotations")
	after, err := os.ReadFile(filepath.Join(dir, "app/kustomization.yaml"))
	require.NoError(t, err)
	assert.Equal(t, string(before), string(after), "the user's file is never changed")
	assert.Contains(t, app.Read, filepath.Join(dir, "base/cm.yaml"))
	assert.Nil(t, app.Config)
}

func TestRenderKeepsOriginsTheUserAsksFor(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"kustomization.yaml": kust + "buildMetadata: [originAnnotations]\nresources: [cm.yaml]\n",
		"cm.yaml":            configMap,
	})
	app := Render(dir)
	require.NoError(t, app.Err)
	assert.Contains(t, string(app.YAML), "config.kubernetes.io/origin: |\n      path: cm.yaml\n")
}

func TestRenderTakesOutOwnConfigAndStopsOnPlugins(t *testing.T) {
	own := "apiVersion: fn.kpt.dev/v1alpha1\nkind: IngressHTTPSBackend\nmetadata:\n  name: x\n  annotations:\n    config.kubernetes.io/function: |\n      exec:\n        path: ./no-such-binary\nselector: {matchLabels: {a: b}}\n"
	ownCM := "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: y\n  annotations:\n    config.kubernetes.io/function: |\n      container:\n        image: registry.example.com/cce-ingress-https:v1@sha256:abc\ndata:\n  selector: a=b\n"
	other := "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n  annotations:\n    config.kubernetes.io/function: |\n      exec:\n        path: ./other\n"
	builtin := "apiVersion: builtin\nkind: LabelTransformer\nmetadata:\n  name: labels\nlabels:\n  team: shop\nfieldSpecs:\n- path: metadata/labels\n  create: true\n"
	dir := writeTree(t, map[string]string{
		"own/kustomization.yaml":   kust + "resources: [cm.yaml]\ntransformers: [fn.yaml, labels.yaml]\n",
		"own/fn.yaml":              own,
		"own/labels.yaml":          builtin,
		"own/cm.yaml":              configMap,
		"cm/kustomization.yaml":    kust + "resources: [cm.yaml]\nvalidators: [fn.yaml]\n",
		"cm/fn.yaml":               ownCM,
		"cm/cm.yaml":               configMap,
		"other/kustomization.yaml": kust + "resources: [cm.yaml]\ntransformers: [fn.yaml]\n",
		"other/fn.yaml":            other,
		"other/cm.yaml":            configMap,
		"helm/kustomization.yaml":  kust + "helmCharts:\n- name: shop\n",
	})
	app := Render(filepath.Join(dir, "own"))
	require.NoError(t, app.Err)
	require.NotNil(t, app.Config)
	assert.Equal(t, filepath.Join(dir, "own/fn.yaml"), app.Config.File)
	assert.Contains(t, string(app.YAML), "team: shop", "builtin plugins run")

	app = Render(filepath.Join(dir, "cm"))
	require.NoError(t, app.Err)
	require.NotNil(t, app.Config, "the ConfigMap form, under validators:")

	app = Render(filepath.Join(dir, "other"))
	assert.Nil(t, app.YAML)
	require.Len(t, app.Plugins, 1)
	assert.Equal(t, "ConfigMap other in "+filepath.Join(dir, "other/fn.yaml")+" (exec ./other) under transformers:", app.Plugins[0])

	app = Render(filepath.Join(dir, "helm"))
	assert.Nil(t, app.YAML)
	require.Len(t, app.Plugins, 1)
	assert.True(t, strings.HasPrefix(app.Plugins[0], "Helm chart"), app.Plugins[0])
}

func TestRenderError(t *testing.T) {
	dir := writeTree(t, map[string]string{"kustomization.yaml": kust + "resources: [missing.yaml]\n"})
	app := Render(dir)
	require.Error(t, app.Err)
	assert.Contains(t, app.Err.Error(), "kustomize cannot build it: ")
	assert.NotContains(t, app.Err.Error(), "\n")
}

func TestRenderAllIsRenderInOrder(t *testing.T) {
	overlays, err := filepath.Glob("../testdata/trees/shop/tree/overlays/*")
	require.NoError(t, err)
	require.Greater(t, len(overlays), 2)
	dirs := append(overlays, overlays...)
	apps := RenderAll(dirs)
	require.Len(t, apps, len(dirs))
	for i, dir := range dirs {
		want := Render(dir)
		assert.Equal(t, want.Dir, apps[i].Dir)
		assert.Equal(t, string(want.YAML), string(apps[i].YAML), dir)
		assert.Equal(t, want.Plugins, apps[i].Plugins)
		assert.Equal(t, want.Err, apps[i].Err)
	}
}
