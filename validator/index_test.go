package validator

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestIndex(t *testing.T) {
	yaml := ingress("a", "kubernetes.io/elb.id: elb-1", simpleSpec) +
		ingress("b", "kubernetes.io/elb.id: elb-1\nkubernetes.io/elb.listen-ports: '[{\"HTTP\":80},{\"HTTPS\":443},{\"HTTPS\":8443}]'", simpleSpec) +
		ingress("c", "kubernetes.io/elb.id: elb-1\nkubernetes.io/elb.port: \"bad\"", simpleSpec) +
		"apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: http, namespace: shop, annotations: {kubernetes.io/elb.id: elb-1}}\n---\n" +
		service("web", "NodePort", "- name: https\n  port: 443\n") +
		"apiVersion: v1\nkind: Service\nmetadata: {name: bare}\n---\n" +
		secret("web-tls", "kubernetes.io/tls", "stringData:\n  tls.crt: x\ndata:\n  tls.key: eQ==\n") +
		"apiVersion: v1\nkind: Secret\nmetadata: {name: local, namespace: shop, annotations: {config.kubernetes.io/local-config: \"true\"}}\n"
	ctx, ings, _ := load(t, yaml, Options{}, false)
	ix := ctx.Index
	require.Len(t, ings, 4)

	names := func(s *Shared) []string {
		var out []string
		for _, m := range s.Members {
			out = append(out, m.Ingress.Name)
		}
		return out
	}
	assert.Equal(t, []string{"a", "b"}, names(ix.Listeners["elb-1:443"]), "input order, HTTPS backends only")
	assert.Equal(t, []string{"b"}, names(ix.Listeners["elb-1:8443"]))
	assert.Nil(t, ix.Listeners["elb-1:80"], "HTTP entries are not HTTPS listeners")
	assert.Len(t, ix.Listeners, 2, "an invalid elb.port joins no listener")
	assert.Equal(t, []string{"a", "b"}, names(ix.BackendGroups["elb-1:443 shop/web:443"]), "one group per ELB port, Service and port")
	assert.Equal(t, []string{"b"}, names(ix.BackendGroups["elb-1:8443 shop/web:443"]))
	assert.Len(t, ix.BackendGroups, 2, "the HTTP Ingress without backends joins no group")

	require.Contains(t, ix.Services, "shop/web")
	assert.Equal(t, "NodePort", ix.Services["shop/web"].Type)
	assert.Equal(t, []ServicePort{{Name: "https", Port: 443}}, ix.Services["shop/web"].Ports)
	require.Contains(t, ix.Services, "default/bare")
	assert.Equal(t, "ClusterIP", ix.Services["default/bare"].Type, "type defaults to ClusterIP")

	require.Contains(t, ix.Secrets, "shop/web-tls")
	assert.Equal(t, map[string]bool{"tls.crt": true, "tls.key": true}, ix.Secrets["shop/web-tls"].Keys)
	assert.NotContains(t, ix.Secrets, "shop/local", "local-config resources are never applied")
}

// TestSharedFirst: the first Ingress of a shared listener is the one
// listener-master-ingress names, else the earliest created, else the first
// in the input; Ingresses without a creation time count as created later.
func TestSharedFirst(t *testing.T) {
	const elb = "kubernetes.io/elb.id: elb-1\n"
	created := func(name, ts, extra string) string {
		return strings.Replace(ingress(name, elb+extra, simpleSpec), "  namespace: shop\n", "  namespace: shop\n  creationTimestamp: \""+ts+"\"\n", 1)
	}
	for _, c := range []struct {
		name, yaml, first, how string
	}{
		{"input order", ingress("a", elb, simpleSpec) + ingress("b", elb, simpleSpec), "a", "creation in input order is assumed"},
		{"earliest created", created("a", "2024-05-02T10:00:00Z", "") + created("b", "2024-05-01T10:00:00Z", ""), "b", "the earliest creationTimestamp"},
		{"created before not created", ingress("a", elb, simpleSpec) + created("b", "2024-05-01T10:00:00Z", ""), "b", "the earliest creationTimestamp"},
		{"unquoted timestamps", strings.Replace(created("a", "2024-05-02T10:00:00Z", ""), `"2024-05-02T10:00:00Z"`, "2024-05-02T10:00:00Z", 1) +
			strings.Replace(created("b", "2024-05-01T10:00:00Z", ""), `"2024-05-01T10:00:00Z"`, "2024-05-01T10:00:00Z", 1), "b", "the earliest creationTimestamp"},
		{"master annotation wins", created("a", "2024-05-01T10:00:00Z", "kubernetes.io/elb.listener-master-ingress: shop/c") +
			created("b", "2024-05-02T10:00:00Z", "") + ingress("c", elb, simpleSpec), "c", "named first by kubernetes.io/elb.listener-master-ingress on Ingress shop/a"},
		{"master not in the input is ignored", ingress("a", elb+"kubernetes.io/elb.listener-master-ingress: shop/zzz", simpleSpec) + ingress("b", elb, simpleSpec), "a", "input order is assumed"},
	} {
		t.Run(c.name, func(t *testing.T) {
			ctx, _, _ := load(t, c.yaml, Options{}, false)
			first, how := ctx.Index.Listeners["elb-1:443"].First()
			assert.Equal(t, c.first, first.Ingress.Name)
			assert.Contains(t, how, c.how)
		})
	}
}

func TestParseListenPorts(t *testing.T) {
	got, err := ParseListenPorts(`[{"HTTP":80},{"HTTPS":443}]`)
	require.NoError(t, err)
	assert.Equal(t, []ListenPort{{"HTTP", 80}, {"HTTPS", 443}}, got)
	for _, bad := range []string{``, `{}`, `[{"HTTPS":443}] [1]`, `[{"HTTPS":"443"}]`, `[{"HTTPS":443.5}]`, `[{"HTTPS":0}]`, `[{"https":443}]`, `[{}]`, `[1]`} {
		_, err := ParseListenPorts(bad)
		assert.Error(t, err, bad)
	}
}
