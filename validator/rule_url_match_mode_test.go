package validator

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
)

// pathSpec is a spec with one path; property is the url-match-mode ("" for none).
func pathSpec(path, pathType, mode string) string {
	s := "rules:\n- http:\n    paths:\n    - path: '" + path + "'\n"
	if pathType != "" {
		s += "      pathType: " + pathType + "\n"
	}
	if mode != "" {
		s += "      property:\n        ingress.beta.kubernetes.io/url-match-mode: " + mode + "\n"
	}
	return s + "      backend: {service: {name: web, port: {number: 443}}}\n"
}

func TestURLMatchMode(t *testing.T) {
	const p = "spec.rules[0].http.paths[0]"
	mode := p + ".property[" + cce.URLMatchMode + "]"
	is := "ImplementationSpecific"
	long := "/" + strings.Repeat("a", 128)
	runCases(t, "url-match-mode", []ruleCase{
		{name: "STARTS_WITH passes", yaml: ingress("web", "", pathSpec("/", is, "STARTS_WITH"))},
		{name: "EQUAL_TO passes", yaml: ingress("web", "", pathSpec("/exact", is, "EQUAL_TO"))},
		{name: "REGEX passes", yaml: ingress("web", "", pathSpec(`/api/v[0-9]+/.*`, is, "REGEX"))},
		{name: "Prefix without property passes", yaml: ingress("web", "", pathSpec("/", "Prefix", ""))},
		{name: "128 characters pass", yaml: ingress("web", "", pathSpec(long[:128], "Prefix", ""))},
		{name: "unknown mode", yaml: ingress("web", "", pathSpec("/", is, "PREFIX")),
			want: []want{{sev: Error, field: mode, msg: `"PREFIX": use STARTS_WITH, EQUAL_TO, REGEX`, current: "PREFIX", proposed: "STARTS_WITH"}}},
		{name: "pathType missing", yaml: ingress("web", "", pathSpec("/", "", "")),
			want: []want{{sev: Error, field: p + ".pathType", msg: "pathType is missing", proposed: is}}},
		{name: "property with Prefix", yaml: ingress("web", "", pathSpec("/", "Prefix", "EQUAL_TO")),
			want: []want{{sev: Warning, field: p + ".pathType", msg: "reads the property only with ImplementationSpecific", current: "Prefix", proposed: is}}},
		{name: "STARTS_WITH path without slash", yaml: ingress("web", "", pathSpec("api", is, "STARTS_WITH")),
			want: []want{{sev: Error, field: p + ".path", msg: "does not start with /", current: "api", proposed: "/api"}}},
		{name: "EQUAL_TO path without slash", yaml: ingress("web", "", pathSpec("api", is, "EQUAL_TO")),
			want: []want{{sev: Error, field: p + ".path", msg: "EQUAL_TO matching", current: "api", proposed: "/api"}}},
		{name: "default mode path without slash", yaml: ingress("web", "", pathSpec("api", is, "")),
			want: []want{{sev: Error, field: p + ".path", msg: "STARTS_WITH matching", current: "api", proposed: "/api"}}},
		{name: "path is mandatory", yaml: ingress("web", "", "rules:\n- http:\n    paths:\n    - pathType: Prefix\n      backend: {service: {name: web, port: {number: 443}}}\n"),
			want: []want{{sev: Error, field: p + ".path", msg: "has no path, which CCE requires on every forwarding rule (cce_10_0252)", proposed: "/"}}},
		{name: "REGEX need not start with slash", yaml: ingress("web", "", pathSpec(`.*\.png`, is, "REGEX"))},
		{name: "path too long", yaml: ingress("web", "", pathSpec(long, is, "STARTS_WITH")),
			want: []want{{sev: Error, field: p + ".path", msg: "129 characters long", current: long}}},
		{name: "empty path", yaml: ingress("web", "", pathSpec("", is, "")),
			want: []want{{sev: Error, field: p + ".path", msg: "0 characters long", current: ""}}},
		{name: "too long is reported alone", yaml: ingress("web", "", pathSpec("api("+long, is, "REGEX")),
			want: []want{{sev: Error, field: p + ".path", msg: "133 characters long", current: "api(" + long}}},
		{name: "too long without slash is reported alone", yaml: ingress("web", "", pathSpec(long[1:]+"aa", is, "")), // 130 characters
			want: []want{{sev: Error, field: p + ".path", msg: "130 characters long", current: long[1:] + "aa"}}},
		{name: "REGEX does not compile", yaml: ingress("web", "", pathSpec(`/api/(v1`, is, "REGEX")),
			want: []want{{sev: Error, field: p + ".path", msg: "not a valid regular expression", current: `/api/(v1`}}},
		{name: "REGEX uses RE2, not PCRE", yaml: ingress("web", "", pathSpec(`/(?!admin).*`, is, "REGEX")),
			want: []want{{sev: Error, field: p + ".path", msg: "not a valid regular expression", current: `/(?!admin).*`}}},
	})
}

// TestRegexPathMatchIsLinear compiles a pattern that backtracks
// exponentially in PCRE, under the path length limit, and matches it
// against a subject that triggers the backtracking: with RE2 it ends at
// once; a backtracking engine would run into the test timeout (there is no
// timing assertion). A backreference, which needs backtracking, is refused.
func TestRegexPathMatchIsLinear(t *testing.T) {
	re, err := compilePath(`/(a+)+$`)
	require.NoError(t, err)
	assert.False(t, re.MatchString("/"+strings.Repeat("a", 1<<16)+"!"))
	assert.True(t, re.MatchString("/aaaa"))
	_, err = compilePath(`/(a+)+\1$`)
	assert.ErrorContains(t, err, "invalid escape sequence")
}
