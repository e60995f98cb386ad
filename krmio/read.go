package krmio

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"

	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/cce-ingress-https/cce-ingress-https/internal/yamlnode"
)

// Format says what the input was, so the output can be the same kind.
type Format int

const (
	// ResourceList is a config.kubernetes.io ResourceList (function mode).
	ResourceList Format = iota
	// Stream is zero or more YAML documents separated by "---" (pipe mode).
	Stream
	// List is a single v1 List document (pipe mode).
	List
)

// Document is a parsed input: its items in input order, the function
// configuration, and what is needed to write it back.
type Document struct {
	Format         Format
	Items          []*Item
	FunctionConfig *yaml.Node // nil when the input had none

	apiVersion, kind string
	data             []byte
	layout           *layout     // nil on the fallback path
	stream           []streamDoc // Stream format: every document, empty ones too
	listNode         *yaml.Node  // List format on the fallback path
	top              *yaml.Node  // ResourceList on the fallback path: the whole input document
	crlf             bool        // the input's lines end with CRLF: so do the lines written
	resources        []*Item     // Resources, once built
}

// ReadResourceList parses a ResourceList. Errors say what is wrong with the
// input as a whole; problems inside single items are left to the caller.
func ReadResourceList(data []byte) (*Document, error) {
	return ReadResourceListWith(data, ReadOptions{})
}

// ReadOptions let a caller that reads only part of most items read less.
type ReadOptions struct {
	// Digest, when set, makes the fast path keep only the header
	// (apiVersion, kind and metadata) of each item in its Node, which saves
	// memory: see Digest.
	Digest Digest
}

// Digest is called with every item's full node right after the item is
// parsed, on the reader's goroutines (so it must not touch shared state);
// what it returns is kept (Item.Digest), and the node keeps only the
// header. Items the fast path does not read this way (the fallback, items
// that may use aliases, Lists) keep their full node and have no digest:
// callers compute from Node what the digest would have held. Header items
// can be changed (through SetAnnotation) and written; FullNode gives the
// rest of the tree back.
type Digest func(apiVersion, kind string, n *yaml.Node) any

// ReadResourceListWith is ReadResourceList with options.
func ReadResourceListWith(data []byte, o ReadOptions) (*Document, error) {
	d, err := readFastWith(data, o)
	if err == nil {
		return d, nil
	}
	return readWhole(data)
}

// readFastWith cuts the list with the line scanner and parses chunks in parallel.
func readFastWith(data []byte, o ReadOptions) (*Document, error) {
	l, err := scanMapping(data)
	if err != nil {
		return nil, err
	}
	if err := l.cutItems(data); err != nil {
		return nil, err
	}
	// The comments before the first key, the items line and the comments
	// before the first entry are the only text no parse below sees; YAML
	// rejects bad bytes even in comments.
	if badByteHint(data[:l.regions[0].start]) != "" || badByteHint(l.itemsHead) != "" {
		return nil, errUnrecognised
	}
	// Every region is parsed alone, never joined to another: a quoted
	// scalar or flow collection that goes on past a line the scanner took
	// for a new key then ends the region's text unclosed, and its parse
	// fails (see the package doc).
	top := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for i, r := range l.regions {
		if i == l.items {
			continue
		}
		m, err := decodeOne(data[r.start:r.end])
		if err != nil || m.Kind != yaml.MappingNode || m.Style&yaml.FlowStyle != 0 || len(m.Content) != 2 ||
			m.Content[0].Value != r.key || m.Content[0].Line != 1 || m.Content[0].Column != 1 {
			return nil, errUnrecognised
		}
		top.Content = append(top.Content, m.Content...)
	}
	if !endsSafely(data, l) {
		return nil, errUnrecognised
	}
	d := &Document{Format: ResourceList, data: data, layout: l, crlf: firstBreakIsCRLF(data)}
	if err := d.readHeader(top); err != nil {
		return nil, err
	}
	items, err := parseChunks(l.chunks, l.indents, o.Digest)
	if err != nil {
		return nil, err
	}
	d.Items = items
	setLines(data, items, l.starts, 0)
	if err := limitAliases(data, d.Items, d.FunctionConfig); err != nil {
		return nil, err
	}
	return d, nil
}

