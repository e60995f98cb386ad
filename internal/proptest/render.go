package proptest

import (
	"fmt"
	"strings"
)

// decor is how a case's text is laid out around the documents.
type decor struct {
	bom, crlf, noFinalNewline bool
	directive                 bool // "%YAML 1.1" before the first "---"
	docEnd                    []bool
	sepComment                bool   // "--- # c" separators
	leadingSep                bool   // a "---" before the first document
	keyOrder                  []int  // order of the ResourceList's top-level fields
	oldResults                bool   // a results field from an earlier function
	configNote                []line // an odd value in the functionConfig
}

// text gives a document's lines at indentation ind (col0 lines stay at 0).
func (d doc) text(ind int, first string) string {
	var b strings.Builder
	pad := strings.Repeat(" ", ind)
	for i, l := range d.lines {
		switch {
		case i == 0:
			b.WriteString(first)
		case l.col0 || l.text == "":
		default:
			b.WriteString(pad)
		}
		b.WriteString(l.text)
		b.WriteByte('\n')
	}
	return b.String()
}

// body is the document as written in a stream: its YAML, or its JSON form.
func (d doc) body(plain bool) string {
	switch {
	case d.json != "" && plain:
		return d.jsonPlain + "\n"
	case d.json != "":
		return d.json + "\n"
	}
	return d.text(0, "")
}

// stream writes the documents as a plain manifest stream.
func (c *tcase) stream() string {
	var b strings.Builder
	if c.decor.directive {
		b.WriteString("%YAML 1.1\n---\n")
	} else if c.decor.leadingSep {
		b.WriteString("---\n")
	}
	for i, d := range c.docs {
		if i > 0 {
			if c.decor.sepComment {
				b.WriteString("--- # next\n")
			} else {
				b.WriteString("---\n")
			}
		}
		b.WriteString(d.body(c.plain))
		if c.decor.docEnd[i] {
			b.WriteString("...\n")
		}
	}
	return c.finishText(b.String())
}

// file is the text of document i alone, for folder mode.
func (c *tcase) file(i int) string {
	return c.finishText(c.docs[i].body(c.plain))
}

// resourceList writes the documents as the items of a ResourceList.
func (c *tcase) resourceList() string {
	fields := []string{
		"apiVersion: config.kubernetes.io/v1\n",
		"kind: ResourceList\n",
		c.functionConfig(),
		c.items(),
	}
	if c.decor.oldResults {
		fields = append(fields, "results:\n- message: old\n  severity: info\n")
	}
	var b strings.Builder
	if c.decor.leadingSep {
		b.WriteString("---\n")
	}
	for _, i := range c.decor.keyOrder {
		if i < len(fields) {
			b.WriteString(fields[i])
		}
	}
	return c.finishText(b.String())
}

func (c *tcase) functionConfig() string {
	var b strings.Builder
	b.WriteString("functionConfig:\n  apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: cfg\n")
	if len(c.decor.configNote) > 0 {
		b.WriteString("    annotations:\n")
		b.WriteString(doc{lines: append([]line{{text: "#"}}, c.decor.configNote...)}.text(2, "  "))
	}
	b.WriteString("  data:\n    selector: app=web\n")
	return b.String()
}

func (c *tcase) items() string {
	var b strings.Builder
	b.WriteString("items:\n")
	n := 0
	for _, d := range c.docs {
		switch {
		case d.comments:
			b.WriteString(d.text(2, "  "))
		case d.json != "":
			// JSON's "\/" and surrogate pairs are read when the whole input
			// or a whole document is JSON, not inside a YAML ResourceList.
			b.WriteString("- " + strings.TrimSuffix(d.body(true), "\n") + "\n")
			n++
		default:
			b.WriteString(d.text(2, "- "))
			n++
		}
	}
	if n == 0 {
		return "items: []\n"
	}
	return b.String()
}

// finishText applies the byte-level decorations.
func (c *tcase) finishText(s string) string {
	if c.decor.noFinalNewline {
		s = strings.TrimSuffix(s, "\n")
	}
	if c.decor.crlf {
		s = strings.ReplaceAll(s, "\n", "\r\n")
	}
	if c.decor.bom {
		s = "\xef\xbb\xbf" + s
	}
	return s
}

func (c *tcase) String() string {
	return fmt.Sprintf("seed %d case %d", c.seed, c.index)
}
