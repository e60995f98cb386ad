package run

import (
	"bytes"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/cce-ingress-https/cce-ingress-https/krmio"
)

// Hostile cases live in ../testdata/hostile/<case>/: input.yaml is the raw
// stdin (most of these inputs cannot be assembled from manifests), and
// expected.txt lists stderr lines that must each appear verbatim, then
// "exit: N". The lines are a subset on purpose: a hostile case pins what it
// is about (the input error, the schema finding naming the resource and
// field), not the findings of rules that have nothing to do with it.
// Every case is also run through checkProperties (no panic, items kept,
// idempotent) and, in TestHostileBinary, through the real binary.
//
// UPDATE_HOSTILE=1 go test ./run -run TestHostile writes the full stderr as
// expected.txt, to be pruned by hand to the lines the case is about.
func TestHostile(t *testing.T) {
	for _, c := range hostileCases(t) {
		t.Run(c.name, func(t *testing.T) {
			got := checkProperties(t, c.input)
			if os.Getenv("UPDATE_HOSTILE") != "" {
				writeExpectation(t, c.dir, got)
				return
			}
			checkExpectation(t, c, got.code, got.stderr)
		})
	}
}

// TestHostileBinary runs every hostile case through the built binary, so
// the process-level behaviour (exit status, stderr, no stack trace even
// with the Go runtime's own crash output) is what is tested.
func TestHostileBinary(t *testing.T) {
	bin := buildBinary(t)
	for _, c := range hostileCases(t) {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, stderr := runBinary(t, bin, c.input)
			checkProcess(t, code, stderr)
			checkExpectation(t, c, code, stderr)
			in := runFunction(c.input)
			if !bytes.Equal(stdout, in.stdout) {
				t.Fatalf("the binary's stdout differs from function mode's")
			}
		})
	}
}

type hostileCase struct {
	name, dir string
	input     []byte
	lines     []string // stderr lines that must appear
	exit      int
}

func hostileCases(t *testing.T) []hostileCase {
	t.Helper()
	dirs, err := filepath.Glob("../testdata/hostile/*/input.yaml")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no hostile cases: %v", err)
	}
	var cases []hostileCase
	for _, f := range dirs {
		dir := filepath.Dir(f)
		c := hostileCase{name: filepath.Base(dir), dir: dir}
		c.input, err = os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if exp, err := os.ReadFile(filepath.Join(dir, "expected.txt")); err == nil {
			c.lines, c.exit = parseExpectation(t, string(exp))
		} else if os.Getenv("UPDATE_HOSTILE") == "" {
			t.Fatalf("%s has no expected.txt", dir)
		}
		cases = append(cases, c)
	}
	return cases
}

func parseExpectation(t *testing.T, s string) ([]string, int) {
	t.Helper()
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	last := lines[len(lines)-1]
	var exit int
	if _, err := fmt.Sscanf(last, "exit: %d", &exit); err != nil {
		t.Fatalf("expected.txt must end with 'exit: N', got %q", last)
	}
	return lines[:len(lines)-1], exit
}

func checkExpectation(t *testing.T, c hostileCase, code int, stderr []byte) {
	t.Helper()
	if code != c.exit {
		t.Errorf("exit %d, want %d\nstderr:\n%s", code, c.exit, stderr)
	}
	have := map[string]bool{}
	for _, l := range strings.Split(string(stderr), "\n") {
		have[l] = true
	}
	for _, want := range c.lines {
		if !have[want] {
			t.Errorf("stderr lacks the line\n  %s\nstderr:\n%s", want, stderr)
		}
	}
}

func writeExpectation(t *testing.T, dir string, got fnRun) {
	t.Helper()
	s := fmt.Sprintf("%sexit: %d\n", got.stderr, got.code)
	if err := os.WriteFile(filepath.Join(dir, "expected.txt"), []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
)

// buildBinary builds the command once per test run into a temporary directory.
func buildBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "cce-ingress-https-test")
		if err != nil {
			buildErr = err
			return
		}
		builtBin = filepath.Join(dir, "cce-ingress-https")
		out, err := exec.Command("go", "build", "-o", builtBin, "..").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtBin
}

