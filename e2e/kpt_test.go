package e2e

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"sigs.k8s.io/kustomize/kyaml/yaml"
)

// kptPackage copies kustomization-examples/kpt-package into a fresh folder,
// since kpt writes its results into the package.
func kptPackage(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "kpt-package")
	require.NoError(t, copyDir(example("kpt-package"), dir))
	return dir
}

// TestKptFnRender runs the Kptfile pipeline (mutator, then validator with
// validateOnly) and compares the rendered package and kpt's results file
// with e2e/testdata/kpt-render/; a second render must change nothing.
func TestKptFnRender(t *testing.T) {
	kpt := requireKpt(t)
	pkg := kptPackage(t)
	results := t.TempDir()
	r := run(t, filepath.Dir(pkg), nil, kpt, "fn", "render", pkg, "--allow-exec", "--results-dir", results)
	require.Equal(t, 0, r.code, "kpt fn render failed:\n%s", r.stderr)
	assert.Contains(t, r.stderr, "Successfully executed 2 function(s)")

	golden := filepath.Join(env.root, "e2e", "testdata", "kpt-render")
	comparePackage(t, pkg, golden)
	resultsText := readResults(t, results)
	compareGolden(t, filepath.Join(golden+"-results.yaml"), resultsText)
	list := parseResults(t, resultsText)
	require.Len(t, list.Items, 2, "one entry per pipeline function")
	assert.Equal(t, 0, list.ExitCode)
	assert.NotEmpty(t, list.Items[0].Results, "the mutator reports each change")
	for _, item := range list.Items {
		for _, res := range item.Results {
			assert.NotEqual(t, "error", res.Severity, res.Message)
		}
	}

	again := run(t, filepath.Dir(pkg), nil, kpt, "fn", "render", pkg, "--allow-exec", "--results-dir", t.TempDir())
	require.Equal(t, 0, again.code, "second render failed:\n%s", again.stderr)
	comparePackage(t, pkg, golden)
	assert.NotContains(t, again.stderr, "set kubernetes.io/elb.", "a second render found something to change")
}

// TestKptFnRenderFailing breaks the package (a shared ELB) and expects the
// render to fail with the rule in kpt's results and the package untouched.
func TestKptFnRenderFailing(t *testing.T) {
	kpt := requireKpt(t)
	pkg := kptPackage(t)
	ingress := filepath.Join(pkg, "ingress.yaml")
	data, err := os.ReadFile(ingress)
	require.NoError(t, err)
	broken := strings.Replace(string(data), "kubernetes.io/elb.class: performance # a dedicated ELB: required for HTTPS backends", "kubernetes.io/elb.class: union", 1)
	require.NotEqual(t, string(data), broken, "the example's Ingress changed; update this test")
	require.NoError(t, os.WriteFile(ingress, []byte(broken), 0o644))

	results := t.TempDir()
	r := run(t, filepath.Dir(pkg), nil, kpt, "fn", "render", pkg, "--allow-exec", "--results-dir", results)
	require.NotEqual(t, 0, r.code, "kpt fn render must fail")
	// kpt prints each result, and the function's stderr after them: the
	// error must show once, as kpt's result line, with the summary line.
	assert.Equal(t, 1, strings.Count(r.stderr, "[error] networking.k8s.io/v1/Ingress/shop/web metadata.annotations[kubernetes.io/elb.class]: kubernetes.io/elb.class is union"), r.stderr)
	assert.Equal(t, 1, strings.Count(r.stderr, "kubernetes.io/elb.class is union"), "the error is shown twice:\n%s", r.stderr)
	assert.Contains(t, r.stderr, "cce-ingress-https: 2 Ingresses, 1 selected, 3 annotations set, 1 checked as HTTPS or gRPC backends")
	after, err := os.ReadFile(ingress)
	require.NoError(t, err)
	assert.Equal(t, broken, string(after), "a failed render must not write the package")

	list := parseResults(t, readResults(t, results))
	assert.Equal(t, 1, list.ExitCode)
	var found bool
	for _, item := range list.Items {
		for _, res := range item.Results {
			if res.Severity == "error" && res.Tags["rule"] == "dedicated-elb" && res.File.Path == "ingress.yaml" {
				found = true
			}
		}
	}
	assert.True(t, found, "no dedicated-elb error with file ingress.yaml in the results")
}

// TestKptFnEvalConfigMap runs the binary imperatively with key=value
// arguments, which kpt turns into a ConfigMap functionConfig.
func TestKptFnEvalConfigMap(t *testing.T) {
	kpt := requireKpt(t)
	pkg := kptPackage(t)
	results := t.TempDir()
	r := run(t, filepath.Dir(pkg), nil, kpt, "fn", "eval", pkg, "--exec", env.bin, "--results-dir", results,
		"--", "selector=https-backend=enabled", "port=8443", "ciphersPolicy=tls-1-2-strict")
	require.Equal(t, 0, r.code, "kpt fn eval failed:\n%s", r.stderr)

	golden := filepath.Join(env.root, "e2e", "testdata", "kpt-eval")
	got, err := os.ReadFile(filepath.Join(pkg, "ingress.yaml"))
	require.NoError(t, err)
	compareGolden(t, filepath.Join(golden, "ingress.yaml"), string(got))
	assert.Contains(t, string(got), `kubernetes.io/elb.port: "8443"`)
	assert.Contains(t, string(got), "kubernetes.io/elb.tls-ciphers-policy: tls-1-2-strict")
	for _, f := range []string{"service.yaml", "secret.yaml", "Kptfile"} {
		want, err := os.ReadFile(sourceFile("kpt-package/" + f))
		require.NoError(t, err)
		got, err := os.ReadFile(filepath.Join(pkg, f))
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got), "%s changed", f)
	}
	compareGolden(t, golden+"-results.yaml", readResults(t, results))
}

