package report

import (
	"bufio"
	"io"
	"strconv"
	"strings"

	"github.com/kptdev/krm-functions-sdk/go/fn"
)

// Text writes one readable line per result, e.g.
//
//	error[dedicated-elb] Ingress default/web (apps/web.yaml): kubernetes.io/elb.class is union ...
//
// Info results are printed only when withInfo is set: kustomize shows stderr
// but drops results, so warnings and errors must reach users here.
func Text(w io.Writer, results fn.Results, withInfo bool) {
	bw := bufio.NewWriter(w)
	for _, r := range groupApps(results) {
		if r.Severity == fn.Info && !withInfo {
			continue
		}
		bw.WriteString(Line(r))
		bw.WriteByte('\n')
	}
	bw.Flush()
}

// Line formats one result on one line.
func Line(r *fn.Result) string {
	var b strings.Builder
	b.WriteString(string(r.Severity))
	if rule := r.Tags["rule"]; rule != "" {
		b.WriteString("[" + rule + "]")
	}
	if ref := r.ResourceRef; ref != nil {
		if ref.Kind != "" {
			b.WriteString(" " + ref.Kind)
		}
		b.WriteString(" ")
		if ref.Namespace != "" {
			b.WriteString(ref.Namespace + "/")
		}
		if ref.Name == "" {
			b.WriteString("<no name>")
		}
		b.WriteString(ref.Name)
	}
	if app := r.Tags[appTag]; app != "" {
		b.WriteString(" (" + app)
		if r.File != nil && r.File.Path != "" {
			b.WriteString(": " + r.File.Path)
		}
		b.WriteString(")")
	} else if r.File != nil && r.File.Path != "" {
		b.WriteString(" (" + r.File.Path)
		if r.File.Index > 0 {
			b.WriteString("#" + strconv.Itoa(r.File.Index))
		}
		b.WriteString(")")
	}
	if r.Field != nil && r.Field.Path != "" {
		b.WriteString(" " + r.Field.Path)
	}
	b.WriteString(": " + r.Message)
	return OneLine(b.String())
}

// OneLine keeps a stderr line on one line whatever the input put in names,
// keys or messages.
func OneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return lineBreaks.Replace(s)
}

var lineBreaks = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ")
