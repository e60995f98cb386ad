package run

import (
	"bytes"
	"strconv"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/cce-ingress-https/cce-ingress-https/krmio"
)

// sources locates results in files for SARIF regions: the item of every
// document read from a file (items know the input line their node
// positions count from).
type sources map[fileKey]*krmio.Item

type fileKey struct {
	path  string
	index int
}

// add records the items of one file.
func (s sources) add(path string, items []*krmio.Item) {
	for i, it := range items {
		s[fileKey{path, i}] = it
	}
}

// line returns the 1-based file line of a result's field (or of its
// resource when the field is not found), 0 when unknown.
func (s sources) line(r *fn.Result) int {
	if r.File == nil {
		return 0
	}
	it, ok := s[fileKey{r.File.Path, r.File.Index}]
	if !ok || it.Node == nil {
		return 0
	}
	path := ""
	if r.Field != nil {
		path = r.Field.Path
	}
	n, err := it.FullNode() // the header alone has no spec fields
	if err != nil {
		n = it.Node
	}
	return it.Line(fieldNode(n, path))
}

// fieldNode follows a field path such as
// spec.rules[0].http.paths[1].backend or metadata.annotations[kubernetes.io/elb.class]
// as far as it goes and returns the last node reached that came from the
// input (nodes the transformer added have no line): the furthest down the
// text, as a key's line is its value's for a scalar.
func fieldNode(n *yaml.Node, path string) *yaml.Node {
	best := n
	cur := n
	take := func(c *yaml.Node) {
		if c.Line >= best.Line {
			best = c
		}
	}
	for _, seg := range splitField(path) {
		if cur.Kind == yaml.SequenceNode {
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(cur.Content) {
				break
			}
			cur = cur.Content[i]
			take(cur)
			continue
		}
		if cur.Kind != yaml.MappingNode {
			break
		}
		found := false
		for i := 0; i+1 < len(cur.Content); i += 2 {
			if cur.Content[i].Value == seg {
				take(cur.Content[i])
				cur = cur.Content[i+1]
				found = true
				break
			}
		}
		if !found {
			break
		}
	}
	return best
}

// splitField cuts a field path into names and bracketed keys or indexes.
func splitField(path string) []string {
	var segs []string
	for len(path) > 0 {
		switch path[0] {
		case '.':
			path = path[1:]
		case '[':
			end := bytes.IndexByte([]byte(path), ']')
			if end < 0 {
				return append(segs, path[1:])
			}
			segs = append(segs, path[1:end])
			path = path[end+1:]
		default:
			end := len(path)
			for i := 0; i < len(path); i++ {
				if path[i] == '.' || path[i] == '[' {
					end = i
					break
				}
			}
			segs = append(segs, path[:end])
			path = path[end:]
		}
	}
	return segs
}
