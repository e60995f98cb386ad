package run

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/kptdev/krm-functions-sdk/go/fn"

	"github.com/cce-ingress-https/cce-ingress-https/krmio"
	"github.com/cce-ingress-https/cce-ingress-https/kustomizetree"
)

// walked is what the file and folder arguments hold.
type walked struct {
	files          []walkedFile // YAML files outside kustomize folders, in order
	kustomizations []string     // folders that hold a kustomization, in walk order
	results        fn.Results   // what could not be read, and what was skipped
}

type walkedFile struct {
	path  string // as the user sees it: the argument, then the path below it
	real  string // the file it is after symlinks: each is read once
	named bool   // named on the command line, not found in a folder
	pkg   string // the innermost kpt package (a folder with a Kptfile) it is in
}

// walkPaths lists what file mode reads, in argument order and, within a
// folder, in lexical order. Only regular files are read. A symlink found in
// a folder is followed only when its target stays inside the (real) folder;
// a folder argument may itself be a symlink. Files below a folder that holds
// a kustomization belong to kustomize (they are rendered, never read alone),
// and a Helm chart's folder is skipped with a warning. A kustomization file
// named on the command line stands for its app alone.
func walkPaths(paths []string) *walked {
	w := &walked{}
	seen := map[string]bool{}
	add := func(f walkedFile) {
		if !seen[f.real] {
			seen[f.real] = true
			w.files = append(w.files, f)
		}
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			w.results = append(w.results, inputResult(p, fmt.Errorf("cannot read: %v", unwrapPath(err))))
			continue
		}
		real, err := realPath(p)
		if err != nil {
			w.results = append(w.results, inputResult(p, fmt.Errorf("cannot read: %v", unwrapPath(err))))
			continue
		}
		switch {
		case info.IsDir():
			w.walkDir(p, real, add)
		case info.Mode().IsRegular() && kustomizetree.IsFileName(filepath.Base(p)):
			w.kustomizations = append(w.kustomizations, filepath.Dir(p)) // that app alone
		case info.Mode().IsRegular():
			add(walkedFile{path: p, real: real, named: true})
		default:
			w.results = append(w.results, inputResult(p, notRegular(info)))
		}
	}
	return w
}

// walkDir walks the real folder root, naming what it finds below arg.
func (w *walked) walkDir(arg, root string, add func(walkedFile)) {
	var owned []string // the kustomize folders path is in, innermost last
	var pkgs []string  // the kpt packages path is in, innermost last
	show := func(path string) string {
		rel, err := filepath.Rel(root, path)
		if err != nil || rel == "." {
			return arg
		}
		return filepath.Join(arg, rel)
	}
	skip := func(path, why string) {
		w.results = append(w.results, &fn.Result{Severity: fn.Warning, Message: "skipped: " + why,
			File: &fn.File{Path: show(path)}, Tags: map[string]string{"rule": "input"}})
	}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			w.results = append(w.results, inputResult(show(path), fmt.Errorf("cannot read: %v", unwrapPath(err))))
			return nil
		}
		hidden := path != root && strings.HasPrefix(d.Name(), ".")
		for len(owned) > 0 && !within(owned[len(owned)-1], path) {
			owned = owned[:len(owned)-1]
		}
		for len(pkgs) > 0 && !within(pkgs[len(pkgs)-1], path) {
			pkgs = pkgs[:len(pkgs)-1]
		}
		if d.IsDir() && !hidden && isRegularFile(filepath.Join(path, "Kptfile")) {
			pkgs = append(pkgs, path)
		}
		if d.IsDir() {
			switch {
			case hidden:
				return filepath.SkipDir // .git and friends
			case kustomizetree.FileIn(path) != "":
				w.kustomizations = append(w.kustomizations, show(path))
				owned = append(owned, path)
			case len(owned) == 0 && isRegularFile(filepath.Join(path, "Chart.yaml")):
				skip(path, "a Helm chart: check what it renders with `helm template "+show(path)+" | cce-ingress-https ...`")
				return filepath.SkipDir
			}
			return nil
		}
		if !isYAMLName(d.Name()) || len(owned) > 0 {
			return nil
		}
		real := path
		if d.Type()&fs.ModeSymlink != 0 {
			if real, err = realPath(path); err != nil {
				skip(path, "a symlink that cannot be followed")
				return nil
			}
			if !within(root, real) {
				skip(path, "a symlink to a file outside "+arg+": file mode follows symlinks only inside the folder it is given")
				return nil
			}
		}
		info, err := os.Stat(real)
		switch {
		case err != nil:
			w.results = append(w.results, inputResult(show(path), fmt.Errorf("cannot read: %v", unwrapPath(err))))
		case info.IsDir():
			// a link to a folder inside root: its files are walked there
		case !info.Mode().IsRegular():
			w.results = append(w.results, inputResult(show(path), notRegular(info)))
		default:
			f := walkedFile{path: show(path), real: real}
			if len(pkgs) > 0 {
				f.pkg = show(pkgs[len(pkgs)-1])
			}
			add(f)
		}
		return nil
	})
	if err != nil {
		w.results = append(w.results, inputResult(arg, err))
	}
}

// realPath is path with every symlink resolved, made absolute.
func realPath(path string) (string, error) {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", err
	}
	return filepath.Abs(real)
}

// within reports whether path is dir or below it (both clean).
func within(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func isRegularFile(path string) bool {
	info, err := os.Lstat(path)
	return err == nil && info.Mode().IsRegular()
}

func notRegular(info os.FileInfo) error {
	kind := "not a regular file"
	switch m := info.Mode(); {
	case m&fs.ModeNamedPipe != 0:
		kind = "a FIFO (named pipe)"
	case m&fs.ModeSocket != 0:
		kind = "a socket"
	case m&fs.ModeDevice != 0:
		kind = "a device"
	}
	return fmt.Errorf("is %s: file mode reads regular files only", kind)
}

// readLimited reads a regular file of at most max bytes (--max-input-bytes,
// per file), so a huge file is an error, not an out-of-memory kill. It opens
// without blocking and checks the opened file, so a file swapped for a FIFO
// or a device after the walk is still never read.
func readLimited(path string, max int64) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, fmt.Errorf("cannot read the file: %v", unwrapPath(err))
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("cannot read the file: %v", unwrapPath(err))
	}
	if !info.Mode().IsRegular() {
		return nil, notRegular(info)
	}
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read the file: %v", unwrapPath(err))
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("is larger than --max-input-bytes (%d bytes): leave it out, or raise the limit if the machine has the memory", max)
	}
	return data, nil
}

// unwrapPath drops the path from an os error: results name the file already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// packages splits the plain files into the groups checked together: the
// files of each kpt package (a deployable unit of its own, like a kustomize
// app), and all the others; in the order each group first appears. There
// is always at least one group, so a run without files still reports its
// configuration.
func packages(list []*manifestFile) [][]*manifestFile {
	var groups [][]*manifestFile
	at := map[string]int{}
	for _, f := range list {
		i, ok := at[f.pkg]
		if !ok {
			i = len(groups)
			at[f.pkg] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], f)
	}
	if len(groups) == 0 {
		groups = append(groups, nil)
	}
	return groups
}

func itemsOf(list []*manifestFile) []*krmio.Item {
	var items []*krmio.Item
	for _, f := range list {
		items = append(items, f.doc.Resources()...)
	}
	return items
}
