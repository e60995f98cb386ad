package run

import (
	"fmt"
	"io"

	"github.com/kptdev/krm-functions-sdk/go/fn"

	"github.com/cce-ingress-https/cce-ingress-https/krmio"
	"github.com/cce-ingress-https/cce-ingress-https/report"
)

// pipe is pipe mode: a plain stream of manifests (or a v1 List) in, the same
// stream out with the selected Ingresses changed, results on stderr.
func pipe(o *options, input []byte, stdout, stderr io.Writer) int {
	src := sources{}
	doc, err := krmio.ReadStreamWith(input, readOptions)
	if err != nil {
		return finish(o, nil, fn.Results{inputResult("", fmt.Errorf("stdin: %v", err))}, src, false, stdout, stderr)
	}
	if len(doc.Items) == 0 {
		// A pipe whose first command failed (kustomize build, helm template)
		// sends nothing; without pipefail only this exit status tells.
		return finish(o, nil, fn.Results{inputResult("", fmt.Errorf("stdin has no manifests: the command before the pipe probably failed "+
			"(check its errors above, and use set -o pipefail so the pipe fails with it), or it rendered nothing"))}, src, false, stdout, stderr)
	}
	st := loadSettings(o, src)
	results := checkPlain(o, doc.Resources(), st)
	if err := doc.WriteStream(stdout); err != nil {
		fmt.Fprintf(stderr, "error[output] cannot write the manifests: %v\n", err)
		return 1
	}
	return finish(o, st, results, src, false, stdout, stderr)
}

// finish reports results and returns the exit code: 1 on any error result.
// st is nil when the run stopped before its configuration was read. The
// summary line comes last, unless --quiet.
func finish(o *options, st *settings, results fn.Results, src sources, toStdout bool, stdout, stderr io.Writer) int {
	err := writeResults(o, results, src, toStdout, stdout, stderr)
	var c counts
	if st != nil {
		c = st.counts
	}
	if o.verbose {
		printPassed(stderr, c.passed)
	}
	if !o.quiet {
		c.Passed = len(c.passed)
		fmt.Fprintln(stderr, report.SummaryLine(c.Summary, results))
	}
	if err != nil {
		fmt.Fprintf(stderr, "error[output] %v\n", err)
		return 1
	}
	return exitCode(results)
}
