package run

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cce-ingress-https/cce-ingress-https/report/reporttest"
)

func TestValidateOnlyWithoutSelectorSelectsNothing(t *testing.T) {
	// The shared-ELB Ingress declares HTTPS backends itself: checked. The
	// app=web one does not: without a selector nothing is selected, so its
	// missing annotations are no finding.
	shared := strings.Replace(readFile(t, sharedFile), "  annotations:\n", "  annotations:\n    kubernetes.io/elb.pool-protocol: https\n", 1)
	in := shared + "---\n" + readFile(t, ingressFile)
	piped := runCLI(t, in, "--validate-only")
	assert.Equal(t, 1, piped.code)
	assert.NotContains(t, piped.stderr, "no selector")
	assert.NotContains(t, piped.stderr, "https-annotations")
	assert.NotContains(t, piped.stderr, "no-match")
	assert.Contains(t, piped.stderr, "error[dedicated-elb] Ingress shop/cheap")
	assert.Equal(t, in, piped.stdout, "nothing changed")

	dir := writeFiles(t, map[string]string{"a.yaml": in})
	files := runWith(t, noRead{t}, "--validate-only", dir)
	assert.Equal(t, 1, files.code)
	loc := regexp.MustCompile(` \(` + regexp.QuoteMeta(filepath.Join(dir, "a.yaml")) + `(#\d+)?\)`)
	assert.Equal(t, piped.stderr, loc.ReplaceAllString(files.stderr, ""))
}

func TestTreeFlagsOverrideAppConfig(t *testing.T) {
	t.Chdir("../testdata/trees/shop")
	got := runWith(t, noRead{t}, "--rule", "dedicated-elb=warning", "--selector", "https-backend=enabled", "--ciphers-policy", "tls-1-2", "tree")
	// Apps without configuration use the flags: staging and qa select
	// nothing (their Ingress has no https-backend label) but keep their
	// errors; --rule reaches every app.
	assert.Contains(t, got.stderr, "warning[dedicated-elb] Ingress web (tree/overlays/qa, tree/overlays/staging: tree/base/ingress.yaml)")
	assert.Contains(t, got.stderr, "warning[no-match] (tree/overlays/prod: ")
	// overlays/fn's own configuration says tls-1-2-strict; the flag wins.
	assert.Contains(t, got.stdout, "kubernetes.io/elb.tls-ciphers-policy: tls-1-2\n")
	assert.NotContains(t, got.stdout, "tls-1-2-strict")
	assert.NotContains(t, got.stderr, "validateOnly rules only", "every app has a configuration")
}

func TestTreeSARIFAndJSONPerApp(t *testing.T) {
	t.Chdir("../testdata/trees/shop")
	got := runWith(t, noRead{t}, "--validate-only", "--format", "sarif", "tree")
	assert.Equal(t, 1, got.code)
	reporttest.SARIF(t, got.stdout)
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID    string `json:"ruleId"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine int `json:"startLine"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	require.NoError(t, json.Unmarshal([]byte(got.stdout), &log))
	n := 0
	for _, r := range log.Runs[0].Results {
		if r.RuleID == "dedicated-elb" {
			n++
			assert.Equal(t, "tree/base/ingress.yaml", r.Locations[0].PhysicalLocation.ArtifactLocation.URI)
			assert.Equal(t, 6, r.Locations[0].PhysicalLocation.Region.StartLine, "the elb.class line of the base")
		}
	}
	assert.Equal(t, 2, n, "one result per overlay (qa, staging)")

	js := runWith(t, noRead{t}, "--validate-only", "--format", "json", "tree")
	rep := parseJSONReport(t, js.stdout)
	assert.Equal(t, 4, rep.Errors, "two findings in each of two overlays")
	assert.Contains(t, js.stdout, `"app": "tree/overlays/qa"`)
}

func TestTreeRenderErrorsEchoNoSecret(t *testing.T) {
	const marker = "Tr0ub4dor-prod_2026"
	secret := "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  pw: " + marker + "\n"
	dir := writeFiles(t, map[string]string{
		"broken/kustomization.yaml": "resources: [s.yaml]\n",
		"broken/s.yaml":             secret + "  x: [unclosed " + marker + "\n",
		"twice/kustomization.yaml":  "resources: [s.yaml, s2.yaml]\n",
		"twice/s.yaml":              secret,
		"twice/s2.yaml":             secret,
		"patch/kustomization.yaml":  "resources: [s.yaml]\npatches:\n- patch: |-\n    - op: replace\n      path: /stringData/nope/x\n      value: " + marker + "\n  target: {kind: Secret}\n",
		"patch/s.yaml":              secret,
	})
	got := runWith(t, noRead{t}, "--validate-only", "--format", "json", dir)
	assert.Equal(t, 1, got.code)
	assert.Equal(t, 3, strings.Count(got.stderr, "error[kustomize]"), got.stderr)
	assert.NotContains(t, got.stderr, marker)
	assert.NotContains(t, got.stdout, marker)
}

func TestTreeSelectAllReachesAppsWithoutConfiguration(t *testing.T) {
	t.Chdir("../testdata/trees/shop")
	got := runWith(t, noRead{t}, "--select-all", "--validate-only", "tree")
	assert.NotContains(t, got.stderr, "both given")
	assert.NotContains(t, got.stderr, "without configuration")
	assert.Contains(t, got.stderr, "error[https-annotations] Ingress shop/web (tree/plain/ingress.yaml)", "plain files: everything selected, validateOnly")
	assert.NotContains(t, got.stderr, "(tree/overlays/fn", "the app's own configuration sets the annotations: --validate-only does not change it")
	assert.Contains(t, got.stderr, ", 5 selected, 3 annotations set,")
}

func TestTreeUnusedConfigIsSaid(t *testing.T) {
	dir := copyDir(t, "../testdata/trees/shop/tree/overlays/fn")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "kustomization.yaml"),
		[]byte("resources: [secret.yaml]\ntransformers: [cce-ingress-https.yaml]\n"), 0o644))
	got := runWith(t, noRead{t}, "--config", typedConfig, dir)
	assert.Contains(t, got.stderr, "warning[config] ("+typedConfig+"): --config is not used: every app lists its own configuration")
}
