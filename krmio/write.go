package krmio

import (
	"bufio"
	"bytes"
	"fmt"
	"io"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"sigs.k8s.io/kustomize/kyaml/yaml"
)

// WriteResourceList writes the list with results in place of any input results.
// Top-level fields keep their input order and text; items keep their order,
// unchanged ones byte for byte.
func (d *Document) WriteResourceList(out io.Writer, results fn.Results) error {
	w := bufio.NewWriterSize(out, 1<<16)
	if d.layout != nil {
		w.Write(d.data[:d.layout.regions[0].start]) // comments (and "---") before the first key
		for i, r := range d.layout.regions {
			switch {
			case r.key == "results":
			case i == d.layout.items:
				writeEOL(w, d.layout.itemsHead)
				if err := d.writeItems(w); err != nil {
					return err
				}
			default:
				writeEOL(w, d.data[r.start:r.end])
			}
		}
		if d.layout.items < 0 {
			w.WriteString("items: []\n")
		}
	} else if err := d.writeWhole(w); err != nil {
		return err
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
func (d *Document) writeWhole(w *bufio.Writer) error {
	top := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	if v := Field(d.top, "apiVersion"); v == nil || v.Kind != yaml.ScalarNode {
		top.Content = append(top.Content, stringNode("apiVersion"), stringNode(d.apiVersion))
	}
	wroteItems := false
	for i := 0; i+1 < len(d.top.Content); i += 2 {
		k, v := d.top.Content[i], d.top.Content[i+1]
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
			seq.Content = make([]*yaml.Node, len(d.Items))
			for j, it := range d.Items {
				seq.Content[j] = it.Node
			}
			v = &seq
		}
		top.Content = append(top.Content, k, v)
	}
	if !wroteItems {
		top.Content = append(top.Content, stringNode("items"), &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle})
	}
	b, err := encodeChecked(top)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

func stringNode(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}

func (d *Document) writeItems(w *bufio.Writer) error {
	return inOrder(len(d.Items), func(i int) ([]byte, error) {
		it := d.Items[i]
		switch {
		case !it.Changed && it.raw != nil:
			return it.raw, nil
		case it.partial:
			return nil, fmt.Errorf("item %d (%s %s) was read without its body and cannot be written changed", i, it.Obj.GetKind(), it.Obj.GetName())
		}
		if b, ok := it.patched(); ok {
			return b, nil
		}
		return encodeEntry(it)
	}, func(b []byte) { writeEOL(w, b) })
}

// encodeEntry encodes an item as a one-entry sequence ("- apiVersion: ...")
// shifted to the item's original column, in its original sequence style.
func encodeEntry(it *Item) ([]byte, error) {
	var buf bytes.Buffer
	style := yaml.CompactSequenceStyle
	if it.wide() {
		style = yaml.WideSequenceStyle
	}
	enc := yaml.NewEncoderWithOptions(&buf, &yaml.EncoderOptions{SeqIndent: style})
	seq := &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{it.Node}}
	if err := enc.Encode(seq); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return indentLines(buf.Bytes(), it.indent), nil
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

// writeEOL writes b and makes sure it ends with a newline.
func writeEOL(w *bufio.Writer, b []byte) {
	w.Write(b)
	if len(b) > 0 && b[len(b)-1] != '\n' {
		w.WriteByte('\n')
	}
}