func runBinary(t *testing.T, bin string, input []byte, args ...string) (int, []byte, []byte) {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdin = bytes.NewReader(input)
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("running %s: %v", bin, err)
	}
	return code, out.Bytes(), errOut.Bytes()
}

// hostileIngress is a complete, valid HTTPS-backend setup (Ingress, Service,
// Secret) that generated cases add their hostile part to; extra goes under
// the Ingress's annotations.
func hostileIngress(extraAnnotations string) []byte {
	return []byte(`apiVersion: config.kubernetes.io/v1
kind: ResourceList
items:
- apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata:
    name: web
    namespace: shop
    labels:
      https-backend: enabled
    annotations:
      kubernetes.io/elb.class: performance
      kubernetes.io/elb.id: 0b8a4f5e-2c1d-4c1a-9a47-0f6f0c1e9d11
` + extraAnnotations + `  spec:
    ingressClassName: cce
    tls:
    - secretName: web-tls
    rules:
    - host: shop.example.com
      http:
        paths:
        - path: /
          pathType: ImplementationSpecific
          property:
            ingress.beta.kubernetes.io/url-match-mode: STARTS_WITH
          backend:
            service:
              name: web
              port:
                number: 443
- apiVersion: v1
  kind: Service
  metadata:
    name: web
    namespace: shop
  spec:
    type: NodePort
    ports:
    - name: https
      port: 443
- apiVersion: v1
  kind: Secret
  metadata:
    name: web-tls
    namespace: shop
  type: kubernetes.io/tls
  data:
    tls.crt: Y2VydA==
    tls.key: a2V5
functionConfig:
  apiVersion: fn.kpt.dev/v1alpha1
  kind: IngressHTTPSBackend
  metadata:
    name: https-backend
  selector:
    matchLabels:
      https-backend: enabled
`)
}

// TestHostileHugeAnnotation: a 10 MB annotation value (generated, not
// committed) on a selected Ingress is carried through unchanged and changes
// nothing else: same exit code and stderr as without it. The binary is run
// too, so the process handles the size, not only the library.
func TestHostileHugeAnnotation(t *testing.T) {
	blob := strings.Repeat("0123456789abcdef", 10<<20/16)
	input := hostileIngress("      example.com/blob: \"" + blob + "\"\n")
	plain := runFunction(hostileIngress(""))
	got := checkProperties(t, input)
	if got.code != plain.code || !bytes.Equal(got.stderr, plain.stderr) {
		t.Fatalf("the 10 MB value changed the outcome: exit %d vs %d\n%s\n---\n%s", got.code, plain.code, got.stderr, plain.stderr)
	}
	if n := bytes.Count(got.stdout, []byte(blob)); n != 1 {
		t.Fatalf("the 10 MB value appears %d times in the output, want 1", n)
	}
	code, stdout, stderr := runBinary(t, buildBinary(t), input)
	checkProcess(t, code, stderr)
	if code != plain.code || !bytes.Equal(stdout, got.stdout) {
		t.Fatalf("the binary gives exit %d and %d bytes, function mode exit %d and %d bytes", code, len(stdout), got.code, len(got.stdout))
	}
}

// TestHostileDeepBlockNesting: a ConfigMap nested 2,000 mappings deep in
// block style (the flow-style case, 9,000 deep, is in the corpus; past
// 10,000 the YAML parser refuses the input) passes through unchanged.
func TestHostileDeepBlockNesting(t *testing.T) {
	var b strings.Builder
	b.WriteString("apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: deep\n  data:\n")
	for i := 0; i < 2000; i++ {
		b.WriteString(strings.Repeat(" ", 4+i) + "a:\n")
	}
	b.WriteString(strings.Repeat(" ", 4+2000) + "b: c\n")
	b.WriteString("functionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  data:\n    selector: https-backend=enabled\n")
	got := checkProperties(t, []byte(b.String()))
	if got.code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", got.code, got.stderr)
	}
}

