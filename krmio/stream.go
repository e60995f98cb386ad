package krmio

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"sync/atomic"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/cce-ingress-https/cce-ingress-https/internal/yamlnode"
)

// streamDoc is one document of a plain stream: its text from its "---"
// line (if any) to the next document, where its content starts (after a
// plain "---" line), and its item (nil for a document of only comments).
type streamDoc struct {
	text   []byte
	start  int32 // offset of text in the input (under 2 GiB, see --max-input-bytes)
	head   int32 // text[:head] is a plain "---" line, copied as it is
	ended  bool  // the text ends with a "..." line
	encode bool  // the item is written from its node even when unchanged
	item   *Item
}

// ReadStream parses plain manifests: YAML documents separated by "---", or a
// single v1 List whose items are the resources.
//
// The line scanner only proposes where documents start ("---" and
// directive lines at column 0) and end ("..." lines); each piece is then
// parsed alone. A marker at column 0 is a document boundary to the YAML
// parser wherever it stands (inside a quoted scalar or flow collection it is
// an error, and the piece holding its start then fails to parse), so pieces
// that all parse give the documents of the whole stream. When any piece
// fails, the whole stream is parsed at once: its error is the one reported,
// and a stream it accepts is read on that slower path.
func ReadStream(data []byte) (*Document, error) { return ReadStreamWith(data, ReadOptions{}) }

// ReadStreamWith is ReadStream with options; ReadOptions.Digest applies to
// the documents of a stream and to the items of a List alike.
func ReadStreamWith(data []byte, o ReadOptions) (*Document, error) {
	if fixed, ok := jsonForYAML(data); ok {
		data = fixed
	}
	docs := cutStream(data)
	var content []int
	for i := range docs {
		if hasContent(docs[i].text) {
			content = append(content, i)
		}
	}
	if len(content) == 1 {
		doc := docs[content[0]]
		if body := doc.text[doc.head:]; !doc.ended && !hasMarkerLines(body) {
			if l, ok := readList(body, bytes.Count(data[:doc.start+doc.head], []byte("\n")), o.Digest); ok {
				return l, nil
			}
		}
	}
	d := &Document{Format: Stream, data: data, crlf: firstBreakIsCRLF(data)}
	if !parseDocs(docs, o.Digest) || !wellFormed(docs) {
		return readWholeStream(data)
	}
	for i := range docs {
		if docs[i].item != nil {
			d.Items = append(d.Items, docs[i].item)
		}
	}
	d.stream = docs
	var starts []int
	for _, doc := range docs {
		if doc.item != nil {
			starts = append(starts, int(doc.start+doc.head))
		}
	}
	setLines(data, d.Items, starts, 0)
	_ = limitAliases(data, d.Items, nil)
	return d, nil
}

// cutStream cuts data into the pieces the line scanner proposes.
func cutStream(data []byte) []streamDoc {
	var docs []streamDoc
	start, head := 0, 0
	onlyDirectives := true // the piece so far has directives, comments and blank lines only
	cut := func(end int) {
		if end > start {
			docs = append(docs, streamDoc{start: int32(start), text: data[start:end], head: int32(head)})
		}
		start, head, onlyDirectives = end, 0, true
	}
	for off := 0; off < len(data); {
		line, next := lineAt(data, off)
		if off == 0 {
			line = bytes.TrimPrefix(line, bom)
		}
		switch {
		case isMarker(line, "---"):
			if !onlyDirectives {
				cut(off)
			}
			if isDocSeparator(line) && off == start {
				head = next - off
			}
			onlyDirectives = false
		case isMarker(line, "..."):
			cut(next)
			docs[len(docs)-1].ended = true
		case len(line) > 0 && line[0] == '%':
			if !onlyDirectives {
				cut(off)
			}
		case !isBlankOrComment(line):
			onlyDirectives = false
		}
		off = next
	}
	cut(len(data))
	if len(docs) == 0 {
		docs = append(docs, streamDoc{text: data})
	}
	return docs
}

// wellFormed reports whether the pieces follow each other as YAML allows:
// a directive only at the start of the stream or after a "..." line.
func wellFormed(docs []streamDoc) bool {
	for i := 1; i < len(docs); i++ {
		if docs[i].text[0] == '%' && !docs[i-1].ended {
			return false
		}
	}
	return true
}

