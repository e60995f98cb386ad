package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"syscall"
	"time"
)

type bench struct {
	runs int
	work string
}

// sample is one process run.
type sample struct {
	wall time.Duration
	rss  int64 // peak resident set, KiB
}

// row is one input size.
type row struct {
	items, bytes int
	ours, floor  []sample
}

type startup struct {
	runs             int
	cat, ours, floor []sample
}

// runOnce runs prog with stdin from in and stdout to out.
func runOnce(prog, in, out string) (sample, int, string, error) {
	stdin, err := os.Open(in)
	if err != nil {
		return sample{}, 0, "", err
	}
	defer stdin.Close()
	stdout, err := os.Create(out)
	if err != nil {
		return sample{}, 0, "", err
	}
	defer stdout.Close()
	var stderr bytes.Buffer
	cmd := exec.Command(prog)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, stdout, &stderr
	start := time.Now()
	err = cmd.Run()
	wall := time.Since(start)
	if cmd.ProcessState == nil {
		return sample{}, 0, "", fmt.Errorf("%s: %v", prog, err)
	}
	ru, _ := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	s := sample{wall: wall}
	if ru != nil {
		s.rss = int64(ru.Maxrss) // KiB on Linux
	}
	return s, cmd.ProcessState.ExitCode(), stderr.String(), nil
}

// size measures ours and the floor on one input, alternately.
func (b *bench) size(in, ours, floor string) (row, error) {
	items, size, err := countItems(in)
	if err != nil {
		return row{}, fmt.Errorf("%s: %v", in, err)
	}
	r := row{items: items, bytes: size}
	progs := []string{ours}
	if floor != "" {
		progs = append(progs, floor)
	}
	for i := 0; i < b.runs; i++ {
		for p, prog := range progs {
			out := outPath(b.work, prog, in)
			s, code, stderr, err := runOnce(prog, in, out)
			if err != nil {
				return r, err
			}
			// Our function exits 1 on error results; the generated inputs
			// have none, so anything but 0 is a failure to report.
			if code != 0 {
				return r, fmt.Errorf("%s < %s: exit %d\n%s", prog, in, code, tail(stderr))
			}
			if i == 0 {
				if err := checkOutput(out, r.items); err != nil {
					return r, fmt.Errorf("%s < %s: %v", prog, in, err)
				}
			}
			if p == 0 {
				r.ours = append(r.ours, s)
			} else {
				r.floor = append(r.floor, s)
			}
		}
	}
	return r, nil
}

// checkOutput makes sure a run wrote the whole list, not just exited 0.
func checkOutput(out string, items int) error {
	n, _, err := countItems(out)
	if err != nil {
		return fmt.Errorf("output is not a ResourceList: %v", err)
	}
	if n != items {
		return fmt.Errorf("output has %d items, input %d", n, items)
	}
	return nil
}

// startup runs catcopy, ours and the floor alternately on the empty list.
func (b *bench) startup(empty, ours, floor, cat string, runs int) (startup, error) {
	st := startup{runs: runs}
	progs := []string{cat, ours}
	if floor != "" {
		progs = append(progs, floor)
	}
	for i := 0; i < runs; i++ {
		for p, prog := range progs {
			s, code, stderr, err := runOnce(prog, empty, os.DevNull)
			if err != nil {
				return st, err
			}
			if code != 0 {
				return st, fmt.Errorf("%s < %s: exit %d\n%s", prog, empty, code, tail(stderr))
			}
			switch p {
			case 0:
				st.cat = append(st.cat, s)
			case 1:
				st.ours = append(st.ours, s)
			default:
				st.floor = append(st.floor, s)
			}
		}
	}
	return st, nil
}

func medianWall(s []sample) time.Duration {
	w := make([]time.Duration, len(s))
	for i := range s {
		w[i] = s[i].wall
	}
	slices.Sort(w)
	if len(w) == 0 {
		return 0
	}
	if len(w)%2 == 0 {
		return (w[len(w)/2-1] + w[len(w)/2]) / 2
	}
	return w[len(w)/2]
}

func medianRSS(s []sample) int64 {
	r := make([]int64, len(s))
	for i := range s {
		r[i] = s[i].rss
	}
	slices.Sort(r)
	if len(r) == 0 {
		return 0
	}
	return r[len(r)/2]
}

func tail(s string) string {
	if len(s) > 2000 {
		return "..." + s[len(s)-2000:]
	}
	return s
}

// countItems counts the entries of a ResourceList file's top-level
// "items:" list (the generated inputs and both programs' outputs write one
// "- " line at column 0 per entry) by reading lines, never holding the
// file: on Linux a child's peak RSS is at least the parent's peak when the
// child starts (they share memory until exec), so a parent that parsed a
// 100,000-item list would add gigabytes to every measurement after it.
func countItems(path string) (items, size int, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<16)
	inItems, seen, start := false, false, true
	for {
		line, err := r.ReadSlice('\n')
		size += len(line)
		if start && len(line) > 0 {
			switch {
			case bytes.HasPrefix(line, []byte("items:")):
				inItems, seen = true, true
			case line[0] != ' ' && line[0] != '-' && line[0] != '\n':
				inItems = false
			case inItems && bytes.HasPrefix(line, []byte("- ")):
				items++
			}
		}
		start = err != bufio.ErrBufferFull // the next piece starts a line
		if err == io.EOF {
			break
		}
		if err != nil && err != bufio.ErrBufferFull {
			return 0, 0, err
		}
	}
	if !seen {
		return 0, 0, fmt.Errorf("no items: list")
	}
	return items, size, nil
}
