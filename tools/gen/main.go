// Command gen writes a realistic, deterministic benchmark input (see
// package tools/inputgen) to stdout.
//
//	gen -items 25000 -seed 1 > in.yaml            ResourceList with a typed functionConfig
//	gen -items 2500 -format stream > all.yaml     plain manifests (kustomize, helm, pipe mode)
//	gen -format config > fn-config.yaml           the functionConfig alone (for kustomize, kpt, --config)
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/cce-ingress-https/cce-ingress-https/tools/inputgen"
)

func main() {
	items := flag.Int("items", 2500, "number of resources")
	seed := flag.Uint64("seed", 1, "random seed; the same seed gives the same bytes")
	format := flag.String("format", "resourcelist", "resourcelist (kpt-style items with path/index annotations and a functionConfig), stream (plain YAML documents) or config (the functionConfig alone)")
	flag.Parse()
	if *items < 0 || (*format != "resourcelist" && *format != "stream" && *format != "config") || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if *format == "config" {
		fmt.Print(inputgen.FunctionConfig)
		return
	}
	o := inputgen.Options{Items: *items, Seed: *seed, Stream: *format == "stream"}
	if err := inputgen.Write(os.Stdout, o); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
