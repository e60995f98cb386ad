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
		id := r.Tags["rule"]
		if _, ok := RuleByID(id); !ok {
			continue
		}
		if len(r.Tags) == 1 {
			r.Tags = ruleTags(id, true)
			continue
		}
		tags := make(map[string]string, len(r.Tags)+1) // the map may be shared
		for k, v := range r.Tags {
			tags[k] = v
		}
		tags[HelpTag] = HelpURL(id)
		r.Tags = tags
	}
}
