package proptest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cce-ingress-https/cce-ingress-https/internal/yamlnode"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/cce-ingress-https/cce-ingress-https/run"
)

// tcase is one generated case: documents and how they are laid out.
type tcase struct {
	seed  uint64
	index int
	docs  []doc
	decor decor
	plain bool // render JSON without the escapes YAML lacks (the reference)
}

// newCase draws case index of seed.
func newCase(seed uint64, index int) *tcase {
	r := rand.New(rand.NewPCG(seed, uint64(index)))
	g := &gen{r: r}
	c := &tcase{seed: seed, index: index, docs: g.manifests()}
	d := &c.decor
	d.bom, d.crlf, d.noFinalNewline = g.chance(0.1), g.chance(0.15), g.chance(0.15)
	d.directive, d.sepComment, d.leadingSep = g.chance(0.1), g.chance(0.2), g.chance(0.2)
	d.oldResults = g.chance(0.2)
	d.docEnd = make([]bool, len(c.docs))
	for i := range d.docEnd {
		d.docEnd[i] = g.chance(0.1)
	}
	d.keyOrder = r.Perm(5)
	if g.chance(0.5) {
		d.configNote = g.field(2, "note")
	}
	return c
}

// selector is the label selector every mode is given.
const selector = "app=web"

// The three annotations the function sets on a selected Ingress.
var setAnnotations = []string{"kubernetes.io/elb.pool-protocol", "kubernetes.io/elb.port", "kubernetes.io/elb.tls-ciphers-policy"}

// outcome is one run of the command.
type outcome struct {
	code           int
	stdout, stderr []byte
	findings       []string
}

func runMain(stdin string, args ...string) outcome {
	var out, errOut bytes.Buffer
	code := run.Main(args, strings.NewReader(stdin), &out, &errOut)
	return outcome{code: code, stdout: out.Bytes(), stderr: errOut.Bytes()}
}

// failure is a property that does not hold, with the mode it failed in.
type failure struct {
	mode, msg string
	input     string
}

func (f *failure) Error() string { return f.mode + ": " + f.msg }

// check runs the case in every mode and checks every property; dir is a
// scratch folder.
func (c *tcase) check(dir string) error {
	c.plain = true
	refStream, refList := c.stream(), c.resourceList()
	c.plain = false
	stream, list := c.stream(), c.resourceList()
	return checkTexts(dir, stream, refStream, list, refList, c.files())
}

// files gives folder mode's files: one per document, in order.
func (c *tcase) files() []string {
	var out []string
	for i := range c.docs {
		out = append(out, c.file(i))
	}
	return out
}

// checkTexts checks one case given as texts: the stream (pipe and file
// mode), the ResourceList (function mode), the folder's files (nil to skip
// folder mode), each with the reference text the parser reads.
func checkTexts(dir, stream, refStream, list, refList string, files []string) error {
	want, refErr := streamItems([]byte(refStream))
	pipe := runMain(stream, "--selector", selector, "--format", "json", "--results", filepath.Join(dir, "pipe.json"))
	if err := checkMode("pipe", stream, pipe, want, refErr, func(out []byte) ([]*yaml.Node, error) { return streamItems(out) }); err != nil {
		return err
	}
	if err := again("pipe", stream, pipe, "--selector", selector); err != nil {
		return err
	}
	pipe.findings = findingsFromJSON(filepath.Join(dir, "pipe.json"))

	wantList, refListErr := listItems([]byte(refList))
	fn := runMain(list)
	if err := checkMode("function", list, fn, wantList, refListErr, listItems); err != nil {
		return err
	}
	if err := again("function", list, fn); err != nil {
		return err
	}
	if refListErr == nil {
		fn.findings = findingsFromList(fn.stdout)
	}

	path := filepath.Join(dir, "all.yaml")
	if err := os.WriteFile(path, []byte(stream), 0o644); err != nil {
		return err
	}
	file := runMain("", "--selector", selector, "--format", "json", "--results", filepath.Join(dir, "file.json"), path)
	if err := checkMode("file", stream, file, want, refErr, func(out []byte) ([]*yaml.Node, error) { return streamItems(out) }); err != nil {
		return err
	}
	file.findings = findingsFromJSON(filepath.Join(dir, "file.json"))

	modes := map[string]outcome{"pipe": pipe, "file": file}
	if refErr == nil && len(want) == 0 {
		// Pipe mode fails on a stream without manifests on purpose (the
		// command before the pipe probably failed); a file of comments is fine.
		delete(modes, "pipe")
	}
	if refErr == nil && refListErr == nil {
		modes["function"] = fn
	}
	if files != nil && refErr == nil {
		folder := filepath.Join(dir, "folder")
		os.RemoveAll(folder)
		os.Mkdir(folder, 0o755)
		for i, f := range files {
			os.WriteFile(filepath.Join(folder, fmt.Sprintf("%03d.yaml", i)), []byte(f), 0o644)
		}
		fo := runMain("", "--selector", selector, "--format", "json", "--results", filepath.Join(dir, "folder.json"), folder)
		fo.findings = findingsFromJSON(filepath.Join(dir, "folder.json"))
		modes["folder"] = fo
	}
	// When the parser rejects the input, the modes need only agree that it
	// fails: what else they report (file mode also reports on the files it
	// could read) is not the same question.
	err := agree(modes, stream, refErr != nil)
	if fo, ok := modes["folder"]; ok && err != nil && !StrictFolder && slices.Contains(fo.findings, "info input") {
		delete(modes, "folder")
		if agree(modes, stream, refErr != nil) == nil {
			return errFolderSkip
		}
	}
	return err
}

