// Package inputgen generates realistic, deterministic inputs for the
// benchmarks: a kpt ResourceList (or a plain stream of manifests) of
// Ingresses, Services, Deployments and TLS Secrets, laid out as a platform
// repo of many small apps. tools/gen is its command; the Go benchmarks call
// it directly.
//
//	Options{Items, Seed, Stream} ──Write──> ResourceList or "---" stream bytes
//
// The mix is the one the benchmarks measure (10,000 Ingresses + 10,000 Services +
// 5,000 Deployments at 25,000) with the Secrets taken from the Services'
// share: per app of 25 items, 1 TLS Secret, 9 Services, 5 Deployments and
// 10 Ingresses, in that (file) order. About two thirds of the Ingresses
// carry the selected label. The resources pass every rule, so the function
// exits 0 on them: benchmarks measure a render that succeeds.
package inputgen

import (
	"bufio"
	"bytes"
	"io"
)

// Options say what to generate.
type Options struct {
	Items  int    // number of resources
	Seed   uint64 // the same seed gives the same bytes
	Stream bool   // plain YAML documents instead of a ResourceList
}

// FunctionConfig is the typed configuration every generated ResourceList
// carries: select by the label two thirds of the Ingresses have.
const FunctionConfig = `apiVersion: fn.kpt.dev/v1alpha1
kind: IngressHTTPSBackend
metadata:
  name: https-backend
  annotations:
    config.kubernetes.io/local-config: "true"
selector:
  matchLabels:
    https-backend: enabled
clusterVersion: v1.28.4-r0
`

// Write writes the input to w.
func Write(w io.Writer, o Options) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	g := newGenerator(o.Seed, o.Stream)
	n := o.Items
	if !o.Stream {
		io.WriteString(bw, "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\n")
		if n <= 0 {
			io.WriteString(bw, "items: []\n")
		} else {
			io.WriteString(bw, "items:\n")
		}
	}
	for app := 0; n > 0; app++ {
		k := min(n, appSize)
		g.app(bw, app, k)
		n -= k
	}
	if !o.Stream {
		io.WriteString(bw, "functionConfig:\n")
		for _, l := range bytes.SplitAfter([]byte(FunctionConfig), []byte("\n")) {
			if len(l) > 0 {
				bw.WriteString("  ")
				bw.Write(l)
			}
		}
	}
	return bw.Flush()
}

// Bytes returns the input as one byte slice.
func Bytes(o Options) []byte {
	var b bytes.Buffer
	Write(&b, o)
	return b.Bytes()
}
