package argocd

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/argoproj/argo-cd/v3/reposerver/apiclient"
	utilio "github.com/argoproj/argo-cd/v3/util/io"
	"github.com/argoproj/argo-cd/v3/util/tls"
)

// plugins are the plugin files of kustomization-examples/argocd/, keyed by
// the plugin name (metadata.name), which is also the socket's name.
var plugins = map[string]string{
	"cce-ingress-https":      "plugin.yaml",
	"cce-ingress-https-pipe": "plugin-pipe.yaml",
}

var (
	processesMu sync.Mutex
	processes   []*exec.Cmd // every server started, killed by stopServers
	redis       *miniredis.Miniredis
	host        *argoCD // the repo-server with the plugins as host processes
)

// argoCD is one running repo-server and the plugin socket folder it reads.
type argoCD struct {
	sockDir string
	addr    string
	log     string
	client  apiclient.RepoServerServiceClient
	conn    utilio.Closer
}

// startServers starts miniredis, one cmp-server per plugin and the
// repo-server, all on this machine.
func startServers() error {
	var err error
	if redis, err = miniredis.Run(); err != nil {
		return err
	}
	sockDir := filepath.Join(world.tmp, "plugins")
	if err := os.MkdirAll(sockDir, 0o755); err != nil {
		return err
	}
	for name, file := range plugins {
		if err := startCMPServer(name, file, sockDir); err != nil {
			return err
		}
	}
	host, err = startRepoServer("host", sockDir)
	return err
}

// startCMPServer runs the test binary as argocd-cmp-server with the plugin
// file as its configuration, the tools folder on PATH and nothing else of
// this process's environment, as in a sidecar.
func startCMPServer(name, file, sockDir string) error {
	dir := filepath.Join(world.tmp, "cmp-"+name)
	configDir := filepath.Join(dir, "config")
	if err := os.MkdirAll(configDir, 0o755); err != nil {
		return err
	}
	data, err := os.ReadFile(filepath.Join(world.examples, "argocd", file))
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(configDir, "plugin.yaml"), data, 0o644); err != nil {
		return err
	}
	log := filepath.Join(dir, "server.log")
	env := []string{
		binaryNameEnv + "=argocd-cmp-server",
		"PATH=" + world.bin + ":/usr/local/bin:/usr/bin:/bin",
		"HOME=" + dir,
		"TMPDIR=" + dir,
		"ARGOCD_PLUGINSOCKFILEPATH=" + sockDir,
		"ARGOCD_CMP_WORKDIR=" + filepath.Join(dir, "work"),
	}
	if err := startProcess(log, env, "--config-dir-path", configDir, "--logformat", "text"); err != nil {
		return err
	}
	sock := filepath.Join(sockDir, name+".sock")
	return waitFor(30*time.Second, log, func() bool {
		_, err := os.Stat(sock)
		return err == nil
	})
}

// startRepoServer runs the test binary as argocd-repo-server reading the
// plugin sockets in sockDir, with miniredis as its cache, and connects a
// client to it.
func startRepoServer(label, sockDir string) (*argoCD, error) {
	dir := filepath.Join(world.tmp, "repo-server-"+label)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	port, metrics := freePort(), freePort()
	a := &argoCD{sockDir: sockDir, addr: "127.0.0.1:" + strconv.Itoa(port), log: filepath.Join(dir, "server.log")}
	env := []string{
		binaryNameEnv + "=argocd-repo-server",
		// git-verify-wrapper.sh must be on PATH, or every request fails
		// with "permission denied"; kustomize and the function are on it
		// for the built-in kustomize source type.
		"PATH=" + world.bin + ":" + os.Getenv("PATH"),
		"HOME=" + dir,
		"TMPDIR=" + dir,
		"ARGOCD_PLUGINSOCKFILEPATH=" + sockDir,
		"ARGOCD_GPG_ENABLED=false",
		"ARGOCD_ASK_PASS_SOCK=" + filepath.Join(dir, "askpass.sock"),
	}
	err := startProcess(a.log, env, "--disable-tls", "--client-ca-path=", "--logformat", "text",
		"--redis", redis.Addr(), "--address", "127.0.0.1", "--port", strconv.Itoa(port),
		"--metrics-address", "127.0.0.1", "--metrics-port", strconv.Itoa(metrics))
	if err != nil {
		return nil, err
	}
	healthz := fmt.Sprintf("http://127.0.0.1:%d/healthz?full=true", metrics)
	err = waitFor(60*time.Second, a.log, func() bool {
		res, err := http.Get(healthz)
		if err != nil {
			return false
		}
		res.Body.Close()
		return res.StatusCode == http.StatusOK
	})
	if err != nil {
		return nil, err
	}
	a.conn, a.client, err = apiclient.NewRepoServerClientset(a.addr, 120, tls.Configuration{DisableTLS: true}).NewRepoServerClient()
	return a, err
}

// startProcess starts this test binary with env (and nothing else of this
// process's environment), its output appended to log.
func startProcess(log string, env []string, args ...string) error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	out, err := os.OpenFile(log, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	cmd := exec.Command(self, args...)
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = out, out
	// Its own process group: stopServers kills it and its children.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		out.Close()
		return err
	}
	out.Close()
	processesMu.Lock()
	processes = append(processes, cmd)
	processesMu.Unlock()
	return nil
}

// stopServers kills every server this run started. SIGKILL: the cmp-server
// ignores SIGTERM.
func stopServers() {
	processesMu.Lock()
	defer processesMu.Unlock()
	for _, cmd := range processes {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		_ = cmd.Wait()
	}
	processes = nil
	if host != nil && host.conn != nil {
		_ = host.conn.Close()
	}
	if redis != nil {
		redis.Close()
	}
}

// waitFor polls ready until it holds or the time is up; the error carries
// the end of the server's log.
func waitFor(limit time.Duration, log string, ready func() bool) error {
	deadline := time.Now().Add(limit)
	for !ready() {
		if time.Now().After(deadline) {
			return fmt.Errorf("not ready after %s; log %s:\n%s", limit, log, logTail(log))
		}
		time.Sleep(50 * time.Millisecond)
	}
	return nil
}

// freePort is a TCP port nothing listens on now.
func freePort() int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// argoHackDir is the hack/ folder (git-verify-wrapper.sh) of the Argo CD
// module this binary was built with, in the Go module cache.
func argoHackDir() (string, error) {
	const module = "github.com/argoproj/argo-cd/v3"
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "", errors.New("no build information in the test binary")
	}
	version := ""
	for _, dep := range info.Deps {
		if dep.Path == module {
			version = dep.Version
		}
	}
	if version == "" {
		return "", fmt.Errorf("%s is not in the test binary's build information", module)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "env", "GOMODCACHE")
	cmd.Dir = os.TempDir() // outside this module, whose go version may not be the local one
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMODCACHE: %w", err)
	}
	hack := filepath.Join(strings.TrimSpace(string(out)), module+"@"+version, "hack")
	if _, err := os.Stat(filepath.Join(hack, "git-verify-wrapper.sh")); err != nil {
		return "", err
	}
	return hack, nil
}