// parseDocs parses every piece alone, in parallel, and makes each
// document's item (a piece of comments only, or an empty document, has
// none); with digest set, the item keeps only its header right away, so the
// trees of a long stream never pile up. It reports whether every piece
// parsed.
func parseDocs(docs []streamDoc, digest Digest) bool {
	var failed atomic.Bool
	parallel(len(docs), func(i int) {
		doc := &docs[i]
		body := doc.text[doc.head:]
		n, err := decodeAtMostOne(body)
		if err != nil && doc.ended && doc.head > 0 {
			// "---", comments, "...": an empty document, but "..." without
			// its "---" is an error
			if n, err := decodeAtMostOne(doc.text); err == nil && n == nil {
				return
			}
		}
		if err != nil {
			if fixed, ok := jsonDocument(body, doc.ended); ok {
				n, err = decodeAtMostOne(fixed)
				// written as rewritten, so every YAML reader takes the output
				doc.text = append(doc.text[:doc.head:doc.head], fixed...)
				body = doc.text[doc.head:]
			}
		}
		if err != nil {
			failed.Store(true)
			return
		}
		if n == nil {
			return
		}
		it := newItem(n, body, -1)
		if doc.ended || hasMarkerLines(body) {
			it.reencode = true // directives or markers in the text: never patched
		}
		if i == len(docs)-1 && !bytes.HasSuffix(body, []byte("\n")) && !newlineKeepsMeaning(body) {
			doc.encode, it.reencode = true, true
		}
		if digest != nil && !doc.encode { // an encoded document needs its body
			keepHeader(it, body, digest)
		}
		doc.item = it
	})
	return !failed.Load()
}

// decodeAtMostOne decodes zero or one YAML document; an empty document
// ("---" alone) gives nil like no document at all.
func decodeAtMostOne(b []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	var doc yaml.Node
	if err := dec.Decode(&doc); errors.Is(err, io.EOF) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return nil, errors.New("more than one YAML document")
	}
	if len(doc.Content) != 1 || isEmptyDocument(doc.Content[0]) {
		return nil, nil
	}
	return doc.Content[0], nil
}

// isEmptyDocument matches the null the parser gives an empty document.
func isEmptyDocument(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null" && n.Value == "" && n.Style == 0 && n.Anchor == ""
}

// readWholeStream is the slow path: one parse of the whole stream. Its
// items have no text: changed or not, they are written from their nodes.
func readWholeStream(data []byte) (*Document, error) {
	d := &Document{Format: Stream, data: data, crlf: firstBreakIsCRLF(data)}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for n := 1; ; n++ {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("document %d of the input is not valid YAML: %v", n, parseError(err, 0))
		}
		if len(doc.Content) != 1 || isEmptyDocument(doc.Content[0]) {
			continue
		}
		it := newItem(doc.Content[0], nil, -1)
		d.Items = append(d.Items, it)
		d.stream = append(d.stream, streamDoc{item: it, encode: true})
	}
	setAbsolute(d.Items, 0)
	_ = limitAliases(data, d.Items, nil)
	return d, nil
}

// bom is the byte order mark a stream may start with.
var bom = []byte("\xef\xbb\xbf")

// hasMarkerLines reports a directive, "---" or "..." line in text.
func hasMarkerLines(text []byte) bool {
	for off := 0; off < len(text); {
		line, next := lineAt(text, off)
		if isMarker(line, "---") || isMarker(line, "...") || len(line) > 0 && line[0] == '%' {
			return true
		}
		off = next
	}
	return false
}

// isMarker matches a document marker ("---" or "...") at column 0 followed
// by a space, a tab or the end of the line.
func isMarker(line []byte, m string) bool {
	if !bytes.HasPrefix(line, []byte(m)) {
		return false
	}
	rest := line[len(m):]
	return len(rest) == 0 || rest[0] == ' ' || rest[0] == '\t' || rest[0] == '\n' || rest[0] == '\r'
}

