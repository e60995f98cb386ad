// Command treegen writes a generated GitOps repository for the file-mode
// benchmark: bases of realistic resources (tools/inputgen) and overlays
// that each use one base, set a namespace and a label, and list the
// function as a transformer.
//
//	treegen -out DIR -bases 10 -overlays 50 -resources 100
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/cce-ingress-https/cce-ingress-https/tools/inputgen"
)

func main() {
	out := flag.String("out", "", "folder to write the tree into (must not exist)")
	bases := flag.Int("bases", 10, "number of bases")
	overlays := flag.Int("overlays", 50, "number of overlays, spread over the bases")
	resources := flag.Int("resources", 100, "resources per base")
	flag.Parse()
	if *out == "" || *bases < 1 || *overlays < 0 || *resources < 1 || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := inputgen.WriteTree(*out, *bases, *overlays, *resources); err != nil {
		fmt.Fprintln(os.Stderr, "treegen:", err)
		os.Exit(1)
	}
}
