package run

import (
	"errors"
	"fmt"
	"io"

	"github.com/cce-ingress-https/cce-ingress-https/report"
)

// Exit codes.
const (
	exitOK    = 0 // no error result (warnings are fine)
	exitError = 1 // an error result, or input/output that cannot be read or written
	exitUsage = 2 // a command-line mistake, or nothing to read
)

// Main runs the command and returns the exit code. A panic, which would be
// a bug, becomes one error line and exit 1: users never see a stack trace.
//
// The mode comes from the input: file or folder arguments mean file mode
// (stdin is not read); otherwise a ResourceList on stdin means function mode
// and any other YAML on stdin, with --selector or --config, means pipe mode.
// A terminal on stdin prints the usage instead of waiting.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(stderr, "error[internal] cce-ingress-https failed unexpectedly (%v); please report this with the input that caused it\n", p)
			code = exitError
		}
	}()
	o, err := parseArgs(args)
	if err != nil {
		return usageError(stderr, err)
	}
	switch {
	case o.help:
		fmt.Fprint(stdout, Usage())
		return exitOK
	case o.version:
		fmt.Fprintln(stdout, versionLine())
		return exitOK
	case o.given["explain"]:
		return explain(o.explain, stdout, stderr)
	case len(o.paths) > 0:
		if err := o.check(modeFiles); err != nil {
			return usageError(stderr, err)
		}
		return files(o, stdout, stderr)
	case isTerminal(stdin):
		fmt.Fprint(stderr, shortUsage)
		return exitUsage
	}
	input, err := readInput(stdin, o.maxInput)
	if err != nil {
		fmt.Fprintf(stderr, "error[input] %v\n", err)
		return exitError
	}
	defer tightGC(input)()
	// Without pipe-mode configuration, stdin is taken for a ResourceList:
	// function mode then says clearly what is wrong with anything else
	// (empty input, a lone manifest), and exits 1 as for any bad input.
	if isResourceList(input) || !o.flags.Given() && o.configFile == "" {
		if err := o.check(modeFunction); err != nil {
			return usageError(stderr, err)
		}
		return function(o, input, stdout, stderr)
	}
	if err := o.check(modePipe); err != nil {
		return usageError(stderr, err)
	}
	return pipe(o, input, stdout, stderr)
}

type mode string

const (
	modeFunction mode = "function mode (a ResourceList on stdin)"
	modePipe     mode = "pipe mode (manifests on stdin)"
	modeFiles    mode = "file mode"
)

// check rejects flags that make no sense in mode.
func (o *options) check(m mode) error {
	switch {
	case o.inPlace && m != modeFiles:
		return usageErr("--in-place needs file or folder arguments; in %s the manifests go to stdout", m)
	case o.configFile != "" && m == modeFunction:
		return usageErr("--config cannot be used in %s: the ResourceList's functionConfig is the configuration (flags such as --selector override it)", m)
	case o.format != report.FormatText && o.resultsFile == "" && m != modeFiles:
		return usageErr("--format %s needs --results FILE in %s: stdout carries the manifests", o.format, m)
	}
	return nil
}

func usageError(stderr io.Writer, err error) int {
	var u errUsage
	if !errors.As(err, &u) {
		u.msg = err.Error()
	}
	fmt.Fprintf(stderr, "cce-ingress-https: %s\nRun cce-ingress-https --help for usage.\n", u.msg)
	return exitUsage
}
