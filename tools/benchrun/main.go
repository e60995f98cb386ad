// Command benchrun measures whole processes side by side and prints the
// performance table of the README: our function against the SDK floor
// (tools/sdkfloor) on each input, and start-up against a trivial
// stdin-to-stdout copy (tools/catcopy). scripts/bench.sh builds the
// programs and inputs and calls it.
//
//	inputs ──run ours/floor round-robin, N times each──> wall time, peak RSS (rusage)
//	       ──check: exit 0, output parses, same item count──> table + target verdicts
//	-cmd 'label::shell pipeline' ... ──run each N times──> wall time, peak RSS table
//
// Programs run alternately (ours, floor, ours, floor, ...) so that load from
// other processes hits both alike; medians are reported.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	runs := flag.Int("runs", 5, "runs of each program per input")
	startupRuns := flag.Int("startup-runs", 50, "runs of each program on the empty ResourceList (0: skip the start-up row)")
	ours := flag.String("ours", ".bench/cce-ingress-https", "our function")
	floor := flag.String("floor", ".bench/sdkfloor", "the SDK floor: an identity function on fn.AsMain (empty: skip)")
	cat := flag.String("cat", ".bench/catcopy", "trivial stdin-to-stdout program for start-up")
	empty := flag.String("empty", "", "empty ResourceList (with the functionConfig) for start-up")
	work := flag.String("work", ".bench", "folder for outputs")
	targets := flag.Bool("targets", true, "judge the issue's targets (exit 3 when one is missed); off for smoke runs at tiny sizes")
	var cmds commands
	flag.Var(&cmds, "cmd", "pipeline mode: 'label::shell command', repeatable; prints one row per command")
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: benchrun [flags] INPUT.yaml...\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if len(cmds) > 0 {
		if err := runCommands(os.Stdout, cmds, *runs, *work); err != nil {
			fail(err)
		}
		return
	}
	if flag.NArg() == 0 && *empty == "" {
		flag.Usage()
		os.Exit(2)
	}
	b := &bench{runs: *runs, work: *work}
	var rows []row
	for _, in := range flag.Args() {
		r, err := b.size(in, *ours, *floor)
		if err != nil {
			fail(err)
		}
		rows = append(rows, r)
	}
	var st *startup
	if *empty != "" && *startupRuns > 0 {
		s, err := b.startup(*empty, *ours, *floor, *cat, *startupRuns)
		if err != nil {
			fail(err)
		}
		st = &s
	}
	if !report(os.Stdout, rows, st, *targets) {
		os.Exit(3)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "benchrun:", err)
	os.Exit(1)
}

func outPath(work, prog, in string) string {
	return filepath.Join(work, "out-"+filepath.Base(prog)+"-"+strings.TrimSuffix(filepath.Base(in), ".yaml")+".yaml")
}
