package e2e

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/api/resmap"
	"sigs.k8s.io/kustomize/kyaml/filesys"
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
			Kustomize *struct{} `yaml:"kustomize"`
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

// argocdFiles are the plugin files and Applications of the example, each
// decoded strictly (a misspelt field fails) and checked as argocd-cmp-server
// checks a plugin (ValidatePluginConfig). What they render is tested with the
// real repo-server and cmp-server in e2e/argocd (a module of its own).
var argocdPlugins = map[string]string{"plugin.yaml": "cce-ingress-https", "plugin-pipe.yaml": "cce-ingress-https-pipe"}

func TestArgoCDPluginFiles(t *testing.T) {
	for file, name := range argocdPlugins {
		t.Run(file, func(t *testing.T) {
			var p cmpPlugin
			decodeStrict(t, sourceFile("argocd/"+file), &p)
			assert.Equal(t, "argoproj.io/v1alpha1", p.APIVersion)
			assert.Equal(t, "ConfigManagementPlugin", p.Kind)
			assert.Equal(t, name, p.Metadata.Name)
			assert.NotEmpty(t, p.Spec.Generate.Command, "spec.generate.command")
		})
	}
	// The pipe plugin runs on any kustomization, so it must not claim apps
	// by discovery: only Applications that name it use it.
	var pipe cmpPlugin
	decodeStrict(t, sourceFile("argocd/plugin-pipe.yaml"), &pipe)
	d := pipe.Spec.Discover
	assert.True(t, d.FileName == "" && d.Find.Glob == "" && len(d.Find.Command) == 0, "plugin-pipe.yaml must have no discover rule")

	apps, err := filepath.Glob(sourceFile("argocd/application*.yaml"))
	require.NoError(t, err)
	require.NotEmpty(t, apps)
	for _, file := range apps {
		var app application
		decodeStrict(t, file, &app)
		assert.Equal(t, "argoproj.io/v1alpha1", app.APIVersion, file)
		assert.Equal(t, "Application", app.Kind, file)
		src := app.Spec.Source
		if src.Plugin.Name != "" {
			assert.Contains(t, argocdPlugins, pluginFileOf(src.Plugin.Name), file)
		} else {
			assert.NotNil(t, src.Kustomize, "%s names no plugin: it needs kustomize: {} so no plugin's discovery claims it", file)
		}
	}
}

func pluginFileOf(name string) string {
	for file, n := range argocdPlugins {
		if n == name {
			return file
		}
	}
	return ""
}

// TestArgoCDReadmeErrors: the README shows the failing apps' error lines as
// Argo CD reports them (the lines themselves are checked by e2e/argocd).
func TestArgoCDReadmeErrors(t *testing.T) {
	text, err := os.ReadFile(sourceFile("argocd/README.md"))
	require.NoError(t, err)
	for _, app := range []string{"failing", "failing-pipe"} {
		want, err := os.ReadFile(sourceFile("argocd/apps/" + app + "/expected-errors.txt"))
		require.NoError(t, err)
		for _, line := range strings.Split(strings.TrimSpace(string(want)), "\n") {
			assert.Contains(t, string(text), line+"\n", "argocd/README.md must show the error of apps/%s", app)
		}
	}
}

