// Command testtally reads `go test -json` events and keeps the output that
// plain `go test` prints, then judges the whole run in one closing line:
//
//	go test -json ./... ──testtally -print──> failures' output, one line per package (live)
//	events file ──testtally -allowlist FILE──> skipped and failed tests, "N passed, N failed, N skipped"
//
// Every test and subtest counts. A package that fails outside any test (a
// build error, a panic in TestMain, a timeout) counts as one failed test.
// With CI=true a skipped test that the allowlist does not name is a
// failure: in CI nothing may skip silently. The verdict exits 1 on any
// failure, on an allowlist line without a reason, and when the events hold
// no test at all (go test did not run).
//
// scripts/test.sh appends one event per extra step (fuzz, benchmark smoke)
// so the closing line counts them too.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"sort"
	"strings"
)

// event is one line of `go test -json` (cmd/test2json).
type event struct {
	Action      string
	Package     string
	Test        string
	Output      string
	ImportPath  string // build-output events
	FailedBuild string // set on a package's fail event when its build failed
}

func main() {
	printMode := flag.Bool("print", false, "print the readable output of the events on stdin, no verdict")
	allowlist := flag.String("allowlist", "", "`file` of tests that may skip under CI=true")
	goExit := flag.Int("go-exit", 0, "exit status of go test; non-zero with no failed test is a failure")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: testtally [-print] [-allowlist FILE] [-go-exit N] < events")
		os.Exit(2)
	}
	if *printMode {
		if err := printEvents(os.Stdin, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "testtally:", err)
			os.Exit(1)
		}
		return
	}
	var allow []allowed
	if *allowlist != "" {
		var err error
		if allow, err = readAllowlist(*allowlist, modulePath()); err != nil {
			fmt.Fprintln(os.Stderr, "testtally:", err)
			os.Exit(1)
		}
	}
	t, err := tallyEvents(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "testtally:", err)
		os.Exit(1)
	}
	if !verdict(os.Stdout, t, allow, os.Getenv("CI") == "true", *goExit) {
		os.Exit(1)
	}
}

// scanEvents calls f for each event; lines that are not JSON (go's own
// messages on stderr) come as an event with only Output set.
func scanEvents(r io.Reader, f func(event)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	for sc.Scan() {
		line := sc.Bytes()
		var e event
		if len(line) == 0 || line[0] != '{' || json.Unmarshal(line, &e) != nil {
			e = event{Action: "output", Output: string(line) + "\n"}
		}
		f(e)
	}
	return sc.Err()
}

// printEvents writes what plain `go test` prints: the output of failed
// tests, package lines (ok, FAIL, build errors) and anything not JSON.
func printEvents(r io.Reader, w io.Writer) error {
	bw := bufio.NewWriter(w)
	defer bw.Flush()
	held := map[string][]string{} // output of running tests, by package and test
	err := scanEvents(r, func(e event) {
		key := e.Package + " " + e.Test
		switch {
		case e.Action == "build-output":
			bw.WriteString(e.Output)
		case e.Test == "" && e.Action == "output":
			if e.Output != "PASS\n" && !isProgress(e.Output) {
				bw.WriteString(e.Output)
			}
		case e.Test == "":
		case e.Action == "output":
			if !isProgress(e.Output) {
				held[key] = append(held[key], e.Output)
			}
		case e.Action == "fail":
			bw.WriteString(strings.Join(held[key], ""))
			delete(held, key)
		case e.Action == "pass" || e.Action == "skip":
			delete(held, key)
		}
		bw.Flush()
	})
	return err
}

// isProgress tells the lines -json adds that plain go test does not print.
func isProgress(line string) bool {
	for _, p := range []string{"=== RUN", "=== PAUSE", "=== CONT", "=== NAME"} {
		if strings.HasPrefix(line, p) {
			return true
		}
	}
	return false
}

// tally is what happened to every test.
type tally struct {
	passed  int
	failed  []string  // "package test" or "package (reason)"
	skipped []skipped // in the order they ended
}

type skipped struct {
	pkg, test, reason string
}

func tallyEvents(r io.Reader) (tally, error) {
	var t tally
	lastLine := map[string]string{} // last output line of each test: a skip's reason
	testFailed := map[string]bool{} // packages with a failed test
	err := scanEvents(r, func(e event) {
		key := e.Package + " " + e.Test
		switch {
		case e.Test == "" && e.Action == "fail":
			if !testFailed[e.Package] {
				why := "fails outside any test"
				if e.FailedBuild != "" {
					why = "does not build"
				}
				t.failed = append(t.failed, e.Package+" ("+why+")")
			}
		case e.Test == "":
		case e.Action == "output":
			if s := strings.TrimSpace(e.Output); s != "" && !isProgress(e.Output) && !strings.HasPrefix(s, "--- ") {
				lastLine[key] = s
			}
		case e.Action == "pass":
			t.passed++
		case e.Action == "fail":
			t.failed = append(t.failed, key)
			testFailed[e.Package] = true
		case e.Action == "skip":
			t.skipped = append(t.skipped, skipped{e.Package, e.Test, lastLine[key]})
		}
	})
	return t, err
}

