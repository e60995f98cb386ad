package krmio

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/cce-ingress-https/cce-ingress-https/internal/yamlnode"
	"sigs.k8s.io/kustomize/kyaml/yaml"
)

// FuzzReadDifferential checks the fast reader (line scanner + per-item
// parse) against the fallback (one parse of the whole document): for any
// input both accept they must give the same items and functionConfig. It
// also checks both writers: writing a document and reading it back gives the
// same items, byte for byte for items the fast path read.
func FuzzReadDifferential(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fast, errFast := readFastWith(data, ReadOptions{})
		whole, errWhole := readWhole(data)
		if errFast == nil && errWhole != nil {
			t.Fatalf("the fast reader accepts what the whole-document parse rejects (%v)", errWhole)
		}
		if errFast == nil {
			compareDocs(t, "fast vs whole", fast, whole)
			roundTrip(t, fast)
		}
		if errWhole == nil {
			roundTrip(t, whole)
		}
		d, err := ReadResourceList(data)
		if (err == nil) != (errWhole == nil) {
			t.Fatalf("ReadResourceList error %v, whole-document parse error %v", err, errWhole)
		}
		if err == nil {
			compareDocs(t, "ReadResourceList vs whole", d, whole)
		}
	})
}

// seeds are the ResourceLists in testdata: hostile inputs as they are, and
// the golden cases' expected outputs (ResourceLists the writer produced).
func seeds(tb testing.TB) [][]byte {
	var out [][]byte
	for _, pattern := range []string{"../testdata/hostile/*/input.yaml", "../testdata/*/expected.yaml"} {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				tb.Fatal(err)
			}
			out = append(out, b)
		}
	}
	out = append(out,
		[]byte("apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\n"),
		[]byte(`{"apiVersion":"config.kubernetes.io/v1","kind":"ResourceList","items":[{"apiVersion":"v1","kind":"Service","metadata":{"name":"a"}}]}`),
		[]byte("kind: ResourceList\nitems:\n  - &a {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n  - kind: ConfigMap\n    data: *a\n"),
	)
	if len(out) == 0 {
		tb.Fatal("no seeds found under ../testdata")
	}
	return out
}

// compareDocs asserts that two reads of one input agree.
func compareDocs(t *testing.T, what string, a, b *Document) {
	t.Helper()
	if a.apiVersion != b.apiVersion || a.kind != b.kind {
		t.Fatalf("%s: header %s %s vs %s %s", what, a.apiVersion, a.kind, b.apiVersion, b.kind)
	}
	if !yamlnode.Same(a.FunctionConfig, b.FunctionConfig) {
		t.Fatalf("%s: functionConfig differs", what)
	}
	if len(a.Items) != len(b.Items) {
		t.Fatalf("%s: %d items vs %d", what, len(a.Items), len(b.Items))
	}
	for i := range a.Items {
		if !yamlnode.Same(a.Items[i].Node, b.Items[i].Node) {
			t.Fatalf("%s: item %d differs:\n%s\n---\n%s", what, i, nodeText(a.Items[i].Node), nodeText(b.Items[i].Node))
		}
		if !(a.Items[i].HasObject()) != !(b.Items[i].HasObject()) || a.Items[i].Problem != b.Items[i].Problem {
			t.Fatalf("%s: item %d: SDK view or problem differs (%q vs %q)", what, i, a.Items[i].Problem, b.Items[i].Problem)
		}
	}
}

// roundTrip writes d with every item marked changed in one copy and
// unchanged in another, reads both back and compares.
func roundTrip(t *testing.T, d *Document) {
	t.Helper()
	var buf bytes.Buffer
	if err := d.WriteResourceList(&buf, nil); err != nil {
		t.Fatalf("write: %v", err)
	}
	back, err := ReadResourceList(buf.Bytes())
	if err != nil {
		t.Fatalf("the written ResourceList does not read back: %v\n%s", err, buf.Bytes())
	}
	compareDocs(t, "round trip", d, back)
	for i, it := range d.Items {
		if it.raw == nil {
			continue
		}
		if back.Items[i].raw == nil {
			t.Fatalf("item %d was read by the fast path but its output was not", i)
		}
		// The writer ends an item that ended the input without a line
		// break with one in the document's style (CRLF when its first break
		// is CRLF); nothing else may change.
		if !bytes.Equal(trimBreak(it.raw), trimBreak(back.Items[i].raw)) {
			t.Fatalf("item %d changed bytes on a round trip:\n%q\n---\n%q", i, it.raw, back.Items[i].raw)
		}
	}
	// Re-encode every item, as a transformer that touched all of them would.
	for _, it := range d.Items {
		it.changed = true
	}
	buf.Reset()
	if err := d.WriteResourceList(&buf, nil); err != nil {
		t.Fatalf("write changed: %v", err)
	}
	for _, it := range d.Items {
		it.changed = false
	}
	back, err = ReadResourceList(buf.Bytes())
	if err != nil {
		t.Fatalf("the re-encoded ResourceList does not read back: %v\n%s", err, buf.Bytes())
	}
	compareDocs(t, "re-encoded round trip", d, back)
}

func nodeText(n *yaml.Node) string {
	s, err := yaml.String(n)
	if err != nil {
		return "<" + err.Error() + ">"
	}
	return s
}

// trimBreak drops one final line break, LF or CRLF.
func trimBreak(b []byte) []byte {
	if c, ok := bytes.CutSuffix(b, []byte("\r\n")); ok {
		return c
	}
	return bytes.TrimSuffix(b, []byte("\n"))
}
