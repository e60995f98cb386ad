package krmio

import (
	"bytes"
	"errors"
	"slices"
	"sync"

	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/cce-ingress-https/cce-ingress-https/internal/yamlnode"
)

// edit is an annotation set through SetAnnotation and whether the item had
// it before.
type edit struct {
	key string
	had bool
}

// edited reports whether key was set through SetAnnotation.
func (it *Item) edited(key string) bool {
	return it.more != nil && slices.ContainsFunc(it.more.edits, func(e edit) bool { return e.key == key })
}

// SetAnnotation sets metadata.annotations[key] on the item's Node and marks
// the item Changed. The writer then patches the item's original text, one
// line replaced or added under metadata.annotations, instead of encoding
// the whole item again: the rest of the item keeps its bytes and comments,
// and encoding, the slow part of writing YAML, is skipped. When the text is
// not laid out the way the patch expects, the item is re-encoded as before.
//
// It is the only way to change an item: code that changed Node otherwise
// would have its change lost, or patched only in part.
func (it *Item) SetAnnotation(key, value string) error {
	obj := it.Object()
	if obj == nil {
		return errors.New("the item is not a mapping")
	}
	if !it.edited(key) {
		_, had := obj.GetAnnotations()[key]
		it.extra().edits = append(it.extra().edits, edit{key, had})
	}
	if err := obj.SetAnnotation(key, value); err != nil {
		return err
	}
	it.changed = true
	if p := it.parentItem(); p != nil {
		p.changed, p.reencode = true, true // the List is written again around it
	}
	return nil
}

// patchable reports whether the item's text has metadata.annotations laid
// out the way the patch needs, checked against the positions the parser
// recorded: a block mapping whose entries are one line each, at one column,
// and nothing of them (a flow collection or a quoted scalar going on over
// several lines) outside those lines; and whether the node's annotations are
// exactly the text's entries plus the edits, so that nothing else changed
// there (code that adds annotations for a while must take them out again).
func patchable(it *Item) bool {
	if it.raw == nil || bytes.IndexByte(it.raw, '\r') >= 0 {
		return false
	}
	meta := yamlnode.Get(it.Node, "metadata")
	anns := annotationsNode(it.Node)
	if anns == nil || anns.Style&yaml.FlowStyle != 0 || meta.Style&yaml.FlowStyle != 0 {
		return false
	}
	block, ok := findAnnotations(it.raw, it.indent >= 0)
	if !ok || block.deeper {
		return false
	}
	fromText := 0
	for i := 0; i+1 < len(anns.Content); i += 2 {
		k, v := anns.Content[i], anns.Content[i+1]
		if k.Kind != yaml.ScalarNode || v.Kind != yaml.ScalarNode || v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
			return false
		}
		edited := it.edited(k.Value)
		if k.Line == 0 { // added after reading
			if !edited {
				return false
			}
			continue
		}
		fromText++
		if k.Column-1 != block.col || !edited && v.Line != k.Line {
			return false
		}
	}
	return fromText == block.entries && block.nextLine == nextKeyLine(it, meta, anns)
}

// nextKeyLine is the line of the first key after metadata.annotations in
// the item (in metadata, else at the top level), 0 when there is none.
func nextKeyLine(it *Item, meta, anns *yaml.Node) int {
	if line, ok := keyLineAfter(meta, anns); ok {
		return line
	}
	if it.partial {
		return int(it.afterMeta)
	}
	line, _ := keyLineAfter(it.Node, meta)
	return line
}

// patched returns the item's text with its annotation edits applied, or
// false when the item must be re-encoded.
func (it *Item) patched() ([]byte, bool) {
	if it.reencode || it.more == nil || len(it.more.edits) == 0 || !patchable(it) {
		return nil, false
	}
	anns := annotationsNode(it.Node)
	if anns == nil {
		return nil, false
	}
	text := it.raw
	for _, e := range it.more.edits {
		key := e.key
		block, ok := findAnnotations(text, it.indent >= 0)
		if !ok {
			return nil, false
		}
		line, ok := entryText(anns, key, block.col)
		if !ok {
			return nil, false
		}
		start, end, found, ok := block.entry(text, key)
		switch {
		case !ok || found != e.had:
			return nil, false
		case found:
			text = slices.Concat(text[:start], line, text[end:])
		case text[block.end-1] != '\n': // the last line of the input
			text = slices.Concat(text[:block.end], []byte("\n"), line, text[block.end:])
		default:
			text = slices.Concat(text[:block.end], line, text[block.end:])
		}
	}
	return text, true
}

// annotationsNode returns metadata.annotations of a resource node, or nil.
func annotationsNode(n *yaml.Node) *yaml.Node {
	a := yamlnode.Get(yamlnode.Get(n, "metadata"), "annotations")
	if a == nil || a.Kind != yaml.MappingNode {
		return nil
	}
	return a
}

// entryCache holds the encoded "key: value" lines: the same few annotations
// are set on thousands of items.
var entryCache sync.Map

