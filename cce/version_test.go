package cce

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseVersion(t *testing.T) {
	for in, want := range map[string]Version{
		"v1.25.3-r0":  {1, 25, 3, 0, 4},
		"1.23.8-r12":  {1, 23, 8, 12, 4},
		"v1.28":       {1, 28, 0, 0, 2},
		"1.25":        {1, 25, 0, 0, 2},
		"v1.27.5":     {1, 27, 5, 0, 3},
		"v1.19.16-r2": {1, 19, 16, 2, 4},
	} {
		got, err := ParseVersion(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, bad := range []string{"", "v1", "1.25.3-rc1", "latest", "v1.25.3-r", "v1.25.3-r0 ", "v1..3", "v1.25-r0"} {
		_, err := ParseVersion(bad)
		assert.Error(t, err, bad)
	}
}

func TestVersionOrder(t *testing.T) {
	v := MustVersion
	assert.True(t, v("v1.25.3-r0").Less(v("v1.25.3-r1")))
	assert.True(t, v("v1.25.3-r2").Less(v("v1.25.3-r10")), "revisions compare as numbers")
	assert.True(t, v("v1.23.9-r0").Less(v("v1.25.0-r0")))
	assert.False(t, v("v1.25.3-r0").Less(v("v1.25.3-r0")))
	assert.Equal(t, "v1.25.3", v("1.25.3").String(), "written as given")
	assert.Equal(t, "v1.25", v("1.25").String())
	assert.Equal(t, "v1.25.3-r0", v("1.25.3-r0").String())
}

func TestRequirementSupports(t *testing.T) {
	r := HTTPSBackendSupport
	for in, want := range map[string]bool{
		"v1.21.9-r0":  false, // older minor
		"v1.23.7-r9":  false,
		"v1.23.8-r0":  true,
		"v1.24.0-r0":  false, // a minor between the listed ones
		"v1.25.2-r0":  false,
		"v1.25.3-r0":  true,
		"v1.27.1-r0":  true, // later minors always pass
		"v1.31.0-r0":  true,
		"v2.0.0-r0":   true,
		"v1.25.10-r0": true,
	} {
		assert.Equal(t, want, r.Check(MustVersion(in)) == Supported, in)
	}
	assert.Equal(t, "v1.23.8-r0 / v1.25.3-r0 or a later minor", r.Describe())
}

// TestRequirementWithoutPatch: a version without patch (or revision) is
// Unknown exactly when the minimum of its minor needs a later patch.
func TestRequirementWithoutPatch(t *testing.T) {
	for _, c := range []struct {
		req  Requirement
		in   string
		want Support
	}{
		{HTTPSBackendSupport, "v1.25", Unknown},   // needs v1.25.3-r0
		{HTTPSBackendSupport, "1.23", Unknown},    // needs v1.23.8-r0
		{HTTPSBackendSupport, "v1.27", Supported}, // a later minor
		{HTTPSBackendSupport, "v1.21", Unsupported},
		{HTTPSBackendSupport, "v1.24", Unsupported}, // an unlisted minor in between
		{HTTPSBackendSupport, "v1.25.3", Supported}, // r0 is the lowest revision
		{HTTPSBackendSupport, "v1.25.2", Unsupported},
		{GRPCBackendSupport, "v1.23.10", Unknown}, // needs v1.23.10-r20
		{GRPCBackendSupport, "v1.23.11", Supported},
		{GRPCBackendSupport, "v1.28", Unknown}, // needs v1.28.1-r0
	} {
		assert.Equal(t, c.want, c.req.Check(MustVersion(c.in)), c.in)
	}
}

func TestCiphersPolicies(t *testing.T) {
	for _, p := range CiphersPolicies {
		assert.True(t, KnownCiphersPolicy(p), p)
	}
	assert.False(t, KnownCiphersPolicy("tls-1-3"))
	assert.True(t, WeakCiphersPolicy("tls-1-1"))
	assert.False(t, WeakCiphersPolicy("tls-1-2"))
}

func TestIsIngress(t *testing.T) {
	assert.True(t, IsIngress("networking.k8s.io/v1", "Ingress"))
	assert.True(t, IsIngress("extensions/v1beta1", "Ingress"))
	assert.False(t, IsIngress("v1", "Ingress"))
	assert.False(t, IsIngress("networking.k8s.io/v1", "IngressClass"))
}
