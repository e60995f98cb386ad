// Command treegen writes a generated GitOps repository for the file-mode
// benchmark: bases of realistic resources (tools/inputgen) and overlays
// that each use one base, set a namespace and a label, and list the
// function as a transformer.
//
//	treegen -out DIR -bases 10 -overlays 50 -resources 100
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"

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
	if err := write(*out, *bases, *overlays, *resources); err != nil {
		fmt.Fprintln(os.Stderr, "treegen:", err)
		os.Exit(1)
	}
}

func write(out string, bases, overlays, resources int) error {
	if _, err := os.Stat(out); err == nil {
		return fmt.Errorf("%s exists", out)
	}
	files := map[string][]byte{}
	for b := 0; b < bases; b++ {
		dir := fmt.Sprintf("bases/b%02d", b)
		files[dir+"/resources.yaml"] = inputgen.Bytes(inputgen.Options{Items: resources, Seed: uint64(b + 1), Stream: true})
		files[dir+"/kustomization.yaml"] = []byte("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- resources.yaml\n")
	}
	config := bytes.Replace([]byte(inputgen.FunctionConfig), []byte("    config.kubernetes.io/local-config: \"true\"\n"),
		[]byte("    config.kubernetes.io/function: |\n      exec:\n        path: cce-ingress-https\n"), 1)
	for o := 0; o < overlays; o++ {
		dir := fmt.Sprintf("overlays/o%02d", o)
		files[dir+"/kustomization.yaml"] = fmt.Appendf(nil, `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: env-%02d
resources:
- ../../bases/b%02d
labels:
- pairs:
    env: env-%02d
transformers:
- cce-ingress-https.yaml
`, o, o%bases, o)
		files[dir+"/cce-ingress-https.yaml"] = config
	}
	for p, data := range files {
		full := filepath.Join(out, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(full, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
