package config

import (
	"testing"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"k8s.io/apimachinery/pkg/labels"
	"sigs.k8s.io/kustomize/kyaml/yaml"
)

const typedHead = "apiVersion: fn.kpt.dev/v1alpha1\nkind: IngressHTTPSBackend\nmetadata: {name: x}\n"
const configMapHead = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: function-input}\n"

// A typo anywhere in the configuration is an error naming the field, with
// the closest known name; nothing is selected.
func TestUnknownFieldsAreErrors(t *testing.T) {
	for name, tc := range map[string]struct{ text, field, msg string }{
		"top level":         {typedHead + "selector: a=b\ncipherPolicy: tls-1-2\n", "cipherPolicy", "did you mean ciphersPolicy?"},
		"case matters":      {typedHead + "selector: a=b\nvalidateonly: true\n", "validateonly", "did you mean validateOnly? (field names are case-sensitive)"},
		"in selector":       {typedHead + "selector: {matchLabel: {https-backend: enabled}}\n", "selector.matchLabel", "did you mean selector.matchLabels?"},
		"in an expression":  {typedHead + "selector: {matchExpressions: [{key: a, operator: Exists, value: [b]}]}\n", "selector.matchExpressions[0].value", "did you mean selector.matchExpressions[0].values?"},
		"rule id":           {typedHead + "selector: a=b\nrules: {tls-secrets: off}\n", "rules.tls-secrets", "unknown rule"},
		"no suggestion":     {typedHead + "selector: a=b\nfrobnicate: 1\n", "frobnicate", "use one of apiVersion, kind, metadata, selector"},
		"ConfigMap kebab":   {configMapHead + "data: {selector: a=b, ciphers-policy: tls-1-2-strict}\n", "data.ciphers-policy", "did you mean data.ciphersPolicy?"},
		"ConfigMap case":    {configMapHead + "data: {selector: a=b, Port: '8443'}\n", "data.Port", "did you mean data.port? (field names are case-sensitive)"},
		"ConfigMap outside": {configMapHead + "data: {selector: a=b}\nbinaryData: {}\n", "binaryData", "unknown field binaryData"},
	} {
		t.Run(name, func(t *testing.T) {
			c, probs := parse(t, tc.text)
			require.Len(t, probs, 1, "%+v", probs)
			assert.Equal(t, fn.Error, probs[0].Severity)
			assert.Equal(t, tc.field, probs[0].Field)
			assert.Contains(t, probs[0].Message, tc.msg)
			assert.Nil(t, c.Transform.Selector, "nothing may be selected")
		})
	}
}

// Values must have the type the schema gives them.
func TestWrongTypesAreErrors(t *testing.T) {
	for name, tc := range map[string]struct{ text, field, msg string }{
		"port as a string":     {typedHead + "selector: a=b\nport: \"8443\"\n", "port", `port must be a whole number (port: 443), found the string "8443"`},
		"validateOnly string":  {typedHead + "selector: a=b\nvalidateOnly: \"true\"\n", "validateOnly", "must be true or false, unquoted"},
		"validateOnly 1":       {typedHead + "selector: a=b\nvalidateOnly: 1\n", "validateOnly", "found the number 1"},
		"selectAll string":     {typedHead + "selectAll: yes\n", "selectAll", `found the string "yes"`},
		"port as a list":       {typedHead + "selector: a=b\nport: [443]\n", "port", "must be a single value"},
		"rules as a list":      {typedHead + "selector: a=b\nrules: [tls-secret=off]\n", "rules", "must be a mapping"},
		"ConfigMap bool":       {configMapHead + "data: {selector: a=b, validateOnly: 'yes'}\n", "data.validateOnly", "not true or false"},
		"ConfigMap bool True":  {configMapHead + "data: {selector: a=b, validateOnly: 'True'}\n", "data.validateOnly", "not true or false"},
		"ConfigMap selectAll":  {configMapHead + "data: {selectAll: '1'}\n", "data.selectAll", "not true or false"},
		"expression not a map": {typedHead + "selector: {matchExpressions: [a]}\n", "selector.matchExpressions[0]", "must be a mapping"},
	} {
		t.Run(name, func(t *testing.T) {
			_, probs := parse(t, tc.text)
			require.Len(t, probs, 1, "%+v", probs)
			assert.Equal(t, fn.Error, probs[0].Severity)
			assert.Equal(t, tc.field, probs[0].Field)
			assert.Contains(t, probs[0].Message, tc.msg)
		})
	}
}

