package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// files of a small module example.com/m: a declares constants and
// variables, b and the root package use some of them.
var files = map[string]string{
	"a/a.go": `package a

const (
	Used    = 1
	Unused  = 2 // line 5
	private = 3
)

var ByTest, Forgotten = 1, 2 // line 9

type Kind int

const (
	KindA Kind = iota + 1
	KindB
)

func f() int { return private + int(KindA) }
`,
	"a/a_test.go": `package a

const TestOnly = 4

var _ = ByTest
`,
	"b/b.go": `package b

import alias "example.com/m/a"

type T struct{ Unused int } // a field of the same name is not a use of a.Unused

var _ = alias.Used
`,
	"main.go": `package main

import "example.com/m/a"

func main() { _ = a.Used }
`,
}

func TestFind(t *testing.T) {
	dir := t.TempDir()
	var names []string
	for name, text := range files {
		require.NoError(t, os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
		names = append(names, name)
	}
	t.Chdir(dir)
	got, err := find("example.com/m", names)
	require.NoError(t, err)
	assert.Equal(t, []string{
		"a/a.go:5: Unused is unused: delete it",
		"a/a.go:9: Forgotten is unused: delete it",
	}, got)
}
