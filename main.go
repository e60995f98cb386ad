// Command cce-ingress-https is a KRM function that sets the CCE ELB
// annotations for HTTPS backends on label-selected Ingresses and checks every
// HTTPS-backend Ingress against CCE's constraints. See README.md.
package main

import (
	"os"
	"runtime/debug"

	"github.com/cce-ingress-https/cce-ingress-https/run"
)

func main() {
	// Peak memory is the parsed input plus the garbage the collector lets
	// pile up on top of it. 70 instead of Go's default 100 costs about 8%
	// more CPU for about 12% less peak memory at 25,000 resources (README
	// "Performance"). A GOGC set by the user still wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(70)
	}
	os.Exit(run.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