// StrictFolder makes a folder run that skips a file (as not manifests)
// where the other modes report errors in it a failure (the default). Off,
// such a case counts as errFolderSkip.
var StrictFolder = true

var errFolderSkip = errors.New("folder mode skipped a file the other modes report on")

// checkMode checks one run against the reference parse of its input.
func checkMode(mode, input string, got outcome, want []*yaml.Node, refErr error, read func([]byte) ([]*yaml.Node, error)) error {
	fail := func(format string, args ...any) error {
		return &failure{mode: mode, msg: fmt.Sprintf(format, args...) + "\nstderr:\n" + string(got.stderr) + "\nstdout:\n" + string(got.stdout), input: input}
	}
	if bytes.Contains(got.stderr, []byte("error[internal]")) || bytes.Contains(got.stderr, []byte("goroutine ")) {
		return fail("the command failed unexpectedly")
	}
	if refErr != nil {
		if got.code != 1 {
			return fail("the parser rejects the input (%v) but the exit code is %d", refErr, got.code)
		}
		return nil
	}
	if got.code != 0 && got.code != 1 {
		return fail("exit code %d", got.code)
	}
	if len(got.stdout) == 0 && got.code == 1 {
		if mode == "function" {
			return fail("no output for a ResourceList the parser reads")
		}
		if len(want) > 0 {
			return fail("no output")
		}
		return nil
	}
	out, err := read(got.stdout)
	if err != nil {
		return fail("the output does not parse: %v", err)
	}
	if len(out) != len(want) {
		return fail("%d items out, %d in", len(out), len(want))
	}
	for i := range want {
		if a, b := identity(want[i]), identity(out[i]); a != b {
			return fail("item %d is %s in the input, %s in the output", i, a, b)
		}
		in, o := want[i], out[i]
		if isSelected(in) {
			in, o = withoutSet(in), withoutSet(o)
		}
		if !yamlnode.Same(in, o) {
			return fail("item %d (%s) changed:\n%s\n--- became ---\n%s", i, identity(want[i]), nodeText(want[i]), nodeText(out[i]))
		}
	}
	return nil
}

// again runs the command on its own output: nothing may change.
func again(mode, input string, first outcome, args ...string) error {
	if first.code != 0 && first.code != 1 || len(first.stdout) == 0 {
		return nil
	}
	second := runMain(string(first.stdout), args...)
	if !bytes.Equal(withoutResults(first.stdout), withoutResults(second.stdout)) {
		return &failure{mode: mode, msg: "a second run changed the output:\n" + firstDiff(first.stdout, second.stdout), input: input}
	}
	return nil
}

// agree checks that every mode gives the same exit code and findings.
func agree(modes map[string]outcome, input string, codesOnly bool) error {
	names := slices.Sorted(func(yield func(string) bool) {
		for k := range modes {
			if !yield(k) {
				return
			}
		}
	})
	first := names[0]
	for _, n := range names[1:] {
		a, b := modes[first], modes[n]
		if a.code != b.code {
			return &failure{mode: first + " vs " + n, msg: fmt.Sprintf("exit codes %d and %d\n%s:\n%s\n%s:\n%s", a.code, b.code, first, a.stderr, n, b.stderr), input: input}
		}
		if !codesOnly && !slices.Equal(a.findings, b.findings) {
			return &failure{mode: first + " vs " + n, msg: fmt.Sprintf("findings differ:\n%s\n--- and ---\n%s", strings.Join(a.findings, "\n"), strings.Join(b.findings, "\n")), input: input}
		}
	}
	return nil
}

