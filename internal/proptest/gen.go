package proptest

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
)

// line is one line of a generated document. col0 lines stay at column 0
// when the document is embedded in a ResourceList: they continue a quoted
// scalar or flow collection, which the YAML parser reads at any column.
type line struct {
	text string
	col0 bool
}

// doc is one generated manifest (or a document of comments only).
type doc struct {
	lines     []line
	json      string // the same resource as one line of JSON, "" when it has none
	jsonPlain string // json without the escapes YAML lacks, for the reference parse
	comments  bool   // only comments
}

// gen draws structure-aware YAML: every knob below is a way a line-oriented
// reader can misread YAML that the parser reads fine.
type gen struct {
	r       *rand.Rand
	anchors int
}

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }
func (g *gen) pick(s ...string) string {
	return s[g.r.IntN(len(s))]
}

// manifests draws a set of documents: Ingresses (selected or not), their
// Services and Secrets, ConfigMaps and Deployments full of odd scalars,
// and documents of comments only.
func (g *gen) manifests() []doc {
	var docs []doc
	n := 1 + g.r.IntN(6)
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("r%d", i)
		switch g.r.IntN(7) {
		case 0, 1:
			docs = append(docs, g.ingress(name, g.chance(0.7)), g.service(name))
		case 2:
			docs = append(docs, g.secret(name))
		case 3:
			docs = append(docs, g.deployment(name))
		case 4:
			docs = append(docs, doc{lines: []line{{text: "# only a comment " + name}, {text: "#"}}, comments: true})
		default:
			docs = append(docs, g.configMap(name))
		}
	}
	return docs
}

func (g *gen) comment(ind int) []line {
	if !g.chance(0.15) {
		return nil
	}
	return []line{{text: strings.Repeat(" ", ind) + "# " + g.pick("note", "items:", "- a", "kind: ResourceList", "results:", "'\"")}}
}

func (g *gen) lineComment() string {
	if g.chance(0.1) {
		return " # " + g.pick("c", "x: y", "- z")
	}
	return ""
}

// field writes key: value at indentation ind with an odd value.
func (g *gen) field(ind int, key string) []line {
	pad := strings.Repeat(" ", ind)
	out := g.comment(ind)
	switch g.r.IntN(12) {
	case 0: // double-quoted, continued at column 0
		out = append(out, line{text: pad + key + `: "first`})
		for range 1 + g.r.IntN(3) {
			out = append(out, line{text: g.pick("results: second", "items:", "- apiVersion: v1", "kind: ResourceList", "# not a comment", "  spaced", `esc \" \\ \t \u00e9`, "metadata:"), col0: true})
		}
		out = append(out, line{text: `end"` + g.lineComment(), col0: true})
	case 1: // single-quoted, continued at column 0
		out = append(out, line{text: pad + key + `: 'it''s`})
		out = append(out, line{text: g.pick("functionConfig: x", "items: []", "- kind: Ingress"), col0: true})
		out = append(out, line{text: `done'`, col0: true})
	case 2: // flow collection continued at column 0
		out = append(out, line{text: pad + key + `: [a,`})
		out = append(out, line{text: g.pick("results: b", "items: c", "{k: v}"), col0: true})
		out = append(out, line{text: `]`, col0: true})
	case 3, 4: // block scalar with indicators, tabs, blank and comment-like lines
		ind2 := ind + 2
		header := g.pick("|", "|-", "|+", ">", ">-", "|2", "|2-", ">2+")
		out = append(out, line{text: pad + key + ": " + header + g.lineComment()})
		body := strings.Repeat(" ", ind2)
		for range 1 + g.r.IntN(4) {
			switch g.r.IntN(6) {
			case 0:
				out = append(out, line{text: body + "\tindented with a tab"})
			case 1:
				out = append(out, line{text: ""})
			case 2:
				out = append(out, line{text: body + "# not a comment"})
			case 3:
				out = append(out, line{text: body + "  more indented"})
			default:
				out = append(out, line{text: body + g.pick("text", "key: value", "- item", "---x")})
			}
		}
		if strings.HasPrefix(header, "|2") || strings.HasPrefix(header, ">2") {
			// with an indicator the first line may start with spaces or a tab
			out[len(out)-1].text = body + g.pick("\tfirst", " first", "last")
		}
	case 5: // anchor and alias inside the item
		g.anchors++
		a := fmt.Sprintf("a%d", g.anchors)
		out = append(out, line{text: pad + key + ": &" + a + " anchored"}, line{text: pad + key + "Copy: *" + a})
	case 6:
		out = append(out, line{text: pad + key + ": " + g.pick(`"*notAnAlias"`, `'quoted: colon'`, `"\u00e9\U0001F600"`, `"tab\tin"`, `null`, `~`, `!!str 12`, `"0x1F"`, `""`) + g.lineComment()})
	default:
		out = append(out, line{text: pad + key + ": " + g.pick("plain", "with space", "12", "true", "a-b_c") + g.lineComment()})
	}
	return out
}

func (g *gen) meta(name string, labels map[string]string, annotations []line) []line {
	out := []line{{text: "metadata:"}, {text: "  name: " + name}}
	if g.chance(0.3) {
		out = append(out, line{text: "  namespace: shop"})
	}
	if len(labels) > 0 {
		out = append(out, line{text: "  labels:"})
		for k, v := range labels {
			out = append(out, line{text: "    " + k + ": " + v})
		}
	}
	return append(out, annotations...)
}

