package run

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// sandboxInput exercises the whole pipeline: a selected Ingress with
// Service and Secret, so the function reads, changes, checks and writes.
func sandboxInput(t *testing.T) []byte {
	return BuildResourceList(t, "../testdata/basic")
}

// TestNoFileWrites runs the binary with its working directory, HOME and
// TMPDIR in empty directories and checks they stay empty. It needs no
// tools, so it runs everywhere; TestNoNetworkNoWritesStrace is the precise check.
func TestNoFileWrites(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	cmd := exec.Command(bin)
	cmd.Dir = dir
	cmd.Env = []string{"HOME=" + dir, "TMPDIR=" + dir, "XDG_CACHE_HOME=" + dir, "XDG_CONFIG_HOME=" + dir, "PATH=/usr/bin:/bin"}
	cmd.Stdin = bytes.NewReader(sandboxInput(t))
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("run: %v\n%s", err, errOut.Bytes())
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Errorf("function mode wrote %s", filepath.Join(dir, e.Name()))
	}
	if out.Len() == 0 {
		t.Fatal("no output")
	}
}

// TestNoNetworkNoWritesStrace traces every file and network system call of
// the binary (and any thread or child) in function mode: no socket call at
// all, and files opened read-only only. It needs strace; outside CI it
// skips when strace is missing, in CI (CI=true) that is a failure.
func TestNoNetworkNoWritesStrace(t *testing.T) {
	strace, err := exec.LookPath("strace")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("strace is required in CI: apt-get install strace")
		}
		t.Skip("strace not installed (apt-get install strace): system calls not traced")
	}
	bin := buildBinary(t)
	log := filepath.Join(t.TempDir(), "strace.log")
	cmd := exec.Command(strace, "-f", "-qq", "-e", "signal=none", "-e", "trace=%network,%file,%desc", "-o", log, bin)
	cmd.Stdin = bytes.NewReader(sandboxInput(t))
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		if strings.Contains(errOut.String(), "ptrace") || strings.Contains(errOut.String(), "Operation not permitted") {
			t.Skipf("strace cannot trace here (ptrace not permitted): %s", errOut.String())
		}
		t.Fatalf("strace %s: %v\n%s", bin, err, errOut.String())
	}
	if !bytes.Contains(out.Bytes(), []byte("kind: ResourceList")) {
		t.Fatalf("the traced run wrote no ResourceList:\n%s", errOut.String())
	}
	text, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	for _, line := range strings.Split(string(text), "\n") {
		m := syscallLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		calls++
		name, args := m[1], m[2]
		switch {
		case networkCalls[name]:
			t.Errorf("network system call: %s", line)
		case name == "open" || name == "openat" || name == "openat2":
			if writeFlags.MatchString(args) {
				t.Errorf("file opened for writing: %s", line)
			}
		case writeCalls[name]:
			t.Errorf("file system change: %s", line)
		}
	}
	if calls == 0 {
		t.Fatalf("strace logged no system calls; the check saw nothing:\n%s", text)
	}
}

// TestRunsWithoutNetwork runs the binary in a new, empty network namespace
// (unshare -n): the output must be what it is with the network. It skips
// where unshare is missing or not permitted (needs root or user namespaces).
func TestRunsWithoutNetwork(t *testing.T) {
	unshare, err := exec.LookPath("unshare")
	if err != nil {
		t.Skip("unshare not installed")
	}
	if err := exec.Command(unshare, "-n", "true").Run(); err != nil {
		t.Skipf("unshare -n not permitted here: %v", err)
	}
	bin := buildBinary(t)
	input := sandboxInput(t)
	wantCode, wantOut, _ := runBinary(t, bin, input)
	cmd := exec.Command(unshare, "-n", bin)
	cmd.Stdin = bytes.NewReader(input)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	if code != wantCode || !bytes.Equal(out.Bytes(), wantOut) {
		t.Fatalf("without a network: exit %d (want %d), output differs: %v\n%s", code, wantCode, !bytes.Equal(out.Bytes(), wantOut), errOut.String())
	}
}

// syscallLine matches "PID name(args) = result" lines of strace -f.
var syscallLine = regexp.MustCompile(`^\d+\s+([a-z0-9_]+)\((.*)\)\s+=`)

var writeFlags = regexp.MustCompile(`O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|O_APPEND`)

var networkCalls = map[string]bool{
	"socket": true, "socketpair": true, "connect": true, "bind": true, "listen": true, "accept": true, "accept4": true,
	"sendto": true, "sendmsg": true, "sendmmsg": true, "recvfrom": true, "recvmsg": true, "recvmmsg": true,
	"getsockopt": true, "setsockopt": true, "getsockname": true, "getpeername": true, "shutdown": true,
}

var writeCalls = map[string]bool{
	"creat": true, "mkdir": true, "mkdirat": true, "rmdir": true, "unlink": true, "unlinkat": true,
	"rename": true, "renameat": true, "renameat2": true, "link": true, "linkat": true, "symlink": true, "symlinkat": true,
	"truncate": true, "ftruncate": true, "chmod": true, "fchmod": true, "fchmodat": true, "chown": true, "fchown": true,
	"fchownat": true, "lchown": true, "utime": true, "utimes": true, "utimensat": true, "mknod": true, "mknodat": true,
	"setxattr": true, "lsetxattr": true, "fsetxattr": true, "removexattr": true, "fallocate": true,
}
