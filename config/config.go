package config

import (
	"cmp"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/selection"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
	"github.com/cce-ingress-https/cce-ingress-https/transformer"
	"github.com/cce-ingress-https/cce-ingress-https/validator"
)

// Typed-form identity.
const (
	APIVersion = "fn.kpt.dev/v1alpha1"
	Kind       = "IngressHTTPSBackend"
)

// Config is a checked configuration.
type Config struct {
	Transform transformer.Options
	Validate  validator.Options
	// LiveState is the live dump to read (package live), with the field
	// that named it; Field "" when none is given.
	LiveState Value
}

// Settings is the configuration before checking; field names are the typed
// form's. Each value keeps the field path it came from, for messages.
type Settings struct {
	Selector       *Selector
	SelectorField  string // where the selector goes in this form, for messages
	SelectAll      Value
	Port           Value
	CiphersPolicy  Value
	ClusterVersion Value
	ValidateOnly   Value
	LiveState      Value
	Rules          []RuleSetting
}

// Value is one setting as text, with the field it came from ("" Field: unset).
type Value struct {
	Field, Text string
}

// Selector is a label selector in either the string or the structured form.
type Selector struct {
	Field       string
	Text        *string // "a=b,tier in (web)"
	MatchLabels map[string]string
	Expressions []Expression
}

// Expression is one matchExpressions entry.
type Expression struct {
	Field    string
	Key      string
	Operator string
	Values   []string
}

// RuleSetting is one rule severity override.
type RuleSetting struct {
	Field, ID, Severity string
}

// Problem is a configuration error or warning naming the field.
type Problem struct {
	Severity fn.Severity
	Field    string
	Message  string
}

// build checks settings and returns the configuration, or the problems that
// stop it.
func build(s Settings) (Config, []Problem) {
	var probs []Problem
	bad := func(field, format string, args ...any) {
		probs = append(probs, Problem{Severity: fn.Error, Field: field, Message: fmt.Sprintf(format, args...)})
	}
	c := Config{}
	c.Transform.Selector = buildSelection(s, bad)
	c.Transform.Port = cce.DefaultPort
	if s.Port.Field != "" {
		p, err := strconv.Atoi(strings.TrimSpace(s.Port.Text))
		if err != nil || p < 1 || p > 65535 {
			bad(s.Port.Field, "port %q is not a whole number from 1 to 65535", s.Port.Text)
		}
		c.Transform.Port = p
	}
	c.Transform.CiphersPolicy = cce.DefaultCiphers
	if s.CiphersPolicy.Field != "" {
		if !cce.KnownCiphersPolicy(s.CiphersPolicy.Text) {
			bad(s.CiphersPolicy.Field, "ciphersPolicy %q is not a CCE policy: use one of %s", s.CiphersPolicy.Text, strings.Join(cce.CiphersPolicies, ", "))
		}
		c.Transform.CiphersPolicy = s.CiphersPolicy.Text
	}
	if s.ValidateOnly.Field != "" {
		v, ok := parseBool(s.ValidateOnly.Text)
		if !ok {
			bad(s.ValidateOnly.Field, "validateOnly %q is not true or false", s.ValidateOnly.Text)
		}
		c.Transform.ValidateOnly = v
	}
	if s.ClusterVersion.Field != "" {
		v, err := cce.ParseVersion(strings.TrimSpace(s.ClusterVersion.Text))
		if err != nil {
			bad(s.ClusterVersion.Field, "clusterVersion: %v", err)
		} else {
			c.Validate.ClusterVersion = &v
		}
	}
	if s.LiveState.Field != "" {
		if strings.TrimSpace(s.LiveState.Text) == "" {
			bad(s.LiveState.Field, "liveState is empty: give the file or folder with the output of kubectl get ingress,service,secret -A -o yaml")
		}
		c.LiveState = s.LiveState
	}
	c.Validate.Overrides = map[string]fn.Severity{}
	for _, r := range s.Rules {
		if _, ok := validator.RuleByID(r.ID); !ok {
			bad(r.Field, "unknown rule %q: use one of %s", r.ID, strings.Join(ruleIDs(), ", "))
			continue
		}
		switch sev := fn.Severity(r.Severity); sev {
		case validator.Error, validator.Warning, validator.Info, validator.Off:
			c.Validate.Overrides[r.ID] = sev
		default:
			bad(r.Field, "rule %s: severity %q is not one of error, warning, info, off", r.ID, r.Severity)
		}
	}
	c.Validate.ValidateOnly = c.Transform.ValidateOnly
	c.Validate.Port = c.Transform.Port
	c.Validate.CiphersPolicy = c.Transform.CiphersPolicy
	return c, probs
}

