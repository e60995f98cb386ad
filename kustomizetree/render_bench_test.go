package kustomizetree

import (
	"path/filepath"
	"testing"

	"github.com/cce-ingress-https/cce-ingress-https/tools/inputgen"
)

// BenchmarkRender renders one overlay of 100 resources (a base of
// tools/inputgen resources, a namespace, a label, the function listed as a
// transformer): the unit of work of file mode on a kustomize tree.
func BenchmarkRender(b *testing.B) {
	tree := filepath.Join(b.TempDir(), "tree")
	if err := inputgen.WriteTree(tree, 1, 1, 100); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		app := Render(filepath.Join(tree, "overlays", "o00"))
		if app.Err != nil || len(app.Plugins) > 0 || app.Config == nil {
			b.Fatal(app.Err, app.Plugins)
		}
	}
}
