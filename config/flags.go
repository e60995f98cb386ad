package config

import (
	"flag"

	"github.com/kptdev/krm-functions-sdk/go/fn"
)

// Flags are the configuration flags of pipe and file mode; in function mode
// they override the functionConfig. A nil field was not given.
type Flags struct {
	Selector, SelectAll, Port, CiphersPolicy, ClusterVersion, ValidateOnly, Live *string
	Rules                                                                        []string // each "id=severity" or a comma-separated list of them
}

// Flag names, used as the Field of every setting a flag gives, so Build's
// messages name the flag the user typed.
const (
	FlagSelector       = "--selector"
	FlagSelectAll      = "--select-all"
	FlagPort           = "--port"
	FlagCiphersPolicy  = "--ciphers-policy"
	FlagClusterVersion = "--cluster-version"
	FlagValidateOnly   = "--validate-only"
	FlagRule           = "--rule"
	FlagLive           = "--live"
)

// FlagDef is one configuration flag: its name, the placeholder of its value
// ("" for a boolean flag), its help text and what parsing it does.
type FlagDef struct {
	Name, Arg, Help string
	Set             func(string) error
}

// Defs defines the configuration flags, in the order --help lists them.
func (f *Flags) Defs() []FlagDef {
	set := func(p **string) func(string) error {
		return func(v string) error { *p = &v; return nil }
	}
	return []FlagDef{
		{FlagSelector, "LABELS", "Ingresses to change: https-backend=enabled, or 'app in (web,shop),tier!=internal'; required unless --config gives one or " + FlagSelectAll + " is given", set(&f.Selector)},
		{FlagSelectAll, "", "change every Ingress (an empty selector selects nothing and is an error)", set(&f.SelectAll)},
		{FlagPort, "N", "kubernetes.io/elb.port to write (default 443)", set(&f.Port)},
		{FlagCiphersPolicy, "NAME", "kubernetes.io/elb.tls-ciphers-policy to write (default tls-1-2)", set(&f.CiphersPolicy)},
		{FlagClusterVersion, "V", "CCE cluster version, e.g. v1.25.3-r0, for the cluster-version rule", set(&f.ClusterVersion)},
		{FlagValidateOnly, "", "change nothing, only check", set(&f.ValidateOnly)},
		{FlagLive, "PATH", "what runs in the cluster: the output of kubectl get ingress,service,secret -A -o yaml (a file or folder), for the immutable-field and shared listener checks", set(&f.Live)},
		{FlagRule, "ID=SEVERITY", "set a rule to error, warning, info or off; repeatable, or comma-separated: --rule tls-secret=off,no-match=error", func(v string) error {
			f.Rules = append(f.Rules, v)
			return nil
		}},
	}
}

// register defines the configuration flags on fs (pipe and file mode use
// Defs through run's flag table).
func (f *Flags) register(fs *flag.FlagSet) {
	for _, d := range f.Defs() {
		if d.Arg == "" {
			fs.BoolFunc(d.Name[2:], d.Help, d.Set)
		} else {
			fs.Func(d.Name[2:], d.Help, d.Set)
		}
	}
}

// Given reports whether any configuration flag was given.
func (f Flags) Given() bool {
	return f.Selector != nil || f.SelectAll != nil || f.Port != nil || f.CiphersPolicy != nil || f.ClusterVersion != nil ||
		f.ValidateOnly != nil || f.Live != nil || len(f.Rules) > 0
}

// fromFlags lays flags over base: the settings read from --config or from the
// functionConfig, nil when there are none. A flag replaces the value of the
// same setting (--selector and --select-all both replace the selection);
// --rule overrides come after base's rules, so they win.
func fromFlags(base *Settings, f Flags) (Settings, []Problem) {
	var s Settings
	if base != nil {
		s = *base
		s.Rules = append([]RuleSetting(nil), base.Rules...)
	} else {
		s.SelectorField = FlagSelector
	}
	var probs []Problem
	val := func(v *Value, flag string, text *string) {
		if text != nil {
			*v = Value{Field: flag, Text: *text}
		}
	}
	val(&s.Port, FlagPort, f.Port)
	val(&s.CiphersPolicy, FlagCiphersPolicy, f.CiphersPolicy)
	val(&s.ClusterVersion, FlagClusterVersion, f.ClusterVersion)
	val(&s.ValidateOnly, FlagValidateOnly, f.ValidateOnly)
	val(&s.LiveState, FlagLive, f.Live)
	if f.Selector != nil || f.SelectAll != nil {
		s.Selector, s.SelectAll, s.SelectorField = nil, Value{}, FlagSelector
	}
	if f.Selector != nil {
		text := *f.Selector
		s.Selector = &Selector{Field: FlagSelector, Text: &text}
	}
	val(&s.SelectAll, FlagSelectAll, f.SelectAll)
	seen := map[string]bool{}
	for _, v := range f.Rules {
		rules, p := parseRules(v, FlagRule)
		probs = append(probs, p...)
		for _, r := range rules {
			if seen[r.ID] {
				probs = append(probs, Problem{Severity: fn.Error, Field: FlagRule, Message: FlagRule + " sets rule " + r.ID + " twice: keep one"})
			}
			seen[r.ID] = true
		}
		s.Rules = append(s.Rules, rules...)
	}
	return s, probs
}
