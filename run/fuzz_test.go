package run

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
	"github.com/cce-ingress-https/cce-ingress-https/internal/yamlnode"
	"github.com/cce-ingress-https/cce-ingress-https/krmio"
	"github.com/cce-ingress-https/cce-ingress-https/report"
)

// FuzzFunction feeds arbitrary bytes to function mode and checks the
// properties every input must keep (see checkProperties). The seeds are
// every golden case and every hostile case; with plain `go test` the seeds
// (and any crasher kept in testdata/fuzz/FuzzFunction) run as ordinary tests.
func FuzzFunction(f *testing.F) {
	for _, in := range seedInputs(f) {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, input []byte) {
		checkProperties(t, input)
	})
}

// seedInputs returns the golden cases assembled as ResourceLists and the raw
// hostile inputs.
func seedInputs(tb testing.TB) [][]byte {
	var seeds [][]byte
	golden, _ := filepath.Glob("../testdata/*/resources.yaml")
	for _, f := range golden {
		seeds = append(seeds, BuildResourceList(tb, filepath.Dir(f)))
	}
	hostile, _ := filepath.Glob("../testdata/hostile/*/input.yaml")
	for _, f := range hostile {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		seeds = append(seeds, b)
	}
	if len(seeds) == 0 {
		tb.Fatal("no seeds found under ../testdata")
	}
	return seeds
}

// fnRun is one run of function mode.
type fnRun struct {
	code           int
	stdout, stderr []byte
}

func runFunction(input []byte) fnRun {
	var out, errOut bytes.Buffer
	code := functionMode(input, &out, &errOut)
	return fnRun{code: code, stdout: out.Bytes(), stderr: errOut.Bytes()}
}

// checkProperties runs function mode on input and asserts:
//   - no panic (a panic fails the test: Function, unlike Main, does not recover);
//   - exit code 0 or 1, and stderr holds only result lines, no Go stack trace;
//   - when the input is a ResourceList, the output is one too, with the same
//     items in the same order (apiVersion, kind, namespace, name);
//   - every item except a changed Ingress is kept: byte for byte when the
//     input item was read by the fast scanner, as the same YAML tree
//     (comments and styles aside) when it came through the fallback parser;
//   - a changed Ingress differs only in the three annotations the function sets;
//   - a second run changes no item and prints the same stderr and exit code.
//
// It returns the first run's outcome for callers that check more.
func checkProperties(t *testing.T, input []byte) fnRun {
	t.Helper()
	first := runFunction(input)
	checkProcess(t, first.code, first.stderr)
	in, err := krmio.ReadResourceList(input)
	if err != nil {
		if first.code != 1 || len(first.stdout) != 0 {
			t.Fatalf("unreadable input must give exit 1 and no output, got exit %d and %d bytes", first.code, len(first.stdout))
		}
		return first
	}
	out, err := krmio.ReadResourceList(first.stdout)
	if err != nil {
		t.Fatalf("output is not a ResourceList: %v\n%s", err, first.stdout)
	}
	compareItems(t, in, out)
	second := runFunction(first.stdout)
	// The summary line counts the annotations set, which the second run
	// does not set again.
	if second.code != first.code || !bytes.Equal(withoutSummary(second.stderr), withoutSummary(first.stderr)) {
		t.Fatalf("second run differs: exit %d -> %d\nstderr 1:\n%s\nstderr 2:\n%s", first.code, second.code, first.stderr, second.stderr)
	}
	again, err := krmio.ReadResourceList(second.stdout)
	if err != nil {
		t.Fatalf("second output is not a ResourceList: %v", err)
	}
	if len(again.Items) != len(out.Items) {
		t.Fatalf("second run has %d items, first %d", len(again.Items), len(out.Items))
	}
	for i := range out.Items {
		if !sameItem(out.Items[i], again.Items[i]) {
			t.Fatalf("second run changed item %d:\n%s\n---\n%s", i, show(out.Items[i]), show(again.Items[i]))
		}
	}
	return first
}

