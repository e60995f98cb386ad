// Command gendocs writes the README's rule reference and one page per rule
// from the rule table in code and the golden cases, so the docs cannot drift
// from the checks:
//
//	validator.Rules, report.Tags ──Render──> markdown table + result tags
//	README.md ──Splice (between <!-- BEGIN RULES ... --> and <!-- END RULES -->)──> README.md
//	validator.Rules + testdata/rule-<id>-{fail,fixed}/ ──Pages──> docs/rules/<id>.md
//
// It runs from `go generate ./...` (the directive is in validator/rules.go)
// and works in the module root, the nearest directory above the working
// directory that holds go.mod. Tests in this package fail when README.md or
// a page is stale.
package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/cce-ingress-https/cce-ingress-https/internal/modroot"
	"github.com/cce-ingress-https/cce-ingress-https/report"
	"github.com/cce-ingress-https/cce-ingress-https/validator"
)

// Markers around the generated part of README.md. The begin marker is
// matched as a prefix so its comment can carry a note for editors.
const (
	beginMarker = "<!-- BEGIN RULES"
	endMarker   = "<!-- END RULES -->"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
}

func run() error {
	root, err := modroot.Find()
	if err != nil {
		return err
	}
	pages, err := Pages(root, validator.Rules)
	if err != nil {
		return err
	}
	if _, err := WritePages(root, pages); err != nil {
		return err
	}
	for _, r := range validator.Rules {
		fail, fixed, _ := LoadExamples(root, r.ID)
		for _, c := range []struct {
			ex   *Example
			name string
		}{{fail, "fail"}, {fixed, "fixed"}} {
			if c.ex == nil {
				fmt.Fprintf(os.Stderr, "gendocs: no golden case testdata/rule-%s-%s: the page of rule %s says \"No example yet\" (see CONTRIBUTING.md)\n", r.ID, c.name, r.ID)
			}
		}
	}
	path := filepath.Join(root, "README.md")
	old, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	updated, err := Splice(old, Render(validator.Rules))
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if bytes.Equal(old, updated) {
		return nil
	}
	return os.WriteFile(path, updated, 0o644)
}

// Render writes the rule table and the list of result tags that are not rules.
func Render(rules []validator.Rule) string {
	var b strings.Builder
	b.WriteString("| id | default severity | what it checks | how to fix |\n| --- | --- | --- | --- |\n")
	for _, r := range rules {
		fmt.Fprintf(&b, "| [`%s`](%s/%s.md) | %s | %s | %s |\n", r.ID, pagesDir, r.ID, r.Severity, cell(r.Summary), cell(r.Fix))
	}
	b.WriteString(`
Each rule's page (linked from its id, printed by ` + "`cce-ingress-https --explain <id>`" + `,
and named in every result's ` + "`help`" + ` tag) says what CCE requires and why, and shows
a failing and a fixed example.

A rule's findings can have their own severity (the default is the rule's
usual one): ` + "`dedicated-elb`" + ` warns when the class is missing, ` + "`backend-service`" + `
errs on a missing port. The transformer's info results about each annotation
it set are tagged ` + "`https-annotations`" + ` too; they report changes, not checks, so
overrides and exemptions leave them alone.

- **Override** a rule for the whole run in the config: ` + "`rules: {backend-service: error, tls-secret: \"off\"}`" + `
  (typed form) or ` + "`data.rules: \"backend-service=error,tls-secret=off\"`" + ` (ConfigMap). The
  severity (` + "`error`" + `, ` + "`warning`" + `, ` + "`info`" + `) replaces that of every finding of the rule;
  ` + "`off`" + ` drops them. For ` + "`input`" + ` that is the findings about items; a file or
  stream that cannot be read is always an error.
- **Exempt** one Ingress from a rule with the annotation
  ` + "`ignore-rule.cce-ingress-https/<rule-id>: \"<reason>\"`" + `: the rule is skipped for that
  Ingress and an info result quotes the reason. An empty reason exempts nothing
  and is an error (rule ` + "`exemption`" + `).

Results that come from no rule carry these tags:

| tag | meaning |
| --- | --- |
`)
	for _, t := range report.Tags {
		fmt.Fprintf(&b, "| `%s` | %s |\n", t.ID, cell(t.Meaning))
	}
	return b.String()
}

// cell escapes text for a markdown table cell; < and > would otherwise turn
// placeholders like <rule-id> into HTML tags that renderers hide.
func cell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "<", "&lt;", ">", "&gt;").Replace(s)
}

// Splice replaces the text between the marker lines with body.
func Splice(readme []byte, body string) ([]byte, error) {
	text := string(readme)
	start := strings.Index(text, beginMarker)
	if start < 0 {
		return nil, fmt.Errorf("no %q line", beginMarker)
	}
	afterBegin := strings.Index(text[start:], "\n")
	if afterBegin < 0 {
		return nil, fmt.Errorf("nothing after %q", beginMarker)
	}
	afterBegin += start + 1
	end := strings.Index(text[afterBegin:], endMarker)
	if end < 0 {
		return nil, fmt.Errorf("no %q after %q", endMarker, beginMarker)
	}
	end += afterBegin
	return []byte(text[:afterBegin] + body + text[end:]), nil
}
