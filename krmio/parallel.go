package krmio

import (
	"bufio"
	"runtime"
	"sync"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"sigs.k8s.io/kustomize/kyaml/yaml"
)

// Encoding YAML is the slow part of writing, so changed items and results
// are encoded on every core, a window at a time, and written in order. The
// window bounds the memory held by encoded text.
const window = 256

// inOrder calls enc for 0..n-1 in parallel and write with each result in
// index order. It stops at the first error.
func inOrder(n int, enc func(i int) ([]byte, error), write func([]byte)) error {
	workers := runtime.GOMAXPROCS(0)
	out := make([][]byte, min(n, window))
	errs := make([]error, len(out))
	for start := 0; start < n; start += window {
		end := min(n, start+window)
		if workers == 1 || end-start < 8 {
			for i := start; i < end; i++ {
				out[i-start], errs[i-start] = enc(i)
			}
		} else {
			var wg sync.WaitGroup
			for w := 0; w < workers; w++ {
				wg.Add(1)
				go func(w int) {
					defer wg.Done()
					for i := start + w; i < end; i += workers {
						out[i-start], errs[i-start] = enc(i)
					}
				}(w)
			}
			wg.Wait()
		}
		for i := start; i < end; i++ {
			if errs[i-start] != nil {
				return errs[i-start]
			}
			write(out[i-start])
			out[i-start] = nil
		}
	}
	return nil
}

// resultsPerChunk results are encoded together: a YAML sequence encoded in
// pieces and concatenated is the same text as the whole sequence encoded at once.
const resultsPerChunk = 32

// writeResults writes "results:" and the results as a block sequence.
func writeResults(w *bufio.Writer, results fn.Results) error {
	w.WriteString("results:\n")
	chunks := (len(results) + resultsPerChunk - 1) / resultsPerChunk
	return inOrder(chunks, func(i int) ([]byte, error) {
		var b []byte
		for _, r := range results[i*resultsPerChunk : min(len(results), (i+1)*resultsPerChunk)] {
			var ok bool
			if b, ok = appendResult(b, r); !ok {
				enc, err := encodeValue(fn.Results{r})
				if err != nil {
					return nil, err
				}
				b = append(b, enc...)
			}
		}
		return b, nil
	}, func(b []byte) { w.Write(b) })
}

// encodeValue encodes v as a YAML document with the kyaml encoder settings.
func encodeValue(v any) ([]byte, error) {
	var buf bufferWriter
	enc := yaml.NewEncoder(&buf)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.b, nil
}

type bufferWriter struct{ b []byte }

func (w *bufferWriter) Write(p []byte) (int, error) {
	w.b = append(w.b, p...)
	return len(p), nil
}

// parallel calls f for 0..n-1 on every core.
func parallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), 1+n/64)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < n; i += workers {
				f(i)
			}
		}(w)
	}
	wg.Wait()
}
