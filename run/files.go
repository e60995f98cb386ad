package run

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/kptdev/krm-functions-sdk/go/fn"

	"github.com/cce-ingress-https/cce-ingress-https/krmio"
	"github.com/cce-ingress-https/cce-ingress-https/report"
	"github.com/cce-ingress-https/cce-ingress-https/validator"
)

// manifestFile is one file of file mode.
type manifestFile struct {
	path string
	data []byte
	doc  *krmio.Document
}

// files is file mode: manifests read from files and folders, one Pipeline
// run over all of them (so an Ingress in one file finds its Service in
// another), then the manifests on stdout or back into the changed files.
func files(o *options, stdout, stderr io.Writer) int {
	src := sources{}
	list, results := readManifests(o.paths)
	var items []*krmio.Item
	for _, f := range list {
		f.doc.SetFile(f.path)
		src.add(f.path, f.doc.Items)
		items = append(items, f.doc.Resources()...)
	}
	st := loadSettings(o, src)
	results = append(results, locateItems(Pipeline(items, st), list)...)
	validator.SortResults(results)
	resultsToStdout := o.format != report.FormatText && o.resultsFile == ""
	var err error
	switch {
	case o.inPlace:
		err = writeChanged(list)
	case !resultsToStdout:
		err = writeAll(stdout, list)
	}
	if err != nil {
		fmt.Fprintf(stderr, "error[output] %v\n", err)
		return 1
	}
	return finish(o, st, results, src, resultsToStdout, stdout, stderr)
}

// locateItems gives a file to results about items[N] that have none: items
// that are not resources carry no annotations to find their file by.
func locateItems(results fn.Results, list []*manifestFile) fn.Results {
	var where []*fn.File
	for _, f := range list {
		for i := range f.doc.Items {
			where = append(where, &fn.File{Path: f.path, Index: i})
		}
	}
	for _, r := range results {
		if r.File != nil || r.Field == nil || !strings.HasPrefix(r.Field.Path, "items[") {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(r.Field.Path, "items["), "]"))
		if err == nil && n >= 0 && n < len(where) {
			r.File = where[n]
		}
	}
	return results
}

// readManifests reads the named files and the YAML files under the named
// folders, in argument order and, within a folder, in lexical order.
// A named file must hold manifests; a file found in a folder that does not
// (values.yaml, Chart.yaml, broken YAML) is skipped with an info result.
func readManifests(paths []string) ([]*manifestFile, fn.Results) {
	var list []*manifestFile
	var results fn.Results
	seen := map[string]bool{}
	read := func(path string, named bool) {
		if seen[filepath.Clean(path)] {
			return
		}
		seen[filepath.Clean(path)] = true
		data, err := os.ReadFile(path)
		if err != nil {
			results = append(results, inputResult(path, fmt.Errorf("cannot read the file: %v", err)))
			return
		}
		doc, err := krmio.ReadStreamWith(data, readOptions)
		if err == nil && !named {
			err = notManifests(doc)
		}
		switch {
		case err != nil && named:
			results = append(results, inputResult(path, err))
		case err != nil:
			results = append(results, &fn.Result{Severity: fn.Info, Message: "skipped: " + err.Error(),
				File: &fn.File{Path: path}, Tags: map[string]string{"rule": "input"}})
		default:
			list = append(list, &manifestFile{path: path, data: data, doc: doc})
		}
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			results = append(results, inputResult(p, fmt.Errorf("cannot read: %v", err)))
			continue
		}
		if !info.IsDir() {
			read(p, true)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				results = append(results, inputResult(path, fmt.Errorf("cannot read: %v", err)))
			case d.IsDir() && path != p && strings.HasPrefix(d.Name(), "."):
				return filepath.SkipDir // .git and friends
			case !d.IsDir() && isYAMLName(d.Name()):
				read(path, false)
			}
			return nil
		})
		if err != nil {
			results = append(results, inputResult(p, err))
		}
	}
	return list, results
}

func isYAMLName(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".yaml" || ext == ".yml"
}

// notManifests says why a document is not Kubernetes manifests, or nil.
func notManifests(doc *krmio.Document) error {
	for i, it := range doc.Items {
		if it.Obj == nil || it.Obj.GetAPIVersion() == "" || it.Obj.GetKind() == "" {
			return fmt.Errorf("not Kubernetes manifests (document %d has no apiVersion and kind)", i+1)
		}
	}
	return nil
}

// writeAll writes every file's manifests as one stream.
func writeAll(w io.Writer, list []*manifestFile) error {
	wrote := false
	for _, f := range list {
		if len(f.doc.Items) == 0 {
			continue // only comments or nothing at all
		}
		var buf bytes.Buffer
		if err := f.doc.WriteStream(&buf); err != nil {
			return fmt.Errorf("cannot write the manifests of %s: %v", f.path, err)
		}
		if wrote && !bytes.HasPrefix(buf.Bytes(), []byte("---")) {
			io.WriteString(w, "---\n")
		}
		if _, err := w.Write(buf.Bytes()); err != nil {
			return fmt.Errorf("cannot write the manifests: %v", err)
		}
		wrote = true
	}
	return nil
}

// writeChanged rewrites the files that have a changed item, each through a
// temporary file and a rename, so a failure never leaves half a file.
func writeChanged(list []*manifestFile) error {
	for _, f := range list {
		changed := false
		for _, it := range f.doc.Items {
			changed = changed || it.Changed()
		}
		if !changed {
			continue
		}
		var buf bytes.Buffer
		if err := f.doc.WriteStream(&buf); err != nil {
			return fmt.Errorf("cannot write %s: %v", f.path, err)
		}
		if err := replaceFile(f.path, buf.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

func replaceFile(path string, data []byte) error {
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real // write through a symlink, do not replace it
	}
	info, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("cannot write %s: %v", path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("cannot write %s: %v", path, err)
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), info.Mode().Perm())
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("cannot write %s: %v", path, err)
	}
	return nil
}
