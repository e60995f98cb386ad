package run

import (
	"bytes"
	"fmt"
	"io"
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
	pkg  string // the kpt package folder it is in, "" for none
}

// files is file mode: manifests read from files and folders, one Pipeline
// run over all of them (so an Ingress in one file finds its Service in
// another) but for each kpt package, which is checked alone, then the
// manifests on stdout or back into the changed files.
// Each kustomize app below a folder is rendered and checked on its own
// (apps.go); its files are never read as standalone manifests.
func files(o *options, stdout, stderr io.Writer) int {
	src := sources{}
	w := walkPaths(o.paths)
	apps := findApps(w)
	if o.inPlace && len(apps) > 0 {
		return usageError(stderr, inPlaceOnApps(apps))
	}
	results := w.results
	rendered, appResults, appCounts := checkApps(o, apps, src)
	list, more := readFiles(w.plainFiles(rendered), o.maxInput)
	results = append(results, more...)
	for _, f := range list {
		f.doc.SetFile(f.path)
		src.add(f.path, f.doc.Items)
	}
	st := &settings{}
	if len(list) > 0 || len(rendered) == 0 {
		base := loadSettings(o, src)
		for _, g := range packages(list) {
			gst := *base
			results = append(results, locateItems(checkPlain(o, itemsOf(g), &gst), g)...)
			st.counts.add(gst.counts)
		}
	}
	if len(list) == 0 && len(rendered) > 0 && o.configFile != "" && !appCounts.usedConfig {
		results = append(results, &fn.Result{Severity: fn.Warning, File: &fn.File{Path: o.configFile}, Tags: map[string]string{"rule": "config"},
			Message: "--config is not used: every app lists its own configuration (flags still apply to them) and there are no plain manifests"})
	}
	st.counts.add(appCounts)
	results = append(results, appResults...)
	validator.SortResults(results)
	resultsToStdout := o.format != report.FormatText && o.resultsFile == ""
	var err error
	switch {
	case o.inPlace && exitCode(results) != exitOK:
		fmt.Fprintln(stderr, "--in-place: no file was changed: the run found errors (below)")
	case o.inPlace:
		err = writeChanged(list)
	case !resultsToStdout:
		err = writeAll(stdout, list, rendered)
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
// folders (see walkPaths).
func readManifests(paths []string) ([]*manifestFile, fn.Results) {
	w := walkPaths(paths)
	list, results := readFiles(w.files, defaultMaxInput)
	return list, append(w.results, results...)
}

// readFiles reads the walked files. A named file must hold manifests;
// a file found in a folder that does not (values.yaml, broken YAML) is
// skipped with an info result.
func readFiles(files []walkedFile, max int64) ([]*manifestFile, fn.Results) {
	var list []*manifestFile
	var results fn.Results
	for _, wf := range files {
		path, named := wf.path, wf.named
		data, err := readLimited(wf.real, max)
		if err != nil {
			results = append(results, inputResult(path, err))
			continue
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
			list = append(list, &manifestFile{path: path, data: data, doc: doc, pkg: wf.pkg})
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
		// The node, not Obj: an item with an alias in its metadata has no
		// Obj but is a manifest, and Pipeline reports its problem.
		if scalarAt(it.Node, "apiVersion") == "" || scalarAt(it.Node, "kind") == "" {
			return fmt.Errorf("not Kubernetes manifests (document %d has no apiVersion and kind)", i+1)
		}
		if scalarAt(it.Node, "kind") == "ResourceList" {
			return fmt.Errorf("a ResourceList, the input of function mode (cce-ingress-https < FILE), not manifests")
		}
	}
	return nil
}

// writeAll writes every file's manifests, then every app's rendered
// resources, as one stream.
func writeAll(w io.Writer, list []*manifestFile, apps []*renderedApp) error {
	wrote := false
	for _, a := range apps {
		list = append(list, &manifestFile{path: a.Dir, doc: a.doc})
	}
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
