package config

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
)

// FuzzConfig parses arbitrary YAML as a functionConfig, in either form, and
// checks Load: no panic; every problem is an error or a
// warning with a message; a configuration without errors is usable (a
// selector, a port 1-65535, a known ciphers policy, valid overrides); the
// same input gives the same problems twice.
func FuzzConfig(f *testing.F) {
	files, _ := filepath.Glob("../testdata/*/config.yaml")
	hostile, _ := filepath.Glob("../testdata/hostile/*/config.yaml")
	for _, p := range append(files, hostile...) {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{
		typedExample,
		configMapExample,
		"apiVersion: v1\nkind: ConfigMap\ndata:\n  selector: ''\n",
		"apiVersion: fn.kpt.dev/v1alpha1\nkind: IngressHTTPSBackend\nselector: {}\ncipherPolicy: tls-1-2\nrules: {nope: loud}\n",
		"apiVersion: fn.kpt.dev/v1alpha1\nkind: IngressHTTPSBackend\nselector: &s {matchLabels: *s}\nport: [1]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		n, ok := decode(data)
		if !ok {
			return
		}
		c, probs := check(t, n)
		n2, _ := decode(data)
		c2, probs2 := check(t, n2)
		if !reflect.DeepEqual(probs, probs2) || hasError(probs) != hasError(probs2) {
			t.Fatalf("not deterministic:\n%v\n%v", probs, probs2)
		}
		if !hasError(probs) && c.Transform.Selector.String() != c2.Transform.Selector.String() {
			t.Fatalf("selector not deterministic: %s vs %s", c.Transform.Selector, c2.Transform.Selector)
		}
	})
}

// FuzzConfigMapData fills the ConfigMap form's data with arbitrary strings
// (the shape `kpt fn eval -- key=value` produces), so the selector, rules and
// version parsers see every kind of text without YAML getting in the way.
func FuzzConfigMapData(f *testing.F) {
	f.Add("https-backend=enabled,tier in (web)", "443", "tls-1-2", "v1.25.3-r0", "false", "backend-service=warning,tls-secret=off")
	f.Add("", "0", "tls-1-3", "1.25", "yes", "nope")
	f.Add("a!=b,!c", " 8443 ", "tls-1-0", "v1.23.8-r0", "true", "=,=off,")
	f.Add("x in (", "65536", "", "v99999.1", "TRUE", "backend-service")
	f.Fuzz(func(t *testing.T, selector, port, policy, version, validateOnly, rules string) {
		data := &yaml.Node{Kind: yaml.MappingNode}
		for _, kv := range [][2]string{{"selector", selector}, {"port", port}, {"ciphersPolicy", policy},
			{"clusterVersion", version}, {"validateOnly", validateOnly}, {"rules", rules}} {
			data.Content = append(data.Content, yaml.NewStringRNode(kv[0]).YNode(), yaml.NewStringRNode(kv[1]).YNode())
		}
		n := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
			yaml.NewStringRNode("apiVersion").YNode(), yaml.NewStringRNode("v1").YNode(),
			yaml.NewStringRNode("kind").YNode(), yaml.NewStringRNode("ConfigMap").YNode(),
			yaml.NewStringRNode("data").YNode(), data,
		}}
		_, probs := check(t, n)
		for _, p := range probs {
			if p.Severity == fn.Error && !strings.HasPrefix(p.Field, "data.") {
				t.Fatalf("an error in ConfigMap data must name a data field, got %q: %s", p.Field, p.Message)
			}
		}
		if strings.TrimSpace(selector) == "" && !hasError(probs) {
			t.Fatalf("an empty selector string must be an error")
		}
	})
}

// decode reads one YAML document; inputs that are not YAML are the
// reader's business, not the configuration's.
func decode(data []byte) (*yaml.Node, bool) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		return nil, false
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) || len(doc.Content) != 1 {
		return nil, false
	}
	return doc.Content[0], true
}

// check runs Load and asserts the properties of their output.
func check(t *testing.T, n *yaml.Node) (Config, []Problem) {
	t.Helper()
	c, probs := Load(n, Flags{})
	for _, p := range probs {
		if p.Severity != fn.Error && p.Severity != fn.Warning {
			t.Fatalf("problem with severity %q: %s", p.Severity, p.Message)
		}
		if strings.TrimSpace(p.Message) == "" {
			t.Fatalf("problem without a message at %q", p.Field)
		}
	}
	if hasError(probs) {
		return c, probs
	}
	if c.Transform.Selector == nil {
		t.Fatalf("no error but no selector")
	}
	if c.Transform.Port < 1 || c.Transform.Port > 65535 {
		t.Fatalf("no error but port %d", c.Transform.Port)
	}
	if !cce.KnownCiphersPolicy(c.Transform.CiphersPolicy) {
		t.Fatalf("no error but ciphers policy %q", c.Transform.CiphersPolicy)
	}
	for id, sev := range c.Validate.Overrides {
		switch sev {
		case fn.Error, fn.Warning, fn.Info, "off":
		default:
			t.Fatalf("no error but rule %s has severity %q", id, sev)
		}
	}
	return c, probs
}

func hasError(probs []Problem) bool {
	for _, p := range probs {
		if p.Severity == fn.Error {
			return true
		}
	}
	return false
}

const typedExample = `apiVersion: fn.kpt.dev/v1alpha1
kind: IngressHTTPSBackend
metadata: {name: https-backend}
selector:
  matchLabels: {https-backend: enabled}
  matchExpressions: [{key: tier, operator: In, values: [web]}]
port: 443
ciphersPolicy: tls-1-2
clusterVersion: v1.25.3-r0
validateOnly: false
rules: {backend-service: warning, tls-secret: off}
`

const configMapExample = `apiVersion: v1
kind: ConfigMap
metadata: {name: https-backend}
data:
  selector: https-backend=enabled,tier in (web)
  port: "443"
  ciphersPolicy: tls-1-2
  clusterVersion: v1.25.3-r0
  validateOnly: "false"
  rules: backend-service=warning,tls-secret=off
`
