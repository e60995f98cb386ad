package run

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/kptdev/krm-functions-sdk/go/fn"
)

// report writes the results: warnings and errors (infos too with --verbose)
// as lines on stderr (unless the host shows the results itself), and the whole set in --format to
// --results FILE or, when toStdout is set (file mode), to stdout.
func report(o *options, results fn.Results, src sources, toStdout bool, stdout, stderr io.Writer) error {
	if !o.resultsShown {
		PrintText(stderr, results, o.verbose)
	}
	switch {
	case o.resultsFile != "":
		var buf bytes.Buffer
		if err := formatResults(&buf, o.format, results, src); err != nil {
			return err
		}
		if err := os.WriteFile(o.resultsFile, buf.Bytes(), 0o644); err != nil {
			return fmt.Errorf("cannot write --results file: %v", err)
		}
	case toStdout:
		return formatResults(stdout, o.format, results, src)
	}
	return nil
}

// formatResults writes every result in format.
func formatResults(w io.Writer, format string, results fn.Results, src sources) error {
	switch format {
	case formatJSON:
		return writeJSON(w, results)
	case formatSARIF:
		return writeSARIF(w, results, src)
	}
	PrintText(w, results, true)
	return nil
}

// jsonReport is the --format json document: counts, then the results in the
// same shape as a ResourceList's results.
type jsonReport struct {
	Errors   int        `json:"errors"`
	Warnings int        `json:"warnings"`
	Infos    int        `json:"infos"`
	Results  fn.Results `json:"results"`
}

func writeJSON(w io.Writer, results fn.Results) error {
	rep := jsonReport{Results: fn.Results{}}
	for _, r := range results {
		switch r.Severity {
		case fn.Error:
			rep.Errors++
		case fn.Warning:
			rep.Warnings++
		default:
			rep.Infos++
		}
		rep.Results = append(rep.Results, r)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}

// inputResult reports input that cannot be read at all.
func inputResult(file string, err error) *fn.Result {
	r := &fn.Result{Severity: fn.Error, Message: err.Error(), Tags: map[string]string{"rule": "input"}}
	if file != "" {
		r.File = &fn.File{Path: file}
	}
	return r
}
