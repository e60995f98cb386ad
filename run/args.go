package run

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/cce-ingress-https/cce-ingress-https/config"
	"github.com/cce-ingress-https/cce-ingress-https/report"
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
	quiet         bool
	maxInput      int64    // --max-input-bytes
	paths         []string // file and folder arguments
	given         map[string]bool
	resultsShown  bool          // the host (kpt) shows every result itself: no result lines on stderr
	flagSet       *flag.FlagSet // every flag parsed, for the --help test
}

// errUsage marks a command-line mistake: exit code 2.
type errUsage struct{ msg string }

func (e errUsage) Error() string { return e.msg }

func usageErr(format string, args ...any) error { return errUsage{fmt.Sprintf(format, args...)} }

// flagDef is one command-line flag: the one definition that parsing and
// --help both read.
type flagDef struct {
	group string // the --help section
	config.FlagDef
	short string // one-letter alias, or ""
}

// Sections of --help, in order.
const (
	groupConfig = "Configuration (pipe and file mode; in function mode these flags override\nthe functionConfig, and --config is not allowed):"
	groupOutput = "Output:"
	groupOther  = "Other:"
)

// flagDefs defines every flag, writing parsed values into o.
func flagDefs(o *options) []flagDef {
	str := func(p *string) func(string) error { return func(v string) error { *p = v; return nil } }
	boolean := func(p *bool) func(string) error {
		return func(v string) error {
			switch v {
			case "true", "false":
				*p = v == "true"
				return nil
			}
			return fmt.Errorf("%q is not true or false", v)
		}
	}
	defs := []flagDef{{group: groupConfig, FlagDef: config.FlagDef{Name: "--config", Arg: "FILE",
		Help: "an IngressHTTPSBackend or a ConfigMap (below); flags override its values, --rule adds to its rules", Set: str(&o.configFile)}}}
	for _, d := range o.flags.Defs() {
		defs = append(defs, flagDef{group: groupConfig, FlagDef: d})
	}
	return append(defs,
		flagDef{group: groupOutput, FlagDef: config.FlagDef{Name: "--format", Arg: "text|json|sarif", Help: "format of the full result set (default text)", Set: str(&o.format)}},
		flagDef{group: groupOutput, FlagDef: config.FlagDef{Name: "--results", Arg: "FILE", Help: "write the full result set to FILE in --format", Set: str(&o.resultsFile)}},
		flagDef{group: groupOutput, FlagDef: config.FlagDef{Name: "--in-place", Help: "file mode: rewrite changed files, not stdout", Set: boolean(&o.inPlace)}},
		flagDef{group: groupOutput, FlagDef: config.FlagDef{Name: "--verbose", Help: "also print info results on stderr, and the items passed through untouched", Set: boolean(&o.verbose)}, short: "-v"},
		flagDef{group: groupOutput, FlagDef: config.FlagDef{Name: "--quiet", Help: "no summary line at the end of the run", Set: boolean(&o.quiet)}, short: "-q"},
		flagDef{group: groupOther, FlagDef: config.FlagDef{Name: "--max-input-bytes", Arg: "N", Help: "refuse stdin, or in file mode any one file, larger than N bytes (default 1 GiB, at most 2 GiB - 1)", Set: func(v string) error {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n <= 0 {
				return fmt.Errorf("%q is not a positive number of bytes", v)
			}
			if n > maxMaxInput {
				return fmt.Errorf("%q is over the largest input the reader takes (%d bytes: it keeps offsets in 32 bits)", v, maxMaxInput)
			}
			o.maxInput = n
			return nil
		}}},
		flagDef{group: groupOther, FlagDef: config.FlagDef{Name: "--help", Help: "this text", Set: boolean(&o.help)}, short: "-h"},
		flagDef{group: groupOther, FlagDef: config.FlagDef{Name: "--version", Help: "version, commit and Go version of this build", Set: boolean(&o.version)}},
		flagDef{group: groupOther, FlagDef: config.FlagDef{Name: "--explain", Arg: "RULE", Help: "print a rule's page: what CCE requires and why, how to fix, examples", Set: str(&o.explain)}},
	)
}

// newFlagSet registers every flag of flagDefs(o).
func newFlagSet(o *options) *flag.FlagSet {
	fs := flag.NewFlagSet("cce-ingress-https", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	for _, d := range flagDefs(o) {
		for _, name := range []string{d.Name, d.short} {
			switch {
			case name == "":
			case d.Arg == "":
				fs.BoolFunc(strings.TrimLeft(name, "-"), d.Help, d.Set)
			default:
				fs.Func(strings.TrimLeft(name, "-"), d.Help, d.Set)
			}
		}
	}
	return fs
}

// parseArgs reads flags and arguments in any order ("--" ends the flags).
func parseArgs(args []string) (*options, error) {
	o := &options{format: report.FormatText, given: map[string]bool{}, maxInput: defaultMaxInput}
	fs := newFlagSet(o)
	o.flagSet = fs
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				o.help = true
				return o, nil
			}
			return nil, errUsage{flagError(fs, err)}
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
	case report.FormatText, report.FormatJSON, report.FormatSARIF:
	default:
		return nil, usageErr("--format %q: use text, json or sarif", o.format)
	}
	if o.quiet && o.verbose {
		return nil, usageErr("--quiet and --verbose contradict each other: give one")
	}
	return o, nil
}

// flagError rewrites the flag package's message in the form users type
// ("--port", not "-port") and suggests the closest flag for an unknown one.
func flagError(fs *flag.FlagSet, err error) string {
	msg := twoDashes(err.Error())
	name, unknown := strings.CutPrefix(err.Error(), "flag provided but not defined: -")
	if !unknown {
		return msg
	}
	var names []string
	fs.VisitAll(func(f *flag.Flag) {
		if len(f.Name) > 1 {
			names = append(names, f.Name)
		}
	})
	msg = "unknown flag --" + strings.TrimLeft(name, "-")
	if best := config.Suggest(strings.TrimLeft(name, "-"), names); best != "" {
		msg += ": did you mean --" + best + "?"
	}
	return msg
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
