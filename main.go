// Command cce-ingress-https is a KRM function that sets the CCE ELB
// annotations for HTTPS backends on label-selected Ingresses and checks every
// HTTPS-backend Ingress against CCE's constraints. See README.md.
package main

import (
	"os"

	"github.com/cce-ingress-https/cce-ingress-https/run"
)

func main() {
	os.Exit(run.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
