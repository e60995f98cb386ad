package validator

import (
	"strings"
	"testing"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"k8s.io/apimachinery/pkg/labels"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
	"github.com/cce-ingress-https/cce-ingress-https/krmio"
	"github.com/cce-ingress-https/cce-ingress-https/transformer"
)

// ruleCase is one table row of a rule test: input manifests, options, and
// the findings the rule must return, in order.
type ruleCase struct {
	name      string
	yaml      string
	opts      Options
	selectAll bool // every Ingress counts as matched by the selector
	want      []want
}

// want describes one expected finding. Every field is compared: a nil
// current or proposed means the finding must have none, and msg (a key part
// of the message) must not be empty.
type want struct {
	sev      fn.Severity
	field    string
	msg      string
	current  any
	proposed any
}

// load parses a YAML stream and prepares the validator's view of it the way
// the pipeline does. With selectAll the transformer selects every Ingress
// (in validate-only style: annotations are not written), so Selected and
// Conflicts come from its own selection.
func load(t *testing.T, manifests string, opts Options, selectAll bool) (*Context, []*Ingress, []*krmio.Item) {
	t.Helper()
	doc, err := krmio.ReadStream([]byte(manifests))
	require.NoError(t, err)
	if selectAll {
		out := transformer.Apply(doc.Items, transformer.Options{Selector: labels.Everything(), ValidateOnly: true})
		require.Empty(t, out.Results, "validate-only selection writes nothing")
		opts.Selected, opts.Conflicts = out.Selected, out.Conflicts
	}
	ingresses := Ingresses(doc.Items, opts)
	return NewContext(opts, NewIndex(doc.Items, ingresses)), ingresses, doc.Items
}

// check runs one rule through CheckRule, as Run does: its scope, the
// case's severity overrides and the Ingresses' exemptions apply.
func check(t *testing.T, ruleID string, c ruleCase) []Finding {
	t.Helper()
	rule, ok := RuleByID(ruleID)
	require.True(t, ok, "no rule %s", ruleID)
	ctx, ingresses, _ := load(t, c.yaml, c.opts, c.selectAll)
	return CheckRule(ctx, rule, ingresses)
}

// runCases checks every case of a rule's table.
func runCases(t *testing.T, ruleID string, cases []ruleCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := check(t, ruleID, c)
			assertFindings(t, c.want, got)
		})
	}
}

func assertFindings(t *testing.T, wants []want, got []Finding) {
	t.Helper()
	if !assert.Len(t, got, len(wants), "findings: %s", describeFindings(got)) {
		return
	}
	for i, w := range wants {
		f := got[i]
		assert.Equal(t, w.sev, f.Severity, "finding %d severity: %s", i, f.Message)
		assert.Equal(t, w.field, f.Field, "finding %d field: %s", i, f.Message)
		if assert.NotEmpty(t, w.msg, "finding %d: the test names no part of the message", i) {
			assert.Contains(t, f.Message, w.msg, "finding %d message", i)
		}
		assert.Equal(t, w.current, f.Current, "finding %d current value: %s", i, f.Message)
		assert.Equal(t, w.proposed, f.Proposed, "finding %d proposed value: %s", i, f.Message)
	}
}

func describeFindings(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("\n  " + string(f.Severity) + " " + f.Field + ": " + f.Message)
	}
	return b.String()
}

// ingress builds an HTTPS-backend Ingress shop/<name>: annotations are
// "key: value" lines added after pool-protocol https, spec is the spec's body.
// Both are written unindented; ingress indents them.
func ingress(name, annotations, spec string) string {
	var b strings.Builder
	b.WriteString("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: " + name + "\n  namespace: shop\n")
	b.WriteString("  annotations:\n    kubernetes.io/elb.pool-protocol: https\n")
	b.WriteString(indent(annotations, "    "))
	if strings.TrimSpace(spec) != "" {
		b.WriteString("spec:\n" + indent(spec, "  "))
	}
	return b.String() + "---\n"
}

// grpcIngress is ingress with pool-protocol grpc instead of https, and
// HTTP/2 on as gRPC needs; annotations are added after those.
func grpcIngress(name, annotations string) string {
	s := ingress(name, "kubernetes.io/elb.http2-enable: \"true\"\n"+annotations, simpleSpec)
	return strings.Replace(s, "kubernetes.io/elb.pool-protocol: https", "kubernetes.io/elb.pool-protocol: grpc", 1)
}

func indent(s, prefix string) string {
	var b strings.Builder
	for _, line := range strings.Split(strings.Trim(s, "\n"), "\n") {
		if strings.TrimSpace(line) != "" {
			b.WriteString(prefix + strings.TrimRight(line, " \t") + "\n")
		}
	}
	return b.String()
}

// ann is the field path of an annotation, short for tables.
func ann(key string) string { return AnnotationField(key) }

// simpleSpec is a spec with TLS and one path to Service web port 443.
const simpleSpec = `
ingressClassName: cce
tls:
- secretName: web-tls
rules:
- http:
    paths:
    - path: /
      pathType: ImplementationSpecific
      backend:
        service:
          name: web
          port:
            number: 443
`

func TestHelperIngressParses(t *testing.T) {
	_, ings, items := load(t, ingress("web", "kubernetes.io/elb.class: performance", simpleSpec), Options{}, false)
	require.Len(t, items, 1)
	require.Len(t, ings, 1)
	ing := ings[0]
	assert.Empty(t, ing.Problems)
	assert.True(t, ing.HTTPSBackend)
	assert.Equal(t, "shop", ing.Namespace)
	assert.Equal(t, "performance", ing.Annotations[cce.Class])
	assert.Equal(t, "cce", ing.ClassName)
	require.Len(t, ing.Paths, 1)
	assert.Equal(t, "web", ing.Paths[0].Backend.ServiceName)
	assert.Equal(t, 443, ing.Paths[0].Backend.PortNumber)
}
