package config

import (
	"strconv"
	"strings"

	"github.com/kptdev/krm-functions-sdk/go/fn"
)

// parseRules reads rule severity overrides written as text, the form of
// data.rules and --rule: "id=severity" pairs separated by commas. It is
// strict: an empty value, an empty entry (a stray or trailing comma) or an
// entry without "=" is an error naming field, and a rule given twice in one
// value is an error too, since which one was meant is a guess.
func parseRules(text, field string) ([]RuleSetting, []Problem) {
	var rules []RuleSetting
	var probs []Problem
	bad := func(msg string) {
		probs = append(probs, Problem{Severity: fn.Error, Field: field, Message: field + " " + msg})
	}
	if strings.TrimSpace(text) == "" {
		bad("is empty: give id=severity pairs such as tls-secret=off, or leave it out")
		return nil, probs
	}
	seen := map[string]bool{}
	for _, pair := range strings.Split(text, ",") {
		pair = strings.TrimSpace(pair)
		id, sev, ok := strings.Cut(pair, "=")
		id, sev = strings.TrimSpace(id), strings.TrimSpace(sev)
		switch {
		case pair == "":
			bad(strconv.Quote(text) + " has an empty entry: remove the stray comma")
			continue
		case !ok || id == "" || sev == "":
			bad("entry " + strconv.Quote(pair) + " is not id=severity, e.g. tls-secret=off")
			continue
		case seen[id]:
			bad("sets rule " + id + " twice: keep one")
			continue
		}
		seen[id] = true
		rules = append(rules, RuleSetting{Field: field, ID: id, Severity: sev})
	}
	return rules, probs
}
