package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const mod = "example.com/m"

// stream is go test -json for: TestA passes, TestB fails with a log line,
// TestC/sub skips with a reason inside a passing TestC, and package p2 has
// no test files.
const stream = `{"Action":"start","Package":"example.com/m/p"}
{"Action":"run","Package":"example.com/m/p","Test":"TestA"}
{"Action":"output","Package":"example.com/m/p","Test":"TestA","Output":"=== RUN   TestA\n"}
{"Action":"output","Package":"example.com/m/p","Test":"TestA","Output":"    a_test.go:3: quiet log\n"}
{"Action":"output","Package":"example.com/m/p","Test":"TestA","Output":"--- PASS: TestA (0.00s)\n"}
{"Action":"pass","Package":"example.com/m/p","Test":"TestA"}
{"Action":"run","Package":"example.com/m/p","Test":"TestB"}
{"Action":"output","Package":"example.com/m/p","Test":"TestB","Output":"=== RUN   TestB\n"}
{"Action":"output","Package":"example.com/m/p","Test":"TestB","Output":"    b_test.go:9: want 1, got 2\n"}
{"Action":"output","Package":"example.com/m/p","Test":"TestB","Output":"--- FAIL: TestB (0.00s)\n"}
{"Action":"fail","Package":"example.com/m/p","Test":"TestB"}
{"Action":"run","Package":"example.com/m/p","Test":"TestC"}
{"Action":"run","Package":"example.com/m/p","Test":"TestC/sub"}
{"Action":"output","Package":"example.com/m/p","Test":"TestC/sub","Output":"    c_test.go:4: SKIP: no podman here\n"}
{"Action":"output","Package":"example.com/m/p","Test":"TestC/sub","Output":"    --- SKIP: TestC/sub (0.00s)\n"}
{"Action":"skip","Package":"example.com/m/p","Test":"TestC/sub"}
{"Action":"pass","Package":"example.com/m/p","Test":"TestC"}
{"Action":"output","Package":"example.com/m/p","Output":"FAIL\n"}
{"Action":"output","Package":"example.com/m/p","Output":"FAIL\texample.com/m/p\t0.01s\n"}
{"Action":"fail","Package":"example.com/m/p"}
{"Action":"output","Package":"example.com/m/p2","Output":"?   \texample.com/m/p2\t[no test files]\n"}
{"Action":"skip","Package":"example.com/m/p2"}
`

func judge(t *testing.T, events, allowlist string, ci bool, goExit int) (string, bool) {
	t.Helper()
	tl, err := tallyEvents(strings.NewReader(events))
	require.NoError(t, err)
	var allow []allowed
	if allowlist != "" {
		f := filepath.Join(t.TempDir(), "allow.txt")
		require.NoError(t, os.WriteFile(f, []byte(allowlist), 0o644))
		allow, err = readAllowlist(f, mod)
		require.NoError(t, err)
	}
	var b strings.Builder
	ok := verdict(&b, tl, allow, ci, goExit)
	return b.String(), ok
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	return lines[len(lines)-1]
}

func TestCountsEveryTestAndSubtest(t *testing.T) {
	out, ok := judge(t, stream, "", false, 1)
	assert.False(t, ok, "TestB failed")
	assert.Equal(t, "2 passed, 1 failed, 1 skipped", lastLine(out))
	assert.Contains(t, out, "example.com/m/p TestB\n")
	assert.Contains(t, out, "TestC/sub [not on the allowlist]: c_test.go:4: SKIP: no podman here")
	assert.NotContains(t, out, "fails outside any test", "the package failed because of TestB")
}

