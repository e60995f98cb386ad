package validator

import (
	"strings"
	"testing"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
)

func TestELBReference(t *testing.T) {
	auto := ann(cce.Autocreate)
	withAuto := func(json string) string {
		return ingress("web", "kubernetes.io/elb.autocreate: '"+json+"'", simpleSpec)
	}
	const dedicated = `"available_zone":["ap-southeast-1a"],"l7_flavor_name":"L7_flavor.elb.s1.small"`
	const public = `"type":"public","bandwidth_name":"bw","bandwidth_chargemode":"traffic","bandwidth_size":5,"bandwidth_sharetype":"PER","eip_type":"5_bgp"`
	runCases(t, "elb-reference", []ruleCase{
		{name: "id passes", yaml: ingress("web", "kubernetes.io/elb.id: 0b8a4f5e-2c1d-4c1a-9a47-0f6f0c1e9d11", simpleSpec)},
		{name: "ip passes", yaml: ingress("web", "kubernetes.io/elb.ip: 192.168.0.10", simpleSpec)},
		{name: "inner autocreate passes", yaml: withAuto(`{"type":"inner",` + dedicated + `}`)},
		{name: "autocreate without type is inner", yaml: withAuto(`{"name":"my-elb",` + dedicated + `}`)},
		{name: "public autocreate passes", yaml: withAuto(`{` + public + `,` + dedicated + `}`)},
		{name: "nothing", yaml: ingress("web", "", simpleSpec),
			want: []want{{sev: Error, field: ann(cce.ID), msg: "names no load balancer"}}},
		{name: "empty id", yaml: ingress("web", `kubernetes.io/elb.id: ""`, simpleSpec),
			want: []want{{sev: Error, field: ann(cce.ID), msg: "1 to 100 characters, found 0", current: ""}}},
		{name: "id too long", yaml: ingress("web", "kubernetes.io/elb.id: "+strings.Repeat("a", 101), simpleSpec),
			want: []want{{sev: Error, field: ann(cce.ID), msg: "found 101", current: strings.Repeat("a", 101)}}},
		{name: "bad ip", yaml: ingress("web", "kubernetes.io/elb.ip: 192.168.0", simpleSpec),
			want: []want{{sev: Error, field: ann(cce.IP), msg: "not an IP address", current: "192.168.0"}}},
		{name: "public ip on a dedicated ELB", yaml: ingress("web", "kubernetes.io/elb.class: performance\nkubernetes.io/elb.ip: 80.158.1.2", simpleSpec),
			want: []want{{sev: Error, field: ann(cce.IP), msg: "80.158.1.2, not a private address, but a dedicated ELB takes only its private IP there (cce_10_0695)", current: "80.158.1.2"}}},
		{name: "public ip with no class is meant for a dedicated ELB", yaml: ingress("web", "kubernetes.io/elb.ip: 2001:db8::1", simpleSpec),
			want: []want{{sev: Error, field: ann(cce.IP), msg: "not a private address", current: "2001:db8::1"}}},
		{name: "private ip ranges pass", yaml: ingress("web", "kubernetes.io/elb.class: performance\nkubernetes.io/elb.ip: 10.0.0.5", simpleSpec) +
			ingress("b", "kubernetes.io/elb.ip: 172.16.3.4", simpleSpec)},
		{name: "a public ip on a shared ELB is the dedicated-elb rule's", yaml: ingress("web", "kubernetes.io/elb.class: union\nkubernetes.io/elb.ip: 80.158.1.2", simpleSpec)},
		{name: "bandwidth chargemode bandwidth is a warning, the sources disagree", yaml: withAuto(`{` + strings.Replace(public, `"traffic"`, `"bandwidth"`, 1) + `,` + dedicated + `}`),
			want: []want{{sev: Warning, field: auto, msg: `"bandwidth_chargemode" is "bandwidth": CCE's annotation table (cce_10_0695) lists only "traffic", though many CCE examples use "bandwidth"`}}},
		{name: "another chargemode is an error", yaml: withAuto(`{` + strings.Replace(public, `"traffic"`, `"bytes"`, 1) + `,` + dedicated + `}`),
			want: []want{{sev: Error, field: auto, msg: `"bandwidth_chargemode" must be "traffic"`}}},
		{name: "autocreate not JSON", yaml: withAuto(`type=public`),
			want: []want{{sev: Error, field: auto, msg: "is not a JSON object"}}},
		{name: "autocreate a list", yaml: withAuto(`[1]`),
			want: []want{{sev: Error, field: auto, msg: "is not a JSON object"}}},
		{name: "autocreate bad type", yaml: withAuto(`{"type":"external",` + dedicated + `}`),
			want: []want{{sev: Error, field: auto, msg: `"type" is "external"`}}},
		{name: "autocreate bad name", yaml: withAuto(`{"name":"my elb!",` + dedicated + `}`),
			want: []want{{sev: Error, field: auto, msg: `"name" must be 1 to 64`}}},
		{name: "autocreate missing dedicated fields", yaml: withAuto(`{"type":"inner"}`),
			want: []want{
				{sev: Error, field: auto, msg: `"available_zone" is missing`},
				{sev: Error, field: auto, msg: `"l7_flavor_name" is missing`},
			}},
		{name: "autocreate empty zones and flavor", yaml: withAuto(`{"available_zone":[],"l7_flavor_name":""}`),
			want: []want{
				{sev: Error, field: auto, msg: `"available_zone" must be a non-empty list`},
				{sev: Error, field: auto, msg: `"l7_flavor_name" is empty`},
			}},
		{name: "public autocreate without bandwidth", yaml: withAuto(`{"type":"public",` + dedicated + `}`),
			want: []want{
				{sev: Error, field: auto, msg: `"bandwidth_name" is missing`},
				{sev: Error, field: auto, msg: `"bandwidth_chargemode" must be "traffic"`},
				{sev: Error, field: auto, msg: `"bandwidth_size" is missing`},
				{sev: Error, field: auto, msg: `"bandwidth_sharetype" must be "PER"`},
				{sev: Error, field: auto, msg: `"eip_type" is missing`},
			}},
		{name: "public autocreate bandwidth out of range", yaml: withAuto(`{` + strings.Replace(public, `"bandwidth_size":5`, `"bandwidth_size":2001`, 1) + `,` + dedicated + `}`),
			want: []want{{sev: Error, field: auto, msg: `"bandwidth_size" is 2001`}}},
		{name: "non-string type", yaml: withAuto(`{"type":1,` + dedicated + `}`),
			want: []want{{sev: Error, field: auto, msg: `"type" must be a JSON string`}}},
	})
}
