package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// commands is the pipeline mode (-cmd 'label::shell command', repeatable):
// each command runs under bash, round-robin, and the table shows its median
// wall time and the peak RSS of its largest process (wait4's rusage covers
// the children bash waited for).
type commands []string

func (c *commands) String() string     { return strings.Join(*c, "; ") }
func (c *commands) Set(v string) error { *c = append(*c, v); return nil }

func runCommands(w io.Writer, cmds []string, runs int, work string) error {
	samples := make([][]sample, len(cmds))
	sizes := make([]int64, len(cmds))
	for i := 0; i < runs; i++ {
		for j, c := range cmds {
			label, script, _ := strings.Cut(c, "::")
			out := filepath.Join(work, fmt.Sprintf("cmd-%d.out", j))
			s, size, err := runShell(script, out)
			if err != nil {
				return fmt.Errorf("%s: %v", label, err)
			}
			samples[j] = append(samples[j], s)
			sizes[j] = size
		}
	}
	fmt.Fprintf(w, "| pipeline | wall time, median of %d | peak RSS (largest process) | output |\n|---|---:|---:|---:|\n", runs)
	for j, c := range cmds {
		label, _, _ := strings.Cut(c, "::")
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", label, secs(medianWall(samples[j])), mb(medianRSS(samples[j])<<10), mb(sizes[j]))
	}
	return nil
}

func runShell(script, out string) (sample, int64, error) {
	f, err := os.Create(out)
	if err != nil {
		return sample{}, 0, err
	}
	defer f.Close()
	var stderr bytes.Buffer
	cmd := exec.Command("bash", "-o", "pipefail", "-c", script)
	cmd.Stdout, cmd.Stderr = f, &stderr
	start := time.Now()
	err = cmd.Run()
	s := sample{wall: time.Since(start)}
	if err != nil {
		return s, 0, fmt.Errorf("%v\n%s", err, tail(stderr.String()))
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		s.rss = int64(ru.Maxrss)
	}
	st, err := f.Stat()
	if err != nil {
		return s, 0, err
	}
	return s, st.Size(), nil
}
