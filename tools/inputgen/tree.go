package inputgen

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
)

// WriteTree writes a GitOps repository for the file-mode benchmark into out
// (which must not exist): bases of realistic resources, and overlays that
// each use one base (overlay i uses base i mod bases), set a namespace and
// a label, and list the function as a transformer with FunctionConfig.
func WriteTree(out string, bases, overlays, resources int) error {
	if _, err := os.Stat(out); err == nil {
		return fmt.Errorf("%s exists", out)
	}
	files := map[string][]byte{}
	for b := 0; b < bases; b++ {
		dir := fmt.Sprintf("bases/b%02d", b)
		files[dir+"/resources.yaml"] = Bytes(Options{Items: resources, Seed: uint64(b + 1), Stream: true})
		files[dir+"/kustomization.yaml"] = []byte("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- resources.yaml\n")
	}
	config := bytes.Replace([]byte(FunctionConfig), []byte("    config.kubernetes.io/local-config: \"true\"\n"),
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