// readList recognises a v1 List document and reads its items like a ResourceList's.
func readList(doc []byte, base int, digest Digest) (*Document, bool) {
	top, err := decodeOne(doc)
	if err != nil || top.Kind != yaml.MappingNode || yamlnode.String(top, "kind") != "List" {
		return nil, false
	}
	d := &Document{Format: List, data: doc, kind: "List", apiVersion: yamlnode.String(top, "apiVersion"), crlf: firstBreakIsCRLF(doc)}
	if l, err := scanMapping(doc); err == nil && l.cutItems(doc) == nil && endsSafely(doc, l) {
		if items, err := parseChunks(l.chunks, l.indents, nil); err == nil && sameAsWhole(l, top, items) {
			for i, it := range items {
				if digest != nil {
					keepHeader(it, l.chunks[i], digest)
				}
			}
			d.layout, d.Items = l, items
			setLines(doc, items, l.starts, base)
			_ = limitAliases(doc, d.Items, nil) // marks items; errors only for a functionConfig
			return d, true
		}
	}
	if items := yamlnode.Get(top, "items"); items != nil && items.Kind == yaml.SequenceNode {
		for _, n := range items.Content {
			d.Items = append(d.Items, newItem(n, nil, 0))
		}
	}
	d.listNode = top
	setAbsolute(d.Items, base)
	_ = limitAliases(doc, d.Items, nil)
	return d, true
}

// sameAsWhole confirms the scanner's cut of a List against the parse of
// the whole document: the same top-level keys and the same items.
func sameAsWhole(l *layout, top *yaml.Node, items []*Item) bool {
	if len(top.Content) != 2*len(l.regions) {
		return false
	}
	for i, r := range l.regions {
		if top.Content[2*i].Value != r.key {
			return false
		}
	}
	whole := yamlnode.Get(top, "items")
	if whole == nil || whole.Kind != yaml.SequenceNode || len(whole.Content) != len(items) {
		return false
	}
	for i, it := range items {
		if !sameContent(it.Node, whole.Content[i]) {
			return false
		}
	}
	return true
}

// SetFile records that the document was read from the file at path: each
// item's File is then that path and its index among the file's items.
func (d *Document) SetFile(path string) {
	for i, it := range d.Items {
		it.extra().source = &fn.File{Path: path, Index: i}
	}
	for _, it := range d.Resources() {
		if p := it.parentItem(); p != nil {
			it.extra().source = p.more.source
		}
	}
}

// WriteStream writes a Stream or List document back in its input form.
func (d *Document) WriteStream(out io.Writer) error {
	w := bufio.NewWriterSize(out, 1<<16)
	switch {
	case d.Format == List && d.layout != nil:
		w.Write(d.data[:d.layout.regions[0].start]) // comments before the first key
		for i, r := range d.layout.regions {
			if i == d.layout.items {
				d.writeEOL(w, d.layout.itemsHead)
				if err := d.writeItems(w); err != nil {
					return err
				}
				continue
			}
			d.writeEOL(w, d.data[r.start:r.end])
		}
	case d.Format == List:
		items := yamlnode.Get(d.listNode, "items")
		if items != nil && items.Kind == yaml.SequenceNode {
			items.Content = items.Content[:0]
			for _, it := range d.Items {
				items.Content = append(items.Content, it.Node)
			}
		}
		b, err := encodeNode(d.listNode, false)
		if err != nil {
			return err
		}
		w.Write(d.breaks(b))
	default:
		for i, doc := range d.stream {
			it := doc.item
			if it == nil || !it.changed && !doc.encode {
				d.writeEOL(w, doc.text)
				continue
			}
			if b, ok := it.patched(); ok {
				w.Write(doc.text[:doc.head])
				d.writeEOL(w, d.breaks(b))
				continue
			}
			n, err := it.FullNode()
			if err != nil {
				return err
			}
			b, err := encodeNode(n, it.wide())
			if err != nil {
				return err
			}
			switch {
			case doc.head > 0:
				w.Write(doc.text[:doc.head])
			case i > 0:
				w.WriteString(eol("---\n", d.crlf))
			}
			w.Write(d.breaks(b))
			if doc.ended {
				w.WriteString(eol("...\n", d.crlf))
			}
		}
	}
	return w.Flush()
}

// isDocSeparator matches "---" alone or followed by a space or comment.
func isDocSeparator(line []byte) bool {
	t := trimEOL(line)
	return bytes.Equal(t, []byte("---")) || bytes.HasPrefix(t, []byte("--- ")) && isBlankOrComment(t[4:])
}
