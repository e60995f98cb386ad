package transformer_test

import (
	"fmt"
	"testing"

	"k8s.io/apimachinery/pkg/labels"

	"github.com/cce-ingress-https/cce-ingress-https/krmio"
	"github.com/cce-ingress-https/cce-ingress-https/tools/inputgen"
	"github.com/cce-ingress-https/cce-ingress-https/transformer"
)

// Run: go test -run '^$' -bench . -benchmem ./transformer
var sizes = []int{2500, 25000}

func read(b *testing.B, n int) []*krmio.Item {
	doc, err := krmio.ReadResourceList(inputgen.Bytes(inputgen.Options{Items: n, Seed: 1}))
	if err != nil {
		b.Fatal(err)
	}
	return doc.Items
}

var selector = labels.SelectorFromSet(labels.Set{"https-backend": "enabled"})

// BenchmarkSelects is the selection alone: kind check and label match on every item.
func BenchmarkSelects(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			items := read(b, n)
			for b.Loop() {
				for _, it := range items {
					transformer.Selects(it, selector)
				}
			}
		})
	}
}

// BenchmarkApply selects and annotates; each round gets freshly read items.
func BenchmarkApply(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			input := inputgen.Bytes(inputgen.Options{Items: n, Seed: 1})
			opts := transformer.Options{Selector: selector, Port: 443, CiphersPolicy: "tls-1-2"}
			for b.Loop() {
				b.StopTimer()
				doc, err := krmio.ReadResourceList(input)
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				transformer.Apply(doc.Items, opts)
			}
		})
	}
}
