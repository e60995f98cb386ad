package validator

import (
	"testing"

	"github.com/kptdev/krm-functions-sdk/go/fn"
)

func TestNoMatch(t *testing.T) {
	runCases(t, "no-match", []ruleCase{
		{name: "a match passes", selectAll: true, yaml: ingress("web", "", simpleSpec)},
		{name: "no selection info passes", yaml: ingress("web", "", simpleSpec)},
		{name: "nothing selected warns", opts: Options{Selected: map[*fn.KubeObject]bool{}}, yaml: ingress("web", "", simpleSpec),
			want: []want{{sev: Warning, field: "selector", msg: "matches no Ingress"}}},
		{name: "no Ingress at all warns", selectAll: true, yaml: service("web", "NodePort", "- port: 443\n"),
			want: []want{{sev: Warning, field: "selector", msg: "matches no Ingress"}}},
	})
}
