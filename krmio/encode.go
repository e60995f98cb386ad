package krmio

import (
	"bytes"
	"fmt"
	"strings"

	"sigs.k8s.io/kustomize/kyaml/yaml"
)

// Every text the YAML encoder writes is parsed back and compared with the
// node it came from before it is written out. The encoder has blind spots:
// a literal block scalar whose first line starts with a tab ("|2" then a
// tab) comes out as "|" and a tab line, which no parser reads; a comment
// can land where it changes the meaning. Each is repaired where it is known
// (the scalar is written double-quoted, the comments dropped); anything
// else that does not read back is an error, never corrupt output.

// encodeNode encodes one node as a YAML document that reads back as n.
func encodeNode(n *yaml.Node, wide bool) ([]byte, error) {
	return faithful(n, func() ([]byte, error) { return encodeRaw(n, wide) }, decodeOne)
}

// encodeEntry encodes an item as a one-entry sequence ("- apiVersion: ...")
// shifted to the item's original column, in its original sequence style.
func encodeEntry(it *Item) ([]byte, error) {
	n, err := it.FullNode()
	if err != nil {
		return nil, err
	}
	seq := &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{n}}
	b, err := faithful(seq, func() ([]byte, error) { return encodeRaw(seq, it.wide()) }, decodeOne)
	if err != nil {
		return nil, err
	}
	return indentLines(b, int(it.indent)), nil
}

// faithful runs enc and checks that its text parses back to n, repairing
// what is known to go wrong.
func faithful(n *yaml.Node, enc func() ([]byte, error), decode func([]byte) (*yaml.Node, error)) ([]byte, error) {
	for attempt := 0; ; attempt++ {
		b, err := enc()
		if err != nil {
			return nil, err
		}
		if back, err := decode(b); err == nil && sameContent(back, n) {
			return b, nil
		}
		switch {
		case attempt == 0 && quoteRiskyBlocks(n):
		case attempt <= 1 && hasComments(n):
			stripComments(n)
		default:
			return nil, fmt.Errorf("the YAML encoder gives text that does not read back as the input (at input line %d): nothing was written", n.Line)
		}
	}
}

// quoteRiskyBlocks gives double-quoted style to the block scalars the
// encoder is known to get wrong: literal ones whose lines start with a tab
// or whose first line starts with a space, and folded ones with a line that
// starts with a space or tab (more-indented lines gain a line break). It
// reports whether it changed any.
func quoteRiskyBlocks(n *yaml.Node) bool {
	changed := false
	if n.Kind == yaml.ScalarNode && n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		risky := strings.HasPrefix(n.Value, "\t") || strings.HasPrefix(n.Value, " ") || strings.Contains(n.Value, "\n\t")
		if n.Style&yaml.FoldedStyle != 0 {
			risky = risky || strings.Contains(n.Value, "\n ")
		}
		if risky {
			n.Style = yaml.DoubleQuotedStyle
			changed = true
		}
	}
	if n.Kind != yaml.AliasNode {
		for _, c := range n.Content {
			changed = quoteRiskyBlocks(c) || changed
		}
	}
	return changed
}

// encodeRaw encodes one node as a YAML document with the kyaml settings.
func encodeRaw(n *yaml.Node, wide bool) ([]byte, error) {
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
