package run

import (
	"bytes"
	"strconv"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"sigs.k8s.io/kustomize/kyaml/kio/kioutil"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/cce-ingress-https/cce-ingress-https/krmio"
)

// sources locates results in files for SARIF regions: the node of every
// document read from a file, and the file line just before its first line.
type sources map[fileKey]source

type fileKey struct {
	path  string
	index int
}

type source struct {
	node *yaml.Node
	base int // lines before the document in its file; -1 when unknown
}

// add records the items of one file, read from data.
func (s sources) add(path string, data []byte, items []*krmio.Item) {
	lines, off := 0, 0
	for i, it := range items {
		base := -1
		if o, ok := offsetIn(data, it.Raw()); ok && o >= off {
			lines += bytes.Count(data[off:o], []byte("\n"))
			off = o
			base = lines
		}
		s[fileKey{path, i}] = source{node: it.Node, base: base}
	}
}

// offsetIn returns where sub starts inside data when it is a slice of it
// (the readers cut items out of the input without copying).
func offsetIn(data, sub []byte) (int, bool) {
	if len(sub) == 0 || len(data) == 0 {
		return 0, false
	}
	o := cap(data) - cap(sub)
	if o < 0 || o+len(sub) > len(data) || &data[o] != &sub[0] {
		return 0, false
	}
	return o, true
}

// line returns the 1-based file line of a result's field (or of its
// resource when the field is not found), 0 when unknown.
func (s sources) line(r *fn.Result) int {
	if r.File == nil {
		return 0
	}
	src, ok := s[fileKey{r.File.Path, r.File.Index}]
	if !ok || src.base < 0 || src.node == nil {
		return 0
	}
	path := ""
	if r.Field != nil {
		path = r.Field.Path
	}
	return src.base + fieldLine(src.node, path)
}

// fieldLine follows a field path such as
// spec.rules[0].http.paths[1].backend or metadata.annotations[kubernetes.io/elb.class]
// as far as it goes and returns the line of the last node reached that came
// from the input (nodes the transformer added have no line).
func fieldLine(n *yaml.Node, path string) int {
	line := n.Line
	cur := n
	for _, seg := range splitField(path) {
		if cur.Kind == yaml.SequenceNode {
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(cur.Content) {
				break
			}
			cur = cur.Content[i]
			line = max(line, cur.Line)
			continue
		}
		if cur.Kind != yaml.MappingNode {
			break
		}
		found := false
		for i := 0; i+1 < len(cur.Content); i += 2 {
			if cur.Content[i].Value == seg {
				line = max(line, cur.Content[i].Line)
				cur = cur.Content[i+1]
				found = true
				break
			}
		}
		if !found {
			break
		}
	}
	return line
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

// marker sets the path and index annotations on items in memory, so that
// results name their files, and takes them off again before output.
type marker struct {
	marks []mark
}

type mark struct {
	root, meta, ann   *yaml.Node // the item, its metadata and annotations mappings
	newAnn            bool       // annotations was created by the marker
	oldPath, oldIndex *yaml.Node // values the annotations had before, nil when absent
}

// set marks it as document index of path. Items whose metadata or
// annotations are not mappings are left alone (their results have no file).
func (m *marker) set(it *krmio.Item, path string, index int) {
	k := mark{root: it.Node}
	if k.root == nil || k.root.Kind != yaml.MappingNode {
		return
	}
	// An item without a metadata mapping gets none: adding one could change
	// what the rules see. Its results then name no file.
	if k.meta = mapping(k.root, "metadata"); k.meta == nil {
		return
	}
	if k.ann = mapping(k.meta, "annotations"); k.ann == nil {
		if field(k.meta, "annotations") != nil {
			return // annotations is null or not a mapping: leave it to the rules
		}
		k.ann, k.newAnn = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}, true
		k.meta.Content = append(k.meta.Content, strNode("annotations"), k.ann)
	}
	k.oldPath = setValue(k.ann, kioutil.PathAnnotation, path)
	k.oldIndex = setValue(k.ann, kioutil.IndexAnnotation, strconv.Itoa(index))
	m.marks = append(m.marks, k)
}

// clear removes every mark, restoring the values the annotations had.
func (m *marker) clear() {
	for _, k := range m.marks {
		restore(k.ann, kioutil.PathAnnotation, k.oldPath)
		restore(k.ann, kioutil.IndexAnnotation, k.oldIndex)
		if k.newAnn && len(k.ann.Content) == 0 {
			removeKey(k.meta, "annotations")
		}
	}
	m.marks = nil
}

// field returns the value of key in mapping m, or nil.
func field(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// mapping returns the value of key when it is a mapping, else nil.
func mapping(m *yaml.Node, key string) *yaml.Node {
	if v := field(m, key); v != nil && v.Kind == yaml.MappingNode {
		return v
	}
	return nil
}

// setValue sets key to value in mapping m and returns the old value node.
func setValue(m *yaml.Node, key, value string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			old := m.Content[i+1]
			m.Content[i+1] = strNode(value)
			return old
		}
	}
	m.Content = append(m.Content, strNode(key), strNode(value))
	return nil
}

// restore puts back the old value node, or removes key when there was none.
func restore(m *yaml.Node, key string, old *yaml.Node) {
	if old == nil {
		removeKey(m, key)
		return
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content[i+1] = old
			return
		}
	}
}

func removeKey(m *yaml.Node, key string) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content = append(m.Content[:i], m.Content[i+2:]...)
			return
		}
	}
}

func strNode(v string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v}
}
