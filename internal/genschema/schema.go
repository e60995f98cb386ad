package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"strings"

	"github.com/cce-ingress-https/cce-ingress-https/cce"
	"github.com/cce-ingress-https/cce-ingress-https/config"
	"github.com/cce-ingress-https/cce-ingress-https/validator"
)

// Schema is the part of JSON Schema (draft 2020-12) the generator writes.
type Schema struct {
	Schema               string             `json:"$schema,omitempty"`
	ID                   string             `json:"$id,omitempty"`
	Title                string             `json:"title,omitempty"`
	Description          string             `json:"description,omitempty"`
	Type                 string             `json:"type,omitempty"`
	Const                any                `json:"const,omitempty"`
	Enum                 []string           `json:"enum,omitempty"`
	Minimum              *int               `json:"minimum,omitempty"`
	Maximum              *int               `json:"maximum,omitempty"`
	MinLength            *int               `json:"minLength,omitempty"`
	Properties           map[string]*Schema `json:"properties,omitempty"`
	Required             []string           `json:"required,omitempty"`
	AdditionalProperties any                `json:"additionalProperties,omitempty"` // false or a *Schema
	PropertyNames        *Schema            `json:"propertyNames,omitempty"`
	Items                *Schema            `json:"items,omitempty"`
	AnyOf                []*Schema          `json:"anyOf,omitempty"`
	If                   *Schema            `json:"if,omitempty"`
	Then                 *Schema            `json:"then,omitempty"`
	Not                  *Schema            `json:"not,omitempty"`
}

func intp(i int) *int { return &i }

// constraints name the allowed values of fields, by JSON path; the types
// come from the Go definition.
func constraints() map[string]func(*Schema) *Schema {
	var ruleIDs []string
	for _, r := range validator.Rules {
		ruleIDs = append(ruleIDs, r.ID)
	}
	return map[string]func(*Schema) *Schema{
		"apiVersion": func(s *Schema) *Schema { s.Const = config.APIVersion; return s },
		"kind":       func(s *Schema) *Schema { s.Const = config.Kind; return s },
		"port":       func(s *Schema) *Schema { s.Minimum, s.Maximum = intp(1), intp(65535); return s },
		"ciphersPolicy": func(s *Schema) *Schema {
			s.Enum = cce.CiphersPolicies
			return s
		},
		"clusterVersion": func(s *Schema) *Schema { s.MinLength = intp(1); return s },
		"rules": func(s *Schema) *Schema {
			s.PropertyNames = &Schema{Enum: ruleIDs}
			s.AdditionalProperties = &Schema{Type: "string", Enum: []string{
				string(validator.Error), string(validator.Warning), string(validator.Info), string(validator.Off)}}
			return s
		},
		// The reader also takes a selector string ("https-backend=enabled").
		"selector": func(s *Schema) *Schema {
			return &Schema{Description: s.Description, AnyOf: []*Schema{
				{Type: "string", MinLength: intp(1), Description: "a label selector string, e.g. https-backend=enabled,tier in (web,shop)"},
				{Type: s.Type, Properties: s.Properties, AdditionalProperties: s.AdditionalProperties, Required: s.Required},
			}}
		},
		"selector.matchExpressions[].operator": func(s *Schema) *Schema {
			s.Enum = []string{"In", "NotIn", "Exists", "DoesNotExist"}
			return s
		},
	}
}

// Generate builds the schema of config.IngressHTTPSBackend, as indented
// JSON with a final newline.
func Generate(root string) ([]byte, error) {
	docs, err := fieldDocs(filepath.Join(root, "config", "types.go"))
	if err != nil {
		return nil, err
	}
	g := &generator{docs: docs, constraints: constraints(), used: map[string]bool{}}
	s := g.schemaOf(reflect.TypeOf(config.IngressHTTPSBackend{}), "")
	for path := range g.constraints {
		if !g.used[path] {
			return nil, fmt.Errorf("a constraint names %s, which config.IngressHTTPSBackend does not have", path)
		}
	}
	s.Schema = "https://json-schema.org/draft/2020-12/schema"
	s.ID = SchemaURL
	s.Title = config.Kind
	s.Description = "Configuration of the cce-ingress-https KRM function (" + config.APIVersion + " " + config.Kind +
		"): which Ingresses get the CCE ELB annotations for HTTPS backends, and how the checks run."
	// selectAll cannot be combined with a selector.
	if _, ok := s.Properties["selectAll"]; ok {
		s.If = &Schema{Properties: map[string]*Schema{"selectAll": {Const: true}}, Required: []string{"selectAll"}}
		s.Then = &Schema{Not: &Schema{Required: []string{"selector"}}}
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(s); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

type generator struct {
	docs        map[string]string // "Type.Field" -> comment
	constraints map[string]func(*Schema) *Schema
	used        map[string]bool
}

// schemaOf maps a Go type to a schema; path is the JSON path of the value.
func (g *generator) schemaOf(t reflect.Type, path string) *Schema {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return &Schema{Type: "string"}
	case reflect.Bool:
		return &Schema{Type: "boolean"}
	case reflect.Int, reflect.Int32, reflect.Int64:
		return &Schema{Type: "integer"}
	case reflect.Slice:
		return &Schema{Type: "array", Items: g.schemaOf(t.Elem(), path+"[]")}
	case reflect.Map:
		s := &Schema{Type: "object"}
		if t.Elem().Kind() != reflect.Interface {
			s.AdditionalProperties = g.schemaOf(t.Elem(), path+"{}")
		}
		return s
	case reflect.Interface:
		return &Schema{}
	case reflect.Struct:
		s := &Schema{Type: "object", Properties: map[string]*Schema{}, AdditionalProperties: false}
		for i := range t.NumField() {
			f := t.Field(i)
			name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" || name == "-" {
				continue
			}
			fieldPath := strings.TrimPrefix(path+"."+name, ".")
			fs := g.schemaOf(f.Type, fieldPath)
			fs.Description = g.docs[t.Name()+"."+f.Name]
			if c, ok := g.constraints[fieldPath]; ok {
				fs = c(fs)
				g.used[fieldPath] = true
			}
			s.Properties[name] = fs
			if !strings.Contains(opts, "omitempty") {
				s.Required = append(s.Required, name)
			}
		}
		return s
	}
	panic(fmt.Sprintf("genschema: no JSON Schema for Go type %s at %s", t, path))
}

// fieldDocs reads the comments of the struct fields in a Go file: the doc
// comment above a field, else the comment after it on its line.
func fieldDocs(file string) (map[string]string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	docs := map[string]string{}
	ast.Inspect(f, func(n ast.Node) bool {
		ts, ok := n.(*ast.TypeSpec)
		if !ok {
			return true
		}
		st, ok := ts.Type.(*ast.StructType)
		if !ok {
			return false
		}
		for _, field := range st.Fields.List {
			text := strings.Join(strings.Fields(field.Doc.Text()), " ")
			if text == "" {
				text = strings.Join(strings.Fields(field.Comment.Text()), " ")
			}
			for _, name := range field.Names {
				if text != "" {
					docs[ts.Name.Name+"."+name.Name] = text
				}
			}
		}
		return false
	})
	return docs, nil
}
