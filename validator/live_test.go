package validator

import (
	"strings"
	"testing"
	"time"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cce-ingress-https/cce-ingress-https/krmio"
)

// withLive is a fakeCluster of Ingresses created at the given times.
func withLive(t *testing.T, created map[string]string, manifests string) fakeCluster {
	f := fakeCluster{}.add(t, manifests)
	for k, l := range f {
		at, err := time.Parse(time.RFC3339, created[k])
		require.NoError(t, err, k)
		l.Created = at
	}
	return f
}

// runLive runs every rule on the input with the live Ingresses and returns
// the results of one rule.
func runLive(t *testing.T, ruleID, input string, live Cluster) fn.Results {
	t.Helper()
	doc, err := krmio.ReadStream([]byte(input))
	require.NoError(t, err)
	var out fn.Results
	for _, r := range Run(doc.Items, Options{Live: live}) {
		if r.Tags["rule"] == ruleID {
			out = append(out, r)
		}
	}
	return out
}

const liveELB = "kubernetes.io/elb.id: elb-1\n"

func TestNewIngressJoinsALiveListener(t *testing.T) {
	first := ingress("first", liveELB+"kubernetes.io/elb.tls-ciphers-policy: tls-1-2-strict\nkubernetes.io/elb.listener-master-ingress: shop/first", simpleSpec)
	older := ingress("older", liveELB+"kubernetes.io/elb.tls-ciphers-policy: tls-1-1\nkubernetes.io/elb.listener-master-ingress: shop/first", simpleSpec)
	joiner := ingress("joiner", liveELB+"kubernetes.io/elb.tls-ciphers-policy: tls-1-2", simpleSpec)
	times := map[string]string{"shop/first": "2025-01-01T00:00:00Z", "shop/older": "2024-01-01T00:00:00Z"}

	t.Run("the live first Ingress wins and is named", func(t *testing.T) {
		got := runLive(t, "listener-conflict", joiner, withLive(t, times, first+older))
		require.Len(t, got, 1)
		assert.Equal(t, "joiner", got[0].ResourceRef.Name)
		assert.Contains(t, got[0].Message, "with Ingress shop/first, whose listener settings win (named first by kubernetes.io/elb.listener-master-ingress on Ingress shop/older; it runs in the cluster and is not in the input)")
		assert.Equal(t, "tls-1-2-strict", got[0].Field.ProposedValue)
	})
	t.Run("without the annotation, the earliest created wins", func(t *testing.T) {
		plain := strings.ReplaceAll(first+older, "kubernetes.io/elb.listener-master-ingress: shop/first", "x: y")
		got := runLive(t, "listener-conflict", joiner, withLive(t, times, plain))
		require.Len(t, got, 1)
		assert.Contains(t, got[0].Message, "with Ingress shop/older, whose listener settings win (the earliest creationTimestamp; it runs in the cluster")
	})
	t.Run("a live first Ingress in the input counts with its new settings", func(t *testing.T) {
		firstNow := strings.Replace(first, "tls-1-2-strict", "tls-1-2", 1)
		got := runLive(t, "listener-conflict", firstNow+joiner, withLive(t, times, first))
		assert.Empty(t, got)
	})
	t.Run("a live HTTP-backend Ingress with a certificate is on the listener", func(t *testing.T) {
		httpFirst := strings.Replace(first, "    kubernetes.io/elb.pool-protocol: https\n", "", 1)
		require.NotEqual(t, first, httpFirst)
		got := runLive(t, "listener-conflict", joiner, withLive(t, times, httpFirst))
		require.Len(t, got, 1)
		assert.Contains(t, got[0].Message, "with Ingress shop/first, whose listener settings win")
	})
	t.Run("without live state the new Ingress is alone", func(t *testing.T) {
		assert.Empty(t, runLive(t, "listener-conflict", joiner, nil))
	})
}

func TestNewIngressJoinsALiveBackendGroup(t *testing.T) {
	// The live Ingress routes ELB elb-1 port 443 to Service web:443 over HTTP.
	live := strings.Replace(ingress("old", liveELB+"kubernetes.io/elb.port: \"443\"", simpleSpec), "    kubernetes.io/elb.pool-protocol: https\n", "", 1)
	got := runLive(t, "backend-group", ingress("new", liveELB, simpleSpec), withLive(t, map[string]string{"shop/old": "2024-01-01T00:00:00Z"}, live))
	require.Len(t, got, 1)
	assert.Equal(t, "new", got[0].ResourceRef.Name)
	assert.Contains(t, got[0].Message, "configured by the first Ingress (shop/old")
	assert.Contains(t, got[0].Message, "the group uses HTTP (no pool-protocol)")
}
