package proptest

import (
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var (
	duration = flag.Duration("proptest.duration", 3*time.Second, "how long TestProperties draws cases")
	seedFlag = flag.Uint64("proptest.seed", 0, "seed of the run (0: from the clock)")
	caseFlag = flag.Int("proptest.case", -1, "replay only this case of the seed")
	maxFail  = flag.Int("proptest.maxfail", 5, "stop after this many failing cases")
	strict   = flag.Bool("proptest.strictfolder", true, "fail when folder mode skips a file the other modes report on (false: count such cases apart)")
)

// regressions holds every case a run found failing, replayed by TestRegressions.
const regressions = "testdata/regressions"

// TestProperties draws cases for -proptest.duration and checks each in
// every mode. Replay a failure with the seed and case it prints.
func TestProperties(t *testing.T) {
	seed := *seedFlag
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	t.Logf("seed %d (replay: go test ./internal/proptest -run TestProperties -proptest.seed=%d)", seed, seed)
	dir := t.TempDir()
	deadline := time.Now().Add(*duration)
	StrictFolder = *strict
	n, failures, skips := 0, 0, 0
	for i := 0; ; i++ {
		if *caseFlag >= 0 {
			i = *caseFlag
		} else if time.Now().After(deadline) {
			break
		}
		c := newCase(seed, i)
		n++
		err := c.check(dir)
		if errors.Is(err, errFolderSkip) {
			skips++
			err = nil
		}
		if err != nil {
			failures++
			saved := save(t, c)
			t.Errorf("%v: %v\nsaved as %s", c, err, saved)
			if failures >= *maxFail {
				break
			}
		}
		if *caseFlag >= 0 {
			break
		}
	}
	t.Logf("%d cases in %v, %d failing; %d where folder mode skipped a file the other modes report on", n, *duration, failures, skips)
}

// save writes a failing case's texts as a regression case.
func save(t *testing.T, c *tcase) string {
	c.plain = true
	refStream, refList := c.stream(), c.resourceList()
	c.plain = false
	texts := map[string]string{
		"stream.yaml": c.stream(), "stream.ref.yaml": refStream,
		"resourcelist.yaml": c.resourceList(), "resourcelist.ref.yaml": refList,
	}
	for i, f := range c.files() {
		texts[fmt.Sprintf("folder/%03d.yaml", i)] = f
	}
	h := sha256.Sum256([]byte(texts["stream.yaml"] + texts["resourcelist.yaml"]))
	dir := filepath.Join(regressions, fmt.Sprintf("%x", h[:6]))
	for name, text := range texts {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestRegressions replays every saved case.
func TestRegressions(t *testing.T) {
	cases, _ := filepath.Glob(filepath.Join(regressions, "*"))
	for _, dir := range cases {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			read := func(name string) string {
				b, err := os.ReadFile(filepath.Join(dir, name))
				if err != nil {
					t.Fatal(err)
				}
				return string(b)
			}
			files, _ := filepath.Glob(filepath.Join(dir, "folder", "*.yaml"))
			var texts []string
			for _, f := range files {
				texts = append(texts, read(strings.TrimPrefix(f, dir+"/")))
			}
			if texts == nil {
				texts = []string{}
			}
			err := checkTexts(t.TempDir(), read("stream.yaml"), read("stream.ref.yaml"), read("resourcelist.yaml"), read("resourcelist.ref.yaml"), texts)
			if err != nil && !errors.Is(err, errFolderSkip) {
				t.Fatal(err)
			}
		})
	}
}
