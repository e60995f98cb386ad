package krmio

import (
	"strings"
	"testing"
)

func TestAliasBudget(t *testing.T) {
	laughs := `    a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]
    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
    d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
    e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
    f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
    g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
`
	for _, c := range []struct {
		name    string
		items   string
		problem []bool // per item: marked as over the budget
	}{
		{"modest aliases pass", `
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: a}
  data:
    x: &x {k: v}
    y: *x
`, []bool{false}},
		{"a billion laughs is marked, the item after it is not", `
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: bomb}
  data:
` + laughs + `- apiVersion: v1
  kind: ConfigMap
  metadata: {name: after}
`, []bool{true, false}},
		{"an alias cycle is marked", `
- &loop
  apiVersion: v1
  kind: ConfigMap
  metadata: {name: loop}
  data: {again: *loop}
`, []bool{true}},
		{"an item aliasing a bomb in another item is marked too", `
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: bomb}
  data: &bomb
` + laughs + `- apiVersion: v1
  kind: ConfigMap
  metadata: {name: copy}
  data: *bomb
`, []bool{true, true}},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, err := ReadResourceList([]byte("apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:" + c.items))
			if err != nil {
				t.Fatal(err)
			}
			if len(d.Items) != len(c.problem) {
				t.Fatalf("%d items, want %d", len(d.Items), len(c.problem))
			}
			for i, it := range d.Items {
				marked := strings.Contains(it.Problem, "alias")
				if marked != c.problem[i] {
					t.Errorf("item %d: marked %v, want %v (problem %q)", i, marked, c.problem[i], it.Problem)
				}
				if marked && it.HasObject() {
					t.Errorf("item %d is marked but still has an SDK view", i)
				}
			}
		})
	}
}

func TestAliasBudgetFunctionConfig(t *testing.T) {
	_, err := ReadResourceList([]byte(`apiVersion: config.kubernetes.io/v1
kind: ResourceList
items: []
functionConfig: &cfg
  apiVersion: v1
  kind: ConfigMap
  data: {self: *cfg}
`))
	if err == nil || !strings.Contains(err.Error(), "functionConfig uses YAML aliases") {
		t.Fatalf("error %v, want the functionConfig alias error", err)
	}
}