// parseBool accepts exactly true and false: "1", "yes" or "True" are more
// likely a mistake than a choice.
func parseBool(text string) (bool, bool) {
	switch strings.TrimSpace(text) {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	return false, false
}

// buildSelection returns the selector, or Nothing with an error. Every
// Ingress is selected only by selectAll: true; a selector that is missing or
// empty in any spelling selects nothing and says how to select all.
func buildSelection(s Settings, bad func(string, string, ...any)) labels.Selector {
	all := false
	if f := s.SelectAll.Field; f != "" {
		v, ok := parseBool(s.SelectAll.Text)
		if !ok {
			bad(f, "selectAll %q is not true or false", s.SelectAll.Text)
			return labels.Nothing()
		}
		all = v
	}
	switch {
	case all && s.Selector != nil:
		bad(s.SelectAll.Field, "selectAll and %s are both given: keep the selector to change the Ingresses it matches, or selectAll alone to change every Ingress", s.Selector.Field)
		return labels.Nothing()
	case all:
		return labels.Everything()
	case s.Selector == nil:
		field := cmp.Or(s.SelectorField, "selector")
		bad(field, "selector is missing and selects nothing: give the labels of the Ingresses to change, e.g. https-backend=enabled; %s", selectAllHint(field))
		return labels.Nothing()
	}
	return buildSelector(s.Selector, bad)
}

// selectAllHint says how to select every Ingress in the form field is from.
func selectAllHint(field string) string {
	switch {
	case strings.HasPrefix(field, "--"):
		return "to change every Ingress on purpose, give " + FlagSelectAll
	case strings.HasPrefix(field, "data."):
		return `to change every Ingress on purpose, set data.selectAll: "true" (kpt fn eval: -- selectAll=true)`
	}
	return "to change every Ingress on purpose, set selectAll: true"
}

func buildSelector(s *Selector, bad func(string, string, ...any)) labels.Selector {
	if s.Text != nil {
		if strings.TrimSpace(*s.Text) == "" {
			bad(s.Field, "selector is empty and selects nothing: give labels such as https-backend=enabled; %s", selectAllHint(s.Field))
			return labels.Nothing()
		}
		sel, err := labels.Parse(*s.Text)
		if err != nil {
			bad(s.Field, "selector %q does not parse: %v", *s.Text, err)
			return labels.Nothing()
		}
		return sel
	}
	if len(s.MatchLabels) == 0 && len(s.Expressions) == 0 {
		bad(s.Field, "selector is empty and selects nothing (no matchLabels entry and no matchExpressions entry: {}, null, or every entry commented out): give labels such as https-backend=enabled; %s", selectAllHint(s.Field))
		return labels.Nothing()
	}
	sel, err := labels.ValidatedSelectorFromSet(s.MatchLabels)
	if err != nil {
		bad(s.Field+".matchLabels", "selector.matchLabels: %v", err)
		return labels.Nothing()
	}
	for _, e := range s.Expressions {
		op, ok := operators[e.Operator]
		if !ok {
			bad(e.Field+".operator", "operator %q is not one of In, NotIn, Exists, DoesNotExist", e.Operator)
			return labels.Nothing()
		}
		req, err := labels.NewRequirement(e.Key, op, e.Values)
		if err != nil {
			bad(e.Field, "matchExpressions entry: %v", err)
			return labels.Nothing()
		}
		sel = sel.Add(*req)
	}
	return sel
}

var operators = map[string]selection.Operator{
	"In": selection.In, "NotIn": selection.NotIn, "Exists": selection.Exists, "DoesNotExist": selection.DoesNotExist,
}

func ruleIDs() []string {
	var ids []string
	for _, r := range validator.Rules {
		ids = append(ids, r.ID)
	}
	sort.Strings(ids)
	return ids
}
