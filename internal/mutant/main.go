// Command mutant applies one deliberate breakage to a source file for
// scripts/mutate.sh:
//
//	mutant FILE OLD NEW          replace the one occurrence of OLD with NEW
//	mutant -after FILE OLD NEW   insert NEW as a line after the one line holding OLD
//
// OLD must occur exactly once. When it does not (someone renamed or moved
// the code), mutant fails naming the anchor, so a stale mutation is noticed
// instead of passing without breaking anything. In NEW, \n and \t stand for
// a newline and a tab.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
)

func main() {
	after := flag.Bool("after", false, "insert NEW as a line after the line holding OLD")
	flag.Parse()
	if flag.NArg() != 3 {
		fmt.Fprintln(os.Stderr, "usage: mutant [-after] FILE OLD NEW")
		os.Exit(2)
	}
	file, old, repl := flag.Arg(0), flag.Arg(1), unescape(flag.Arg(2))
	data, err := os.ReadFile(file)
	if err == nil {
		var out string
		if out, err = mutate(string(data), old, repl, *after); err == nil {
			err = os.WriteFile(file, []byte(out), 0o644)
		}
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "mutant: %s: %v\n", file, err)
		os.Exit(1)
	}
}

// mutate returns src with the mutation applied.
func mutate(src, old, repl string, after bool) (string, error) {
	if old == "" {
		return "", errors.New("empty anchor")
	}
	switch n := strings.Count(src, old); n {
	case 1:
	case 0:
		return "", fmt.Errorf("anchor %q not found: the mutation is stale, update scripts/mutate.sh", old)
	default:
		return "", fmt.Errorf("anchor %q found %d times: make it unique", old, n)
	}
	i := strings.Index(src, old)
	if !after {
		return src[:i] + repl + src[i+len(old):], nil
	}
	end := strings.IndexByte(src[i:], '\n')
	if end < 0 {
		return src + "\n" + repl + "\n", nil
	}
	end += i + 1
	return src[:end] + repl + "\n" + src[end:], nil
}

func unescape(s string) string {
	return strings.NewReplacer(`\n`, "\n", `\t`, "\t").Replace(s)
}