func (g *gen) ingress(name string, selected bool) doc {
	app := "other"
	if selected {
		app = "web"
	}
	var anns []line
	switch g.r.IntN(4) {
	case 0:
		anns = []line{{text: "  annotations: {kubernetes.io/elb.class: performance, kubernetes.io/elb.id: 0b8a4f5e-2c1d-4c1a-9a47-0f6f0c1e9d11}"}}
	case 1:
		anns = []line{{text: "  annotations:"}, {text: "    kubernetes.io/elb.class: performance"}, {text: "    kubernetes.io/elb.id: 0b8a4f5e-2c1d-4c1a-9a47-0f6f0c1e9d11"}, {text: "    kubernetes.io/elb.pool-protocol: " + g.pick("https", "http", `"https"`)}}
	case 2:
		anns = []line{{text: "  annotations:"}}
	default:
		anns = []line{{text: "  annotations:"}, {text: "    kubernetes.io/elb.class: performance"}, {text: "    kubernetes.io/elb.id: 0b8a4f5e-2c1d-4c1a-9a47-0f6f0c1e9d11"}}
		anns = append(anns, g.field(4, "example.com/note")...)
	}
	lines := []line{{text: "apiVersion: networking.k8s.io/v1"}, {text: "kind: Ingress"}}
	lines = append(lines, g.meta(name, map[string]string{"app": app}, anns)...)
	lines = append(lines,
		line{text: "spec:"}, line{text: "  ingressClassName: cce"},
		line{text: "  tls:"}, line{text: "  - secretName: " + name + "-tls"},
		line{text: "  rules:"}, line{text: "  - host: " + name + ".example.com"}, line{text: "    http:"},
		line{text: "      paths:"}, line{text: "      - path: /"}, line{text: "        pathType: Prefix"},
		line{text: "        backend:"}, line{text: "          service:"}, line{text: "            name: " + name},
		line{text: "            port:"}, line{text: "              number: 443"})
	return g.finish(lines, g.chance(0.5))
}

func (g *gen) service(name string) doc {
	lines := []line{{text: "apiVersion: v1"}, {text: "kind: Service"}}
	lines = append(lines, g.meta(name, nil, nil)...)
	lines = append(lines, line{text: "spec:"}, line{text: "  ports:"}, line{text: "  - name: https"}, line{text: "    port: 443"}, line{text: "    targetPort: 8443"})
	return g.finish(lines, true)
}

func (g *gen) secret(name string) doc {
	lines := []line{{text: "apiVersion: v1"}, {text: "kind: Secret"}}
	lines = append(lines, g.meta(name+"-tls", nil, nil)...)
	lines = append(lines, line{text: "type: kubernetes.io/tls"}, line{text: "stringData:"})
	lines = append(lines, g.field(2, "tls.crt")...)
	lines = append(lines, g.field(2, "tls.key")...)
	return g.finish(lines, false)
}

func (g *gen) deployment(name string) doc {
	lines := []line{{text: "apiVersion: apps/v1"}, {text: "kind: Deployment"}}
	lines = append(lines, g.meta(name, nil, nil)...)
	lines = append(lines, line{text: "spec:"}, line{text: "  replicas: 2"})
	if g.chance(0.2) {
		lines = append(lines, line{text: "  replicas: 3"}) // a duplicate key
	}
	lines = append(lines, g.field(2, "note")...)
	return g.finish(lines, true)
}

func (g *gen) configMap(name string) doc {
	lines := []line{{text: "apiVersion: v1"}, {text: "kind: ConfigMap"}}
	lines = append(lines, g.meta(name, nil, nil)...)
	lines = append(lines, line{text: "data:"})
	for i := range 1 + g.r.IntN(4) {
		lines = append(lines, g.field(2, fmt.Sprintf("k%d", i))...)
	}
	return g.finish(lines, false)
}

// finish adds comments between top-level fields and, for some documents,
// the JSON form (with every escape JSON has).
func (g *gen) finish(lines []line, jsonForm bool) doc {
	var out []line
	for i, l := range lines {
		if i > 0 && !l.col0 && !strings.HasPrefix(l.text, " ") && !strings.HasPrefix(l.text, "#") {
			out = append(out, g.comment(0)...)
		}
		out = append(out, l)
	}
	d := doc{lines: out}
	if jsonForm && g.chance(0.3) {
		d.json, d.jsonPlain = g.jsonOf(lines)
	}
	return d
}

// jsonOf gives the document as JSON, through a plain map, with the string
// escapes JSON writers use: \/ and surrogate pairs for characters outside
// the BMP (as Python's json.dumps does), \u00XX for control characters.
func (g *gen) jsonOf(lines []line) (escaped, plain string) {
	m := map[string]any{}
	// Only the header and a data map: enough to exercise the escapes.
	for _, l := range lines {
		if k, v, ok := strings.Cut(l.text, ": "); ok && !l.col0 && (k == "apiVersion" || k == "kind") {
			m[k] = v
		}
	}
	name := ""
	for _, l := range lines {
		if strings.HasPrefix(l.text, "  name: ") {
			name = strings.TrimPrefix(l.text, "  name: ")
			break
		}
	}
	m["metadata"] = map[string]any{"name": name}
	b, _ := json.Marshal(m)
	s := string(b)
	s = strings.TrimSuffix(s, "}")
	return s + `,"x-escapes":{"slash":"http:\/\/x\/y","emoji":"\ud83d\ude00","ctl":"\u0001\b\f\n\r\t","quote":"\"\\"}}`,
		s + `,"x-escapes":{"slash":"http://x/y","emoji":"😀","ctl":"\u0001\b\f\n\r\t","quote":"\"\\"}}`
}
