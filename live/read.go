package live

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
	"github.com/cce-ingress-https/cce-ingress-https/internal/yamlnode"
	"github.com/cce-ingress-https/cce-ingress-https/krmio"
	"github.com/cce-ingress-https/cce-ingress-https/validator"
)

// Load reads a live dump: a file, or every .yaml, .yml and .json file under
// a folder (lexical order, hidden folders skipped). A path that cannot be
// read, a file that is not YAML, or an object that is not what kubectl
// prints is an error naming the file; nothing is half-loaded.
func Load(path string) (*State, error) {
	s := newState(true)
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read the live state %s: %v", path, errText(err))
	}
	if !info.IsDir() {
		if err := s.readFile(path); err != nil {
			return nil, err
		}
		return s, nil
	}
	found := false
	err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return fmt.Errorf("cannot read the live state %s: %v", p, errText(err))
		case d.IsDir() && p != path && strings.HasPrefix(d.Name(), "."):
			return filepath.SkipDir
		case d.IsDir() || !isLiveName(d.Name()):
			return nil
		}
		found = true
		return s.readFile(p)
	})
	if err == nil && !found {
		err = fmt.Errorf("the live state folder %s holds no .yaml, .yml or .json file: write the output of kubectl get ingress,service,secret -A -o yaml into it", path)
	}
	if err != nil {
		return nil, err
	}
	return s, nil
}

func isLiveName(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".yaml", ".yml", ".json":
		return true
	}
	return false
}

// errText drops the path that os errors repeat ("open x: no such file").
func errText(err error) string {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

// readFile adds one file's objects. The bytes are zeroed once parsed, so a
// live Secret's values do not stay in memory with them.
func (s *State) readFile(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("cannot read the live state %s: %v", path, errText(err))
	}
	defer clear(data)
	doc, err := krmio.ReadStream(data)
	if err != nil {
		return fmt.Errorf("live state %s is not YAML that kubectl prints: %v", path, err)
	}
	if len(doc.Items) == 0 && doc.Format != krmio.List {
		// kubectl prints a List even for an empty cluster; an empty file
		// is what a failed `kubectl get ... > live.yaml` leaves behind.
		return fmt.Errorf("live state %s is empty: kubectl get prints a List even when nothing runs, so the command that wrote it probably failed", path)
	}
	n := 0
	for _, it := range doc.Items {
		for _, obj := range flatten(it.Node) {
			if err := s.add(obj, path); err != nil {
				return fmt.Errorf("live state %s: object %d %v", path, n+1, err)
			}
			n++
		}
	}
	return nil
}

// flatten returns the objects of a v1 List (kubectl's -o yaml of several
// objects) or the node itself.
func flatten(n *yaml.Node) []*yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode || str(n, "kind") != "List" || str(n, "apiVersion") != "v1" {
		return []*yaml.Node{n}
	}
	items := yamlnode.Get(n, "items")
	if items == nil || items.Kind != yaml.SequenceNode {
		return nil
	}
	var out []*yaml.Node
	for _, c := range items.Content {
		out = append(out, flatten(c)...)
	}
	return out
}

// add reads one object: Ingresses, Services and Secrets are kept, other
// kinds (kubectl get all, a wider dump) are passed over.
func (s *State) add(n *yaml.Node, path string) error {
	if n == nil || n.Kind != yaml.MappingNode {
		return fmt.Errorf("is not a mapping: every object must be a Kubernetes resource")
	}
	apiVersion, kind := str(n, "apiVersion"), str(n, "kind")
	if kind == "Secret" && apiVersion == "v1" {
		defer dropValues(n) // whatever happens below, no value is kept
	}
	if apiVersion == "" || kind == "" {
		return fmt.Errorf("has no apiVersion or kind: every object must be a Kubernetes resource")
	}
	if f := duplicateKey(n, ""); f != "" {
		// kubectl never prints this; objects written one after another
		// without "---" between them read as one object like this.
		return fmt.Errorf("(%s) sets %s twice: give kubectl's output as it is, with --- between documents", kind, f)
	}
	live := cce.IsIngress(apiVersion, kind) || apiVersion == "v1" && (kind == "Service" || kind == "Secret")
	if !live {
		return nil
	}
	meta := yamlnode.Get(n, "metadata")
	name, ns := str(meta, "name"), str(meta, "namespace")
	if name == "" {
		return fmt.Errorf("(%s) has no metadata.name", kind)
	}
	if ns == "" {
		ns = "default"
	}
	key := ns + "/" + name
	// managedFields and status are large and read by nothing here.
	drop(meta, "managedFields")
	drop(n, "status")
	switch kind {
	case "Service":
		svc := validator.ReadService(item(n))
		svc.Item = nil // the rules read only the fields above
		s.services[key] = svc
		return nil
	case "Secret":
		sec := validator.ReadSecret(item(n)) // type and key names only
		sec.Item = nil
		s.secrets[key] = sec
		return nil
	}
	created, err := creationTime(meta)
	if err != nil {
		return fmt.Errorf("(Ingress %s) %v", key, err)
	}
	uid := str(meta, "uid")
	if old := s.ingresses[key]; old != nil {
		if uid == "" || uid != old.UID {
			return fmt.Errorf("is Ingress %s again (also in %s): give each live object once", key, old.Source)
		}
		return nil // the same object in two dumps
	}
	ing := validator.ParseIngress(item(n))
	// The rules read the parsed fields; the tree itself is not kept.
	ing.Item = item(header(n))
	s.put(&validator.LiveIngress{Ingress: ing, Created: created, UID: uid, Source: path})
	return nil
}

