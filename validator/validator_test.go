package validator

import (
	"os"
	"strings"
	"testing"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cce-ingress-https/cce-ingress-https/krmio"
)

// runOn runs the whole validator on a stream, every Ingress selected.
func runOn(t *testing.T, manifests string, opts Options) fn.Results {
	t.Helper()
	doc, err := krmio.ReadStream([]byte(manifests))
	require.NoError(t, err)
	opts.Selected = map[*fn.KubeObject]bool{}
	for _, it := range doc.Items {
		if IsIngress(it) {
			opts.Selected[it.Obj] = true
		}
	}
	results := Run(doc.Items, opts)
	SortResults(results)
	return results
}

func byRule(results fn.Results, rule string) fn.Results {
	var out fn.Results
	for _, r := range results {
		if r.Tags["rule"] == rule {
			out = append(out, r)
		}
	}
	return out
}

const unionIngress = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: shop
  annotations:
    config.kubernetes.io/path: apps/web.yaml
    kubernetes.io/elb.pool-protocol: https
    kubernetes.io/elb.class: union
`

func TestRunResultShape(t *testing.T) {
	got := byRule(runOn(t, unionIngress, Options{}), "dedicated-elb")
	require.Len(t, got, 1)
	r := got[0]
	assert.Equal(t, Error, r.Severity)
	assert.Equal(t, &fn.ResourceRef{APIVersion: "networking.k8s.io/v1", Kind: "Ingress", Name: "web", Namespace: "shop"}, r.ResourceRef)
	assert.Equal(t, &fn.File{Path: "apps/web.yaml"}, r.File)
	require.NotNil(t, r.Field)
	assert.Equal(t, "metadata.annotations[kubernetes.io/elb.class]", r.Field.Path)
	assert.Equal(t, "union", r.Field.CurrentValue)
	assert.Equal(t, "performance", r.Field.ProposedValue)
}

func TestRunOverrides(t *testing.T) {
	got := byRule(runOn(t, unionIngress, Options{Overrides: map[string]fn.Severity{"dedicated-elb": Info}}), "dedicated-elb")
	require.Len(t, got, 1)
	assert.Equal(t, Info, got[0].Severity)

	got = runOn(t, unionIngress, Options{Overrides: map[string]fn.Severity{"dedicated-elb": Off}})
	assert.Empty(t, byRule(got, "dedicated-elb"))
	assert.NotEmpty(t, byRule(got, "elb-reference"), "off turns off only the named rule")
}

func TestRunExemptions(t *testing.T) {
	exempt := strings.Replace(unionIngress, "    kubernetes.io/elb.class: union\n",
		"    kubernetes.io/elb.class: union\n    ignore-rule.cce-ingress-https/dedicated-elb: shared ELB in the test env\n", 1)
	got := byRule(runOn(t, exempt, Options{}), "dedicated-elb")
	require.Len(t, got, 1)
	assert.Equal(t, Info, got[0].Severity)
	assert.Contains(t, got[0].Message, "shared ELB in the test env")
	assert.Equal(t, "metadata.annotations[ignore-rule.cce-ingress-https/dedicated-elb]", got[0].Field.Path)

	empty := strings.Replace(exempt, "shared ELB in the test env", `""`, 1)
	all := runOn(t, empty, Options{})
	got = byRule(all, "dedicated-elb")
	require.Len(t, got, 1, "an empty reason does not exempt")
	assert.Equal(t, Error, got[0].Severity)
	require.Len(t, byRule(all, "exemption"), 1)
	assert.Equal(t, Error, byRule(all, "exemption")[0].Severity)
}

func TestRunSkipsLocalConfig(t *testing.T) {
	local := strings.Replace(unionIngress, "  annotations:\n", "  annotations:\n    config.kubernetes.io/local-config: \"true\"\n", 1)
	assert.Empty(t, runOn(t, local, Options{}))
}

func TestSortResults(t *testing.T) {
	results := fn.Results{
		{Severity: Info, Message: "b", Tags: map[string]string{"rule": "x"}, File: &fn.File{Path: "a.yaml", Index: 10}},
		{Severity: Warning, Message: "a", Tags: map[string]string{"rule": "x"}, File: &fn.File{Path: "a.yaml", Index: 2}},
		{Severity: Error, Message: "c", Tags: map[string]string{"rule": "y"}, File: &fn.File{Path: "a.yaml", Index: 2}},
		{Severity: Warning, Message: "no resource", Tags: map[string]string{"rule": "no-match"}},
	}
	SortResults(results)
	var msgs []string
	for _, r := range results {
		msgs = append(msgs, r.Message)
	}
	assert.Equal(t, []string{"no resource", "c", "a", "b"}, msgs)
}

// TestEveryRuleIsDocumentedAndTested keeps the table honest: every row has
// docs, a check, and a rule_<id>_test.go.
func TestEveryRuleIsDocumentedAndTested(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules {
		assert.False(t, seen[r.ID], "duplicate rule %s", r.ID)
		seen[r.ID] = true
		assert.NotEmpty(t, r.Summary, r.ID)
		assert.NotEmpty(t, r.Fix, r.ID)
		assert.NotNil(t, r.Check, r.ID)
		assert.Contains(t, []fn.Severity{Error, Warning, Info}, r.Severity, r.ID)
		_, err := os.Stat("rule_" + strings.ReplaceAll(r.ID, "-", "_") + "_test.go")
		assert.NoError(t, err, "rule %s has no unit test file", r.ID)
	}
}
