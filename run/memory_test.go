package run

import (
	"bytes"
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/cce-ingress-https/cce-ingress-https/tools/inputgen"
)

func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

// Only a big input of very short lines gets the tighter collector, and the
// setting is put back after the run.
func TestTightGCOnlyForShortLines(t *testing.T) {
	t.Setenv("GOGC", "")
	before := gcPercent()
	restore := tightGC(bytes.Repeat([]byte("- {}\n"), 1<<18))
	assert.Equal(t, 25, gcPercent(), "a megabyte of \"- {}\" items")
	restore()
	assert.Equal(t, before, gcPercent())

	for name, in := range map[string][]byte{
		"realistic": inputgen.Bytes(inputgen.Options{Items: 1000, Seed: 1}),
		"small":     bytes.Repeat([]byte("- {}\n"), 100),
	} {
		tightGC(in)()
		restore := tightGC(in)
		assert.Equal(t, before, gcPercent(), name)
		restore()
	}

	t.Setenv("GOGC", "100")
	restore = tightGC(bytes.Repeat([]byte("- {}\n"), 1<<18))
	assert.Equal(t, before, gcPercent(), "a GOGC the user set wins")
	restore()
}
