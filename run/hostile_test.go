package run

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// Hostile cases live in ../testdata/hostile/<case>/: input.yaml is the raw
// stdin (most of these inputs cannot be assembled from manifests), and
// expected.txt lists stderr lines that must each appear verbatim, then
// "exit: N". The lines are a subset on purpose: a hostile case pins what it
// is about (the input error, the schema finding naming the resource and
// field), not the findings of rules that have nothing to do with it.
// Every case is also run through checkProperties (no panic, items kept,
// idempotent) and, in TestHostileBinary, through the real binary.
//
// UPDATE_HOSTILE=1 go test ./run -run TestHostile writes the full stderr as
// expected.txt, to be pruned by hand to the lines the case is about.
func TestHostile(t *testing.T) {
	for _, c := range hostileCases(t) {
		t.Run(c.name, func(t *testing.T) {
			got := checkProperties(t, c.input)
			if os.Getenv("UPDATE_HOSTILE") != "" {
				writeExpectation(t, c.dir, got)
				return
			}
			checkExpectation(t, c, got.code, got.stderr)
		})
	}
}

// TestHostileBinary runs every hostile case through the built binary, so
// the process-level behaviour (exit status, stderr, no stack trace even
// with the Go runtime's own crash output) is what is tested.
func TestHostileBinary(t *testing.T) {
	bin := buildBinary(t)
	for _, c := range hostileCases(t) {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, stderr := runBinary(t, bin, c.input)
			checkProcess(t, code, stderr)
			checkExpectation(t, c, code, stderr)
			in := runFunction(c.input)
			if !bytes.Equal(stdout, in.stdout) {
				t.Fatalf("the binary's stdout differs from run.Function's")
			}
		})
	}
}

type hostileCase struct {
	name, dir string
	input     []byte
	lines     []string // stderr lines that must appear
	exit      int
}

func hostileCases(t *testing.T) []hostileCase {
	t.Helper()
	dirs, err := filepath.Glob("../testdata/hostile/*/input.yaml")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no hostile cases: %v", err)
	}
	var cases []hostileCase
	for _, f := range dirs {
		dir := filepath.Dir(f)
		c := hostileCase{name: filepath.Base(dir), dir: dir}
		c.input, err = os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if exp, err := os.ReadFile(filepath.Join(dir, "expected.txt")); err == nil {
			c.lines, c.exit = parseExpectation(t, string(exp))
		} else if os.Getenv("UPDATE_HOSTILE") == "" {
			t.Fatalf("%s has no expected.txt", dir)
		}
		cases = append(cases, c)
	}
	return cases
}

func parseExpectation(t *testing.T, s string) ([]string, int) {
	t.Helper()
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	last := lines[len(lines)-1]
	var exit int
	if _, err := fmt.Sscanf(last, "exit: %d", &exit); err != nil {
		t.Fatalf("expected.txt must end with 'exit: N', got %q", last)
	}
	return lines[:len(lines)-1], exit
}

func checkExpectation(t *testing.T, c hostileCase, code int, stderr []byte) {
	t.Helper()
	if code != c.exit {
		t.Errorf("exit %d, want %d\nstderr:\n%s", code, c.exit, stderr)
	}
	have := map[string]bool{}
	for _, l := range strings.Split(string(stderr), "\n") {
		have[l] = true
	}
	for _, want := range c.lines {
		if !have[want] {
			t.Errorf("stderr lacks the line\n  %s\nstderr:\n%s", want, stderr)
		}
	}
}

func writeExpectation(t *testing.T, dir string, got outcome) {
	t.Helper()
	s := fmt.Sprintf("%sexit: %d\n", got.stderr, got.code)
	if err := os.WriteFile(filepath.Join(dir, "expected.txt"), []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
)

// buildBinary builds the command once per test run into a temporary directory.
func buildBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "cce-ingress-https-test")
		if err != nil {
			buildErr = err
			return
		}
		builtBin = filepath.Join(dir, "cce-ingress-https")
		out, err := exec.Command("go", "build", "-o", builtBin, "..").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtBin
}

func runBinary(t *testing.T, bin string, input []byte, args ...string) (int, []byte, []byte) {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdin = bytes.NewReader(input)
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("running %s: %v", bin, err)
	}
	return code, out.Bytes(), errOut.Bytes()
}