func TestCIFailsOnUnlistedSkip(t *testing.T) {
	passing := strings.ReplaceAll(stream, `"Action":"fail","Package":"example.com/m/p","Test":"TestB"`, `"Action":"pass","Package":"example.com/m/p","Test":"TestB"`)
	passing = strings.ReplaceAll(passing, `{"Action":"fail","Package":"example.com/m/p"}`, `{"Action":"pass","Package":"example.com/m/p"}`)

	out, ok := judge(t, passing, "", false, 0)
	assert.True(t, ok, "outside CI a skip is reported, not a failure:\n%s", out)
	assert.Equal(t, "3 passed, 0 failed, 1 skipped", lastLine(out))

	out, ok = judge(t, passing, "", true, 0)
	assert.False(t, ok, "CI=true: an unlisted skip fails")
	assert.Contains(t, out, "TestC/sub [NOT ALLOWED]")
	assert.Equal(t, "3 passed, 0 failed, 1 skipped", lastLine(out))

	out, ok = judge(t, passing, "# comment\n\np TestC/*  # podman cannot run in this sandbox\n", true, 0)
	assert.True(t, ok, out)
	assert.Contains(t, out, "TestC/sub [allowed]")

	out, ok = judge(t, passing, "p2 TestC/*  # another package\np TestD # never skips\n", true, 0)
	assert.False(t, ok, "the package must match too")
	assert.Contains(t, out, "allowlist line 2 (example.com/m/p TestD) matched no skipped test")
}

func TestAllowlistNeedsReasons(t *testing.T) {
	f := filepath.Join(t.TempDir(), "allow.txt")
	require.NoError(t, os.WriteFile(f, []byte("p TestA\np TestB #   \np\np TestC # fine\np [ # bad pattern\n"), 0o644))
	_, err := readAllowlist(f, mod)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "allow.txt:1: p TestA has no reason")
	assert.Contains(t, err.Error(), "allow.txt:2: p TestB has no reason")
	assert.Contains(t, err.Error(), "allow.txt:3: want PACKAGE TEST # reason")
	assert.Contains(t, err.Error(), `allow.txt:5: bad pattern "["`)
	assert.NotContains(t, err.Error(), ":4:")
	require.NoError(t, os.WriteFile(f, []byte(". TestRoot # at the module root\n"), 0o644))
	list, err := readAllowlist(f, mod)
	require.NoError(t, err)
	assert.Equal(t, 0, match(list, mod, "TestRoot"))
}

func TestPackageFailuresOutsideTests(t *testing.T) {
	events := `{"ImportPath":"example.com/m/b [example.com/m/b.test]","Action":"build-output","Output":"b/x.go:3:1: syntax error\n"}
{"ImportPath":"example.com/m/b [example.com/m/b.test]","Action":"build-fail"}
{"Action":"start","Package":"example.com/m/b"}
{"Action":"output","Package":"example.com/m/b","Output":"FAIL\texample.com/m/b [build failed]\n"}
{"Action":"fail","Package":"example.com/m/b","Elapsed":0.016,"FailedBuild":"example.com/m/b [example.com/m/b.test]"}
{"Action":"run","Package":"example.com/m/c","Test":"TestOK"}
{"Action":"pass","Package":"example.com/m/c","Test":"TestOK"}
{"Action":"output","Package":"example.com/m/c","Output":"panic: TestMain blew up\n"}
{"Action":"fail","Package":"example.com/m/c"}
`
	out, ok := judge(t, events, "", true, 1)
	assert.False(t, ok)
	assert.Contains(t, out, "example.com/m/b (does not build)")
	assert.Contains(t, out, "example.com/m/c (fails outside any test)")
	assert.Equal(t, "1 passed, 2 failed, 0 skipped", lastLine(out))
}

func TestGoTestMustHaveRun(t *testing.T) {
	out, ok := judge(t, "go: cannot find main module\n", "", true, 1)
	assert.False(t, ok)
	assert.Contains(t, out, "go test exited 1 with no failed test")
	assert.Contains(t, out, "no test ran")
	assert.Equal(t, "0 passed, 0 failed, 0 skipped", lastLine(out))

	pass := `{"Action":"pass","Package":"example.com/m/c","Test":"TestOK"}` + "\n"
	_, ok = judge(t, pass, "", true, 2)
	assert.False(t, ok, "go test failing with every test passed is still a failure")
	_, ok = judge(t, pass, "", true, 0)
	assert.True(t, ok)
}

func TestPrintKeepsPlainGoTestOutput(t *testing.T) {
	var b strings.Builder
	require.NoError(t, printEvents(strings.NewReader(stream+"not json at all\n"), &b))
	assert.Equal(t, `    b_test.go:9: want 1, got 2
--- FAIL: TestB (0.00s)
FAIL
FAIL	example.com/m/p	0.01s
?   	example.com/m/p2	[no test files]
not json at all
`, b.String())
}
