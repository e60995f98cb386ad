package run

import (
	"bytes"
	"encoding/json"
	"io"
	"os"

	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/cce-ingress-https/cce-ingress-https/internal/yamlnode"
	"github.com/cce-ingress-https/cce-ingress-https/krmio"
)

// isResourceList reports whether input is a ResourceList: a JSON object
// whose kind is ResourceList, or a YAML stream whose first document has
// kind ResourceList. A top-level "kind: ResourceList" line answers cheaply;
// without one, the first document is parsed (so a tagged, quoted or
// flow-style kind counts too).
func isResourceList(input []byte) bool {
	if hasResourceListLine(input) {
		return true
	}
	return firstDocumentKind(input)
}

// firstDocumentKind parses the first document and reports whether its kind
// is ResourceList.
func firstDocumentKind(input []byte) bool {
	return krmio.FirstDocumentKind(input) == "ResourceList"
}

// hasResourceListLine is the cheap check: a JSON object whose kind is
// ResourceList, or a YAML document (the first one with content) with a
// top-level "kind: ResourceList" line. Top-level keys of a block mapping are
// the only lines that start at column 0 with "kind:", so nothing nested or
// inside a block scalar can match.
func hasResourceListLine(input []byte) bool {
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(input, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(trimmed) > 0 && trimmed[0] == '{' {
		var head struct {
			Kind string `json:"kind"`
		}
		return json.Unmarshal(trimmed, &head) == nil && head.Kind == "ResourceList"
	}
	content := false
	for off := 0; off < len(input); {
		end := bytes.IndexByte(input[off:], '\n')
		if end < 0 {
			end = len(input)
		} else {
			end += off + 1
		}
		line := bytes.TrimRight(input[off:end], "\r\n")
		off = end
		switch {
		case bytes.Equal(line, []byte("---")) || bytes.HasPrefix(line, []byte("--- ")):
			if content {
				return false // a second document: a stream
			}
		case isKindLine(line):
			// The line may be inside a quoted scalar or flow collection that
			// began above: the parser confirms on the text up to the line.
			return kindLineConfirmed(input, off) || firstDocumentKind(input)
		case len(bytes.TrimSpace(line)) > 0 && line[0] != '#' && line[0] != '%':
			content = true
		}
	}
	return false
}

// isKindLine matches kind: ResourceList with optional quotes and comment.
func isKindLine(line []byte) bool {
	var rest []byte
	switch {
	case bytes.HasPrefix(line, []byte("kind:")):
		rest = line[len("kind:"):]
	case bytes.HasPrefix(line, []byte(`"kind":`)), bytes.HasPrefix(line, []byte(`'kind':`)):
		rest = line[len(`"kind":`):]
	default:
		return false
	}
	if i := bytes.Index(rest, []byte(" #")); i >= 0 {
		rest = rest[:i]
	}
	v := string(bytes.TrimSpace(rest))
	return v == "ResourceList" || v == `"ResourceList"` || v == "'ResourceList'"
}

// isTerminal reports whether r is an interactive terminal: reading it would
// wait for the user to type, so the command prints its usage instead.
func isTerminal(r io.Reader) bool {
	f, ok := r.(interface{ Stat() (os.FileInfo, error) })
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// kindLineConfirmed parses input up to end, which ends a "kind:
// ResourceList" line, and reports whether that line is the top-level kind
// of the first document. The next line with content must start at column 0,
// so the value does not go on below (a plain scalar continued on indented
// lines).
func kindLineConfirmed(input []byte, end int) bool {
	for off := end; off < len(input); {
		next := bytes.IndexByte(input[off:], '\n')
		if next < 0 {
			next = len(input)
		} else {
			next += off + 1
		}
		line := bytes.TrimRight(input[off:next], "\r\n")
		if t := bytes.TrimLeft(line, " \t"); len(t) > 0 && t[0] != '#' {
			if line[0] == ' ' || line[0] == '\t' {
				return false
			}
			break
		}
		off = next
	}
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(input[:end])).Decode(&doc); err != nil || len(doc.Content) != 1 {
		return false
	}
	kind := yamlnode.Get(doc.Content[0], "kind")
	return kind != nil && kind.Kind == yaml.ScalarNode && kind.Value == "ResourceList"
}