// TestArgoCDSidecarComponent builds the argocd/ component onto a stand-in for
// Argo CD's argocd-repo-server Deployment and checks the sidecar pattern:
// argocd-cmp-server entrypoint, user 999, plugin.yaml mounted from the
// generated ConfigMap, which holds the plugin files unchanged.
func TestArgoCDSidecarComponent(t *testing.T) {
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
	m := buildOnto(t, "argocd", repoServer)

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

// TestArgoCDBuiltinKustomizeComponent builds the builtin-kustomize
// component onto stand-ins for Argo CD's argocd-repo-server and argocd-cm:
// an init container copies the function into a volume that the repo-server
// mounts as one file on its PATH, and argocd-cm turns on exec functions.
func TestArgoCDBuiltinKustomizeComponent(t *testing.T) {
	install := `apiVersion: apps/v1
kind: Deployment
metadata:
  name: argocd-repo-server
spec:
  template:
    spec:
      containers:
      - name: argocd-repo-server
        image: quay.io/argoproj/argocd:stable
        volumeMounts:
        - mountPath: /tmp
          name: tmp
      volumes:
      - name: tmp
        emptyDir: {}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: argocd-cm
data:
  url: https://argocd.example.com
`
	m := buildOnto(t, "argocd/builtin-kustomize", install)

	cms := m.GetMatchingResourcesByAnyId(func(id resid.ResId) bool { return id.Kind == "ConfigMap" })
	require.Len(t, cms, 1)
	data := cms[0].GetDataMap()
	assert.Equal(t, "https://argocd.example.com", data["url"], "argocd-cm keeps its other settings")
	opts := strings.Fields(data["kustomize.buildOptions"])
	assert.Contains(t, opts, "--enable-alpha-plugins")
	assert.Contains(t, opts, "--enable-exec")

	deps := m.GetMatchingResourcesByAnyId(func(id resid.ResId) bool { return id.Kind == "Deployment" })
	require.Len(t, deps, 1)
	type mount struct {
		MountPath string `yaml:"mountPath"`
		SubPath   string `yaml:"subPath"`
		Name      string `yaml:"name"`
	}
	type container struct {
		Name         string   `yaml:"name"`
		Image        string   `yaml:"image"`
		Command      []string `yaml:"command"`
		VolumeMounts []mount  `yaml:"volumeMounts"`
	}
	var d struct {
		Spec struct {
			Template struct {
				Spec struct {
					InitContainers []container `yaml:"initContainers"`
					Containers     []container `yaml:"containers"`
					Volumes        []struct {
						Name     string    `yaml:"name"`
						EmptyDir *struct{} `yaml:"emptyDir"`
					} `yaml:"volumes"`
				} `yaml:"spec"`
			} `yaml:"template"`
		} `yaml:"spec"`
	}
	text, err := deps[0].AsYAML()
	require.NoError(t, err)
	require.NoError(t, yaml.Unmarshal(text, &d))
	pod := d.Spec.Template.Spec
	require.Len(t, pod.InitContainers, 1)
	ic := pod.InitContainers[0]
	require.Len(t, ic.VolumeMounts, 1)
	tools := ic.VolumeMounts[0]
	require.NotEmpty(t, ic.Command)
	assert.Equal(t, "cp", ic.Command[0])
	assert.Equal(t, "/usr/local/bin/cce-ingress-https", ic.Command[1], "the image's binary")
	assert.Equal(t, tools.MountPath+"/cce-ingress-https", ic.Command[len(ic.Command)-1], "copied into the shared volume")

	require.Len(t, pod.Containers, 1)
	rs := pod.Containers[0]
	assert.Equal(t, "quay.io/argoproj/argocd:stable", rs.Image, "the repo-server container is patched, not replaced")
	mounts := map[string]mount{}
	for _, vm := range rs.VolumeMounts {
		mounts[vm.MountPath] = vm
	}
	assert.Contains(t, mounts, "/tmp", "the repo-server keeps its own mounts")
	bin := mounts["/usr/local/bin/cce-ingress-https"]
	assert.Equal(t, tools.Name, bin.Name, "the repo-server mounts the init container's volume")
	assert.Equal(t, "cce-ingress-https", bin.SubPath, "one file on PATH, not a folder over Argo CD's tools")
	var found bool
	for _, v := range pod.Volumes {
		found = found || (v.Name == tools.Name && v.EmptyDir != nil)
	}
	assert.True(t, found, "volume %s is an emptyDir of the pod", tools.Name)
}

// buildOnto builds an example Component onto stand-ins for Argo CD's own
// manifests (install), in namespace argocd, as a user's install
// kustomization would.
func buildOnto(t *testing.T, component, install string) resmap.ResMap {
	t.Helper()
	// Next to the examples' copy: kustomize takes components by relative path.
	dir := filepath.Join(env.work, "install-"+strings.ReplaceAll(component, "/", "-"))
	require.NoError(t, os.MkdirAll(dir, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "install.yaml"), []byte(install), 0o644))
	kust := "namespace: argocd\nresources:\n- install.yaml\ncomponents:\n- ../kustomization-examples/" + component + "\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "kustomization.yaml"), []byte(kust), 0o644))
	m, err := krusty.MakeKustomizer(krusty.MakeDefaultOptions()).Run(filesys.MakeFsOnDisk(), dir)
	require.NoError(t, err)
	return m
}
