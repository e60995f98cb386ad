package krmio

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/kptdev/krm-functions-sdk/go/fn"
)

// Results are written by a small encoder for fn.Result's fixed shape: a
// passing render of a big repo has tens of thousands of info results, and
// the generic YAML encoder spends most of the writing time on them. Its
// output is the generic encoder's, byte for byte (tested); a result it is
// not sure of (an empty sub-object, a value that is not a string, a
// multi-line string, a tag key that is not letters only) is handed to the
// generic encoder.

// appendResult appends r as one block sequence entry, or returns false.
func appendResult(b []byte, r *fn.Result) ([]byte, bool) {
	start := len(b)
	first := true
	key := func(indent, k string) {
		if first {
			b = append(b, "- "...)
			first = false
		} else {
			b = append(b, "  "...)
			b = append(b, indent...)
		}
		b = append(b, k...)
	}
	ok := true
	str := func(indent, k, v string, omitEmpty bool) {
		if v == "" && omitEmpty {
			return
		}
		s, good := scalarText(v)
		ok = ok && good
		key(indent, k)
		b = append(b, ": "...)
		b = append(b, s...)
		b = append(b, '\n')
	}
	str("", "message", r.Message, true)
	str("", "severity", string(r.Severity), true)
	if ref := r.ResourceRef; ref != nil {
		if *ref == (fn.ResourceRef{}) {
			return b[:start], false
		}
		key("", "resourceRef:\n")
		str("  ", "apiVersion", ref.APIVersion, true)
		str("  ", "kind", ref.Kind, true)
		str("  ", "name", ref.Name, true)
		str("  ", "namespace", ref.Namespace, true)
	}
	if f := r.Field; f != nil {
		cur, curOK := f.CurrentValue.(string)
		prop, propOK := f.ProposedValue.(string)
		if f.Path == "" && f.CurrentValue == nil && f.ProposedValue == nil ||
			f.CurrentValue != nil && !curOK || f.ProposedValue != nil && !propOK {
			return b[:start], false
		}
		key("", "field:\n")
		str("  ", "path", f.Path, true)
		if f.CurrentValue != nil {
			str("  ", "currentValue", cur, false)
		}
		if f.ProposedValue != nil {
			str("  ", "proposedValue", prop, false)
		}
	}
	if f := r.File; f != nil {
		if *f == (fn.File{}) {
			return b[:start], false
		}
		key("", "file:\n")
		str("  ", "path", f.Path, true)
		if f.Index != 0 {
			key("  ", "index: ")
			b = strconv.AppendInt(b, int64(f.Index), 10)
			b = append(b, '\n')
		}
	}
	if len(r.Tags) > 0 {
		keys, good := tagKeys(r.Tags)
		if !good {
			return b[:start], false
		}
		key("", "tags:\n")
		for _, k := range keys {
			str("  ", k, r.Tags[k], false)
		}
	}
	if first || !ok {
		return b[:start], false
	}
	return b, true
}

// tagKeys returns the tag keys in the generic encoder's order, or false
// when a key is not made of ASCII letters only: for those the encoder's
// order is plain byte order, for others it compares digit runs as numbers.
func tagKeys(tags map[string]string) ([]string, bool) {
	keys := make([]string, 0, len(tags))
	for k := range tags {
		if k == "" || !plain(k) {
			return nil, false
		}
		for i := 0; i < len(k); i++ {
			if c := k[i]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
				return nil, false
			}
		}
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys, true
}

// quoted caches the generic encoder's text for strings that are not plain:
// the same few messages recur on thousands of Ingresses. It stops growing
// at quotedMax entries, as messages that name their item are all different
// and a million of them would only hold memory.
var (
	quoted      sync.Map
	quotedCount atomic.Int32
)

const quotedMax = 4096

// scalarText returns how the generic encoder writes s as a block mapping
// value, or false for strings that take more than one line.
func scalarText(s string) (string, bool) {
	if plain(s) {
		return s, true
	}
	if strings.ContainsAny(s, "\n\r") {
		return "", false
	}
	if t, ok := quoted.Load(s); ok {
		return t.(string), true
	}
	enc, err := encodeValue(s)
	if err != nil {
		return "", false
	}
	t := strings.TrimSuffix(string(enc), "\n")
	if strings.Contains(t, "\n") {
		return "", false
	}
	if quotedCount.Load() < quotedMax {
		if _, had := quoted.LoadOrStore(s, t); !had {
			quotedCount.Add(1)
		}
	}
	return t, true
}

// plain reports, conservatively, that the encoder writes s as it is: it
// starts with a letter (so it is no number), has only characters that mean
// nothing special in the middle of a block scalar, does not end in a space
// and is not a word YAML reads as a boolean or null.
func plain(s string) bool {
	if s == "" || !(s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z') || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case strings.IndexByte(" ./_-[]()\"'=,;@+%<>$^~`|&*!?{}", c) >= 0:
		default:
			return false // ':', '#', '\\', control and non-ASCII characters
		}
	}
	switch strings.ToLower(s) {
	case "y", "yes", "n", "no", "on", "off", "true", "false", "null":
		return false
	}
	return true
}
