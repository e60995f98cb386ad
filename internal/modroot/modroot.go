// Package modroot finds the module root for the generators that write files
// into the repository (the rule pages, the README table, the JSON Schema).
package modroot

import (
	"errors"
	"os"
	"path/filepath"
)

// Find returns the nearest directory upward from the working directory that
// holds go.mod.
func Find() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}
