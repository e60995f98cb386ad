package krmio

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"unicode/utf16"

	"github.com/cce-ingress-https/cce-ingress-https/internal/yamlnode"
)

// jsonForYAML rewrites the two JSON string escapes the YAML parser does
// not take, "\/" and a UTF-16 surrogate pair ("\ud83d\ude00", as Python's
// json.dumps writes emoji), as "/" and the "\U0001F600" escape YAML has. It
// only touches valid JSON that has either, and reports whether it did.
func jsonForYAML(data []byte) ([]byte, bool) {
	if bytes.HasPrefix(data, bom) {
		fixed, ok := jsonForYAML(data[len(bom):])
		return append(bom, fixed...), ok
	}
	if !bytes.Contains(data, []byte(`\/`)) && !bytes.Contains(data, []byte(`\u`)) ||
		!json.Valid(data) {
		return nil, false
	}
	out := make([]byte, 0, len(data))
	changed := false
	in := false
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case !in:
			in = c == '"'
		case c == '"':
			in = false
		case c == '\\' && i+1 < len(data):
			switch {
			case data[i+1] == '/':
				out = append(out, '/')
				i++
				changed = true
				continue
			case data[i+1] == 'u':
				if r, ok := surrogatePair(data[i:]); ok {
					out = fmt.Appendf(out, `\U%08X`, r)
					i += 11
					changed = true
					continue
				}
			}
			out = append(out, c, data[i+1])
			i++
			continue
		}
		out = append(out, c)
	}
	return out, changed
}

// surrogatePair decodes `\uD8xx\uDCxx` at the start of b.
func surrogatePair(b []byte) (rune, bool) {
	if len(b) < 12 || b[6] != '\\' || b[7] != 'u' {
		return 0, false
	}
	hi, err1 := strconv.ParseUint(string(b[2:6]), 16, 16)
	lo, err2 := strconv.ParseUint(string(b[8:12]), 16, 16)
	if err1 != nil || err2 != nil || !utf16.IsSurrogate(rune(hi)) {
		return 0, false
	}
	r := utf16.DecodeRune(rune(hi), rune(lo))
	return r, r != 0xFFFD
}

// jsonDocument is jsonForYAML for one piece of a stream: comment,
// directive and "---" lines before the JSON, and a "..." line after it,
// are kept as they are.
func jsonDocument(piece []byte, ended bool) ([]byte, bool) {
	start := 0
	for start < len(piece) {
		line, next := lineAt(piece, start)
		if start == 0 {
			line = bytes.TrimPrefix(line, bom)
		}
		if !isBlankOrComment(line) && !isMarker(line, "---") && line[0] != '%' {
			break
		}
		start = next
	}
	body, end := bytes.TrimRight(piece[start:], "\r\n"), []byte("\n")
	if ended {
		body = bytes.TrimRight(bytes.TrimSuffix(body, []byte("...")), "\r\n")
		end = []byte("\n...\n")
	}
	fixed, ok := jsonForYAML(body)
	if !ok {
		return nil, false
	}
	return slices.Concat(piece[:start], fixed, end), true
}

// FirstDocumentKind returns the kind of the first document of a stream
// with content, as the readers parse it ("" when it has none or does not
// parse), JSON with the escapes YAML lacks included.
func FirstDocumentKind(data []byte) string {
	for _, doc := range cutStream(data) {
		if !hasContent(doc.text) {
			continue
		}
		body := doc.text[doc.head:]
		n, err := decodeAtMostOne(body)
		if err != nil {
			if fixed, ok := jsonDocument(body, doc.ended); ok {
				n, err = decodeAtMostOne(fixed)
			}
		}
		if err != nil || n == nil {
			return ""
		}
		return yamlnode.String(n, "kind")
	}
	return ""
}
