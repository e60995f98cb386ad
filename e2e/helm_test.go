package e2e

// Helm post-rendering, end to end with the real helm v3 (pinned v3.22.0,
// .tools/bin/helm: --post-renderer takes the binary) and helm v4 (pinned,
// .tools/bin/helm4: --post-renderer takes only a plugin, so
// kustomization-examples/helm/cce-ingress-https is installed with helm plugin install).
// `helm template` on kustomization-examples/helm/shop with the function in
// pipe mode: the passing render must equal expected.yaml, the failing values
// must fail the render and show the user the rule lines of
// expected-errors.txt.

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// helmPostRendererArgs select the chart's HTTPS-backend Ingresses.
var helmPostRendererArgs = []string{"--post-renderer-args", "--selector", "--post-renderer-args", "app.kubernetes.io/https-backend=enabled"}

// helmVersion is one major version of helm and how it runs the function.
type helmVersion struct {
	name string // tool in .tools/bin
	// setUp returns the environment helm runs with and its --post-renderer.
	setUp func(t *testing.T, helm, bin string) (env []string, postRenderer string)
	// layout undoes this version's own layout of helm template's output
	// (TestHelm4Layout checks it is helm's, not the function's).
	layout func(string) string
}

var helmVersions = []helmVersion{
	{"helm", func(t *testing.T, helm, bin string) ([]string, string) {
		return helmEnv(t, filepath.Dir(bin)), bin
	}, func(s string) string { return s }},
	{"helm4", func(t *testing.T, helm, bin string) ([]string, string) {
		env := helmEnv(t, filepath.Dir(bin))
		plugin := filepath.Join(ctrExampleDir(t, "helm"), "cce-ingress-https")
		res := ctrRun(t, env, "", nil, helm, "plugin", "install", plugin).mustSucceed(t, "helm plugin install")
		t.Logf("helm plugin install: %s", strings.TrimSpace(res.Stdout))
		list := ctrRun(t, env, "", nil, helm, "plugin", "list").mustSucceed(t, "helm plugin list")
		if !strings.Contains(list.Stdout, "cce-ingress-https") || !strings.Contains(list.Stdout, "postrenderer/v1") {
			t.Fatalf("helm plugin list does not show the post-renderer plugin:\n%s", list.Stdout)
		}
		return env, "cce-ingress-https"
	}, helm4Layout},
}

// helm4Layout removes the empty line helm v4 writes at the end of each
// document of helm template's output, which helm v3 does not.
func helm4Layout(s string) string { return strings.ReplaceAll(s, "\n\n---\n", "\n---\n") }

// TestHelm4Layout: without a post-renderer, helm v4's output is helm v3's
// but for helm4Layout, so expected.yaml serves both.
func TestHelm4Layout(t *testing.T) {
	chart := filepath.Join(ctrExampleDir(t, "helm"), "shop")
	var outs []string
	for _, name := range []string{"helm", "helm4"} {
		helm := containerTool(t, name)
		res := ctrRun(t, helmEnv(t, t.TempDir()), "", nil, helm, "template", "demo", chart, "--namespace", "shop").mustSucceed(t, name+" template")
		outs = append(outs, res.Stdout)
	}
	if outs[0] == outs[1] {
		t.Log("helm v3 and v4 now lay out helm template's output alike: helm4Layout can go")
	}
	if got := helm4Layout(outs[1]); got != outs[0] {
		t.Errorf("helm v4's output differs from helm v3's by more than layout\n--- helm4 ---\n%s\n--- helm ---\n%s", got, outs[0])
	}
}

// helmEnv is a helm environment of its own (cache, config and data, where
// plugins go, in a temporary folder) with the function's folder first on
// PATH. Not HELM_PLUGINS: helm v4.3.2's plugin install writes to the data
// folder whatever HELM_PLUGINS says, and plugin list then reads HELM_PLUGINS.
func helmEnv(t *testing.T, binDir string) []string {
	home := t.TempDir()
	env := []string{"PATH=" + binDir + string(os.PathListSeparator) + os.Getenv("PATH"), "HOME=" + home}
	for _, v := range []string{"HELM_CACHE_HOME", "HELM_CONFIG_HOME", "HELM_DATA_HOME"} {
		env = append(env, v+"="+filepath.Join(home, strings.ToLower(v)))
	}
	return env
}

// helmTemplate renders the chart with Helm 3's --post-renderer bin.
func helmTemplate(t *testing.T, helm, bin string, extra ...string) ctrResult {
	t.Helper()
	return helmRender(t, nil, helm, bin, extra...)
}

// helmRender renders the chart with env (nil: this process's) and the
// given --post-renderer, then the function's selector and extra.
func helmRender(t *testing.T, env []string, helm, postRenderer string, extra ...string) ctrResult {
	t.Helper()
	chart := filepath.Join(ctrExampleDir(t, "helm"), "shop")
	args := append([]string{"template", "demo", chart, "--namespace", "shop", "--post-renderer", postRenderer}, helmPostRendererArgs...)
	return ctrRun(t, env, "", nil, helm, append(args, extra...)...)
}

func TestHelmPostRenderer(t *testing.T) {
	bin := buildBinaryForContainers(t)
	for _, v := range helmVersions {
		t.Run(v.name, func(t *testing.T) {
			helm := containerTool(t, v.name)
			env, postRenderer := v.setUp(t, helm, bin)

			res := helmRender(t, env, helm, postRenderer).mustSucceed(t, "helm template --post-renderer")
			t.Logf("helm template with the post-renderer took %s", res.Took)
			// Only the labelled Ingress (web) is changed; status is not.
			if n := strings.Count(res.Stdout, "kubernetes.io/elb.pool-protocol: https"); n != 1 {
				t.Errorf("want pool-protocol https on exactly one Ingress, found %d:\n%s", n, res.Stdout)
			}
			ctrCompareGolden(t, filepath.Join(ctrExampleDir(t, "helm"), "expected.yaml"), v.layout(res.Stdout))

			// Without the post-renderer the chart carries no pool-protocol:
			// the change above is the function's.
			chart := filepath.Join(ctrExampleDir(t, "helm"), "shop")
			plain := ctrRun(t, env, "", nil, helm, "template", "demo", chart, "--namespace", "shop").mustSucceed(t, "helm template")
			if strings.Contains(plain.Stdout, "elb.pool-protocol") {
				t.Fatalf("the chart itself already sets pool-protocol; the test would prove nothing:\n%s", plain.Stdout)
			}

			// The failing values fail the render, and the user sees every
			// rule line on helm's stderr.
			res = helmRender(t, env, helm, postRenderer, "-f", filepath.Join(ctrExampleDir(t, "helm"), "values-failing.yaml"))
			if res.Code == 0 {
				t.Fatalf("helm template with values-failing.yaml succeeded; stdout:\n%s", res.Stdout)
			}
			want := ctrReadFile(t, filepath.Join(ctrExampleDir(t, "helm"), "expected-errors.txt"))
			if got := functionLines(res.Stderr); got != want {
				t.Errorf("helm's stderr must show the rule lines of expected-errors.txt\n--- got (all of stderr) ---\n%s\n--- want ---\n%s", res.Stderr, want)
			}
		})
	}
}
