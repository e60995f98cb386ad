package config

import (
	"github.com/kptdev/krm-functions-sdk/go/fn"
	"sigs.k8s.io/kustomize/kyaml/yaml"
)

// Load assembles the configuration: the functionConfig or --config document
// fc (nil when there is none) with the flags laid over it. It returns the
// problems naming each field; when one is an error the Config is unusable
// and nothing may be selected or changed. Problems found while reading stop
// there: checking the values of a half-read configuration would only echo
// them (a "selector is required" after "unknown kind").
func Load(fc *yaml.Node, f Flags) (Config, []Problem) {
	var s Settings
	var probs []Problem
	switch {
	case fc == nil && f.Given():
		s, probs = fromFlags(nil, f)
	case !f.Given():
		s, probs = fromNode(fc)
	default:
		base, p := fromNode(fc)
		s, probs = fromFlags(&base, f)
		probs = append(p, probs...)
	}
	if HasError(probs) {
		return Config{}, probs
	}
	c, more := build(s)
	if probs = append(probs, more...); HasError(probs) {
		return Config{}, probs
	}
	return c, probs
}

// HasError reports whether any problem is an error.
func HasError(probs []Problem) bool {
	for _, p := range probs {
		if p.Severity == fn.Error {
			return true
		}
	}
	return false
}
