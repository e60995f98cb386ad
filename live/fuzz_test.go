package live

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzLoad: any bytes as a live dump give a state or an error naming the
// file, never a panic, and a state keeps no Secret object (values in the
// errors are TestLoadErrorsNameTheFile's). Run: go test ./live -run '^$' -fuzz FuzzLoad -fuzztime 1m
func FuzzLoad(f *testing.F) {
	seed, err := os.ReadFile(cluster)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {k: " + marker + "}\n---\nitems: [\n"))
	f.Add([]byte("apiVersion: v1\nitems: []\nkind: List\n"))
	f.Add([]byte(`{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},"data":{"k":"` + marker + `"}}]}`))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "live.yaml")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := Load(p)
		if err != nil {
			if !strings.Contains(err.Error(), p) {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		for k, sec := range s.Secrets() {
			if sec.Item != nil {
				t.Fatalf("Secret %s keeps more than its type and key names", k)
			}
		}
	})
}
