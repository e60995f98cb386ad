package run

import (
	"fmt"
	"io"
	"runtime/debug"
)

// Version is set at build time with -ldflags "-X .../run.Version=v1.2.3".
var Version = ""

// Main runs the command and returns the exit code. A panic, which would be
// a bug, becomes one error line and exit 1: users never see a stack trace.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(stderr, "error[internal] cce-ingress-https failed unexpectedly (%v); please report this with the input that caused it\n", p)
			code = 1
		}
	}()
	for _, a := range args {
		switch a {
		case "--version", "-version":
			fmt.Fprintln(stdout, version())
			return 0
		case "--help", "-help", "-h":
			fmt.Fprint(stdout, Usage())
			return 0
		}
	}
	input, err := io.ReadAll(stdin)
	if err != nil {
		fmt.Fprintf(stderr, "error[input] cannot read stdin: %v\n", err)
		return 1
	}
	return Function(input, stdout, stderr)
}

func version() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

// Usage is the --help text.
func Usage() string {
	return `cce-ingress-https: a KRM function that makes CCE LoadBalancer Ingresses talk HTTPS to their backends.

Usage:
  cce-ingress-https < resourcelist.yaml     function mode (kustomize, kpt, Argo CD)
  cce-ingress-https --help | --version
`
}