// parseChunks parses each "- ..." chunk as a one-entry sequence, using every
// core; with digest set, items keep only their header and their digest.
func parseChunks(chunks [][]byte, indents []int, digest Digest) ([]*Item, error) {
	items := make([]*Item, len(chunks))
	errs := make([]error, len(chunks))
	workers := min(runtime.GOMAXPROCS(0), 1+len(chunks)/64)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < len(chunks); i += workers {
				seq, err := decodeOne(chunks[i])
				if err != nil || seq.Kind != yaml.SequenceNode || len(seq.Content) != 1 {
					errs[i] = errUnrecognised
					continue
				}
				items[i] = newItem(seq.Content[0], chunks[i], indents[i])
				if digest != nil {
					keepHeader(items[i], chunks[i], digest)
				}
			}
		}(w)
	}
	wg.Wait()
	return items, errors.Join(errs...)
}

// decodeOne decodes exactly one YAML document and returns its content node.
func decodeOne(b []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		return nil, err
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return nil, errors.New("more than one YAML document")
	}
	if len(doc.Content) != 1 {
		return nil, errors.New("empty document")
	}
	return doc.Content[0], nil
}

// readWhole is the fallback: one YAML parse of the whole input. A CRLF
// input is parsed with LF breaks (YAML reads every line break as LF, in
// scalars too, so the content is the same; the parser loses comments before
// a CR) and written back with CRLF.
func readWhole(data []byte) (*Document, error) {
	crlf := firstBreakIsCRLF(data)
	if crlf {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	}
	if fixed, ok := jsonForYAML(data); ok {
		data = fixed
	}
	top, err := decodeOne(data)
	if errors.Is(err, io.EOF) {
		return nil, errors.New("input is empty: function mode reads a ResourceList on stdin")
	}
	if err != nil {
		hint := ""
		if msg := err.Error(); strings.Contains(msg, "UTF-8") || strings.Contains(msg, "control characters") {
			hint = badByteHint(data)
		}
		return nil, fmt.Errorf("input is not a YAML ResourceList: %v%s", parseError(err, 0), hint)
	}
	if top.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("input is not a ResourceList: the document is a %s, not a mapping", yamlnode.Describe(top))
	}
	d := &Document{Format: ResourceList, data: data, top: top, crlf: crlf}
	if err := d.readHeader(top); err != nil {
		return nil, err
	}
	items := yamlnode.Get(top, "items")
	if items != nil && items.Tag != "!!null" && items.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("ResourceList field items is a %s, not a list", yamlnode.Describe(items))
	}
	if items != nil && items.Kind == yaml.SequenceNode {
		for _, n := range items.Content {
			d.Items = append(d.Items, newItem(n, nil, 0))
		}
	}
	setAbsolute(d.Items, 0)
	if err := limitAliases(data, d.Items, d.FunctionConfig); err != nil {
		return nil, err
	}
	return d, nil
}

// readHeader checks apiVersion and kind and keeps the functionConfig.
func (d *Document) readHeader(top *yaml.Node) error {
	d.apiVersion = yamlnode.String(top, "apiVersion")
	d.kind = yamlnode.String(top, "kind")
	if d.kind != "ResourceList" {
		return fmt.Errorf("input is not a ResourceList: kind is %s", quoteName(d.kind))
	}
	if k := duplicateKey(top); k != nil {
		return fmt.Errorf("the ResourceList has the top-level field %s twice (line %d): keep one", quoteName(k.Value), k.Line)
	}
	if d.apiVersion == "" {
		d.apiVersion = "config.kubernetes.io/v1"
	}
	if fc := yamlnode.Get(top, "functionConfig"); fc != nil && fc.Tag != "!!null" {
		d.FunctionConfig = fc
	}
	return nil
}

// endsSafely reports whether the writer may end the input's last piece
// with a newline: always when it has one; otherwise only when the newline
// does not change what the piece means (a "|" block scalar at the very end
// would gain a line break).
func endsSafely(data []byte, l *layout) bool {
	if len(data) == 0 || data[len(data)-1] == '\n' {
		return true
	}
	last := l.regions[len(l.regions)-1]
	piece := data[last.start:last.end]
	if l.items == len(l.regions)-1 && len(l.chunks) > 0 {
		piece = l.chunks[len(l.chunks)-1]
	}
	return newlineKeepsMeaning(piece)
}

// newlineKeepsMeaning reports whether text and text+"\n" parse the same.
func newlineKeepsMeaning(text []byte) bool {
	a, errA := decodeOne(text)
	b, errB := decodeOne(append(text[:len(text):len(text)], '\n'))
	if errA != nil || errB != nil {
		return errA != nil && errB != nil
	}
	return sameContent(a, b)
}

// firstBreakIsCRLF reports whether the input's first line ends with CRLF.
func firstBreakIsCRLF(data []byte) bool {
	i := bytes.IndexByte(data, '\n')
	return i > 0 && data[i-1] == '\r'
}
