package validator

import (
	"testing"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
)

func version(s string) *cce.Version {
	v := cce.MustVersion(s)
	return &v
}

func TestClusterVersion(t *testing.T) {
	pool := ann(cce.PoolProtocol)
	all := "kubernetes.io/elb.http2-enable: \"true\"\nkubernetes.io/elb.listen-ports: '[{\"HTTPS\":443}]'\nkubernetes.io/elb.tls-certificate-ids: cert-1"
	at := func(v string) Options { return Options{ClusterVersion: version(v)} }
	runCases(t, "cluster-version", []ruleCase{
		{name: "unknown version checks nothing", yaml: ingress("web", all, simpleSpec)},
		{name: "v1.23.8-r0 passes", opts: at("v1.23.8-r0"), yaml: ingress("web", "", simpleSpec)},
		{name: "v1.25.3-r0 passes", opts: at("v1.25.3-r0"), yaml: ingress("web", "", simpleSpec)},
		{name: "later minor passes everything", opts: at("v1.29.0-r0"), yaml: ingress("web", all, simpleSpec)},
		{name: "v1.28.4-r0 has listen-ports and http2", opts: at("v1.28.4-r0"), yaml: ingress("web", all, simpleSpec)},
		{name: "v1.23.7-r9 is too old", opts: at("v1.23.7-r9"), yaml: ingress("web", "", simpleSpec),
			want: []want{{sev: Error, field: pool, msg: "cluster v1.23.7-r9 does not support HTTPS backends", current: "https"}}},
		{name: "v1.25.2-r0 is too old", opts: at("v1.25.2-r0"), yaml: ingress("web", "", simpleSpec),
			want: []want{{sev: Error, field: pool, msg: "v1.23.8-r0 / v1.25.3-r0 or a later minor", current: "https"}}},
		{name: "older minor fails", opts: at("v1.21.7-r0"), yaml: ingress("web", "", simpleSpec),
			want: []want{{sev: Error, field: pool, msg: "does not support", current: "https"}}},
		{name: "annotations too new for v1.23.9", opts: at("v1.23.9-r0"), yaml: ingress("web", all, simpleSpec),
			want: []want{
				{sev: Error, field: ann(cce.HTTP2Enable), msg: "needs cluster v1.23.13-r0", current: "true"},
				{sev: Error, field: ann(cce.ListenPorts), msg: "needs cluster v1.23.14-r0", current: `[{"HTTPS":443}]`},
			}},
		{name: "listen-ports too new for v1.25.8", opts: at("v1.25.8-r0"), yaml: ingress("web", all, simpleSpec),
			want: []want{{sev: Error, field: ann(cce.ListenPorts), msg: "but the cluster is v1.25.8-r0", current: `[{"HTTPS":443}]`}}},
		{name: "certificate ids too new for v1.21.4", opts: at("v1.21.4-r0"), yaml: ingress("web", "kubernetes.io/elb.tls-certificate-ids: c", simpleSpec),
			want: []want{
				{sev: Error, field: pool, msg: "does not support", current: "https"},
				{sev: Error, field: ann(cce.CertificateIDs), msg: "v1.19.16-r2 / v1.21.5-r0 / v1.23.3-r0", current: "c"},
			}},
		{name: "v1.25 without patch is a warning naming the patch", opts: at("v1.25"), yaml: ingress("web", "", simpleSpec),
			want: []want{{sev: Warning, field: pool, msg: "v1.25 needs v1.25.3-r0 or later: give the full version", current: "https"}}},
		{name: "1.23 without patch warns for every annotation that needs a patch", opts: at("1.23"), yaml: ingress("web", all, simpleSpec),
			want: []want{
				{sev: Warning, field: pool, msg: "v1.23 needs v1.23.8-r0 or later", current: "https"},
				{sev: Warning, field: ann(cce.HTTP2Enable), msg: "v1.23 needs v1.23.13-r0 or later", current: "true"},
				{sev: Warning, field: ann(cce.ListenPorts), msg: "v1.23 needs v1.23.14-r0 or later", current: `[{"HTTPS":443}]`},
				{sev: Warning, field: ann(cce.CertificateIDs), msg: "v1.23 needs v1.23.3-r0 or later", current: "cert-1"},
			}},
		{name: "v1.27 without patch passes HTTPS backends (a later minor)", opts: at("v1.27"), yaml: ingress("web", "", simpleSpec)},
		{name: "v1.21 without patch is still too old", opts: at("v1.21"), yaml: ingress("web", "", simpleSpec),
			want: []want{{sev: Error, field: pool, msg: "cluster v1.21 does not support HTTPS backends", current: "https"}}},
		{name: "gRPC backends need their own versions", opts: at("v1.25.3-r0"), yaml: grpcIngress("api", ""),
			want: []want{{sev: Error, field: pool, msg: "does not support gRPC backends (elb.pool-protocol: grpc), which needs v1.23.10-r20 / v1.25.5-r20 / v1.27.2-r20 / v1.28.1-r0", current: "grpc"}}},
		{name: "gRPC on v1.25.5-r20 passes", opts: at("v1.25.5-r20"), yaml: grpcIngress("api", "")},
		{name: "gRPC on v1.23.10 without revision is a warning", opts: at("v1.23.10"), yaml: grpcIngress("api", ""),
			want: []want{{sev: Warning, field: pool, msg: "v1.23.10 needs v1.23.10-r20 or later", current: "grpc"}}},
	})
}

func TestClusterVersionCurrentValue(t *testing.T) {
	// In validateOnly mode the annotation may not be written yet: no current value then.
	bare := "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web, namespace: shop}\n"
	got := check(t, "cluster-version", ruleCase{opts: Options{ClusterVersion: version("v1.21.0-r0"), ValidateOnly: true}, selectAll: true, yaml: bare})
	assertFindings(t, []want{{sev: Error, field: ann(cce.PoolProtocol), msg: "does not support"}}, got)
	if len(got) == 1 && got[0].Current != nil {
		t.Errorf("current value = %v, want none", got[0].Current)
	}
	got = check(t, "cluster-version", ruleCase{opts: Options{ClusterVersion: version("v1.21.0-r0")}, yaml: ingress("web", "", simpleSpec)})
	assertFindings(t, []want{{sev: Error, field: ann(cce.PoolProtocol), msg: "does not support", current: "https"}}, got)
}