// entryText encodes the key's entry of the annotations node as one line at
// column col, exactly as the encoder writes it inside the whole item.
func entryText(anns *yaml.Node, key string, col int) ([]byte, bool) {
	for i := 0; i+1 < len(anns.Content); i += 2 {
		k, v := anns.Content[i], anns.Content[i+1]
		if k.Value != key || k.Kind != yaml.ScalarNode || v.Kind != yaml.ScalarNode || v.Anchor != "" {
			continue
		}
		type cacheKey struct {
			k, kTag, v, vTag string
			kStyle, vStyle   yaml.Style
		}
		ck := cacheKey{k.Value, k.Tag, v.Value, v.Tag, k.Style, v.Style}
		b, ok := entryCache.Load(ck)
		if !ok {
			// Comments stay where they are in the text: a line comment makes
			// entry refuse the line, head and foot comments are lines of their own.
			k := &yaml.Node{Kind: k.Kind, Tag: k.Tag, Value: k.Value, Style: k.Style}
			v := &yaml.Node{Kind: v.Kind, Tag: v.Tag, Value: v.Value, Style: v.Style}
			enc, err := encodeValue(&yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{k, v}})
			if err != nil || bytes.Count(enc, []byte("\n")) != 1 {
				return nil, false
			}
			b, _ = entryCache.LoadOrStore(ck, enc)
		}
		return append(bytes.Repeat([]byte(" "), col), b.([]byte)...), true
	}
	return nil, false
}

// annotationsBlock is where metadata.annotations sits in an item's text.
type annotationsBlock struct {
	col        int  // column of the entries
	start, end int  // first entry line; end of the last entry's lines
	entries    int  // content lines at col
	deeper     bool // some content line is indented further than col
	nextLine   int  // 1-based line number of the first content line after the block, 0 at the end
}

// findAnnotations finds a block-style metadata.annotations mapping with at
// least one entry. listEntry says the text starts with the item's "- ".
func findAnnotations(text []byte, listEntry bool) (annotationsBlock, bool) {
	none := annotationsBlock{}
	c := 0
	first := true
	if listEntry {
		line, _ := lineAt(text, 0)
		d := indentOf(line)
		if d >= len(line) || line[d] != '-' {
			return none, false
		}
		c = d + 1
		for c < len(line) && line[c] == ' ' {
			c++
		}
	}
	// level 0: looking for metadata at c; 1: for annotations at m; 2: in the entries at a.
	level, m, a := 0, -1, -1
	b := none
	lineNo := 0
	for off := 0; off < len(text); {
		line, next := lineAt(text, off)
		lineNo++
		ind := indentOf(line)
		if first && listEntry {
			ind = c
		}
		first = false
		if isBlankOrComment(line) {
			off = next
			continue
		}
		switch level {
		case 0:
			if ind < c {
				return none, false
			}
			if ind == c {
				if key, ok := simpleKey(line[c:]); ok && key == "metadata" {
					if !emptyValue(line[c+len("metadata:"):]) {
						return none, false
					}
					level = 1
				}
			}
		case 1:
			if ind <= c {
				return none, false // metadata without annotations
			}
			if m < 0 {
				m = ind
			}
			if ind < m {
				return none, false
			}
			if ind == m {
				if key, ok := simpleKey(line[m:]); ok && key == "annotations" {
					if !emptyValue(line[m+len("annotations:"):]) {
						return none, false
					}
					level = 2
				}
			}
		case 2:
			if a < 0 {
				if ind <= m {
					return none, false // empty annotations
				}
				a, b.start = ind, off
			}
			if ind <= m {
				b.col, b.nextLine = a, lineNo
				return b, true
			}
			if ind < a || ind == a && bytes.IndexByte([]byte("{[?-&*!|>%@`"), line[a]) >= 0 {
				return none, false // not a plain block mapping entry
			}
			if ind == a {
				b.entries++
			} else {
				b.deeper = true
			}
			b.end = next
		}
		off = next
	}
	if level == 2 && a >= 0 {
		b.col = a
		return b, true
	}
	return none, false
}

// entry finds key's entry in the block: a single line "key: value" (the key
// plain or quoted) without a comment. ok is false when the key may be there
// in a form the patch does not handle.
func (b annotationsBlock) entry(text []byte, key string) (start, end int, found, ok bool) {
	forms := [][]byte{[]byte(key + ":"), []byte(`"` + key + `":`), []byte("'" + key + "':")}
	for off := b.start; off < b.end; {
		line, next := lineAt(text, off)
		if !isBlankOrComment(line) && indentOf(line) == b.col {
			rest := line[b.col:]
			for _, f := range forms {
				if !bytes.HasPrefix(rest, f) {
					continue
				}
				after := rest[len(f):]
				if len(after) > 0 && after[0] != ' ' && after[0] != '\n' {
					continue // a longer key with this prefix
				}
				if found || bytes.ContainsAny(after, "#&*!|>") || !singleLine(text, next, b) {
					return 0, 0, false, false
				}
				start, end, found = off, next, true
			}
			if !found && bytes.Contains(rest, []byte(key)) && !bytes.HasPrefix(rest, []byte(key)) {
				return 0, 0, false, false // perhaps a form of the key not matched above
			}
		}
		off = next
	}
	return start, end, found, true
}

// singleLine reports whether the entry ending at off has no continuation lines.
func singleLine(text []byte, off int, b annotationsBlock) bool {
	for off < b.end {
		line, next := lineAt(text, off)
		if !isBlankOrComment(line) {
			return indentOf(line) <= b.col
		}
		off = next
	}
	return true
}

// emptyValue reports whether what follows "key:" is nothing or a comment.
func emptyValue(b []byte) bool {
	t := bytes.TrimLeft(trimEOL(b), " ")
	return len(t) == 0 || t[0] == '#'
}
