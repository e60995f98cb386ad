package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const src = "func pipe(o *options) int {\n\treturn run(o)\n}\n"

func TestReplace(t *testing.T) {
	got, err := mutate(src, "run(o)", "1", false)
	require.NoError(t, err)
	assert.Equal(t, "func pipe(o *options) int {\n\treturn 1\n}\n", got)
}

func TestInsertAfterLine(t *testing.T) {
	got, err := mutate(src, "func pipe(", unescape(`\treturn 1`), true)
	require.NoError(t, err)
	assert.Equal(t, "func pipe(o *options) int {\n\treturn 1\n\treturn run(o)\n}\n", got)
}

func TestStaleOrAmbiguousAnchorFails(t *testing.T) {
	_, err := mutate(src, "func pipe2(", "x", true)
	assert.ErrorContains(t, err, "not found: the mutation is stale")
	_, err = mutate(src, "(o", "x", false)
	assert.ErrorContains(t, err, "found 2 times")
	_, err = mutate(src, "", "x", false)
	assert.Error(t, err)
}
