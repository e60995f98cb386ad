package run

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/cce-ingress-https/cce-ingress-https/config"
)

// Result formats for --format.
const (
	formatText  = "text"
	formatJSON  = "json"
	formatSARIF = "sarif"
)

// options is the parsed command line.
type options struct {
	help, version bool
	explain       string // --explain RULE
	configFile    string // --config FILE
	flags         config.Flags
	format        string // text, json or sarif
	resultsFile   string // --results FILE
	inPlace       bool
	verbose       bool
	paths         []string // file and folder arguments
	given         map[string]bool
}

// errUsage marks a command-line mistake: exit code 2.
type errUsage struct{ msg string }

func (e errUsage) Error() string { return e.msg }

func usageErr(format string, args ...any) error { return errUsage{fmt.Sprintf(format, args...)} }

// parseArgs reads flags and arguments in any order ("--" ends the flags).
func parseArgs(args []string) (*options, error) {
	o := &options{format: formatText, given: map[string]bool{}}
	fs := flag.NewFlagSet("cce-ingress-https", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.BoolVar(&o.help, "help", false, "")
	fs.BoolVar(&o.help, "h", false, "")
	fs.BoolVar(&o.version, "version", false, "")
	fs.StringVar(&o.explain, "explain", "", "")
	fs.StringVar(&o.configFile, "config", "", "")
	fs.StringVar(&o.format, "format", formatText, "")
	fs.StringVar(&o.resultsFile, "results", "", "")
	fs.BoolVar(&o.inPlace, "in-place", false, "")
	fs.BoolVar(&o.verbose, "verbose", false, "")
	fs.BoolVar(&o.verbose, "v", false, "")
	o.flags.Register(fs)
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				o.help = true
				return o, nil
			}
			return nil, errUsage{twoDashes(err.Error())}
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			o.paths = append(o.paths, rest...)
			break
		}
		o.paths = append(o.paths, rest[0])
		args = rest[1:]
	}
	fs.Visit(func(f *flag.Flag) { o.given[f.Name] = true })
	switch o.format {
	case formatText, formatJSON, formatSARIF:
	default:
		return nil, usageErr("--format %q: use text, json or sarif", o.format)
	}
	return o, nil
}

// twoDashes rewrites the flag package's "-port" as "--port", the form the
// help text and users use.
func twoDashes(msg string) string {
	var b strings.Builder
	for i := 0; i < len(msg); i++ {
		b.WriteByte(msg[i])
		if msg[i] == ' ' && i+2 < len(msg) && msg[i+1] == '-' && msg[i+2] >= 'a' && msg[i+2] <= 'z' {
			b.WriteByte('-')
		}
	}
	return b.String()
}
