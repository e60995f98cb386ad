package run

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"github.com/cce-ingress-https/cce-ingress-https/tools/inputgen"
)

// benchSizes are the benchmark sizes; 100,000 is skipped under -short.
var benchSizes = []int{2500, 25000, 100000}

// BenchmarkFunction measures the whole processor in function mode: read the
// ResourceList, select, annotate, run every rule, write items and results.
// Run: go test -run '^$' -bench Function -benchmem ./run
func BenchmarkFunction(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			if n > 25000 && testing.Short() {
				b.Skip("100,000 items is skipped under -short")
			}
			input := inputgen.Bytes(inputgen.Options{Items: n, Seed: 1})
			var stderr bytes.Buffer
			if code := functionMode(input, io.Discard, &stderr); code != 0 {
				b.Fatalf("exit %d on generated input:\n%s", code, stderr.String())
			}
			b.SetBytes(int64(len(input)))
			b.ResetTimer()
			for b.Loop() {
				functionMode(input, io.Discard, io.Discard)
			}
		})
	}
}
