package validator

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
	"github.com/cce-ingress-https/cce-ingress-https/krmio"
)

// fakeCluster is a Cluster of live Ingresses only.
type fakeCluster map[string]*LiveIngress

func (f fakeCluster) Ingress(ns, name string) *LiveIngress { return f[ns+"/"+name] }
func (f fakeCluster) Ingresses() map[string]*LiveIngress   { return f }
func (f fakeCluster) Named(name string) []*LiveIngress {
	var out []*LiveIngress
	for _, l := range f {
		if l.Name == name {
			out = append(out, l)
		}
	}
	return out
}
func (f fakeCluster) Services() map[string]*Service { return nil }
func (f fakeCluster) Secrets() map[string]*Secret   { return nil }
func (f fakeCluster) add(t *testing.T, manifests string) fakeCluster {
	doc, err := krmio.ReadStream([]byte(manifests))
	require.NoError(t, err)
	for _, it := range doc.Items {
		ing := ParseIngress(it)
		f[ing.Key(ing.Name)] = &LiveIngress{Ingress: ing, Source: "live.yaml"}
	}
	return f
}

// web is Ingress shop/web with the given annotation lines.
func web(annotations ...string) string {
	s := "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: shop\n  annotations:\n    x: y\n"
	for _, a := range annotations {
		s += "    " + a + "\n"
	}
	return s
}

