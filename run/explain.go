package run

import (
	"bytes"
	"io"
	"strings"

	"github.com/cce-ingress-https/cce-ingress-https/docs/rules"
	"github.com/cce-ingress-https/cce-ingress-https/validator"
)

// explain prints the page of a rule (docs/rules/<id>.md, embedded).
func explain(id string, stdout, stderr io.Writer) int {
	if _, known := validator.RuleByID(id); known {
		if page, ok := rules.Page(id); ok {
			// The generated-file comment is for editors of the repository.
			if bytes.HasPrefix(page, []byte("<!--")) {
				_, page, _ = bytes.Cut(page, []byte("\n"))
			}
			stdout.Write(page)
			return exitOK
		}
	}
	ids := make([]string, len(validator.Rules))
	for i, r := range validator.Rules {
		ids[i] = r.ID
	}
	return usageError(stderr, usageErr("--explain %q: no such rule; use one of %s", id, strings.Join(ids, ", ")))
}
