package argocd

// Podman for the sidecar image test, with the three workarounds these
// sandboxed build machines need (as in the product module's
// e2e/containers_helper_test.go, which this module cannot import): a
// containers.conf without default ulimits, the cgroupfs manager with
// run --cgroups=disabled, and, as root, the cgroup v2 mount hidden in a
// private mount namespace.

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runID makes the names this run gives images and containers unique.
var runID = func() string {
	b := make([]byte, 4)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return fmt.Sprintf("%d-%x", os.Getpid(), b)
}()

// podman is a working podman wrapper script.
type podman struct{ wrapper string }

// requirePodman returns podman or skips; under CI=true (.ci/run installs
// podman) a missing or broken podman fails the test.
func requirePodman(t *testing.T) *podman {
	t.Helper()
	real, err := exec.LookPath("podman")
	if err == nil {
		var p *podman
		if p, err = newPodman(real); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("podman is required under CI=true: %v", err)
	}
	t.Skipf("SKIPPED: podman does not work here: %v", err)
	return nil
}

func newPodman(real string) (*podman, error) {
	dir := filepath.Join(world.tmp, "podman")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	conf := filepath.Join(dir, "containers.conf")
	if err := os.WriteFile(conf, []byte("[containers]\ndefault_ulimits = []\n"), 0o644); err != nil {
		return nil, err
	}
	body := `if [ "$1" = run ]; then shift; exec "$0" --cgroup-manager=cgroupfs run --cgroups=disabled "$@"; fi
exec "$0" --cgroup-manager=cgroupfs "$@"`
	script := "#!/bin/sh\nexport CONTAINERS_CONF='" + conf + "'\n"
	if os.Geteuid() == 0 {
		script += "exec unshare -m sh -c 'umount /sys/fs/cgroup/unified 2>/dev/null\n" + body + "' '" + real + "' \"$@\"\n"
	} else {
		script += "exec sh -c '" + body + "' '" + real + "' \"$@\"\n"
	}
	p := &podman{wrapper: filepath.Join(dir, "podman")}
	if err := os.WriteFile(p.wrapper, []byte(script), 0o755); err != nil {
		return nil, err
	}
	if out, err := p.run("info", "--format", "{{.Host.OCIRuntime.Name}}"); err != nil {
		return nil, fmt.Errorf("podman info: %v: %s", err, out)
	}
	return p, nil
}

// run runs podman and returns its combined output.
func (p *podman) run(args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	var out bytes.Buffer
	cmd := exec.CommandContext(ctx, p.wrapper, args...)
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return strings.TrimSpace(out.String()), err
}

// must runs podman and fails the test on an error.
func (p *podman) must(t *testing.T, args ...string) string {
	t.Helper()
	out, err := p.run(args...)
	if err != nil {
		t.Fatalf("podman %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}
