package e2e

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/kyaml/filesys"
	"sigs.k8s.io/kustomize/kyaml/kio"
	"sigs.k8s.io/kustomize/kyaml/resid"
	"sigs.k8s.io/kustomize/kyaml/yaml"
)

// cmpCommand, cmpPlugin and application model the fields of Argo CD's
// ConfigManagementPlugin (cmpserver/plugin/config.go) and Application that
// the plugin uses; decoding is strict, so a misspelt field fails the test.
type cmpCommand struct {
	Command []string `yaml:"command"`
	Args    []string `yaml:"args"`
}

type cmpPlugin struct {
	APIVersion string `yaml:"apiVersion"`
	Kind       string `yaml:"kind"`
	Metadata   struct {
		Name string `yaml:"name"`
	} `yaml:"metadata"`
	Spec struct {
		Version  string     `yaml:"version"`
		Init     cmpCommand `yaml:"init"`
		Generate cmpCommand `yaml:"generate"`
		Discover struct {
			FileName string `yaml:"fileName"`
			Find     struct {
				cmpCommand `yaml:",inline"`
				Glob       string `yaml:"glob"`
			} `yaml:"find"`
		} `yaml:"discover"`
	} `yaml:"spec"`
}

type application struct {
	APIVersion string `yaml:"apiVersion"`
	Kind       string `yaml:"kind"`
	Metadata   struct {
		Name      string `yaml:"name"`
		Namespace string `yaml:"namespace"`
	} `yaml:"metadata"`
	Spec struct {
		Project string `yaml:"project"`
		Source  struct {
			RepoURL        string `yaml:"repoURL"`
			TargetRevision string `yaml:"targetRevision"`
			Path           string `yaml:"path"`
			Plugin         struct {
				Name string `yaml:"name"`
				Env  []struct {
					Name  string `yaml:"name"`
					Value string `yaml:"value"`
				} `yaml:"env"`
			} `yaml:"plugin"`
		} `yaml:"source"`
		Destination struct {
			Server    string `yaml:"server"`
			Namespace string `yaml:"namespace"`
		} `yaml:"destination"`
	} `yaml:"spec"`
}

func decodeStrict(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	require.NoError(t, dec.Decode(v), path)
}

// cmpVariant is one plugin with its Application and apps.
type cmpVariant struct {
	plugin, application string // files in argocd/
	app, failingApp     string // app folders in argocd/apps/
	pipe                bool   // generate uses pipe mode
}

var cmpVariants = []cmpVariant{
	{plugin: "plugin.yaml", application: "application.yaml", app: "web", failingApp: "failing"},
	{plugin: "plugin-pipe.yaml", application: "application-pipe.yaml", app: "web-pipe", failingApp: "failing-pipe", pipe: true},
}

// TestArgoCDPlugin runs each plugin the way argocd-cmp-server does: discover
// in the app's folder, then init and generate there with the sidecar's
// environment plus the Application's (ARGOCD_APP_*, ARGOCD_ENV_*).
func TestArgoCDPlugin(t *testing.T) {
	requireKustomize(t) // the plugins run kustomize from PATH: .tools/bin
	for _, v := range cmpVariants {
		t.Run(filepath.Base(v.plugin), func(t *testing.T) {
			var p cmpPlugin
			decodeStrict(t, example("argocd/"+v.plugin), &p)
			checkPluginConfig(t, p)
			var app application
			decodeStrict(t, example("argocd/"+v.application), &app)
			require.Equal(t, "argoproj.io/v1alpha1", app.APIVersion)
			require.Equal(t, "Application", app.Kind)
			assert.Equal(t, pluginName(p), app.Spec.Source.Plugin.Name, "the Application names the plugin (<name>-<version> when spec.version is set)")
			assert.Equal(t, "kustomization-examples/argocd/apps/"+v.app, app.Spec.Source.Path)

			appEnv := cmpEnv(app)
			t.Run("app", func(t *testing.T) {
				appPath := filepath.Join(env.work, filepath.FromSlash(app.Spec.Source.Path))
				require.True(t, discover(t, p, appPath, appEnv), "discover does not match %s", app.Spec.Source.Path)
				r := generate(t, p, appPath, appEnv)
				require.Equal(t, 0, r.code, "generate failed:\n%s", r.stderr)
				assert.Empty(t, functionLines(r.stderr), "the function reported problems")
				checkManifests(t, r.stdout)
				compareGolden(t, sourceFile("argocd/apps/"+v.app+"/expected.yaml"), r.stdout)
			})
			if v.pipe {
				// The plugin's other settings reach the binary's flags.
				t.Run("validate-only", func(t *testing.T) {
					appPath := filepath.Join(env.work, filepath.FromSlash(app.Spec.Source.Path))
					e := append(append([]string{}, appEnv...), "ARGOCD_ENV_VALIDATE_ONLY=true", "ARGOCD_ENV_RULES=no-match=off")
					r := generate(t, p, appPath, e)
					assert.NotEqual(t, 0, r.code, "validate-only must fail on an app whose Ingress lacks the annotations")
					assert.Equal(t, 3, strings.Count(r.stderr, "error[https-annotations] Ingress shop/web "), "stderr:\n%s", r.stderr)
					bad := append(append([]string{}, appEnv...), "ARGOCD_ENV_RULES=no-such-rule=off")
					r = generate(t, p, appPath, bad)
					assert.NotEqual(t, 0, r.code, "an unknown rule in RULES must fail")
					assert.Contains(t, r.stderr, "no-such-rule")
				})
			}
			t.Run("failing", func(t *testing.T) {
				appPath := example("argocd/apps/" + v.failingApp)
				require.True(t, discover(t, p, appPath, appEnv), "discover does not match %s", v.failingApp)
				r := generate(t, p, appPath, appEnv)
				checkFailure(t, r, "argocd/apps/"+v.failingApp, "argocd/README.md")
			})
		})
	}
}

