package config

import (
	"flag"
	"strings"

	"github.com/kptdev/krm-functions-sdk/go/fn"
)

// Flags are the configuration flags of pipe and file mode; in function mode
// they override the functionConfig. A nil field was not given.
type Flags struct {
	Selector, Port, CiphersPolicy, ClusterVersion, ValidateOnly, Live *string
	Rules                                                             []string // each "id=severity" or a comma-separated list of them
}

// Flag names, used as the Field of every setting a flag gives, so Build's
// messages name the flag the user typed.
const (
	FlagSelector       = "--selector"
	FlagPort           = "--port"
	FlagCiphersPolicy  = "--ciphers-policy"
	FlagClusterVersion = "--cluster-version"
	FlagValidateOnly   = "--validate-only"
	FlagRule           = "--rule"
	FlagLive           = "--live"
)

// Register defines the configuration flags on fs.
func (f *Flags) Register(fs *flag.FlagSet) {
	set := func(p **string) func(string) error {
		return func(v string) error { *p = &v; return nil }
	}
	fs.Func(FlagSelector[2:], "label selector of the Ingresses to change, e.g. https-backend=enabled", set(&f.Selector))
	fs.Func(FlagPort[2:], "backend port written to kubernetes.io/elb.port (default 443)", set(&f.Port))
	fs.Func(FlagCiphersPolicy[2:], "kubernetes.io/elb.tls-ciphers-policy to write (default tls-1-2)", set(&f.CiphersPolicy))
	fs.Func(FlagClusterVersion[2:], "CCE cluster version, e.g. v1.25.3-r0, for the cluster-version rule", set(&f.ClusterVersion))
	fs.BoolFunc(FlagValidateOnly[2:], "change nothing, only check", set(&f.ValidateOnly))
	fs.Func(FlagLive[2:], "file or folder with what runs in the cluster (kubectl get ingress,service,secret -A -o yaml), for the upgrade-safety checks", set(&f.Live))
	fs.Func(FlagRule[2:], "rule severity override id=error|warning|info|off (repeatable)", func(v string) error {
		f.Rules = append(f.Rules, v)
		return nil
	})
}

// Given reports whether any configuration flag was given.
func (f Flags) Given() bool {
	return f.Selector != nil || f.Port != nil || f.CiphersPolicy != nil || f.ClusterVersion != nil ||
		f.ValidateOnly != nil || f.Live != nil || len(f.Rules) > 0
}

// FromFlags lays flags over base: the settings read from --config or from the
// functionConfig, nil when there are none. A flag replaces the value of the
// same setting; --rule overrides come after base's rules, so they win.
func FromFlags(base *Settings, f Flags) (Settings, []Problem) {
	var s Settings
	if base != nil {
		s = *base
		s.Rules = append([]RuleSetting(nil), base.Rules...)
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
	switch {
	case f.Selector != nil:
		text := *f.Selector
		s.Selector = &Selector{Field: FlagSelector, Text: &text}
	case base == nil:
		probs = append(probs, Problem{Severity: fn.Error, Field: FlagSelector,
			Message: "no selector: give --selector with the labels of the Ingresses to change (e.g. --selector https-backend=enabled), or --config FILE"})
		// A placeholder Build accepts, so the error above is the only one;
		// an error problem stops the pipeline before anything is selected.
		s.Selector = &Selector{Field: FlagSelector, MatchLabels: map[string]string{}}
	}
	for _, v := range f.Rules {
		for _, pair := range strings.Split(v, ",") {
			if strings.TrimSpace(pair) == "" {
				continue
			}
			id, sev, ok := strings.Cut(strings.TrimSpace(pair), "=")
			if !ok {
				probs = append(probs, Problem{Severity: fn.Error, Field: FlagRule,
					Message: "--rule " + pair + " is not id=severity, e.g. --rule tls-secret=off"})
				continue
			}
			s.Rules = append(s.Rules, RuleSetting{Field: FlagRule, ID: strings.TrimSpace(id), Severity: strings.TrimSpace(sev)})
		}
	}
	return s, probs
}
