package yamlnode

import (
	"testing"

	"sigs.k8s.io/kustomize/kyaml/yaml"
)

func parse(t *testing.T, s string) *yaml.Node {
	t.Helper()
	n, err := yaml.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return n.YNode()
}

func TestSame(t *testing.T) {
	cases := []struct {
		a, b string
		same bool
	}{
		{"a: 1 # comment", "{a: 1}", true},          // style and comments do not count
		{"a: 1", "a: '1'", false},                   // !!int against !!str
		{"a:", "a: ''", true},                       // an empty null is an empty string
		{"a: 1\nb: 2", "a: 1\nb: 3", false},         // values
		{"a: &x 1\nb: *x", "a: &x 1\nb: *x", true},  // aliases by name
		{"a: &x 1\nb: *x", "a: &y 1\nb: *y", false}, // anchors count
		{"a: [1, 2]", "a: [1]", false},              // lengths
	}
	for _, c := range cases {
		if got := Same(parse(t, c.a), parse(t, c.b)); got != c.same {
			t.Errorf("Same(%q, %q) = %v, want %v", c.a, c.b, got, c.same)
		}
	}
	if !Same(nil, nil) || Same(nil, parse(t, "a: 1")) {
		t.Error("nil is the same only as nil")
	}
}
