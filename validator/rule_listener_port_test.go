package validator

import (
	"testing"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
)

func TestListenerPort(t *testing.T) {
	port, lp := ann(cce.Port), ann(cce.ListenPorts)
	runCases(t, "listener-port", []ruleCase{
		{name: "443 passes", yaml: ingress("web", `kubernetes.io/elb.port: "443"`, simpleSpec)},
		{name: "no port passes", yaml: ingress("web", "", simpleSpec)},
		{name: "65535 passes", yaml: ingress("web", `kubernetes.io/elb.port: "65535"`, simpleSpec)},
		{name: "listen-ports agreeing with port passes",
			yaml: ingress("web", "kubernetes.io/elb.port: \"8443\"\nkubernetes.io/elb.listen-ports: '[{\"HTTP\":80},{\"HTTPS\":8443}]'", simpleSpec)},
		{name: "not a number", yaml: ingress("web", `kubernetes.io/elb.port: "https"`, simpleSpec),
			want: []want{{sev: Error, field: port, msg: `"https", not a port`, current: "https"}}},
		{name: "zero", yaml: ingress("web", `kubernetes.io/elb.port: "0"`, simpleSpec),
			want: []want{{sev: Error, field: port, msg: "from 1 to 65535", current: `0`}}},
		{name: "too large", yaml: ingress("web", `kubernetes.io/elb.port: "65536"`, simpleSpec),
			want: []want{{sev: Error, field: port, msg: "from 1 to 65535", current: `65536`}}},
		{name: "sign", yaml: ingress("web", `kubernetes.io/elb.port: "+443"`, simpleSpec),
			want: []want{{sev: Error, field: port, msg: "not a port", current: `+443`}}},
		{name: "leading zero", yaml: ingress("web", `kubernetes.io/elb.port: "0443"`, simpleSpec),
			want: []want{{sev: Error, field: port, msg: "not a port", current: `0443`}}},
		{name: "spaces", yaml: ingress("web", `kubernetes.io/elb.port: " 443"`, simpleSpec),
			want: []want{{sev: Error, field: port, msg: "not a port", current: ` 443`}}},
		{name: "listen-ports not JSON", yaml: ingress("web", `kubernetes.io/elb.listen-ports: "HTTPS:443"`, simpleSpec),
			want: []want{{sev: Error, field: lp, msg: "is not a JSON list", current: "HTTPS:443"}}},
		{name: "listen-ports trailing text", yaml: ingress("web", `kubernetes.io/elb.listen-ports: '[{"HTTPS":443}] x'`, simpleSpec),
			want: []want{{sev: Error, field: lp, msg: "is not a JSON list", current: `[{"HTTPS":443}] x`}}},
		{name: "listen-ports two keys", yaml: ingress("web", `kubernetes.io/elb.listen-ports: '[{"HTTP":80,"HTTPS":443}]'`, simpleSpec),
			want: []want{{sev: Error, field: lp, msg: "exactly one key", current: `[{"HTTP":80,"HTTPS":443}]`}}},
		{name: "listen-ports bad protocol", yaml: ingress("web", `kubernetes.io/elb.listen-ports: '[{"TCP":443}]'`, simpleSpec),
			want: []want{{sev: Error, field: lp, msg: `protocol "TCP"`, current: `[{"TCP":443}]`}}},
		{name: "listen-ports quoted port", yaml: ingress("web", `kubernetes.io/elb.listen-ports: '[{"HTTPS":"443"}]'`, simpleSpec),
			want: []want{{sev: Error, field: lp, msg: "unquoted", current: `[{"HTTPS":"443"}]`}}},
		{name: "listen-ports port out of range", yaml: ingress("web", `kubernetes.io/elb.listen-ports: '[{"HTTPS":70000}]'`, simpleSpec),
			want: []want{{sev: Error, field: lp, msg: "port 70000", current: `[{"HTTPS":70000}]`}}},
		{name: "listen-ports empty", yaml: ingress("web", `kubernetes.io/elb.listen-ports: '[]'`, simpleSpec),
			want: []want{{sev: Error, field: lp, msg: "lists no port", current: `[]`}}},
		{name: "listen-ports duplicate port", yaml: ingress("web", `kubernetes.io/elb.listen-ports: '[{"HTTP":443},{"HTTPS":443}]'`, simpleSpec),
			want: []want{{sev: Error, field: lp, msg: "lists port 443 twice", current: `[{"HTTP":443},{"HTTPS":443}]`}}},
		{name: "port not among listen-ports", yaml: ingress("web", "kubernetes.io/elb.port: \"443\"\nkubernetes.io/elb.listen-ports: '[{\"HTTPS\":8443}]'", simpleSpec),
			want: []want{{sev: Warning, field: port, msg: "overrides it", current: "443", proposed: "8443"}}},
	})
}
