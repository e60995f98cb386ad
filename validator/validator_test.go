package validator

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"k8s.io/apimachinery/pkg/labels"

	"github.com/cce-ingress-https/cce-ingress-https/krmio"
	"github.com/cce-ingress-https/cce-ingress-https/transformer"
)

// runOn runs the whole validator on a stream, every Ingress selected by
// the transformer's own selection (validate-only: nothing is written).
func runOn(t *testing.T, manifests string, opts Options) fn.Results {
	t.Helper()
	doc, err := krmio.ReadStream([]byte(manifests))
	require.NoError(t, err)
	out := transformer.Apply(doc.Items, transformer.Options{Selector: labels.Everything(), ValidateOnly: true})
	opts.Selected, opts.Conflicts = out.Selected, out.Conflicts
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
	got := runOn(t, local, Options{})
	require.Len(t, got, 1, "only the selector's no-match: a local-config Ingress is neither selected nor checked")
	assert.Equal(t, "no-match", got[0].Tags["rule"])
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

// sortKey is the order SortResults gives by file and resource, written
// the slow way (a key string per result) as the reference for its
// allocation-free comparisons.
func sortKey(r *fn.Result) string {
	var b strings.Builder
	if r.File != nil {
		fmt.Fprintf(&b, "%s\x00%010d", r.File.Path, r.File.Index)
	}
	b.WriteByte(0)
	if ref := r.ResourceRef; ref != nil {
		b.WriteString(ref.Kind + "\x00" + ref.Namespace + "\x00" + ref.Name + "\x00" + ref.APIVersion)
	}
	return b.String()
}

func TestSortResultsAgreesWithKeyOrder(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	word := func() string { return []string{"", "a", "ab", "b", "a/b", "Ingress", "Service"}[rnd.IntN(7)] }
	var results fn.Results
	for range 3000 {
		r := &fn.Result{Severity: []fn.Severity{Error, Warning, Info}[rnd.IntN(3)], Message: word(), Tags: map[string]string{"rule": word()}}
		if rnd.IntN(4) > 0 {
			r.File = &fn.File{Path: word() + ".yaml", Index: rnd.IntN(12)}
		}
		if rnd.IntN(4) > 0 {
			r.ResourceRef = &fn.ResourceRef{Kind: word(), Namespace: word(), Name: word(), APIVersion: word()}
		}
		if rnd.IntN(2) > 0 {
			r.Field = &fn.Field{Path: word()}
		}
		results = append(results, r)
	}
	SortResults(results)
	for i := 1; i < len(results); i++ {
		assert.LessOrEqual(t, sortKey(results[i-1]), sortKey(results[i]), "results %d and %d", i-1, i)
	}
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

// TestEveryFindingObeysOverridesAndExemptions: for an input that makes each
// of these rules speak, a severity override changes every finding of the
// rule, off drops them, and an exemption on the Ingress turns them into one
// info naming the reason.
func TestEveryFindingObeysOverridesAndExemptions(t *testing.T) {
	const elb = "kubernetes.io/elb.id: elb-1\n"
	lb := "apiVersion: v1\nkind: Service\nmetadata:\n  name: gw\n  namespace: shop\n  annotations: {kubernetes.io/elb.id: elb-1}\nspec:\n  type: LoadBalancer\n---\n"
	for rule, input := range map[string]string{
		"http2-enable":      ingress("a", `kubernetes.io/elb.http2-enable: "yes"`, simpleSpec),
		"backend-protocol":  strings.Replace(ingress("a", "", simpleSpec), "pool-protocol: https", "pool-protocol: h2", 1),
		"backend-group":     ingress("a", elb, simpleSpec) + grpcIngress("b", elb),
		"api-version":       strings.Replace(ingress("a", "", simpleSpec), "networking.k8s.io/v1", "networking.k8s.io/v1beta1", 1),
		"sni-hosts":         ingress("a", "", strings.Replace(simpleSpec, "- secretName: web-tls\n", "- secretName: web-tls\n- secretName: sni-tls\n  hosts: [a.example.com, b.example.com]\n", 1)),
		"elb-service":       ingress("a", elb, simpleSpec) + lb,
		"listener-conflict": ingress("a", elb, simpleSpec) + ingress("b", elb+"kubernetes.io/elb.client_timeout: \"30\"", simpleSpec),
		"https-frontend":    ingress("a", `kubernetes.io/elb.listen-ports: '[{"HTTP":80},{"HTTPS":443}]'`, simpleSpec),
		"tls-secret":        ingress("a", "kubernetes.io/elb.tls-certificate-ids: c1", simpleSpec),
		"elb-reference":     ingress("a", "kubernetes.io/elb.ip: 80.158.1.2", simpleSpec),
		"cluster-version":   ingress("a", "", simpleSpec),
		"url-match-mode":    ingress("a", "", "rules:\n- http:\n    paths:\n    - pathType: Prefix\n      backend: {service: {name: web, port: {number: 443}}}\n"),
	} {
		t.Run(rule, func(t *testing.T) {
			opts := Options{ClusterVersion: version("v1.25")}
			if got := byRule(runOn(t, input, opts), rule); assert.NotEmpty(t, got, "the input makes the rule speak") {
				opts.Overrides = map[string]fn.Severity{rule: Info}
				for _, r := range byRule(runOn(t, input, opts), rule) {
					assert.Equal(t, Info, r.Severity, r.Message)
				}
				opts.Overrides = map[string]fn.Severity{rule: Off}
				assert.Empty(t, byRule(runOn(t, input, opts), rule))
			}
			opts.Overrides = nil
			exempt := strings.ReplaceAll(input, "  annotations:\n", "  annotations:\n    ignore-rule.cce-ingress-https/"+rule+": checked by hand\n")
			for _, r := range byRule(runOn(t, exempt, opts), rule) {
				if r.ResourceRef != nil && r.ResourceRef.Kind == "Ingress" {
					assert.Equal(t, Info, r.Severity, r.Message)
					assert.Contains(t, r.Message, "is off for this Ingress: checked by hand")
				}
			}
		})
	}
	t.Run("ciphers-policy on the config", func(t *testing.T) {
		opts := Options{CiphersPolicy: "tls-1-0", Overrides: map[string]fn.Severity{"ciphers-policy": Error}}
		got := byRule(runOn(t, ingress("a", "", simpleSpec), opts), "ciphers-policy")
		require.Len(t, got, 1)
		assert.Equal(t, Error, got[0].Severity)
		assert.Equal(t, "ciphersPolicy", got[0].Field.Path)
	})
}
