package krmio_test

import (
	"fmt"
	"io"
	"testing"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/cce-ingress-https/cce-ingress-https/krmio"
	"github.com/cce-ingress-https/cce-ingress-https/tools/inputgen"
)

// Run: go test -run '^$' -bench . -benchmem ./krmio
var sizes = []int{2500, 25000}

// headersOnly keeps every item's header and no digest.
func headersOnly(apiVersion, kind string, n *yaml.Node) any { return nil }

func BenchmarkReadResourceList(b *testing.B) {
	for _, n := range sizes {
		input := inputgen.Bytes(inputgen.Options{Items: n, Seed: 1})
		for _, mode := range []struct {
			name string
			opts krmio.ReadOptions
		}{{"full", krmio.ReadOptions{}}, {"headers-only", krmio.ReadOptions{Digest: headersOnly}}} {
			b.Run(fmt.Sprintf("items=%d/%s", n, mode.name), func(b *testing.B) {
				b.SetBytes(int64(len(input)))
				for b.Loop() {
					if _, err := krmio.ReadResourceListWith(input, mode.opts); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkWriteResourceList writes every item unchanged, then with three
// annotations set on every Ingress (patched into the text) and one info
// result per annotation.
func BenchmarkWriteResourceList(b *testing.B) {
	for _, n := range sizes {
		input := inputgen.Bytes(inputgen.Options{Items: n, Seed: 1})
		b.Run(fmt.Sprintf("items=%d/unchanged", n), func(b *testing.B) {
			doc, err := krmio.ReadResourceList(input)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(input)))
			for b.Loop() {
				if err := doc.WriteResourceList(io.Discard, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("items=%d/annotated", n), func(b *testing.B) {
			doc, err := krmio.ReadResourceList(input)
			if err != nil {
				b.Fatal(err)
			}
			var results fn.Results
			for _, it := range doc.Items {
				if it.Object().GetKind() != "Ingress" {
					continue
				}
				for _, kv := range [][2]string{{"kubernetes.io/elb.pool-protocol", "https"}, {"kubernetes.io/elb.port", "443"}, {"kubernetes.io/elb.tls-ciphers-policy", "tls-1-2"}} {
					if err := it.SetAnnotation(kv[0], kv[1]); err != nil {
						b.Fatal(err)
					}
					results = append(results, &fn.Result{Message: "set " + kv[0], Severity: fn.Info, ResourceRef: it.Ref(), File: it.File(),
						Field: &fn.Field{Path: "metadata.annotations[" + kv[0] + "]", ProposedValue: kv[1]}, Tags: map[string]string{"rule": "https-annotations"}})
				}
			}
			b.SetBytes(int64(len(input)))
			for b.Loop() {
				if err := doc.WriteResourceList(io.Discard, results); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