// header is a copy of n's apiVersion, kind and metadata name and namespace.
func header(n *yaml.Node) *yaml.Node {
	meta := &yaml.Node{Kind: yaml.MappingNode}
	for _, k := range []string{"name", "namespace"} {
		if v := str(yamlnode.Get(n, "metadata"), k); v != "" {
			meta.Content = append(meta.Content, scalarNode(k), scalarNode(v))
		}
	}
	return &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
		scalarNode("apiVersion"), scalarNode(str(n, "apiVersion")),
		scalarNode("kind"), scalarNode(str(n, "kind")),
		scalarNode("metadata"), meta,
	}}
}

// creationTime reads metadata.creationTimestamp, which kubectl always
// prints for a live object: without it CCE's first Ingress on a shared
// listener cannot be told.
func creationTime(meta *yaml.Node) (time.Time, error) {
	v := str(meta, "creationTimestamp")
	if v == "" {
		return time.Time{}, fmt.Errorf("has no metadata.creationTimestamp: this is not an object read from a cluster; give the output of kubectl get ingress,service,secret -A -o yaml")
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return time.Time{}, fmt.Errorf("has metadata.creationTimestamp %q, which is not an RFC 3339 time such as 2025-01-31T08:00:00Z", v)
	}
	return t, nil
}

// item wraps a node the way the validator reads input items; it has no
// text of its own and is never written.
func item(n *yaml.Node) *krmio.Item {
	return krmio.ItemOf(n)
}

// dropValues blanks every value under a Secret's data and stringData and
// every annotation (last-applied-configuration repeats the data), so no
// part of the node tree holds them.
func dropValues(n *yaml.Node) {
	for _, f := range []*yaml.Node{yamlnode.Get(n, "data"), yamlnode.Get(n, "stringData"), yamlnode.Get(yamlnode.Get(n, "metadata"), "annotations")} {
		blank(f)
	}
}

func blank(n *yaml.Node) {
	if n == nil {
		return
	}
	n.Value = ""
	n.HeadComment, n.LineComment, n.FootComment = "", "", ""
	for i, c := range n.Content {
		if n.Kind == yaml.MappingNode && i%2 == 0 {
			continue // a key name is kept
		}
		blank(c)
	}
}

func drop(m *yaml.Node, key string) {
	if m == nil || m.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content = append(m.Content[:i], m.Content[i+2:]...)
			return
		}
	}
}

func str(m *yaml.Node, key string) string {
	if v := yamlnode.Get(m, key); v != nil && v.Kind == yaml.ScalarNode {
		return v.Value
	}
	return ""
}

// duplicateKey returns the path of the first key that appears twice in a
// mapping under n ("" when none). Aliases are not followed.
func duplicateKey(n *yaml.Node, path string) string {
	switch n.Kind {
	case yaml.MappingNode:
		seen := make(map[string]bool, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i].Value
			p := k
			if path != "" {
				p = path + "." + k
			}
			if seen[k] {
				return p
			}
			seen[k] = true
			if f := duplicateKey(n.Content[i+1], p); f != "" {
				return f
			}
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			if f := duplicateKey(c, fmt.Sprintf("%s[%d]", path, i)); f != "" {
				return f
			}
		}
	}
	return ""
}

func scalarNode(v string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v}
}
