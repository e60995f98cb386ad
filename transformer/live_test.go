package transformer

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// fakeLive: web runs with an HTTP backend, old with https; others do not
// exist. Without a dump (given false) nothing is known.
type fakeLive struct{ given bool }

func (f fakeLive) BackendProtocol(ns, name string) (string, bool, bool) {
	if !f.given {
		return "", false, false
	}
	switch name {
	case "web":
		return "http", true, true
	case "old":
		return "https", true, true
	}
	return "", false, f.given
}

func TestLiveBackendProtocolCountsLikeAnAnnotation(t *testing.T) {
	items, out := apply(t, Options{Port: 443, CiphersPolicy: "tls-1-2", Live: fakeLive{given: true}})
	web, old := items[0], items[2]
	assert.False(t, web.Changed(), "live http: never given pool-protocol https")
	assert.Equal(t, "8443", web.Object().GetAnnotation("kubernetes.io/elb.port"), "nor anything else")
	assert.True(t, out.Conflicts[web.Object()])
	assert.True(t, old.Changed(), "live https: the annotations are written")
	assert.False(t, out.Conflicts[old.Object()])
	for _, r := range out.Results {
		assert.NotContains(t, r.Message, "--live", "the live state is known")
	}
}

func TestChangeInfoWithoutLiveState(t *testing.T) {
	for _, live := range []Live{nil, fakeLive{given: false}} {
		_, out := apply(t, Options{Port: 443, CiphersPolicy: "tls-1-2", Live: live})
		notes := 0
		for _, r := range out.Results {
			if strings.HasSuffix(r.Message, UnknownLiveNote) {
				notes++
				assert.Equal(t, "metadata.annotations[kubernetes.io/elb.pool-protocol]", r.Field.Path)
			}
		}
		assert.Equal(t, 2, notes, "one on each changed Ingress, web and old")
	}
}
