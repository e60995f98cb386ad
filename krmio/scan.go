package krmio

import (
	"bytes"
	"errors"
)

// errUnrecognised sends an input to the fallback reader; it never reaches users.
var errUnrecognised = errors.New("layout not recognised by the fast scanner")

// region is one top-level key of a block mapping and the lines below it.
type region struct {
	key        string
	start, end int // byte offsets of the key line and of the next region
	bodyStart  int // offset just after the key line
}

// layout is a block-style top-level mapping cut into regions; items (when
// present) is cut further into one chunk per sequence entry.
type layout struct {
	regions   []region
	items     int      // index of the items region, -1 when absent
	itemsHead []byte   // the "items:" line plus comments before the first entry
	chunks    [][]byte // one per entry, from its "- " line to the next
	starts    []int    // offset of each chunk in the input
	indents   []int
}

// scanMapping cuts data into top-level regions. It accepts only what it can
// cut safely: block style, simple keys, no tabs, no directives, one document.
func scanMapping(data []byte) (*layout, error) {
	if len(data) == 0 || bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) || hasOtherBreaks(data) {
		return nil, errUnrecognised
	}
	l := &layout{items: -1}
	seen := map[string]bool{}
	for off := 0; off < len(data); {
		line, next := lineAt(data, off)
		switch {
		case isBlankOrComment(line) || line[0] == ' ':
			if len(l.regions) == 0 && !isBlankOrComment(line) {
				return nil, errUnrecognised
			}
		case bytes.Equal(trimEOL(line), []byte("---")):
			if len(l.regions) > 0 {
				return nil, errUnrecognised // a second document
			}
		case line[0] == '-' && len(l.regions) > 0:
			// a block sequence at column 0 under the current key
		default:
			key, ok := simpleKey(line)
			if !ok || seen[key] {
				return nil, errUnrecognised
			}
			seen[key] = true
			if n := len(l.regions); n > 0 {
				l.regions[n-1].end = off
			}
			l.regions = append(l.regions, region{key: key, start: off, bodyStart: next})
		}
		if bytes.IndexByte(line, '\t') >= 0 && !isBlankOrComment(line) || bytes.IndexByte(trimEOL(line), '\r') >= 0 {
			return nil, errUnrecognised // tabs; a lone CR, which YAML reads as a line break
		}
		off = next
	}
	if len(l.regions) == 0 {
		return nil, errUnrecognised
	}
	l.regions[len(l.regions)-1].end = len(data)
	return l, nil
}

// cutItems splits the items region into entries. Sequence entries sit at
// one column c ("- " at c); nothing else in the region may start at or left
// of c, because block content inside an entry is always indented further.
func (l *layout) cutItems(data []byte) error {
	for i, r := range l.regions {
		if r.key == "items" {
			l.items = i
		}
	}
	if l.items < 0 {
		return nil
	}
	r := l.regions[l.items]
	value := bytes.TrimSpace(stripComment(data[r.start+len("items:") : r.bodyStart]))
	switch string(value) {
	case "":
	case "[]":
		if hasContent(data[r.bodyStart:r.end]) {
			return errUnrecognised
		}
		l.itemsHead = data[r.start:r.end]
		return nil
	default:
		return errUnrecognised
	}
	col := -1
	chunkStart := -1
	for off := r.bodyStart; off < r.end; {
		line, next := lineAt(data, off)
		if !isBlankOrComment(line) {
			ind := indentOf(line)
			rest := line[ind:]
			isEntry := len(rest) > 0 && rest[0] == '-' && (len(rest) == 1 || rest[1] == ' ' || rest[1] == '\n' || rest[1] == '\r')
			if col < 0 {
				if !isEntry {
					return errUnrecognised
				}
				col = ind
			}
			switch {
			case ind == col && isEntry:
				if chunkStart < 0 {
					l.itemsHead = data[r.start:off]
				} else {
					l.chunks = append(l.chunks, data[chunkStart:off])
					l.starts = append(l.starts, chunkStart)
					l.indents = append(l.indents, col)
				}
				chunkStart = off
			case ind <= col:
				return errUnrecognised
			}
		}
		off = next
	}
	if chunkStart < 0 {
		return errUnrecognised // "items:" with nothing under it is null, not a list
	}
	l.chunks = append(l.chunks, data[chunkStart:r.end])
	l.starts = append(l.starts, chunkStart)
	l.indents = append(l.indents, col)
	return nil
}

// hasOtherBreaks reports the line breaks YAML knows besides LF and CR (NEL,
// LS, PS): the scanner cuts lines at LF only, so it leaves such input to
// the fallback parser.
func hasOtherBreaks(data []byte) bool {
	return bytes.Contains(data, []byte("\xc2\x85")) || bytes.Contains(data, []byte("\xe2\x80\xa8")) || bytes.Contains(data, []byte("\xe2\x80\xa9"))
}

// lineAt returns the line starting at off (with its newline) and the next offset.
func lineAt(data []byte, off int) ([]byte, int) {
	if i := bytes.IndexByte(data[off:], '\n'); i >= 0 {
		return data[off : off+i+1], off + i + 1
	}
	return data[off:], len(data)
}

func trimEOL(line []byte) []byte { return bytes.TrimRight(line, "\r\n") }

func isBlankOrComment(line []byte) bool {
	t := bytes.TrimLeft(trimEOL(line), " ")
	return len(t) == 0 || t[0] == '#'
}

func hasContent(b []byte) bool {
	for off := 0; off < len(b); {
		line, next := lineAt(b, off)
		if !isBlankOrComment(line) {
			return true
		}
		off = next
	}
	return false
}

func indentOf(line []byte) int {
	n := 0
	for n < len(line) && line[n] == ' ' {
		n++
	}
	return n
}

// simpleKey matches `identifier:` followed by a space, a comment or the end of the line.
func simpleKey(line []byte) (string, bool) {
	i := 0
	for i < len(line) && (line[i] == '_' || line[i] >= 'a' && line[i] <= 'z' || line[i] >= 'A' && line[i] <= 'Z' || i > 0 && line[i] >= '0' && line[i] <= '9') {
		i++
	}
	if i == 0 || i >= len(line) || line[i] != ':' {
		return "", false
	}
	if rest := line[i+1:]; len(rest) > 0 && rest[0] != ' ' && rest[0] != '\n' && rest[0] != '\r' {
		return "", false
	}
	return string(line[:i]), true
}

// stripComment drops a trailing " #..." from a key line's value; values here are
// only "" or "[]", so quotes need no care.
func stripComment(b []byte) []byte {
	if i := bytes.Index(b, []byte(" #")); i >= 0 {
		return b[:i]
	}
	return b
}

// setLines records, for items whose texts start at the given offsets of
// data, how many lines come before each; base is added to every count.
func setLines(data []byte, items []*Item, starts []int, base int) {
	lines, off := base, 0
	for i, it := range items {
		if it == nil || starts[i] < off {
			continue
		}
		lines += bytes.Count(data[off:starts[i]], []byte("\n"))
		off = starts[i]
		it.lines = int32(lines)
	}
}

// setAbsolute records that the items' node positions are lines of the
// input itself (the whole input was parsed at once).
func setAbsolute(items []*Item, base int) {
	for _, it := range items {
		it.lines = int32(base)
	}
}
