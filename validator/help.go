package validator

// DocsURL is where the rule pages (docs/rules/<id>.md) are published.
const DocsURL = "https://github.com/cce-ingress-https/cce-ingress-https/blob/main/docs/rules/"

// HelpURL is the address of a rule's page.
func HelpURL(id string) string { return DocsURL + id + ".md" }
