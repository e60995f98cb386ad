package validator

import (
	"strings"
	"testing"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
)

func TestIngressClass(t *testing.T) {
	noClass := strings.Replace(simpleSpec, "ingressClassName: cce\n", "", 1)
	nginx := strings.Replace(simpleSpec, "ingressClassName: cce", "ingressClassName: nginx", 1)
	legacy := ann(cce.IngressClassAnno)
	runCases(t, "ingress-class", []ruleCase{
		{name: "ingressClassName cce passes", yaml: ingress("web", "", simpleSpec)},
		{name: "legacy annotation passes before v1.23", opts: Options{ClusterVersion: version("v1.21.7-r0")},
			yaml: ingress("web", "kubernetes.io/ingress.class: cce", noClass)},
		{name: "legacy annotation warns from v1.23", opts: Options{ClusterVersion: version("v1.23.8-r0")},
			yaml: ingress("web", "kubernetes.io/ingress.class: cce", noClass),
			want: []want{{sev: Warning, field: legacy, msg: "legacy form", current: "cce"}}},
		{name: "legacy annotation warns when the version is unknown",
			yaml: ingress("web", "kubernetes.io/ingress.class: cce", noClass),
			want: []want{{sev: Warning, field: legacy, msg: "spec.ingressClassName: cce", current: "cce"}}},
		{name: "other class", yaml: ingress("web", "", nginx),
			want: []want{{sev: Error, field: "spec.ingressClassName", msg: `"nginx" belongs to another controller`, current: "nginx", proposed: "cce"}}},
		{name: "other legacy class", yaml: ingress("web", "kubernetes.io/ingress.class: nginx", noClass),
			want: []want{{sev: Error, field: legacy, msg: "another controller", current: "nginx", proposed: "cce"}}},
		{name: "no class", yaml: ingress("web", "", noClass),
			want: []want{{sev: Error, field: "spec.ingressClassName", msg: "names no ingress class", proposed: "cce"}}},
		{name: "both forms", yaml: ingress("web", "kubernetes.io/ingress.class: cce", simpleSpec),
			want: []want{{sev: Error, field: legacy, msg: "API server rejects", current: "cce"}}},
		{name: "both forms, other class", yaml: ingress("web", "kubernetes.io/ingress.class: cce", nginx),
			want: []want{
				{sev: Error, field: legacy, msg: "API server rejects", current: "cce"},
				{sev: Error, field: "spec.ingressClassName", msg: "another controller", current: "nginx", proposed: "cce"},
			}},
	})
}