// streamItems parses a stream with the YAML parser: every document with content.
func streamItems(b []byte) ([]*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	var out []*yaml.Node
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if len(n.Content) == 1 && !(n.Content[0].Tag == "!!null" && n.Content[0].Value == "") {
			out = append(out, n.Content[0])
		}
	}
}

// listItems parses a ResourceList with the YAML parser and returns its items.
func listItems(b []byte) ([]*yaml.Node, error) {
	docs, err := streamItems(b)
	if err != nil {
		return nil, err
	}
	if len(docs) != 1 {
		return nil, fmt.Errorf("%d documents", len(docs))
	}
	items := get(docs[0], "items")
	if items == nil || items.Kind != yaml.SequenceNode {
		return nil, errors.New("no items list")
	}
	return items.Content, nil
}

func get(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func scalar(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode {
		return ""
	}
	return n.Value
}

// identity is (apiVersion, kind, namespace, name).
func identity(n *yaml.Node) string {
	meta := get(n, "metadata")
	return fmt.Sprintf("(%s, %s, %s, %s)", scalar(get(n, "apiVersion")), scalar(get(n, "kind")), scalar(get(meta, "namespace")), scalar(get(meta, "name")))
}

func isSelected(n *yaml.Node) bool {
	return scalar(get(n, "kind")) == "Ingress" && scalar(get(get(get(n, "metadata"), "labels"), "app")) == "web"
}

// withoutSet copies n without the three annotations the function sets (and
// without an annotations mapping left empty or null).
func withoutSet(n *yaml.Node) *yaml.Node {
	c := *n
	c.Content = slices.Clone(n.Content)
	for i := 0; i+1 < len(c.Content); i += 2 {
		if c.Content[i].Value != "metadata" || c.Content[i+1].Kind != yaml.MappingNode {
			continue
		}
		meta := *c.Content[i+1]
		meta.Content = nil
		for j := 0; j+1 < len(c.Content[i+1].Content); j += 2 {
			k, v := c.Content[i+1].Content[j], c.Content[i+1].Content[j+1]
			if k.Value == "annotations" {
				if v.Kind != yaml.MappingNode && v.Tag != "!!null" {
					meta.Content = append(meta.Content, k, v)
					continue
				}
				anns := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
				for a := 0; v.Kind == yaml.MappingNode && a+1 < len(v.Content); a += 2 {
					if !slices.Contains(setAnnotations, v.Content[a].Value) {
						anns.Content = append(anns.Content, v.Content[a], v.Content[a+1])
					}
				}
				if len(anns.Content) > 0 {
					meta.Content = append(meta.Content, k, anns)
				}
				continue
			}
			meta.Content = append(meta.Content, k, v)
		}
		c.Content[i+1] = &meta
	}
	return &c
}

func nodeText(n *yaml.Node) string {
	s, err := yaml.String(n)
	if err != nil {
		return "<" + err.Error() + ">"
	}
	return s
}

// firstDiff shows the first line where two texts differ, with context.
func firstDiff(a, b []byte) string {
	la, lb := strings.SplitAfter(string(a), "\n"), strings.SplitAfter(string(b), "\n")
	i := 0
	for i < len(la) && i < len(lb) && la[i] == lb[i] {
		i++
	}
	from := max(0, i-3)
	return fmt.Sprintf("line %d:\n%q\n--- became ---\n%q", i+1, strings.Join(la[from:min(len(la), i+3)], ""), strings.Join(lb[from:min(len(lb), i+3)], ""))
}

// withoutResults drops a ResourceList's results, which the writer puts
// last: a second run legitimately reports less (the first one fixed things).
func withoutResults(b []byte) []byte {
	i := bytes.LastIndex(b, []byte("\nresults:"))
	if i < 0 {
		return b
	}
	if rest := b[i+len("\nresults:"):]; bytes.HasPrefix(rest, []byte("\n")) || bytes.HasPrefix(rest, []byte("\r\n")) {
		return b[:i]
	}
	return b
}
