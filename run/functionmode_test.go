package run

import (
	"io"

	"github.com/cce-ingress-https/cce-ingress-https/report"
)

// functionMode is function mode without command-line options.
func functionMode(input []byte, stdout, stderr io.Writer) int {
	return function(&options{format: report.FormatText}, input, stdout, stderr)
}
