package krmio

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// yamlErr matches the YAML parser's messages: "yaml: line N: problem" or
// "yaml: problem".
var yamlErr = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// parseError rewords a YAML parser error so that it gives the line (counted
// from the start of the input: offset is the number of lines before the
// parsed text) and the kind of problem, never text from the input: the
// parser quotes anchor names, and a Secret value that starts with '*' is
// read as an alias, so its text would reach stderr, JSON and SARIF.
func parseError(err error, offset int) error {
	if err == nil {
		return nil
	}
	m := yamlErr.FindStringSubmatch(err.Error())
	if m == nil {
		return err // our own messages, which quote nothing
	}
	where := "yaml: "
	if m[1] != "" {
		n, _ := strconv.Atoi(m[1])
		where = fmt.Sprintf("yaml: line %d: ", n+offset)
	}
	return errors.New(where + problemText(m[2]))
}

// problemText keeps the parser's problem when it is one of its fixed
// messages (they quote nothing), and names the anchor problems without the
// anchor's name.
func problemText(p string) string {
	switch {
	case strings.HasPrefix(p, "unknown anchor "):
		return "an alias (*name) refers to an anchor (&name) that is not defined before it; a value that starts with '*' must be quoted"
	case strings.Contains(p, " value contains itself"):
		return "an anchor (&name) contains an alias (*name) to itself"
	case strings.ContainsAny(p, "'\"`") || p == "":
		return "not valid YAML"
	}
	return p
}

// quoteName quotes a kind or key from the input when it looks like one
// (letters, digits, '.', '-', '_', '/', at most 63 characters), so no other
// text from the input reaches a message.
func quoteName(s string) string {
	if s == "" {
		return "empty"
	}
	if len(s) > 63 {
		return "not a name"
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("._-/", c)) {
			return "not a name"
		}
	}
	return strconv.Quote(s)
}
