package run

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/kptdev/krm-functions-sdk/go/fn"

	"github.com/cce-ingress-https/cce-ingress-https/report"
)

// writeResults writes the results: warnings and errors (infos too with
// --verbose) as lines on stderr in every mode, and the whole set in
// --format to --results FILE or, when toStdout is set (file mode), to stdout.
func writeResults(o *options, results fn.Results, src sources, toStdout bool, stdout, stderr io.Writer) error {
	if !o.resultsShown {
		report.Text(stderr, results, o.verbose)
	}
	info := report.Run{Version: version(), Line: src.line}
	switch {
	case o.resultsFile != "":
		var buf bytes.Buffer
		if err := report.Write(&buf, o.format, results, info); err != nil {
			return err
		}
		if err := os.WriteFile(o.resultsFile, buf.Bytes(), 0o644); err != nil {
			return fmt.Errorf("cannot write --results file: %v", err)
		}
	case toStdout:
		return report.Write(stdout, o.format, results, info)
	}
	return nil
}

// inputResult reports input that cannot be read at all.
func inputResult(file string, err error) *fn.Result {
	r := &fn.Result{Severity: fn.Error, Message: err.Error(), Tags: map[string]string{"rule": "input"}}
	if file != "" {
		r.File = &fn.File{Path: file}
	}
	return r
}
