// Command unusedexports lists exported package-level constants and
// variables that no code in the module uses, tests included. staticcheck
// reports unused unexported names and deadcode unreachable functions;
// neither looks at an exported constant nobody reads.
//
//	*.go files (arguments, or git ls-files) ──parse──> declarations and uses ──> FILE:LINE: NAME is unused
//
// A use is the name inside its own package, or PKG.NAME in a file that
// imports the package. Constants of an iota group (an enumeration) are
// left alone. The match is by name, so a field or key of the same
// name can hide an unused constant, but a constant in use is never
// reported. Exits 1 when it reports anything.
package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

func main() {
	files := os.Args[1:]
	if len(files) == 0 {
		out, err := exec.Command("git", "ls-files", "*.go").Output()
		if err != nil {
			fmt.Fprintln(os.Stderr, "unusedexports: git ls-files:", err)
			os.Exit(1)
		}
		files = strings.Fields(string(out))
	}
	unused, err := find(modulePath(), files)
	if err != nil {
		fmt.Fprintln(os.Stderr, "unusedexports:", err)
		os.Exit(1)
	}
	for _, u := range unused {
		fmt.Println(u)
	}
	if len(unused) > 0 {
		os.Exit(1)
	}
}

// decl is one exported constant or variable.
type decl struct {
	pkg, name string
	pos       token.Position
	ident     *ast.Ident
}

// find parses files (paths relative to the module root) and returns one
// line per unused exported constant or variable, sorted.
func find(module string, files []string) ([]string, error) {
	fset := token.NewFileSet()
	var decls []decl
	used := map[string]bool{} // import path + "." + name
	parsed := map[string]*ast.File{}
	for _, f := range files {
		file, err := parser.ParseFile(fset, f, nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		parsed[f] = file
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		for _, d := range file.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || (g.Tok != token.CONST && g.Tok != token.VAR) || isEnum(g) {
				continue
			}
			for _, s := range g.Specs {
				for _, id := range s.(*ast.ValueSpec).Names {
					if id.IsExported() {
						decls = append(decls, decl{pkg: importPath(module, f), name: id.Name, pos: fset.Position(id.Pos()), ident: id})
					}
				}
			}
		}
	}
	declared := map[*ast.Ident]bool{}
	for _, d := range decls {
		declared[d.ident] = true
	}
	for f, file := range parsed {
		own := importPath(module, f)
		imports := map[string]string{} // local name -> import path
		for _, im := range file.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			name := path.Base(p)
			if im.Name != nil {
				name = im.Name.Name
			}
			imports[name] = p
		}
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.SelectorExpr:
				if x, ok := n.X.(*ast.Ident); ok {
					if p, ok := imports[x.Name]; ok {
						used[p+"."+n.Sel.Name] = true
						return false
					}
				}
			case *ast.Ident:
				if !declared[n] {
					used[own+"."+n.Name] = true
				}
			}
			return true
		})
	}
	var out []string
	for _, d := range decls {
		if !used[d.pkg+"."+d.name] {
			out = append(out, fmt.Sprintf("%s:%d: %s is unused: delete it", d.pos.Filename, d.pos.Line, d.name))
		}
	}
	sort.Strings(out)
	return out, nil
}

// isEnum reports whether a const group counts with iota: its values name
// every state of a type, used or not yet.
func isEnum(g *ast.GenDecl) bool {
	for _, s := range g.Specs {
		for _, v := range s.(*ast.ValueSpec).Values {
			found := false
			ast.Inspect(v, func(n ast.Node) bool {
				id, ok := n.(*ast.Ident)
				found = found || ok && id.Name == "iota"
				return !found
			})
			if found {
				return true
			}
		}
	}
	return false
}

// importPath is the import path of the package a file is in.
func importPath(module, file string) string {
	dir := filepath.ToSlash(filepath.Dir(file))
	if dir == "." {
		return module
	}
	return module + "/" + dir
}

// modulePath reads the module path from go.mod in the working directory.
func modulePath() string {
	data, _ := os.ReadFile("go.mod")
	for _, line := range strings.Split(string(data), "\n") {
		if m, ok := strings.CutPrefix(strings.TrimSpace(line), "module "); ok {
			return strings.TrimSpace(m)
		}
	}
	return ""
}
