package report

import (
	"encoding/json"
	"io"

	"github.com/kptdev/krm-functions-sdk/go/fn"
)

// Result formats, as --format names them.
const (
	FormatText  = "text"
	FormatJSON  = "json"
	FormatSARIF = "sarif"
)

// Run describes where the results came from, for formats that say so.
type Run struct {
	Version string               // the tool's version
	Line    func(*fn.Result) int // 1-based file line of a result's field, 0 when unknown; nil: no lines
}

// Write writes every result in format (text for any unknown name).
func Write(w io.Writer, format string, results fn.Results, run Run) error {
	switch format {
	case FormatJSON:
		return writeJSON(w, results)
	case FormatSARIF:
		return writeSARIF(w, results, run)
	}
	Text(w, results, true)
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
