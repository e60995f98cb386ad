package validator

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
)

const implementationSpecific = "ImplementationSpecific"

// checkURLMatchMode checks each path against the ELB's forwarding-rule limits.
func checkURLMatchMode(_ *Context, ing *Ingress) []Finding {
	var out []Finding
	for _, p := range ing.Paths {
		out = append(out, checkPathRule(p)...)
	}
	return out
}

func checkPathRule(p Path) []Finding {
	var out []Finding
	mode, hasMode := p.Property[cce.URLMatchMode]
	// Field paths are joined only for a finding: every path of every Ingress is checked.
	switch {
	case p.PathType == "":
		out = append(out, Finding{Severity: Error, Field: p.Field + ".pathType", Proposed: implementationSpecific,
			Message: "pathType is missing, and it is required from v1.23 (which HTTPS backends need): set pathType: ImplementationSpecific with the url-match-mode property, or Prefix/Exact"})
	case hasMode && p.PathType != implementationSpecific:
		out = append(out, Finding{Severity: Warning, Field: p.Field + ".pathType", Current: p.PathType, Proposed: implementationSpecific,
			Message: "the path sets " + cce.URLMatchMode + " but pathType is " + p.PathType + ", and CCE reads the property only with ImplementationSpecific: set pathType: ImplementationSpecific, or drop the property"})
	}
	if hasMode && !slices.Contains(cce.URLMatchModes, mode) {
		out = append(out, Finding{Severity: Error, Field: p.Field + ".property[" + cce.URLMatchMode + "]", Current: mode, Proposed: "STARTS_WITH",
			Message: cce.URLMatchMode + " is " + strconv.Quote(mode) + ": use " + strings.Join(cce.URLMatchModes, ", ") + " (STARTS_WITH is the default)"})
		return out // the path checks depend on a valid mode
	}
	if !p.HasPath {
		// CCE requires path on every rule (cce_10_0252).
		return append(out, Finding{Severity: Error, Field: p.Field + ".path", Proposed: "/",
			Message: "the path entry has no path, which CCE requires on every forwarding rule (cce_10_0252): set path, for example \"/\""})
	}
	effective := effectiveMode(p.PathType, mode, hasMode)
	if n := utf8.RuneCountInString(p.Path); n < 1 || n > cce.MaxPathRuleLength {
		// Reported once; a path the ELB rejects anyway is not compiled, which
		// also keeps huge inputs cheap.
		return append(out, Finding{Severity: Error, Field: p.Field + ".path", Current: p.Path,
			Message: "path is " + strconv.Itoa(n) + " characters long, but an ELB forwarding rule takes 1 to " + strconv.Itoa(cce.MaxPathRuleLength) + ": shorten it"})
	}
	switch effective {
	case "REGEX":
		if _, err := compilePath(p.Path); err != nil {
			out = append(out, Finding{Severity: Error, Field: p.Field + ".path", Current: p.Path,
				Message: "path is not a valid regular expression for url-match-mode REGEX (" + err.Error() + "): fix the expression"})
		}
	default:
		if !strings.HasPrefix(p.Path, "/") {
			out = append(out, Finding{Severity: Error, Field: p.Field + ".path", Current: p.Path, Proposed: "/" + p.Path,
				Message: "path " + strconv.Quote(p.Path) + " does not start with /, which " + effective + " matching needs: write it as " + strconv.Quote("/"+p.Path)})
		}
	}
	return out
}

// compilePath compiles a REGEX path with Go's regexp: RE2 semantics, so
// compiling and matching take linear time whatever the pattern.
func compilePath(path string) (*regexp.Regexp, error) { return regexp.Compile(path) }

// effectiveMode is how the ELB matches the path: the property with
// ImplementationSpecific (STARTS_WITH by default), else what the pathType means.
func effectiveMode(pathType, mode string, hasMode bool) string {
	switch {
	case pathType == "Exact":
		return "EQUAL_TO"
	case pathType == implementationSpecific && hasMode:
		return mode
	}
	return "STARTS_WITH"
}