// TestRegexPathsAreLinear: REGEX paths are compiled with Go's regexp (RE2,
// linear time), so a catastrophic-backtracking pattern cannot stall the
// function. The input has, under the 128-character limit, /(a+)+$ (which
// backtracks exponentially in PCRE) and /(a+)+\1$, the same with a
// backreference: valid PCRE, rejected by RE2. The run must accept the first
// and report the second as not a valid expression, which shows the rule
// compiles the paths with RE2 semantics (matching such a pattern against a
// hostile subject is TestRegexPathMatchIsLinear in the validator). The
// 50,000-character REGEX path is reported by its length and never compiled.
// There is no timing assertion. The test also fails when any regex engine
// other than Go's is linked, or when the url-match-mode rule imports one.
func TestRegexPathsAreLinear(t *testing.T) {
	long := "/" + strings.Repeat("a", 50000) + "!"
	regexPath := func(path string) string {
		return `        - path: ` + path + `
          pathType: ImplementationSpecific
          property:
            ingress.beta.kubernetes.io/url-match-mode: REGEX
          backend:
            service:
              name: web
              port:
                number: 443
`
	}
	input := bytes.Replace(hostileIngress(""), []byte(`        - path: /
          pathType: ImplementationSpecific
          property:
            ingress.beta.kubernetes.io/url-match-mode: STARTS_WITH
`), []byte(regexPath(`/(a+)+$`)+regexPath(`'/(a+)+\1$'`)+`        - path: `+long+`
          pathType: ImplementationSpecific
          property:
            ingress.beta.kubernetes.io/url-match-mode: REGEX
`), 1)
	got := checkProperties(t, input)
	stderr := string(got.stderr)
	for _, want := range []string{
		"spec.rules[0].http.paths[1].path: path is not a valid regular expression for url-match-mode REGEX (error parsing regexp: invalid escape sequence: `\\1`)",
		"spec.rules[0].http.paths[2].path: path is 50002 characters long",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "paths[0].path") {
		t.Errorf("/(a+)+$ is a valid RE2 expression, yet it was reported:\n%s", stderr)
	}
	out, err := exec.Command("go", "list", "-deps", "..").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		if dep != "regexp" && dep != "regexp/syntax" && (strings.Contains(dep, "regex") || strings.Contains(dep, "pcre") || strings.Contains(dep, "onig")) {
			t.Errorf("the binary links %s: REGEX paths must be compiled with Go's regexp (RE2)", dep)
		}
	}
	// The rule that compiles REGEX paths must use Go's regexp.
	f, err := parser.ParseFile(token.NewFileSet(), "../validator/rule_url_match_mode.go", nil, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range f.Imports {
		if p := strings.Trim(imp.Path.Value, `"`); strings.Contains(p, "regex") && p != "regexp" {
			t.Errorf("url-match-mode imports %s, not Go's regexp", p)
		}
	}
}

// TestHostileNullMetadata: "annotations:" with nothing and "metadata: ~"
// mean absent, so both selected Ingresses get the three annotations (the
// SDK cannot set a field under a null; the transformer makes it a mapping).
func TestHostileNullMetadata(t *testing.T) {
	input, err := os.ReadFile("../testdata/hostile/null-metadata/input.yaml")
	if err != nil {
		t.Fatal(err)
	}
	got := checkProperties(t, input)
	doc, err := krmio.ReadResourceList(got.stdout)
	if err != nil {
		t.Fatal(err)
	}
	for i, it := range doc.Items {
		if v := scalarAt(it.Node, "metadata", "annotations", "kubernetes.io/elb.pool-protocol"); v != "https" {
			t.Errorf("item %d: pool-protocol %q, want https:\n%s", i, v, show(it))
		}
	}
}