// TestArgoCDDiscover checks that the exec-function plugin claims only apps
// that carry its configuration file.
func TestArgoCDDiscover(t *testing.T) {
	var p cmpPlugin
	decodeStrict(t, example("argocd/plugin.yaml"), &p)
	assert.True(t, discover(t, p, example("argocd/apps/web"), nil))
	assert.False(t, discover(t, p, example("argocd/apps/web-pipe"), nil), "an app without cce-ingress-https.yaml needs the pipe plugin")
	assert.False(t, discover(t, p, example("argocd/apps/web-resources"), nil))
}

// checkPluginConfig applies argocd-cmp-server's own checks
// (ValidatePluginConfig) and ours.
func checkPluginConfig(t *testing.T, p cmpPlugin) {
	t.Helper()
	assert.Equal(t, "argoproj.io/v1alpha1", p.APIVersion)
	assert.Equal(t, "ConfigManagementPlugin", p.Kind)
	assert.NotEmpty(t, p.Metadata.Name)
	assert.NotEmpty(t, p.Spec.Generate.Command, "spec.generate.command")
	d := p.Spec.Discover
	assert.True(t, d.FileName != "" || d.Find.Glob != "" || len(d.Find.Command) > 0, "discover needs fileName, find.glob or find.command")
}

func pluginName(p cmpPlugin) string {
	if p.Spec.Version != "" {
		return p.Metadata.Name + "-" + p.Spec.Version
	}
	return p.Metadata.Name
}

// cmpEnv is what the repo-server sends with a request: the build
// environment and the Application's plugin env, prefixed ARGOCD_ENV_.
func cmpEnv(app application) []string {
	e := []string{
		"ARGOCD_APP_NAME=" + app.Metadata.Name,
		"ARGOCD_APP_NAMESPACE=" + app.Spec.Destination.Namespace,
		"ARGOCD_APP_PROJECT_NAME=" + app.Spec.Project,
		"ARGOCD_APP_REVISION=0123456789abcdef0123456789abcdef01234567",
		"ARGOCD_APP_REVISION_SHORT=0123456",
		"ARGOCD_APP_SOURCE_PATH=" + app.Spec.Source.Path,
		"ARGOCD_APP_SOURCE_REPO_URL=" + app.Spec.Source.RepoURL,
		"ARGOCD_APP_SOURCE_TARGET_REVISION=" + app.Spec.Source.TargetRevision,
		"KUBE_VERSION=1.31.0",
		"KUBE_API_VERSIONS=v1,apps/v1,networking.k8s.io/v1",
	}
	for _, v := range app.Spec.Source.Plugin.Env {
		e = append(e, "ARGOCD_ENV_"+v.Name+"="+v.Value)
	}
	return e
}

// sidecarEnv stands in for the sidecar's own environment: the tools on
// PATH and a home, nothing from the test process.
func sidecarEnv(t *testing.T, appEnv []string) []string {
	return append([]string{"PATH=" + env.path, "HOME=" + t.TempDir()}, appEnv...)
}

// discover applies spec.discover as matchRepository does: fileName and
// find.glob are globs under the app's folder, find.command must exit 0 and
// print something.
func discover(t *testing.T, p cmpPlugin, appPath string, appEnv []string) bool {
	t.Helper()
	d := p.Spec.Discover
	switch {
	case d.FileName != "":
		m, err := filepath.Glob(filepath.Join(appPath, d.FileName))
		require.NoError(t, err)
		return len(m) > 0
	case d.Find.Glob != "":
		require.NotContains(t, d.Find.Glob, "**", "this harness has no ** globbing; extend it to test this plugin")
		m, err := filepath.Glob(filepath.Join(appPath, d.Find.Glob))
		require.NoError(t, err)
		return len(m) > 0
	case len(d.Find.Command) > 0:
		r := runCMP(t, d.Find.cmpCommand, appPath, sidecarEnv(t, appEnv))
		return r.code == 0 && strings.TrimSpace(r.stdout) != ""
	}
	return false
}

