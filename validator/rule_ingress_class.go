package validator

import (
	"strconv"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
)

// legacyClassCutoff is the first version where spec.ingressClassName is the
// required form and the annotation is legacy.
var legacyClassCutoff = cce.MustVersion("v1.23.0-r0")

// checkIngressClass: only CCE's ELB controller reads the elb annotations.
//
// With the legacy annotation and no clusterVersion, the rule still warns:
// HTTPS backends need v1.23.8-r0 or later, so any cluster where this Ingress
// works is one where the annotation is legacy.
func checkIngressClass(c *Context, ing *Ingress) []Finding {
	legacy, hasLegacy := ing.Annotations[cce.IngressClassAnno]
	legacyField := AnnotationField(cce.IngressClassAnno)
	switch {
	case ing.ClassName != "" && hasLegacy:
		// The API server rejects an Ingress that sets both on create.
		f := Finding{Severity: Error, Field: legacyField, Current: legacy,
			Message: "the Ingress sets both spec.ingressClassName and the legacy " + cce.IngressClassAnno + " annotation, which the Kubernetes API server rejects: remove the annotation"}
		out := []Finding{f}
		if ing.ClassName != cce.IngressClassCCE {
			out = append(out, otherClass("spec.ingressClassName", ing.ClassName))
		}
		return out
	case ing.ClassName != "":
		if ing.ClassName != cce.IngressClassCCE {
			return []Finding{otherClass("spec.ingressClassName", ing.ClassName)}
		}
		return nil
	case hasLegacy && legacy != cce.IngressClassCCE:
		return []Finding{otherClass(legacyField, legacy)}
	case hasLegacy:
		if c.ClusterVersion != nil && c.ClusterVersion.Less(legacyClassCutoff) {
			return nil
		}
		return []Finding{{Severity: Warning, Field: legacyField, Current: legacy,
			Message: cce.IngressClassAnno + " is the legacy form (v1.21 and earlier); from v1.23, which HTTPS backends need, " +
				"CCE expects spec.ingressClassName: cce: set that and remove the annotation"}}
	}
	return []Finding{{Severity: Error, Field: "spec.ingressClassName", Proposed: cce.IngressClassCCE,
		Message: "the Ingress names no ingress class, so CCE's ELB controller may not handle it: set spec.ingressClassName: cce"}}
}

func otherClass(field, class string) Finding {
	return Finding{Severity: Error, Field: field, Current: class, Proposed: cce.IngressClassCCE,
		Message: "ingress class " + strconv.Quote(class) + " belongs to another controller, which ignores every CCE ELB annotation: set spec.ingressClassName: cce"}
}
