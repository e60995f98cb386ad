package validator

import "github.com/kptdev/krm-functions-sdk/go/fn"

// DocsURL is where the rule pages (docs/rules/<id>.md) are published.
const DocsURL = "https://github.com/cce-ingress-https/cce-ingress-https/blob/main/docs/rules/"

// HelpURL is the address of a rule's page.
func HelpURL(id string) string { return DocsURL + id + ".md" }

// HelpTag is the result tag that carries the address of the rule's page.
const HelpTag = "help"

// LinkPages tags every result of a rule in the table with its page, so
// kpt, the JSON results and code-scanning tools lead to it.
func LinkPages(results fn.Results) {
	for _, r := range results {
		if _, ok := RuleByID(r.Tags["rule"]); ok {
			r.Tags[HelpTag] = HelpURL(r.Tags["rule"])
		}
	}
}