// A selector that is empty in any spelling selects nothing and is an
// error that says how to select every Ingress on purpose.
func TestEmptySelectorIsAnError(t *testing.T) {
	for name, tc := range map[string]struct{ text, field, hint string }{
		"missing":                {typedHead + "port: 443\n", "selector", "selectAll: true"},
		"null":                   {typedHead + "selector:\n", "selector", "selectAll: true"},
		"{}":                     {typedHead + "selector: {}\n", "selector", "selectAll: true"},
		"empty matchLabels":      {typedHead + "selector: {matchLabels: {}}\n", "selector", "selectAll: true"},
		"commented-out entries":  {typedHead + "selector:\n  matchLabels:\n    # https-backend: enabled\n", "selector", "selectAll: true"},
		"empty matchExpressions": {typedHead + "selector: {matchExpressions: []}\n", "selector", "selectAll: true"},
		"both empty":             {typedHead + "selector: {matchLabels: null, matchExpressions: null}\n", "selector", "selectAll: true"},
		"empty string":           {typedHead + "selector: ''\n", "selector", "selectAll: true"},
		"selectAll false":        {typedHead + "selectAll: false\n", "selector", "selectAll: true"},
		"ConfigMap missing":      {configMapHead + "data: {port: '443'}\n", "data.selector", "-- selectAll=true"},
		"ConfigMap empty":        {configMapHead + "data: {selector: ''}\n", "data.selector", "-- selectAll=true"},
		"ConfigMap no data":      {configMapHead, "data.selector", "-- selectAll=true"},
	} {
		t.Run(name, func(t *testing.T) {
			c, probs := parse(t, tc.text)
			require.Len(t, probs, 1, "%+v", probs)
			assert.Equal(t, fn.Error, probs[0].Severity)
			assert.Equal(t, tc.field, probs[0].Field)
			assert.Contains(t, probs[0].Message, "selects nothing")
			assert.Contains(t, probs[0].Message, tc.hint)
			assert.Nil(t, c.Transform.Selector)
		})
	}
	for _, args := range [][]string{{"--selector", ""}, {"--selector", " "}, {"--port", "443"}} {
		_, probs := Load(nil, parseFlags(t, args...))
		require.Len(t, probs, 1, "%v: %+v", args, probs)
		assert.Equal(t, FlagSelector, probs[0].Field)
		assert.Contains(t, probs[0].Message, "give --select-all")
	}
}

// selectAll: true is the one way to change every Ingress, in every form.
func TestSelectAll(t *testing.T) {
	for name, c := range map[string]Config{
		"typed":     must(parse(t, typedHead+"selectAll: true\n")),
		"ConfigMap": must(parse(t, configMapHead+"data: {selectAll: 'true'}\n")),
		"flag":      must(Load(nil, parseFlags(t, "--select-all"))),
		"flag over a file's selector": must(func() (Config, []Problem) {
			return Load(node(t, typedHead+"selector: a=b\n"), parseFlags(t, "--select-all"))
		}()),
	} {
		assert.True(t, c.Transform.Selector.Matches(labels.Set{}), name)
		assert.True(t, c.Transform.Selector.Matches(labels.Set{"any": "thing"}), name)
	}
	for name, tc := range map[string]struct {
		text  string
		flags []string
		field string
	}{
		"both in typed":     {typedHead + "selectAll: true\nselector: a=b\n", nil, "selectAll"},
		"both in ConfigMap": {configMapHead + "data: {selectAll: 'true', selector: a=b}\n", nil, "data.selectAll"},
		"both flags":        {"", []string{"--select-all", "--selector", "a=b"}, "--select-all"},
	} {
		_, probs := Load(node(t, tc.text), parseFlags(t, tc.flags...))
		require.Len(t, probs, 1, "%s: %+v", name, probs)
		assert.Equal(t, tc.field, probs[0].Field, name)
		assert.Contains(t, probs[0].Message, "both given", name)
	}
}

// data.rules and --rule are read by one parser, strictly.
func TestRuleOverridesAgree(t *testing.T) {
	for _, text := range []string{"tls-secret=off,", ",tls-secret=off", "tls-secret=off,,no-match=error", "tls-secret", "=off", "tls-secret=", "", "tls-secret=off,tls-secret=error"} {
		_, fromData := parse(t, configMapHead+"data: {selector: a=b, rules: '"+text+"'}\n")
		_, fromFlag := Load(nil, parseFlags(t, "--selector", "a=b", "--rule", text))
		require.Len(t, fromData, 1, "data.rules %q: %+v", text, fromData)
		require.Len(t, fromFlag, 1, "--rule %q: %+v", text, fromFlag)
		assert.Equal(t, "data.rules", fromData[0].Field)
		assert.Equal(t, FlagRule, fromFlag[0].Field)
		assert.Equal(t, fromData[0].Message[len("data.rules"):], fromFlag[0].Message[len(FlagRule):], "same message for %q", text)
	}
	_, probs := Load(nil, parseFlags(t, "--selector", "a=b", "--rule", "tls-secret=off,"))
	require.Len(t, probs, 1)
	assert.Equal(t, `--rule "tls-secret=off," has an empty entry: remove the stray comma`, probs[0].Message)
	_, probs = Load(nil, parseFlags(t, "--selector", "a=b", "--rule", "tls-secret=off", "--rule", "tls-secret=error"))
	require.Len(t, probs, 1)
	assert.Contains(t, probs[0].Message, "sets rule tls-secret twice")
	c := must(Load(nil, parseFlags(t, "--selector", "a=b", "--rule", " tls-secret = off , no-match=error ")))
	assert.Equal(t, map[string]fn.Severity{"tls-secret": "off", "no-match": fn.Error}, c.Validate.Overrides)
}

func must(c Config, probs []Problem) Config {
	if len(probs) > 0 {
		panic(probs[0].Field + ": " + probs[0].Message)
	}
	return c
}

// node parses one YAML document; "" is no document.
func node(t *testing.T, text string) *yaml.Node {
	t.Helper()
	if text == "" {
		return nil
	}
	var doc yaml.Node
	require.NoError(t, yaml.Unmarshal([]byte(text), &doc))
	return doc.Content[0]
}
