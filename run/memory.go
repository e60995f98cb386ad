package run

import (
	"bytes"
	"os"
	"runtime/debug"
)

// tightGC has the garbage collector run more often on an input of very
// short lines (millions of "- {}" items or "a: 1" documents): there the
// parse tree and the records kept per item and per result are 20 to 50
// times the text, where a realistic manifest's are about 5 times, and the
// collector's default headroom (the heap grows to twice what is live)
// would take the peak past the memory bound docs/safety.md states. It
// costs such inputs about half again as much CPU and no realistic input
// anything. A GOGC the user set wins. It returns the function that puts
// the previous setting back.
func tightGC(input []byte) (restore func()) {
	const minInput, shortLine, percent = 1 << 20, 8, 25
	if len(input) < minInput || os.Getenv("GOGC") != "" {
		return func() {}
	}
	if len(input)/(bytes.Count(input, []byte{'\n'})+1) >= shortLine {
		return func() {}
	}
	old := debug.SetGCPercent(percent)
	return func() { debug.SetGCPercent(old) }
}