// generate runs init (its output is ignored, a failure is fatal) and then
// generate, both in the app's folder.
func generate(t *testing.T, p cmpPlugin, appPath string, appEnv []string) result {
	t.Helper()
	e := sidecarEnv(t, appEnv)
	if len(p.Spec.Init.Command) > 0 {
		r := runCMP(t, p.Spec.Init, appPath, e)
		require.Equal(t, 0, r.code, "init failed:\n%s", r.stderr)
	}
	return runCMP(t, p.Spec.Generate, appPath, e)
}

// runCMP runs command + args as runCommand in cmpserver/plugin does.
func runCMP(t *testing.T, c cmpCommand, dir string, environ []string) result {
	t.Helper()
	require.NotEmpty(t, c.Command)
	bin, err := lookPath(c.Command[0], environ)
	require.NoError(t, err, "%s is not on the sidecar PATH", c.Command[0])
	cmd := exec.Command(bin, append(append([]string{}, c.Command[1:]...), c.Args...)...)
	cmd.Args[0] = c.Command[0]
	cmd.Dir = dir
	cmd.Env = environ
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	code := 0
	if err := cmd.Run(); err != nil {
		exitErr, ok := err.(*exec.ExitError)
		require.True(t, ok, "cannot run %v: %v", c.Command, err)
		code = exitErr.ExitCode()
	}
	return result{stdout: out.String(), stderr: errOut.String(), code: code}
}

// lookPath finds name on the PATH of environ (exec.Command looks on the
// test process's PATH, which is not the sidecar's).
func lookPath(name string, environ []string) (string, error) {
	if strings.Contains(name, "/") {
		return name, nil
	}
	for _, kv := range environ {
		if p, ok := strings.CutPrefix(kv, "PATH="); ok {
			for _, d := range filepath.SplitList(p) {
				if c := filepath.Join(d, name); isExecutable(c) {
					return c, nil
				}
			}
		}
	}
	return "", exec.ErrNotFound
}

// checkManifests asserts that generate's stdout is only Kubernetes objects,
// with no function bookkeeping, and that the web Ingress carries the
// annotations.
func checkManifests(t *testing.T, stdout string) {
	t.Helper()
	nodes, err := (&kio.ByteReader{Reader: strings.NewReader(stdout), OmitReaderAnnotations: true}).Read()
	require.NoError(t, err, "stdout is not a YAML stream")
	require.NotEmpty(t, nodes)
	var web *yaml.RNode
	for _, n := range nodes {
		require.Equal(t, yaml.MappingNode, n.YNode().Kind, "a document is not an object")
		assert.NotEmpty(t, n.GetApiVersion(), "apiVersion")
		assert.NotEmpty(t, n.GetKind(), "kind")
		assert.NotEmpty(t, n.GetName(), "metadata.name")
		for k := range n.GetAnnotations() {
			assert.False(t, strings.HasPrefix(k, "config.kubernetes.io/") || strings.HasPrefix(k, "internal.config.kubernetes.io/"),
				"%s %s leaks %s", n.GetKind(), n.GetName(), k)
		}
		assert.NotEqual(t, "IngressHTTPSBackend", n.GetKind(), "the function configuration leaked into the manifests")
		if n.GetKind() == "Ingress" && n.GetName() == "web" {
			web = n
		}
	}
	require.NotNil(t, web, "no web Ingress")
	a := web.GetAnnotations()
	assert.Equal(t, "https", a["kubernetes.io/elb.pool-protocol"])
	assert.Equal(t, "443", a["kubernetes.io/elb.port"])
	assert.Equal(t, "tls-1-2", a["kubernetes.io/elb.tls-ciphers-policy"])
}

