// Command catcopy is the start-up baseline of the benchmarks: the most
// trivial Go program that copies stdin to stdout.
//
//	stdin ──io.Copy──> stdout
package main

import (
	"io"
	"os"
)

func main() {
	if _, err := io.Copy(os.Stdout, os.Stdin); err != nil {
		os.Exit(1)
	}
}