// verdict prints the skipped and failed tests and the closing line, and
// reports whether the run passed.
func verdict(w io.Writer, t tally, allow []allowed, ci bool, goExit int) bool {
	ok := len(t.failed) == 0
	var unlisted []skipped
	used := make([]bool, len(allow))
	for _, s := range t.skipped {
		i := match(allow, s.pkg, s.test)
		if i >= 0 {
			used[i] = true
			continue
		}
		unlisted = append(unlisted, s)
	}
	if len(t.skipped) > 0 {
		fmt.Fprintf(w, "skipped (%d, %d on the allowlist):\n", len(t.skipped), len(t.skipped)-len(unlisted))
		for _, s := range t.skipped {
			mark := "allowed"
			if match(allow, s.pkg, s.test) < 0 {
				mark = "NOT ALLOWED"
				if !ci {
					mark = "not on the allowlist"
				}
			}
			fmt.Fprintf(w, "  %s %s [%s]: %s\n", s.pkg, s.test, mark, s.reason)
		}
	}
	if ci && len(unlisted) > 0 {
		fmt.Fprintf(w, "CI=true: %d skipped tests are not on the allowlist: run what they need, or list them with a reason\n", len(unlisted))
		ok = false
	}
	for i, a := range allow {
		if !used[i] && ci {
			fmt.Fprintf(w, "note: allowlist line %d (%s %s) matched no skipped test\n", a.line, a.pkg, a.test)
		}
	}
	if len(t.failed) > 0 {
		sort.Strings(t.failed)
		fmt.Fprintln(w, "failed:")
		for _, f := range t.failed {
			fmt.Fprintln(w, "  "+f)
		}
	}
	if goExit != 0 && len(t.failed) == 0 {
		fmt.Fprintf(w, "go test exited %d with no failed test\n", goExit)
		ok = false
	}
	if t.passed+len(t.failed)+len(t.skipped) == 0 {
		fmt.Fprintln(w, "no test ran")
		ok = false
	}
	fmt.Fprintf(w, "%d passed, %d failed, %d skipped\n", t.passed, len(t.failed), len(t.skipped))
	return ok
}

// allowed is one allowlist line: a package and a test name pattern.
type allowed struct {
	pkg, test string
	line      int
}

// readAllowlist reads lines of "PACKAGE TEST # reason": PACKAGE relative to
// the module ("." for its root), TEST a name with path.Match patterns for
// each subtest level. Blank lines and lines starting with # are comments.
func readAllowlist(file, module string) ([]allowed, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var list []allowed
	var errs []error
	for n, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		entry, reason, _ := strings.Cut(line, "#")
		fields := strings.Fields(entry)
		switch {
		case len(fields) != 2:
			errs = append(errs, fmt.Errorf("%s:%d: want PACKAGE TEST # reason", file, n+1))
			continue
		case strings.TrimSpace(reason) == "":
			errs = append(errs, fmt.Errorf("%s:%d: %s %s has no reason (# why it may skip)", file, n+1, fields[0], fields[1]))
			continue
		}
		if _, err := path.Match(fields[1], ""); err != nil {
			errs = append(errs, fmt.Errorf("%s:%d: bad pattern %q: %v", file, n+1, fields[1], err))
			continue
		}
		pkg := module
		if fields[0] != "." {
			pkg = module + "/" + strings.TrimPrefix(fields[0], "./")
		}
		list = append(list, allowed{pkg: pkg, test: fields[1], line: n + 1})
	}
	return list, errors.Join(errs...)
}

// match returns the index of the first allowlist line naming the test, or -1.
func match(allow []allowed, pkg, test string) int {
	for i, a := range allow {
		if ok, _ := path.Match(a.test, test); ok && a.pkg == pkg {
			return i
		}
	}
	return -1
}

// modulePath reads the module path from go.mod in the working directory.
func modulePath() string {
	data, _ := os.ReadFile("go.mod")
	for _, line := range strings.Split(string(data), "\n") {
		if m, ok := strings.CutPrefix(strings.TrimSpace(line), "module "); ok {
			return strings.TrimSpace(m)
		}
	}
	return ""
}
