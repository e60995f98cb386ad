// Command genschema writes the JSON Schema of the typed configuration,
// docs/ingress-https-backend.schema.json, from its Go definition, so editors
// (yaml-language-server) complete and flag what the function itself accepts:
//
//	config.IngressHTTPSBackend ──reflect (json tags, Go types)──┐
//	config/types.go field comments ──go/parser──> descriptions ─┼─> Schema ──> docs/*.schema.json
//	cce.CiphersPolicies, validator.Rules, severities ──> enums ──┘
//
// A field added to the struct appears in the schema with its type and
// comment; constraints is where a field's allowed values are named. It runs
// from `go generate ./...`; tests in this package fail when the file is
// stale and validate every example configuration against it.
package main

//go:generate go run .

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/cce-ingress-https/cce-ingress-https/internal/modroot"
)

// SchemaFile is where the schema goes, relative to the module root.
const SchemaFile = "docs/ingress-https-backend.schema.json"

// SchemaURL is the address editors load it from (the yaml-language-server
// modeline in the example configurations names it).
const SchemaURL = "https://raw.githubusercontent.com/cce-ingress-https/cce-ingress-https/main/" + SchemaFile

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "genschema:", err)
		os.Exit(1)
	}
}

func run() error {
	root, err := modroot.Find()
	if err != nil {
		return err
	}
	data, err := Generate(root)
	if err != nil {
		return err
	}
	path := filepath.Join(root, filepath.FromSlash(SchemaFile))
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
		return nil
	}
	return os.WriteFile(path, data, 0o644)
}
