package krmio

import (
	"bytes"

	"sigs.k8s.io/kustomize/kyaml/yaml"
)

// headerKeys are the top-level fields a partially read item keeps.
var headerKeys = map[string]bool{"apiVersion": true, "kind": true, "metadata": true}

// readHeaderOnly reads an item whose kind the caller does not need in full:
// it cuts the apiVersion, kind and metadata fields out of the entry's lines
// and parses only those. It returns nil when the item must be read in full:
// full says so, or the entry is not a plain block mapping the cut is sure of.
func readHeaderOnly(chunk []byte, indent int, full func(apiVersion, kind string) bool) *Item {
	header, apiVersion, kind, ok := cutHeader(chunk)
	if !ok || full(apiVersion, kind) {
		return nil
	}
	node, err := decodeOne(header)
	if err != nil || node.Kind != yaml.MappingNode {
		return nil
	}
	// The text said this kind is not needed; trust only the YAML's answer.
	if full(scalar(field(node, "apiVersion")), scalar(field(node, "kind"))) {
		return nil
	}
	it := newItem(node, chunk, indent)
	it.partial = true
	return it
}

// cutHeader returns the entry's apiVersion, kind and metadata lines as a
// block mapping (the "- " turned into spaces), and the apiVersion and kind
// as written when they are plain one-word scalars ("" otherwise). The
// entry's fields sit at one column c: every other non-comment line is
// indented further, or the entry is not one the cut understands.
func cutHeader(chunk []byte) (header []byte, apiVersion, kind string, ok bool) {
	first, off := lineAt(chunk, 0)
	dash := indentOf(first)
	if dash >= len(first) || first[dash] != '-' {
		return nil, "", "", false
	}
	c := dash + 1
	for c < len(first) && first[c] == ' ' {
		c++
	}
	if c == dash+1 || c >= len(trimEOL(first)) {
		return nil, "", "", false
	}
	header = make([]byte, 0, 512)
	keep := false
	add := func(line []byte, key string) {
		keep = headerKeys[key]
		if !keep {
			return
		}
		switch key {
		case "apiVersion":
			apiVersion = plainValue(line[c+len(key)+1:])
		case "kind":
			kind = plainValue(line[c+len(key)+1:])
		}
	}
	key, isKey := simpleKey(first[c:])
	if !isKey {
		return nil, "", "", false
	}
	add(first, key)
	if keep {
		header = append(header, bytes.Repeat([]byte(" "), c)...)
		header = append(header, first[c:]...)
	}
	for off < len(chunk) {
		line, next := lineAt(chunk, off)
		off = next
		if isBlankOrComment(line) {
			continue
		}
		switch ind := indentOf(line); {
		case ind == c:
			key, isKey := simpleKey(line[c:])
			if !isKey {
				return nil, "", "", false
			}
			add(line, key)
		case ind < c:
			return nil, "", "", false
		}
		if keep {
			header = append(header, line...)
		}
	}
	if len(header) > 0 && header[len(header)-1] != '\n' {
		header = append(header, '\n')
	}
	return header, apiVersion, kind, true
}

// plainValue returns a field's value when it is one plain word such as
// "apps/v1" or "Deployment", else "".
func plainValue(b []byte) string {
	b = bytes.TrimSpace(stripComment(b))
	for _, ch := range b {
		if !(ch == '/' || ch == '.' || ch == '-' || ch == '_' || ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9') {
			return ""
		}
	}
	return string(b)
}
