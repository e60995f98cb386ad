package validator_test

import (
	"fmt"
	"testing"

	"github.com/cce-ingress-https/cce-ingress-https/config"
	"github.com/cce-ingress-https/cce-ingress-https/krmio"
	"github.com/cce-ingress-https/cce-ingress-https/tools/inputgen"
	"github.com/cce-ingress-https/cce-ingress-https/transformer"
	"github.com/cce-ingress-https/cce-ingress-https/validator"
)

// Run: go test -run '^$' -bench . -benchmem ./validator
var sizes = []int{2500, 25000}

// setup reads a generated input, applies the transformer and returns what
// validator.Run gets in function mode.
func setup(b *testing.B, n int) ([]*krmio.Item, validator.Options) {
	doc, err := krmio.ReadResourceList(inputgen.Bytes(inputgen.Options{Items: n, Seed: 1}))
	if err != nil {
		b.Fatal(err)
	}
	cfg, probs := config.Load(doc.FunctionConfig, config.Flags{})
	if len(probs) > 0 {
		b.Fatalf("config problems: %v", probs)
	}
	out := transformer.Apply(doc.Items, cfg.Transform)
	opts := cfg.Validate
	opts.Selected, opts.Conflicts = out.Selected, out.Conflicts
	return doc.Items, opts
}

// BenchmarkRun is every rule on every Ingress, index included.
func BenchmarkRun(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			items, opts := setup(b, n)
			for b.Loop() {
				validator.Run(items, opts)
			}
		})
	}
}

// BenchmarkNewIndex is the Service, Secret and listener index.
func BenchmarkNewIndex(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			items, _ := setup(b, n)
			var ingresses []*validator.Ingress
			for _, it := range items {
				if validator.IsIngress(it) {
					ing := validator.ParseIngress(it)
					ing.HTTPSBackend = true
					ingresses = append(ingresses, ing)
				}
			}
			for b.Loop() {
				validator.NewIndex(items, ingresses)
			}
		})
	}
}

// BenchmarkParseIngress is the typed view the rules read.
func BenchmarkParseIngress(b *testing.B) {
	items, _ := setup(b, 2500)
	var ingresses []*krmio.Item
	for _, it := range items {
		if validator.IsIngress(it) {
			ingresses = append(ingresses, it)
		}
	}
	for b.Loop() {
		for _, it := range ingresses {
			validator.ParseIngress(it)
		}
	}
}
