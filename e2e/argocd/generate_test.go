package argocd

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/argoproj/argo-cd/v3/common"
	"github.com/argoproj/argo-cd/v3/pkg/apis/application/v1alpha1"
	"github.com/argoproj/argo-cd/v3/reposerver/apiclient"
	"github.com/argoproj/argo-cd/v3/util/app/discovery"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"sigs.k8s.io/yaml"
)

// appCase is one Application of kustomization-examples/argocd/ with the app
// it renders and a failing app rendered the same way.
type appCase struct {
	application string                         // file in argocd/
	app         string                         // folder in argocd/apps/ with expected.yaml
	failing     string                         // folder in argocd/apps/ with expected-errors.txt
	sourceType  v1alpha1.ApplicationSourceType // what the repo-server reports
}

var appCases = []appCase{
	{"application.yaml", "web", "failing", v1alpha1.ApplicationSourceTypePlugin},
	{"application-pipe.yaml", "web-pipe", "failing-pipe", v1alpha1.ApplicationSourceTypePlugin},
	{"application-kustomize.yaml", "web", "failing", v1alpha1.ApplicationSourceTypeKustomize},
}

// TestApplications renders every Application of the example through the
// repo-server, as the application controller asks for it: the web app must
// equal its expected.yaml, the failing app must fail with the lines of its
// expected-errors.txt at the start of the message, where Argo CD's UI shows
// them.
func TestApplications(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(world.examples, "argocd", "application*.yaml"))
	require.NoError(t, err)
	var covered []string
	for _, c := range appCases {
		covered = append(covered, c.application)
	}
	for _, f := range files {
		assert.Contains(t, covered, filepath.Base(f), "an Application with no case here is untested")
	}
	for _, c := range appCases {
		t.Run(c.application, func(t *testing.T) { testApplication(t, host, c) })
	}
}

func testApplication(t *testing.T, a *argoCD, c appCase) {
	app := readApplication(t, c.application)
	require.Equal(t, "kustomization-examples/argocd/apps/"+c.app, app.Spec.Source.Path)
	res, err := a.generate(t, manifestRequest(t, app))
	require.NoError(t, err, "repo-server log:\n%s", logTail(a.log))
	assert.Equal(t, string(c.sourceType), res.SourceType)
	assertManifests(t, filepath.Join(world.examples, "argocd", "apps", c.app, "expected.yaml"), res.Manifests)

	app.Spec.Source.Path = "kustomization-examples/argocd/apps/" + c.failing
	_, err = a.generate(t, manifestRequest(t, app))
	require.Error(t, err, "apps/%s must fail", c.failing)
	assertRuleLines(t, filepath.Join(world.examples, "argocd", "apps", c.failing, "expected-errors.txt"), err.Error())
}

// TestPipePluginSettings: the pipe plugin's Application env reaches the
// function's flags.
func TestPipePluginSettings(t *testing.T) {
	app := readApplication(t, "application-pipe.yaml")
	app.Spec.Source.Plugin.Env = append(app.Spec.Source.Plugin.Env,
		&v1alpha1.EnvEntry{Name: "VALIDATE_ONLY", Value: "true"}, &v1alpha1.EnvEntry{Name: "RULES", Value: "no-match=off"})
	_, err := host.generate(t, manifestRequest(t, app))
	require.Error(t, err, "validate-only must fail on an app whose Ingress lacks the annotations")
	assert.Equal(t, 3, strings.Count(err.Error(), "error[https-annotations] Ingress shop/web "), "%v", err)

	app = readApplication(t, "application-pipe.yaml")
	app.Spec.Source.Plugin.Env = append(app.Spec.Source.Plugin.Env, &v1alpha1.EnvEntry{Name: "RULES", Value: "no-such-rule=off"})
	_, err = host.generate(t, manifestRequest(t, app))
	require.Error(t, err, "an unknown rule in RULES must fail")
	assert.Contains(t, err.Error(), "no-such-rule")
}

