package krmio

import (
	"bufio"
	"bytes"
	"io"
	"strings"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/cce-ingress-https/cce-ingress-https/internal/yamlnode"
)

// WriteResourceList writes the list with results in place of any input results.
// Top-level fields keep their input order and text; items keep their order,
// unchanged ones byte for byte.
func (d *Document) WriteResourceList(out io.Writer, results fn.Results) error {
	crlf := d.crlf
	if crlf && d.layout == nil {
		out = &crlfWriter{w: out} // the fallback encodes with LF
	}
	w := bufio.NewWriterSize(out, 1<<16)
	if d.layout != nil {
		w.Write(d.data[:d.layout.regions[0].start]) // comments (and "---") before the first key
		for i, r := range d.layout.regions {
			switch {
			case r.key == "results":
			case i == d.layout.items:
				d.writeEOL(w, d.layout.itemsHead)
				if err := d.writeItems(w); err != nil {
					return err
				}
			default:
				d.writeEOL(w, d.data[r.start:r.end])
			}
		}
		if d.layout.items < 0 {
			w.WriteString(eol("items: []\n", crlf))
		}
	} else {
		if err := d.writeWhole(w, results); err != nil {
			return err
		}
		return w.Flush()
	}
	if len(results) > 0 && crlf && d.layout != nil {
		// the text above is the input's, with its CRLF breaks; results too
		if err := w.Flush(); err != nil {
			return err
		}
		w = bufio.NewWriterSize(&crlfWriter{w: out}, 1<<16)
	}
	if len(results) > 0 {
		if err := writeResults(w, results); err != nil {
			return err
		}
	}
	return w.Flush()
}

// writeWhole writes a document the fallback parser read as one YAML
// document, top-level keys in input order and the items in place. Items may
// alias anchors outside themselves (on the items list, in functionConfig or
// in another top-level field); written this way, every anchor still comes
// before its aliases. Input results are dropped: the caller appends new ones.
//
// The text must be a fixpoint: a second run reads it with the results
// after it and must write the same bytes. Comments can move from one
// encoding to the next (and a results field changes where the parser puts
// the comments before it), so the text is read back as the next run will
// read it until it settles; when it does not, the comments are dropped.
func (d *Document) writeWhole(w *bufio.Writer, results fn.Results) error {
	var after bytes.Buffer
	if len(results) > 0 {
		rw := bufio.NewWriter(&after)
		if err := writeResults(rw, results); err != nil {
			return err
		}
		rw.Flush()
	}
	top := wholeTop(d.top, d.apiVersion, d.Items)
	b, err := encodeNode(top, false)
	if err != nil {
		return err
	}
	settled := false
	for range 4 {
		next, err := d.reread(append(b[:len(b):len(b)], after.Bytes()...))
		if err != nil {
			break
		}
		if bytes.Equal(next, b) {
			settled = true
			break
		}
		b = next
	}
	if !settled {
		stripComments(top)
		if b, err = encodeNode(top, false); err != nil {
			return err
		}
	}
	w.Write(b)
	w.Write(after.Bytes())
	return nil
}

// reread is what a second run of the fallback writes for text: it parses
// it and encodes it again, results dropped.
func (d *Document) reread(text []byte) ([]byte, error) {
	n, err := decodeOne(text)
	if err != nil || n.Kind != yaml.MappingNode {
		return nil, errUnrecognised
	}
	var items []*Item
	if seq := yamlnode.Get(n, "items"); seq != nil && seq.Kind == yaml.SequenceNode {
		for _, c := range seq.Content {
			items = append(items, &Item{Node: c})
		}
	}
	return encodeRaw(wholeTop(n, d.apiVersion, items), false)
}

// wholeTop is the document to write: src's top-level fields in order, the
// items in place, no results.
func wholeTop(src *yaml.Node, apiVersion string, items []*Item) *yaml.Node {
	top := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	if v := yamlnode.Get(src, "apiVersion"); v == nil || v.Kind != yaml.ScalarNode {
		top.Content = append(top.Content, stringNode("apiVersion"), stringNode(apiVersion))
	}
	wroteItems := false
	for i := 0; i+1 < len(src.Content); i += 2 {
		k, v := src.Content[i], src.Content[i+1]
		switch {
		case k.Value == "results" || k.Value == "apiVersion" && v.Kind != yaml.ScalarNode:
			continue
		case k.Value == "items" && !wroteItems:
			wroteItems = true
			if v.Kind != yaml.SequenceNode && v.Anchor != "" {
				break // an anchored null: other fields may alias it
			}
			seq := yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
			if v.Kind == yaml.SequenceNode {
				seq = *v // keeps its anchor and style
			}
			seq.Content = make([]*yaml.Node, len(items))
			for j, it := range items {
				seq.Content[j] = it.Node
			}
			v = &seq
		}
		top.Content = append(top.Content, k, v)
	}
	if !wroteItems {
		top.Content = append(top.Content, stringNode("items"), &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle})
	}
	return top
}

func stringNode(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}

func (d *Document) writeItems(w *bufio.Writer) error {
	return inOrder(len(d.Items), func(i int) ([]byte, error) {
		it := d.Items[i]
		switch {
		case !it.changed && it.raw != nil:
			return it.raw, nil
		}
		if b, ok := it.patched(); ok {
			return d.breaks(b), nil
		}
		b, err := encodeEntry(it)
		return d.breaks(b), err
	}, func(b []byte) { d.writeEOL(w, b) })
}

// indentLines shifts every line right by n spaces. Adding the same indentation
// to every line of a YAML node keeps its meaning, block scalars included.
func indentLines(b []byte, n int) []byte {
	if n <= 0 {
		return b
	}
	pad := bytes.Repeat([]byte(" "), n)
	out := make([]byte, 0, len(b)+n*bytes.Count(b, []byte("\n")))
	for len(b) > 0 {
		line, next := lineAt(b, 0)
		if len(trimEOL(line)) > 0 {
			out = append(out, pad...)
		}
		out = append(out, line...)
		b = b[next:]
	}
	return out
}

// writeEOL writes b and makes sure it ends with a line break.
func (d *Document) writeEOL(w *bufio.Writer, b []byte) {
	w.Write(b)
	if len(b) > 0 && b[len(b)-1] != '\n' {
		w.WriteString(eol("\n", d.crlf))
	}
}

// breaks gives text the encoder wrote (with LF) the input's line breaks.
func (d *Document) breaks(b []byte) []byte {
	if !d.crlf {
		return b
	}
	return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))
}

// crlfWriter writes every LF as CRLF.
type crlfWriter struct{ w io.Writer }

func (c *crlfWriter) Write(p []byte) (int, error) {
	if _, err := c.w.Write(bytes.ReplaceAll(p, []byte("\n"), []byte("\r\n"))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// eol gives a line of our own with the input's line breaks.
func eol(s string, crlf bool) string {
	if crlf {
		return strings.ReplaceAll(s, "\n", "\r\n")
	}
	return s
}
