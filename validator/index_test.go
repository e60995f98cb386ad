package validator

import (
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

	names := func(list []*Ingress) []string {
		var out []string
		for _, ing := range list {
			out = append(out, ing.Name)
		}
		return out
	}
	assert.Equal(t, []string{"a", "b"}, names(ix.Listeners["elb-1:443"]), "input order, HTTPS backends only")
	assert.Equal(t, []string{"b"}, names(ix.Listeners["elb-1:8443"]))
	assert.Empty(t, ix.Listeners["elb-1:80"], "HTTP entries are not HTTPS listeners")
	assert.Len(t, ix.Listeners, 2, "an invalid elb.port joins no listener")

	require.Contains(t, ix.Services, "shop/web")
	assert.Equal(t, "NodePort", ix.Services["shop/web"].Type)
	assert.Equal(t, []ServicePort{{Name: "https", Port: 443}}, ix.Services["shop/web"].Ports)
	require.Contains(t, ix.Services, "default/bare")
	assert.Equal(t, "ClusterIP", ix.Services["default/bare"].Type, "type defaults to ClusterIP")

	require.Contains(t, ix.Secrets, "shop/web-tls")
	assert.Equal(t, map[string]bool{"tls.crt": true, "tls.key": true}, ix.Secrets["shop/web-tls"].Keys)
	assert.NotContains(t, ix.Secrets, "shop/local", "local-config resources are never applied")
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
