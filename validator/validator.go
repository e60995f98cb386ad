package validator

import (
	"cmp"
	"slices"
	"strings"
	"sync"

	"github.com/kptdev/krm-functions-sdk/go/fn"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
	"github.com/cce-ingress-https/cce-ingress-https/krmio"
)

// Run checks the Ingresses among items and returns one result per finding.
func Run(items []*krmio.Item, opts Options) fn.Results {
	ingresses := Ingresses(items, opts)
	index := NewIndex(items, ingresses)
	index.addLive(opts.Live, ingresses)
	ctx := NewContext(opts, index)
	var results fn.Results
	for _, rule := range Rules {
		for _, f := range CheckRule(ctx, rule, ingresses) {
			results = append(results, toResult(rule.ID, f))
		}
	}
	return results
}

// CheckRule runs one rule the way Run does: on the Ingresses in its scope,
// with the configured severity override and the Ingresses' exemptions.
func CheckRule(ctx *Context, rule Rule, ingresses []*Ingress) []Finding {
	override, overridden := ctx.Overrides[rule.ID]
	if override == Off {
		return nil
	}
	var out []Finding
	emit := func(f Finding) {
		if overridden {
			f.Severity = override
		}
		out = append(out, f)
	}
	// A whole-input rule's findings are taken as they are, not copied: the
	// input rule has one per item of a million-item input.
	emitAll := func(fs []Finding) {
		if overridden {
			for i := range fs {
				fs[i].Severity = override
			}
		}
		if out == nil {
			out = fs
			return
		}
		out = append(out, fs...)
	}
	if rule.Once != nil {
		emitAll(rule.Once(ctx))
	}
	if rule.Scope == Once {
		emitAll(rule.Check(ctx, nil))
		return out
	}
	ignoreKey := cce.IgnoreRulePrefix + rule.ID // once per rule, not per Ingress
	for _, ing := range ingresses {
		if rule.Scope == HTTPSBackends && !ing.Secure() {
			continue
		}
		if reason, ok := exempted(ing, ignoreKey); ok {
			out = append(out, Finding{Severity: Info, Ingress: ing,
				Field:   AnnotationField(ignoreKey),
				Message: "rule " + rule.ID + " is off for this Ingress: " + reason})
			continue
		}
		for _, f := range rule.Check(ctx, ing) {
			f.Ingress = ing
			emit(f)
		}
	}
	return out
}

// Ingresses parses the Ingresses the validator checks (never local-config
// ones) and marks which are selected and which are HTTPS backends.
func Ingresses(items []*krmio.Item, opts Options) []*Ingress {
	var ingresses []*Ingress
	for _, it := range items {
		if !IsIngress(it) || it.IsLocalConfig() {
			continue
		}
		ing := ParseIngress(it)
		ing.Selected = opts.Selected[it.Object()]
		ing.HTTPSBackend = poolProtocol(ing) == cce.HTTPS || ing.Selected && !opts.Conflicts[it.Object()]
		ing.GRPCBackend = poolProtocol(ing) == cce.GRPC
		ing.Order = len(ingresses)
		ingresses = append(ingresses, ing)
	}
	return ingresses
}

// exempted returns the reason of the ignore-rule annotation ignoreKey (the
// prefix and a rule id); an annotation with an empty reason does not exempt
// (the exemption rule says why).
func exempted(ing *Ingress, ignoreKey string) (string, bool) {
	reason, ok := ing.Annotations[ignoreKey]
	reason = strings.TrimSpace(reason)
	return reason, ok && reason != ""
}

// tagsByRule holds the Tags maps of each rule id (without and with its
// page), shared by all its results: a map per result was most of the
// memory a run with millions of findings kept. Shared maps are never
// changed: a caller that adds a tag to a result gives it a new map.
var tagsByRule sync.Map

type tagsKey struct {
	rule string
	help bool
}

func ruleTags(ruleID string, help bool) map[string]string {
	k := tagsKey{ruleID, help}
	if t, ok := tagsByRule.Load(k); ok {
		return t.(map[string]string)
	}
	t := map[string]string{"rule": ruleID}
	if help {
		t[HelpTag] = HelpURL(ruleID)
	}
	v, _ := tagsByRule.LoadOrStore(k, t)
	return v.(map[string]string)
}

func toResult(ruleID string, f Finding) *fn.Result {
	r := &fn.Result{Message: f.Message, Severity: f.Severity, Tags: ruleTags(ruleID, false)}
	if f.Field != "" {
		r.Field = &fn.Field{Path: f.Field, CurrentValue: f.Current, ProposedValue: f.Proposed}
	}
	switch {
	case f.Ingress != nil:
		r.ResourceRef = f.Ingress.Item.Ref()
		r.File = f.Ingress.Item.File()
	case f.Item != nil:
		r.ResourceRef = ItemRef(f.Item.Node)
		r.File = f.Item.File()
	}
	return r
}

// SortResults orders results for output: results about no resource first,
// then by file, resource, severity (errors first), rule, field and message.
func SortResults(results fn.Results) {
	sevRank := map[fn.Severity]int{Error: 0, Warning: 1, Info: 2}
	slices.SortStableFunc(results, func(a, b *fn.Result) int {
		return cmp.Or(
			compareFile(a.File, b.File),
			compareRef(a.ResourceRef, b.ResourceRef),
			cmp.Compare(sevRank[a.Severity], sevRank[b.Severity]),
			cmp.Compare(a.Tags["rule"], b.Tags["rule"]),
			cmp.Compare(fieldPath(a), fieldPath(b)),
			cmp.Compare(a.Message, b.Message),
		)
	})
}

// compareFile orders results by file and index, those without a file
// first. Comparisons allocate nothing: a run with a million results sorts
// them with tens of millions of comparisons.
func compareFile(a, b *fn.File) int {
	if a == nil || b == nil {
		return cmp.Compare(boolRank(a != nil), boolRank(b != nil))
	}
	return cmp.Or(strings.Compare(a.Path, b.Path), cmp.Compare(a.Index, b.Index))
}

// compareRef orders results by resource: kind, namespace, name and
// apiVersion, those about no resource first.
func compareRef(a, b *fn.ResourceRef) int {
	if a == nil || b == nil {
		return cmp.Compare(boolRank(a != nil), boolRank(b != nil))
	}
	return cmp.Or(strings.Compare(a.Kind, b.Kind), strings.Compare(a.Namespace, b.Namespace),
		strings.Compare(a.Name, b.Name), strings.Compare(a.APIVersion, b.APIVersion))
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

func fieldPath(r *fn.Result) string {
	if r.Field == nil {
		return ""
	}
	return r.Field.Path
}