func TestImmutableField(t *testing.T) {
	live := func(annotations ...string) Options {
		return Options{Live: fakeCluster{}.add(t, web(annotations...))}
	}
	const (
		poolHTTPS = "kubernetes.io/elb.pool-protocol: https"
		poolGRPC  = "kubernetes.io/elb.pool-protocol: grpc"
		auto      = `kubernetes.io/elb.autocreate: '{"type":"inner","name":"a"}'`
		autoSpace = `kubernetes.io/elb.autocreate: '{ "name": "a", "type": "inner" }'`
		ports     = `kubernetes.io/elb.listen-ports: '[{"HTTPS":443}]'`
		portsBoth = `kubernetes.io/elb.listen-ports: '[{"HTTP":80},{"HTTPS":443}]'`
	)
	pool, class, id, ip := ann(cce.PoolProtocol), ann(cce.Class), ann(cce.ID), ann(cce.IP)
	old, recent := cce.MustVersion("v1.25.9-r0"), cce.MustVersion("v1.25.16-r0")
	one, both := `[{"HTTPS":443}]`, `[{"HTTP":80},{"HTTPS":443}]`
	withVersion := func(o Options, v cce.Version) Options { o.ClusterVersion = &v; return o }
	runCases(t, "immutable-field", []ruleCase{
		{name: "without live state nothing is compared", yaml: web(poolHTTPS)},
		{name: "a new Ingress is fine", yaml: strings.Replace(web(poolHTTPS), "name: web", "name: new", 1), opts: live()},
		{name: "unchanged live Ingress", yaml: web(poolHTTPS, "kubernetes.io/elb.class: performance"), opts: live(poolHTTPS, "kubernetes.io/elb.class: performance")},
		{name: "http made https", yaml: web(poolHTTPS), opts: live(),
			want: []want{{sev: Error, field: pool, msg: `with backend protocol http (no kubernetes.io/elb.pool-protocol), and this output makes it "https": CCE cannot change`, current: "https"}}},
		{name: "https made http", yaml: web(), opts: live(poolHTTPS),
			want: []want{{sev: Error, field: pool, msg: "create the Ingress under a new name", proposed: "https"}}},
		{name: "selected, live http, left unchanged", selectAll: true, yaml: web(), opts: live(),
			want: []want{{sev: Error, field: pool, msg: "selected for HTTPS backends, but it exists in the cluster (live.yaml) with backend protocol http", proposed: "https"}}},
		{name: "selected, live grpc", selectAll: true, yaml: web(poolGRPC), opts: live(poolGRPC),
			want: []want{{sev: Error, field: pool, msg: "leave it out of the selector", current: "grpc"}}},
		{name: "selected, live https", selectAll: true, yaml: web(poolHTTPS), opts: live(poolHTTPS)},
		{name: "elb.class changed", yaml: web("kubernetes.io/elb.class: union"), opts: live("kubernetes.io/elb.class: performance"),
			want: []want{{sev: Error, field: class, msg: `with kubernetes.io/elb.class "performance", and this output makes it "union"`, current: "union", proposed: "performance"}}},
		{name: "elb.class added", yaml: web("kubernetes.io/elb.class: performance"), opts: live(),
			want: []want{{sev: Error, field: class, msg: "(unset), and this output makes it", current: "performance"}}},
		{name: "elb.id changed", yaml: web("kubernetes.io/elb.id: b"), opts: live("kubernetes.io/elb.id: a"),
			want: []want{{sev: Error, field: id, msg: "keep the live value", current: "b", proposed: "a"}}},
		{name: "elb.ip removed", yaml: web(), opts: live("kubernetes.io/elb.ip: 10.0.0.1"),
			want: []want{{sev: Error, field: ip, msg: `"10.0.0.1", and this output makes it (unset)`, proposed: "10.0.0.1"}}},
		{name: "autocreate written differently is the same", yaml: web(autoSpace), opts: live(auto)},
		{name: "autocreate changed", yaml: web(`kubernetes.io/elb.autocreate: '{"type":"public"}'`), opts: live(auto),
			want: []want{{sev: Error, field: ann(cce.Autocreate), msg: "fixes kubernetes.io/elb.autocreate when it creates the Ingress",
				current: `{"type":"public"}`, proposed: `{"type":"inner","name":"a"}`}}},
		{name: "elb.id and elb.ip that CCE wrote after autocreate", yaml: web(auto), opts: live(auto, "kubernetes.io/elb.id: a", "kubernetes.io/elb.ip: 10.0.0.1")},
		{name: "listen-ports changed, version unknown", yaml: web(portsBoth), opts: live(ports),
			want: []want{{sev: Warning, field: ann(cce.ListenPorts), msg: "clusterVersion is not set", current: both, proposed: one}}},
		{name: "listen-ports changed on an old cluster", yaml: web(portsBoth), opts: withVersion(live(ports), old),
			want: []want{{sev: Error, field: ann(cce.ListenPorts), msg: "cluster v1.25.9-r0 cannot modify or delete", current: both, proposed: one}}},
		{name: "listen-ports removed on an old cluster", yaml: web(), opts: withVersion(live(ports), old),
			want: []want{{sev: Error, field: ann(cce.ListenPorts), msg: "makes it (unset)", proposed: one}}},
		{name: "listen-ports changed, version without patch", yaml: web(portsBoth), opts: withVersion(live(ports), cce.MustVersion("v1.25")),
			want: []want{{sev: Warning, field: ann(cce.ListenPorts), msg: "clusterVersion v1.25 does not give the patch", current: both, proposed: one}}},
		{name: "listen-ports changed on a later minor", yaml: web(portsBoth), opts: withVersion(live(ports), cce.MustVersion("v1.31"))},
		{name: "listen-ports changed on a recent cluster", yaml: web(portsBoth), opts: withVersion(live(ports), recent)},
		{name: "listen-ports written differently", yaml: web(`kubernetes.io/elb.listen-ports: '[ {"HTTPS": 443} ]'`), opts: withVersion(live(ports), old)},
		{name: "no namespace, and the name runs elsewhere", yaml: strings.Replace(web(poolHTTPS), "  namespace: shop\n", "", 1), opts: live(),
			want: []want{{sev: Warning, field: "metadata.namespace", msg: "Ingresses named web run in namespace shop (live.yaml)"}}},
		{name: "no namespace, selected", selectAll: true, yaml: strings.Replace(web(), "  namespace: shop\n", "", 1), opts: live(),
			want: []want{{sev: Error, field: "metadata.namespace", msg: "until then the function does not change it"}}},
		{name: "namespace default given: a new Ingress", yaml: strings.Replace(web(poolHTTPS), "namespace: shop", "namespace: default", 1), opts: live()},
		{name: "several changes, one finding each", yaml: web(poolHTTPS, "kubernetes.io/elb.class: union", "kubernetes.io/elb.id: b"),
			opts: live("kubernetes.io/elb.class: performance", "kubernetes.io/elb.id: a"),
			want: []want{{sev: Error, field: pool, msg: "backend protocol", current: "https"}, {sev: Error, field: class, msg: "elb.class", current: "union", proposed: "performance"},
				{sev: Error, field: id, msg: "elb.id", current: "b", proposed: "a"}}},
	})
}
