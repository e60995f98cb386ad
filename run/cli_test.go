package run

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// Fixtures in testdata/: app/ is a folder of manifests (a selected Ingress,
// its Service and Secret, a non-manifest values.yaml, a notes.txt, a hidden
// folder and a nested unselected Ingress); shared/ingress.yaml is a selected
// Ingress on a shared ELB (a dedicated-elb error); fn.yaml and
// fn-configmap.yaml are the two configuration forms.
const (
	appDir       = "testdata/app"
	ingressFile  = "testdata/app/ingress.yaml"
	backendFile  = "testdata/app/backend.yaml"
	sharedFile   = "testdata/shared/ingress.yaml"
	typedConfig  = "testdata/fn.yaml"
	configMapCfg = "testdata/fn-configmap.yaml"
)

// outcome is what one run of the command gave.
type outcome struct {
	stdout, stderr string
	code           int
}

// runCLI runs Main with stdin as a plain reader (not a terminal).
func runCLI(t testing.TB, stdin string, args ...string) outcome {
	t.Helper()
	return runWith(t, strings.NewReader(stdin), args...)
}

func runWith(t testing.TB, stdin io.Reader, args ...string) outcome {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(args, stdin, &out, &errOut)
	return outcome{out.String(), errOut.String(), code}
}

func readFile(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(b)
}

// stream joins files into one "---"-separated stream, as kustomize build or
// helm template would print them.
func stream(t testing.TB, paths ...string) string {
	t.Helper()
	var docs []string
	for _, p := range paths {
		docs = append(docs, strings.TrimRight(readFile(t, p), "\n")+"\n")
	}
	return strings.Join(docs, "---\n")
}

// copyDir copies a fixture folder into a temporary one, for --in-place.
func copyDir(t testing.TB, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, info.Mode().Perm())
	})
	require.NoError(t, err)
	return dst
}

// noRead is a stdin that fails the test when read: file mode and a
// terminal must never wait on stdin.
type noRead struct{ t testing.TB }

func (r noRead) Read([]byte) (int, error) {
	r.t.Errorf("stdin was read")
	return 0, io.EOF
}

// terminal is a stdin that looks like an interactive terminal.
type terminal struct{ noRead }

func (terminal) Stat() (os.FileInfo, error) { return charDevice{}, nil }

type charDevice struct{ os.FileInfo }

func (charDevice) Mode() os.FileMode { return os.ModeDevice | os.ModeCharDevice | 0o620 }
