package validator

import (
	"strconv"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
)

func checkDedicatedELB(_ *Context, ing *Ingress) []Finding {
	field := AnnotationField(cce.Class)
	class, ok := ing.Annotations[cce.Class]
	switch {
	case !ok:
		return []Finding{{Severity: Warning, Field: field, Proposed: cce.ClassDedicated,
			Message: "kubernetes.io/elb.class is not set; " + ing.backends() + " need a dedicated ELB and sources disagree on the default: set it to performance"}}
	case class == cce.ClassDedicated:
		return nil
	case class == cce.ClassShared:
		return []Finding{{Severity: Error, Field: field, Current: class, Proposed: cce.ClassDedicated,
			Message: "kubernetes.io/elb.class is union (a shared ELB), which cannot use " + ing.backends() + ": use a dedicated ELB and set it to performance"}}
	}
	return []Finding{{Severity: Error, Field: field, Current: class, Proposed: cce.ClassDedicated,
		Message: "kubernetes.io/elb.class is " + strconv.Quote(class) + ", not a CCE ELB class: set it to performance (dedicated)"}}
}