// TestArgoCDSidecarComponent builds the argocd/ component onto a stand-in for
// Argo CD's argocd-repo-server Deployment and checks the sidecar pattern:
// argocd-cmp-server entrypoint, user 999, plugin.yaml mounted from the
// generated ConfigMap, which holds the plugin files unchanged.
func TestArgoCDSidecarComponent(t *testing.T) {
	dir := filepath.Join(env.work, "argocd-install-test")
	require.NoError(t, os.MkdirAll(dir, 0o755))
	repoServer := `apiVersion: apps/v1
kind: Deployment
metadata:
  name: argocd-repo-server
spec:
  template:
    spec:
      containers:
      - name: argocd-repo-server
        image: quay.io/argoproj/argocd:stable
      volumes:
      - name: var-files
        emptyDir: {}
      - name: plugins
        emptyDir: {}
`
	require.NoError(t, os.WriteFile(filepath.Join(dir, "repo-server.yaml"), []byte(repoServer), 0o644))
	kust := "namespace: argocd\nresources:\n- repo-server.yaml\ncomponents:\n- ../kustomization-examples/argocd\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "kustomization.yaml"), []byte(kust), 0o644))

	k := krusty.MakeKustomizer(krusty.MakeDefaultOptions())
	m, err := k.Run(filesys.MakeFsOnDisk(), dir)
	require.NoError(t, err)

	cms := m.GetMatchingResourcesByAnyId(func(id resid.ResId) bool { return id.Kind == "ConfigMap" })
	require.Len(t, cms, 1)
	cm := cms[0]
	assert.Equal(t, "cce-ingress-https-cmp", cm.GetName(), "the patch mounts this name: no hash suffix")
	assert.Equal(t, "argocd", cm.GetNamespace())
	data := cm.GetDataMap()
	for key, file := range map[string]string{"plugin.yaml": "plugin.yaml", "plugin-pipe.yaml": "plugin-pipe.yaml"} {
		want, err := os.ReadFile(sourceFile("argocd/" + file))
		require.NoError(t, err)
		assert.Equal(t, string(want), data[key], "ConfigMap key %s", key)
	}

	deps := m.GetMatchingResourcesByAnyId(func(id resid.ResId) bool { return id.Kind == "Deployment" })
	require.Len(t, deps, 1)
	var d struct {
		Spec struct {
			Template struct {
				Spec struct {
					Containers []struct {
						Name            string   `yaml:"name"`
						Image           string   `yaml:"image"`
						Command         []string `yaml:"command"`
						SecurityContext struct {
							RunAsNonRoot bool `yaml:"runAsNonRoot"`
							RunAsUser    int  `yaml:"runAsUser"`
						} `yaml:"securityContext"`
						VolumeMounts []struct {
							MountPath string `yaml:"mountPath"`
							SubPath   string `yaml:"subPath"`
							Name      string `yaml:"name"`
						} `yaml:"volumeMounts"`
					} `yaml:"containers"`
					Volumes []struct {
						Name      string `yaml:"name"`
						ConfigMap *struct {
							Name string `yaml:"name"`
						} `yaml:"configMap"`
					} `yaml:"volumes"`
				} `yaml:"spec"`
			} `yaml:"template"`
		} `yaml:"spec"`
	}
	text, err := deps[0].AsYAML()
	require.NoError(t, err)
	require.NoError(t, yaml.Unmarshal(text, &d))
	pod := d.Spec.Template.Spec
	volumes := map[string]bool{}
	for _, v := range pod.Volumes {
		volumes[v.Name] = true
		if v.ConfigMap != nil {
			assert.Equal(t, "cce-ingress-https-cmp", v.ConfigMap.Name)
		}
	}
	assert.True(t, volumes["var-files"] && volumes["plugins"], "Argo CD's own volumes are kept")

	sidecars := map[string]string{"cce-ingress-https": "plugin.yaml", "cce-ingress-https-pipe": "plugin-pipe.yaml"}
	require.Len(t, pod.Containers, 1+len(sidecars), "the repo-server plus one sidecar per plugin")
	tmpVolumes := map[string]bool{}
	for _, c := range pod.Containers {
		if c.Name == "argocd-repo-server" {
			continue
		}
		subPath, ok := sidecars[c.Name]
		require.True(t, ok, "unexpected container %s", c.Name)
		assert.Equal(t, []string{"/var/run/argocd/argocd-cmp-server"}, c.Command)
		assert.True(t, c.SecurityContext.RunAsNonRoot)
		assert.Equal(t, 999, c.SecurityContext.RunAsUser)
		mounts := map[string]string{}
		for _, vm := range c.VolumeMounts {
			assert.True(t, volumes[vm.Name], "%s mounts missing volume %s", c.Name, vm.Name)
			mounts[vm.MountPath] = vm.Name
			if vm.MountPath == "/home/argocd/cmp-server/config/plugin.yaml" {
				assert.Equal(t, subPath, vm.SubPath, c.Name)
				assert.Equal(t, "cce-ingress-https-cmp", vm.Name)
			}
		}
		assert.Equal(t, "var-files", mounts["/var/run/argocd"])
		assert.Equal(t, "plugins", mounts["/home/argocd/cmp-server/plugins"])
		assert.NotEmpty(t, mounts["/home/argocd/cmp-server/config/plugin.yaml"])
		assert.NotEmpty(t, mounts["/tmp"])
		assert.False(t, tmpVolumes[mounts["/tmp"]], "each sidecar gets its own /tmp")
		tmpVolumes[mounts["/tmp"]] = true
	}
}