// TestDiscovery: which plugin claims an app that names none. Each plugin
// is asked alone (Argo CD's own discovery with only that plugin's socket),
// then the repo-server with both decides and renders.
func TestDiscovery(t *testing.T) {
	cases := []struct {
		path       string
		claimedBy  []string // plugins whose discovery matches
		sourceType v1alpha1.ApplicationSourceType
		expected   string // expected.yaml of a rendered app, "" for a failing one
	}{
		{"kustomization-examples/argocd/apps/web", []string{"cce-ingress-https"}, v1alpha1.ApplicationSourceTypePlugin, "kustomization-examples/argocd/apps/web/expected.yaml"},
		{"kustomization-examples/argocd/apps/failing", []string{"cce-ingress-https"}, v1alpha1.ApplicationSourceTypePlugin, ""},
		{"kustomization-examples/argocd/apps/web-pipe", nil, v1alpha1.ApplicationSourceTypeKustomize, ""},
		{"kustomization-examples/argocd/apps/failing-pipe", nil, v1alpha1.ApplicationSourceTypeKustomize, ""},
		{unrelatedApp, nil, v1alpha1.ApplicationSourceTypeKustomize, "unrelated/config/configmap.yaml"},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			assert.Equal(t, c.claimedBy, claimingPlugins(t, c.path))

			app := readApplication(t, "application.yaml")
			app.Spec.Source.Path = c.path
			app.Spec.Source.Plugin = nil
			res, err := host.generate(t, manifestRequest(t, app))
			if c.sourceType == v1alpha1.ApplicationSourceTypePlugin && c.expected == "" {
				require.Error(t, err, "the failing app, claimed by the plugin, must fail")
				assert.Contains(t, err.Error(), "plugin", "the plugin, not kustomize, must have failed")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, string(c.sourceType), res.SourceType)
			if c.expected != "" {
				assertManifests(t, filepath.Join(world.repoDir, filepath.FromSlash(c.expected)), res.Manifests)
			}
		})
	}
}

// claimingPlugins asks Argo CD's discovery (the repo-server's own code),
// with one plugin socket at a time, whether that plugin claims the app.
func claimingPlugins(t *testing.T, path string) []string {
	var claimed []string
	appPath := filepath.Join(world.repoDir, filepath.FromSlash(path))
	for name := range plugins {
		dir := t.TempDir()
		// A hard link: discovery lists only sockets, not symlinks to them.
		require.NoError(t, os.Link(filepath.Join(host.sockDir, name+".sock"), filepath.Join(dir, name+".sock")))
		t.Setenv(common.EnvPluginSockFilePath, dir)
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		conn, _, err := discovery.DetectConfigManagementPlugin(ctx, appPath, world.repoDir, "", nil, nil)
		cancel()
		switch {
		case err == nil:
			claimed = append(claimed, name)
			_ = conn.Close()
		case err.Error() != "could not find plugin supporting the given repository":
			t.Fatalf("discovery with plugin %s on %s: %v", name, path, err)
		}
	}
	sort.Strings(claimed)
	return claimed
}

// readApplication decodes an Application of the example strictly into Argo
// CD's own type.
func readApplication(t *testing.T, file string) *v1alpha1.Application {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(world.examples, "argocd", file))
	require.NoError(t, err)
	var app v1alpha1.Application
	require.NoError(t, yaml.UnmarshalStrict(data, &app), file)
	require.Equal(t, "Application", app.Kind, file)
	require.NotNil(t, app.Spec.Source, file)
	return &app
}

// manifestRequest is the request the application controller sends for app
// (controller/state.go), pointed at the test repository, with the
// kustomize build options of the built-in-kustomize component's argocd-cm.
func manifestRequest(t *testing.T, app *v1alpha1.Application) *apiclient.ManifestRequest {
	t.Helper()
	source := app.Spec.Source.DeepCopy()
	source.RepoURL = world.repoURL
	return &apiclient.ManifestRequest{
		Repo:               &v1alpha1.Repository{Repo: world.repoURL},
		Revision:           source.TargetRevision,
		NoCache:            true,
		AppLabelKey:        common.LabelKeyAppInstance,
		AppName:            app.InstanceName("argocd"),
		Namespace:          app.Spec.Destination.Namespace,
		ApplicationSource:  source,
		KustomizeOptions:   &v1alpha1.KustomizeOptions{BuildOptions: kustomizeBuildOptions(t)},
		KubeVersion:        "1.31.0",
		ApiVersions:        []string{"v1", "apps/v1", "networking.k8s.io/v1"},
		TrackingMethod:     string(v1alpha1.TrackingMethodAnnotation),
		ProjectName:        app.Spec.GetProject(),
		ProjectSourceRepos: []string{"*"},
	}
}

