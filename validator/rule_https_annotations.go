package validator

import (
	"strconv"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
)

// checkHTTPSAnnotations only speaks in validateOnly mode: the transformer
// otherwise writes the annotations itself.
func checkHTTPSAnnotations(c *Context, ing *Ingress) []Finding {
	if !c.ValidateOnly || !ing.Selected || c.Conflicts[ing.Item.Object()] {
		return nil
	}
	var out []Finding
	for _, want := range cce.Written(c.Port, c.CiphersPolicy) {
		got, ok := ing.Annotations[want[0]]
		if ok && got == want[1] {
			continue
		}
		f := Finding{Severity: Error, Field: AnnotationField(want[0]), Proposed: want[1]}
		switch {
		case ok:
			f.Current = got
			f.Message = want[0] + " is " + strconv.Quote(got) + ", want " + strconv.Quote(want[1]) + ": run the function as a transformer, or set it by hand"
		case ing.hasProblem(AnnotationField(want[0])):
			f.Message = want[0] + " is not a string (see ingress-schema), want " + strconv.Quote(want[1]) +
				": run the function as a transformer, which writes it as a string, or quote it by hand"
		default:
			f.Message = want[0] + " is missing, want " + strconv.Quote(want[1]) + ": run the function as a transformer, or set it by hand"
		}
		out = append(out, f)
	}
	return out
}
