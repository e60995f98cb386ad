package krmio

import (
	"bufio"
	"bytes"
	"fmt"
	"io"

	"sigs.k8s.io/kustomize/kyaml/yaml"
)

// streamDoc is one document of a plain stream: its "---" line (if any), its
// text, and its item (nil for a document holding only comments).
type streamDoc struct {
	sep  []byte
	text []byte
	item *Item
}

// ReadStream parses plain manifests: YAML documents separated by "---", or a
// single v1 List whose items are the resources.
func ReadStream(data []byte) (*Document, error) {
	d := &Document{Format: Stream, data: data}
	var docs []streamDoc
	start, sep := 0, []byte(nil)
	flush := func(end int) {
		docs = append(docs, streamDoc{sep: sep, text: data[start:end]})
	}
	for off := 0; off < len(data); {
		line, next := lineAt(data, off)
		if isDocSeparator(line) {
			flush(off)
			start, sep = next, line
		}
		off = next
	}
	flush(len(data))
	var chunks [][]byte
	var idx []int
	for i, doc := range docs {
		text := doc.text
		if i == 0 {
			text = bytes.TrimPrefix(text, []byte("\xef\xbb\xbf")) // a BOM before a comment is no content
		}
		if hasContent(text) {
			chunks = append(chunks, doc.text)
			idx = append(idx, i)
		}
	}
	if len(chunks) == 1 {
		if l, ok := readList(chunks[0]); ok {
			return l, nil
		}
	}
	for n, c := range chunks {
		node, err := decodeOne(c)
		if err != nil {
			return nil, fmt.Errorf("document %d of the input is not valid YAML: %v", n+1, err)
		}
		it := newItem(node, c, -1)
		docs[idx[n]].item = it
		d.Items = append(d.Items, it)
	}
	d.stream = docs
	_ = limitAliases(data, d.Items, nil)
	return d, nil
}

// readList recognises a v1 List document and reads its items like a ResourceList's.
func readList(doc []byte) (*Document, bool) {
	top, err := decodeOne(doc)
	if err != nil || top.Kind != yaml.MappingNode || scalar(Field(top, "kind")) != "List" {
		return nil, false
	}
	d := &Document{Format: List, data: doc, kind: "List", apiVersion: scalar(Field(top, "apiVersion"))}
	if l, err := scanMapping(doc); err == nil && l.cutItems(doc) == nil {
		if items, err := parseChunks(l.chunks, l.indents, nil); err == nil {
			d.layout, d.Items = l, items
			_ = limitAliases(doc, d.Items, nil) // marks items; errors only for a functionConfig
			return d, true
		}
	}
	if items := Field(top, "items"); items != nil && items.Kind == yaml.SequenceNode {
		for _, n := range items.Content {
			d.Items = append(d.Items, newItem(n, nil, 0))
		}
	}
	d.listNode = top
	_ = limitAliases(doc, d.Items, nil)
	return d, true
}

// WriteStream writes a Stream or List document back in its input form.
func (d *Document) WriteStream(out io.Writer) error {
	w := bufio.NewWriterSize(out, 1<<16)
	switch {
	case d.Format == List && d.layout != nil:
		w.Write(d.data[:d.layout.regions[0].start]) // comments before the first key
		for i, r := range d.layout.regions {
			if i == d.layout.items {
				writeEOL(w, d.layout.itemsHead)
				if err := d.writeItems(w); err != nil {
					return err
				}
				continue
			}
			writeEOL(w, d.data[r.start:r.end])
		}
	case d.Format == List:
		items := Field(d.listNode, "items")
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
		w.Write(b)
	default:
		for _, doc := range d.stream {
			w.Write(doc.sep)
			if doc.item == nil || !doc.item.Changed {
				if len(doc.text) > 0 {
					writeEOL(w, doc.text)
				}
				continue
			}
			if b, ok := doc.item.patched(); ok {
				writeEOL(w, b)
				continue
			}
			b, err := encodeNode(doc.item.Node, doc.item.wide())
			if err != nil {
				return err
			}
			w.Write(b)
		}
	}
	return w.Flush()
}

// encodeNode encodes one node as a YAML document.
func encodeNode(n *yaml.Node, wide bool) ([]byte, error) {
	var buf bytes.Buffer
	style := yaml.CompactSequenceStyle
	if wide {
		style = yaml.WideSequenceStyle
	}
	enc := yaml.NewEncoderWithOptions(&buf, &yaml.EncoderOptions{SeqIndent: style})
	if err := enc.Encode(n); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// isDocSeparator matches "---" alone or followed by a space or comment.
func isDocSeparator(line []byte) bool {
	t := trimEOL(line)
	return bytes.Equal(t, []byte("---")) || bytes.HasPrefix(t, []byte("--- ")) && isBlankOrComment(t[4:])
}
