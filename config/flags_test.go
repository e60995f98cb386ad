package config

import (
	"flag"
	"io"
	"testing"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func parseFlags(t *testing.T, args ...string) Flags {
	t.Helper()
	var f Flags
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	f.register(fs)
	require.NoError(t, fs.Parse(args))
	return f
}

func TestFlagsNameThemselvesInSettings(t *testing.T) {
	f := parseFlags(t, "--selector", "app=web", "--port", "8443", "--ciphers-policy", "tls-1-2-strict",
		"--cluster-version", "v1.25.3-r0", "--validate-only", "--rule", "tls-secret=off", "--rule", "no-match=error,dedicated-elb=warning")
	assert.True(t, f.Given())
	s, probs := fromFlags(nil, f)
	assert.Empty(t, probs)
	require.NotNil(t, s.Selector)
	assert.Equal(t, "--selector", s.Selector.Field)
	assert.Equal(t, "app=web", *s.Selector.Text)
	assert.Equal(t, Value{"--port", "8443"}, s.Port)
	assert.Equal(t, Value{"--ciphers-policy", "tls-1-2-strict"}, s.CiphersPolicy)
	assert.Equal(t, Value{"--cluster-version", "v1.25.3-r0"}, s.ClusterVersion)
	assert.Equal(t, Value{"--validate-only", "true"}, s.ValidateOnly)
	assert.Equal(t, []RuleSetting{{"--rule", "tls-secret", "off"}, {"--rule", "no-match", "error"}, {"--rule", "dedicated-elb", "warning"}}, s.Rules)
	cfg, probs := build(s)
	assert.Empty(t, probs)
	assert.Equal(t, 8443, cfg.Transform.Port)
	assert.True(t, cfg.Transform.ValidateOnly)
	assert.Equal(t, fn.Severity("off"), cfg.Validate.Overrides["tls-secret"])
}

func TestFlagsOverrideBase(t *testing.T) {
	text := "tier=web"
	base := Settings{
		Selector: &Selector{Field: "selector", Text: &text},
		Port:     Value{"port", "443"}, CiphersPolicy: Value{"ciphersPolicy", "tls-1-2"},
		Rules: []RuleSetting{{"rules.tls-secret", "tls-secret", "off"}},
	}
	s, probs := fromFlags(&base, parseFlags(t, "--port", "9443", "--rule", "tls-secret=error"))
	assert.Empty(t, probs)
	assert.Equal(t, Value{"--port", "9443"}, s.Port, "the flag wins")
	assert.Equal(t, Value{"ciphersPolicy", "tls-1-2"}, s.CiphersPolicy, "unset flags keep the file's values")
	assert.Same(t, base.Selector, s.Selector)
	cfg, probs := build(s)
	assert.Empty(t, probs)
	assert.Equal(t, fn.Error, cfg.Validate.Overrides["tls-secret"], "--rule comes after the file's rules")
	assert.Len(t, base.Rules, 1, "base is not changed")
}

func TestFlagErrorsNameTheFlag(t *testing.T) {
	for _, tc := range []struct {
		args  []string
		field string
	}{
		{[]string{"--selector", "app=web", "--port", "0"}, "--port"},
		{[]string{"--selector", "app=web", "--ciphers-policy", "tls-9"}, "--ciphers-policy"},
		{[]string{"--selector", "app=web", "--cluster-version", "latest"}, "--cluster-version"},
		{[]string{"--selector", "app=web", "--validate-only=perhaps"}, "--validate-only"},
		{[]string{"--selector", "app=web", "--rule", "nope=off"}, "--rule"},
		{[]string{"--selector", "app=web", "--rule", "tls-secret=loud"}, "--rule"},
		{[]string{"--selector", "app=web", "--rule", "tls-secret"}, "--rule"},
		{[]string{"--selector", "a b c"}, "--selector"},
		{[]string{"--selector", ""}, "--selector"},
		{[]string{"--port", "443"}, "--selector"},
	} {
		s, probs := fromFlags(nil, parseFlags(t, tc.args...))
		_, more := build(s)
		probs = append(probs, more...)
		require.Len(t, probs, 1, "%v: exactly one problem: %v", tc.args, probs)
		assert.Equal(t, fn.Error, probs[0].Severity)
		assert.Equal(t, tc.field, probs[0].Field, "%v", tc.args)
	}
}

func TestNoFlags(t *testing.T) {
	assert.False(t, Flags{}.Given())
	base := Settings{Port: Value{"data.port", "80"}}
	s, probs := fromFlags(&base, Flags{})
	assert.Empty(t, probs, "with --config, a missing --selector is the file's business")
	assert.Equal(t, base, s)
}
