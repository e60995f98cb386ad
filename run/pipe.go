package run

import (
	"fmt"
	"io"

	"github.com/kptdev/krm-functions-sdk/go/fn"

	"github.com/cce-ingress-https/cce-ingress-https/krmio"
)

// pipe is pipe mode: a plain stream of manifests (or a v1 List) in, the same
// stream out with the selected Ingresses changed, results on stderr.
func pipe(o *options, input []byte, stdout, stderr io.Writer) int {
	src := sources{}
	doc, err := krmio.ReadStream(input)
	if err != nil {
		return finish(o, fn.Results{inputResult("", fmt.Errorf("stdin: %v", err))}, src, false, stdout, stderr)
	}
	st := loadSettings(o, src)
	results := Pipeline(doc.Items, st.values, st.probs, st.ref, st.file)
	if err := doc.WriteStream(stdout); err != nil {
		fmt.Fprintf(stderr, "error[output] cannot write the manifests: %v\n", err)
		return 1
	}
	return finish(o, results, src, false, stdout, stderr)
}

// finish reports results and returns the exit code: 1 on any error result.
func finish(o *options, results fn.Results, src sources, toStdout bool, stdout, stderr io.Writer) int {
	if err := writeResults(o, results, src, toStdout, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "error[output] %v\n", err)
		return 1
	}
	return exitCode(results)
}