// generate calls the repo-server's GenerateManifest.
func (a *argoCD) generate(t *testing.T, req *apiclient.ManifestRequest) (*apiclient.ManifestResponse, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	start := time.Now()
	res, err := a.client.GenerateManifest(ctx, req)
	t.Logf("GenerateManifest %s took %s", req.ApplicationSource.Path, time.Since(start).Round(time.Millisecond))
	return res, err
}

// assertManifests compares the repo-server's manifests (JSON, one object
// each) with an expected.yaml stream, object by object and in order,
// ignoring the tracking annotation Argo CD adds.
func assertManifests(t *testing.T, expectedFile string, manifests []string) {
	t.Helper()
	data, err := os.ReadFile(expectedFile)
	require.NoError(t, err)
	var want []any
	for _, doc := range strings.Split(string(data), "\n---\n") {
		if strings.TrimSpace(doc) == "" {
			continue
		}
		var obj any
		require.NoError(t, yaml.Unmarshal([]byte(doc), &obj), expectedFile)
		want = append(want, obj)
	}
	var got []any
	for _, m := range manifests {
		var obj map[string]any
		require.NoError(t, json.Unmarshal([]byte(m), &obj))
		dropTrackingAnnotation(t, obj)
		got = append(got, any(obj))
	}
	wantJSON, _ := json.MarshalIndent(want, "", "  ")
	gotJSON, _ := json.MarshalIndent(got, "", "  ")
	assert.Equal(t, string(wantJSON), string(gotJSON), "manifests differ from %s", expectedFile)
}

func dropTrackingAnnotation(t *testing.T, obj map[string]any) {
	meta, _ := obj["metadata"].(map[string]any)
	annotations, _ := meta["annotations"].(map[string]any)
	assert.Contains(t, annotations, common.AnnotationKeyAppInstance, "Argo CD tracks every object it renders")
	delete(annotations, common.AnnotationKeyAppInstance)
	if len(annotations) == 0 {
		delete(meta, "annotations")
	}
}

// assertRuleLines checks that every line of expected-errors.txt is in the
// error, and that the first one comes early: Argo CD shows the message in
// one line of its UI, and a user must see the rule, not a script.
func assertRuleLines(t *testing.T, expectedFile, msg string) {
	t.Helper()
	data, err := os.ReadFile(expectedFile)
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	for _, line := range lines {
		assert.Contains(t, msg, line)
	}
	first := strings.Index(msg, lines[0])
	assert.True(t, first >= 0 && first < maxErrorPrefix, "the first rule line starts at character %d of the message, not within the first %d:\n%s", first, maxErrorPrefix, msg)
}

// maxErrorPrefix bounds what Argo CD's message may carry before the first
// rule line: its own wrapping ("plugin sidecar failed. ... failed exit
// status 1: ") and the command, never a script.
const maxErrorPrefix = 300

// kustomizeBuildOptions is kustomize.buildOptions of the argocd-cm patch in
// the builtin-kustomize component: what the controller sends the
// repo-server in every request once the component is installed.
func kustomizeBuildOptions(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(world.examples, "argocd", "builtin-kustomize", "argocd-cm.yaml"))
	require.NoError(t, err)
	var cm struct {
		Data map[string]string `json:"data"`
	}
	require.NoError(t, yaml.Unmarshal(data, &cm))
	opts := cm.Data["kustomize.buildOptions"]
	require.NotEmpty(t, opts, "argocd-cm has no kustomize.buildOptions")
	return opts
}