// checkProcess asserts the exit code and the shape of stderr.
func checkProcess(t *testing.T, code int, stderr []byte) {
	t.Helper()
	if code != 0 && code != 1 {
		t.Fatalf("exit code %d, want 0 or 1", code)
	}
	s := string(stderr)
	if strings.Contains(s, "goroutine ") || strings.Contains(s, "panic:") || strings.Contains(s, "error[internal]") {
		t.Fatalf("stderr shows a crash:\n%s", s)
	}
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	if last := lines[len(lines)-1]; strings.HasPrefix(last, report.SummaryPrefix) {
		lines = lines[:len(lines)-1] // the summary line ends a run
	}
	for _, line := range lines {
		if line != "" && !strings.HasPrefix(line, "error[") && !strings.HasPrefix(line, "warning[") {
			t.Fatalf("stderr line is not a result line: %q", line)
		}
	}
}

// compareItems checks identity, order and content of input versus output items.
func compareItems(t *testing.T, in, out *krmio.Document) {
	t.Helper()
	if len(in.Items) != len(out.Items) {
		t.Fatalf("input has %d items, output %d", len(in.Items), len(out.Items))
	}
	for i, a := range in.Items {
		b := out.Items[i]
		if itemID(a) != itemID(b) {
			t.Fatalf("item %d is %s in the input but %s in the output", i, itemID(a), itemID(b))
		}
		if sameItem(a, b) {
			continue
		}
		if !isIngressNode(a.Node) {
			t.Fatalf("item %d (%s) is not an Ingress but changed:\n%s\n---\n%s", i, itemID(a), show(a), show(b))
		}
		if !yamlnode.Same(withoutHTTPSAnnotations(a.Node), withoutHTTPSAnnotations(b.Node)) {
			t.Fatalf("Ingress %d (%s) changed beyond the three annotations:\n%s\n---\n%s", i, itemID(a), show(a), show(b))
		}
	}
}

// sameItem compares YAML trees (krmio's own tests check that the fast path
// keeps the bytes of unchanged items).
func sameItem(a, b *krmio.Item) bool {
	return yamlnode.Same(a.Node, b.Node)
}

// withoutHTTPSAnnotations copies an Ingress node without the annotations the
// function sets (and without annotations or metadata left empty by that).
func withoutHTTPSAnnotations(n *yaml.Node) *yaml.Node {
	c := copyNode(n)
	meta := child(c, "metadata")
	ann := child(meta, "annotations")
	if ann != nil && ann.Kind == yaml.MappingNode {
		for _, k := range []string{cce.PoolProtocol, cce.Port, cce.CiphersPolicy} {
			drop(ann, k)
		}
	}
	if empty(ann) {
		drop(meta, "annotations")
	}
	if empty(meta) {
		drop(c, "metadata")
	}
	return c
}

// empty is true for a null value and an empty mapping: setting an
// annotation turns "metadata: null" into a mapping.
func empty(n *yaml.Node) bool {
	return n != nil && (n.Kind == yaml.MappingNode && len(n.Content) == 0 || n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null")
}

func copyNode(n *yaml.Node) *yaml.Node {
	c := *n
	if n.Kind != yaml.AliasNode {
		c.Content = make([]*yaml.Node, len(n.Content))
		for i, k := range n.Content {
			c.Content[i] = copyNode(k)
		}
	}
	return &c
}

func child(m *yaml.Node, key string) *yaml.Node { return yamlnode.Get(m, key) }

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

// itemID is apiVersion, kind, namespace and name, read without the SDK so
// the check does not depend on the code under test.
func itemID(it *krmio.Item) string {
	n := it.Node
	if n == nil || n.Kind != yaml.MappingNode {
		return "<not a mapping>"
	}
	return scalarAt(n, "apiVersion") + "/" + scalarAt(n, "kind") + " " + scalarAt(n, "metadata", "namespace") + "/" + scalarAt(n, "metadata", "name")
}

func isIngressNode(n *yaml.Node) bool {
	return cce.IsIngress(scalarAt(n, "apiVersion"), scalarAt(n, "kind"))
}

func show(it *krmio.Item) string {
	s, err := yaml.String(it.Node)
	if err != nil {
		return "<" + err.Error() + ">"
	}
	return s
}

// withoutSummary drops the summary line that ends a run's stderr.
func withoutSummary(stderr []byte) []byte {
	if i := bytes.LastIndex(stderr, []byte("\n"+report.SummaryPrefix)); i >= 0 {
		return stderr[:i+1]
	}
	if bytes.HasPrefix(stderr, []byte(report.SummaryPrefix)) {
		return nil
	}
	return stderr
}