// TestKptFnEvalTypo: a mistyped key=value argument is an error naming it,
// and kpt leaves the package as it was.
func TestKptFnEvalTypo(t *testing.T) {
	kpt := requireKpt(t)
	for _, arg := range []string{"Port=8443", "ciphers-policy=tls-1-2-strict"} {
		pkg := kptPackage(t)
		before, err := os.ReadFile(filepath.Join(pkg, "ingress.yaml"))
		require.NoError(t, err)
		r := run(t, filepath.Dir(pkg), nil, kpt, "fn", "eval", pkg, "--exec", env.bin, "--results-dir", t.TempDir(),
			"--", "selector=https-backend=enabled", arg)
		assert.NotEqual(t, 0, r.code, "%s must fail", arg)
		key, _, _ := strings.Cut(arg, "=")
		assert.Contains(t, r.stderr, "[error] v1/ConfigMap/function-input data."+key+": function config: unknown field data."+key+"; did you mean", r.stderr)
		after, err := os.ReadFile(filepath.Join(pkg, "ingress.yaml"))
		require.NoError(t, err)
		assert.Equal(t, string(before), string(after), "%s: the package must be unchanged", arg)
	}
}

// TestKptMixedPackage: a kpt package that is also a kustomization (a
// kustomization.yaml without apiVersion, one with it, a Component) renders
// and evaluates with exit 0, and kpt's and kustomize's files come out byte
// for byte.
func TestKptMixedPackage(t *testing.T) {
	kpt := requireKpt(t)
	own := map[string]string{
		"kustomization.yaml":           "resources:\n- ingress.yaml\n- service.yaml\n- secret.yaml\n",
		"overlay/kustomization.yaml":   "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- ../ingress.yaml\n",
		"component/kustomization.yaml": "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nlabels:\n- pairs: {team: shop}\n",
	}
	for _, args := range [][]string{
		{"fn", "render", "PKG", "--allow-exec"},
		{"fn", "eval", "PKG", "--exec", env.bin, "--", "selector=https-backend=enabled"},
	} {
		t.Run(args[1], func(t *testing.T) {
			pkg := kptPackage(t)
			for name, text := range own {
				require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(pkg, name)), 0o755))
				require.NoError(t, os.WriteFile(filepath.Join(pkg, name), []byte(text), 0o644))
			}
			kptfile, err := os.ReadFile(filepath.Join(pkg, "Kptfile"))
			require.NoError(t, err)
			var argv []string
			for _, a := range args {
				if a == "PKG" {
					argv = append(argv, pkg, "--results-dir", t.TempDir())
				} else {
					argv = append(argv, a)
				}
			}
			r := run(t, filepath.Dir(pkg), nil, kpt, argv...)
			require.Equal(t, 0, r.code, "kpt %s failed:\n%s", args[1], r.stderr)
			assert.NotContains(t, r.stderr, "[error]")
			assert.Contains(t, r.stderr, "passed through")
			for name, text := range own {
				got, err := os.ReadFile(filepath.Join(pkg, name))
				require.NoError(t, err)
				assert.Equal(t, text, string(got), "%s changed", name)
			}
			got, err := os.ReadFile(filepath.Join(pkg, "Kptfile"))
			require.NoError(t, err)
			assert.Equal(t, string(kptfile), string(got), "Kptfile changed")
			ingress, err := os.ReadFile(filepath.Join(pkg, "ingress.yaml"))
			require.NoError(t, err)
			assert.Contains(t, string(ingress), "kubernetes.io/elb.pool-protocol: https")
		})
	}
}

// comparePackage compares every file of a rendered package (README.md
// aside) with a golden folder, both ways.
func comparePackage(t *testing.T, pkg, golden string) {
	t.Helper()
	got := packageFiles(t, pkg)
	if os.Getenv("UPDATE_GOLDEN") != "" {
		require.NoError(t, os.RemoveAll(golden))
	} else {
		assert.Equal(t, packageFiles(t, golden), got, "files in the rendered package")
	}
	for _, f := range got {
		data, err := os.ReadFile(filepath.Join(pkg, f))
		require.NoError(t, err)
		compareGolden(t, filepath.Join(golden, f), string(data))
	}
}

func packageFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var files []string
	for _, e := range entries {
		if !e.IsDir() && e.Name() != "README.md" {
			files = append(files, e.Name())
		}
	}
	sort.Strings(files)
	return files
}

// readResults reads kpt's results.yaml with the temporary binary path
// replaced, so the file can be compared.
func readResults(t *testing.T, dir string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "results.yaml"))
	require.NoError(t, err)
	return strings.ReplaceAll(string(data), env.bin, "cce-ingress-https")
}

// fnResultList is the part of kpt's FunctionResultList the tests read.
type fnResultList struct {
	ExitCode int `yaml:"exitCode"`
	Items    []struct {
		Exec     string `yaml:"exec"`
		ExitCode int    `yaml:"exitCode"`
		Stderr   string `yaml:"stderr"`
		Results  []struct {
			Message  string            `yaml:"message"`
			Severity string            `yaml:"severity"`
			Tags     map[string]string `yaml:"tags"`
			File     struct {
				Path string `yaml:"path"`
			} `yaml:"file"`
		} `yaml:"results"`
	} `yaml:"items"`
}

func parseResults(t *testing.T, text string) fnResultList {
	t.Helper()
	var list fnResultList
	require.NoError(t, yaml.Unmarshal([]byte(text), &list))
	return list
}
