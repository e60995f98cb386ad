package run

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// pendingWrite is one file --in-place is about to change.
type pendingWrite struct {
	path    string // as the user named it
	target  string // the file written: path with symlinks resolved
	old     []byte // its content now, to put back if writing in place fails
	data    []byte // its new content
	info    os.FileInfo
	tmp     string // the new content, written next to target
	inPlace bool   // write into the file itself instead of renaming tmp over it
}

// writeChanged rewrites the files that have a changed item: all or none,
// as far as the file system allows. Every new content is first written to a
// temporary file next to its target, with the target's mode and owner; only
// when all of them are written are they committed. A commit is a rename
// (atomic: a reader sees the old file or the new one) when that keeps
// everything about the file; a file with hard links, or whose owner the
// temporary file cannot take, is instead rewritten in place (truncate and
// write the same inode), which keeps its links and owner. A read-only file
// is refused before anything is written.
func writeChanged(list []*manifestFile) error {
	var ps []*pendingWrite
	for _, f := range list {
		if !f.changed() {
			continue
		}
		var buf bytes.Buffer
		if err := f.doc.WriteStream(&buf); err != nil {
			return fmt.Errorf("cannot write %s: %v; no file was changed", f.path, err)
		}
		p, err := prepare(f.path, f.data, buf.Bytes())
		if err != nil {
			return fmt.Errorf("%v; no file was changed", err)
		}
		ps = append(ps, p)
	}
	for _, p := range ps {
		if err := p.writeTemp(); err != nil {
			removeTemps(ps)
			return fmt.Errorf("cannot write %s: %v; no file was changed", p.path, err)
		}
	}
	var done []string
	for i, p := range ps {
		if err := p.commit(); err != nil {
			removeTemps(ps[i:])
			msg := fmt.Sprintf("cannot write %s: %v", p.path, err)
			if len(done) > 0 {
				return fmt.Errorf("%s; already changed: %s", msg, strings.Join(done, ", "))
			}
			return fmt.Errorf("%s; no file was changed", msg)
		}
		done = append(done, p.path)
	}
	return nil
}

func (f *manifestFile) changed() bool {
	for _, it := range f.doc.Items {
		if it.Changed() {
			return true
		}
	}
	return false
}

// prepare checks that path can be rewritten.
func prepare(path string, old, data []byte) (*pendingWrite, error) {
	target, err := filepath.EvalSymlinks(path) // write through a symlink, do not replace it
	if err != nil {
		return nil, fmt.Errorf("cannot write %s: %v", path, unwrapPath(err))
	}
	info, err := os.Stat(target)
	if err != nil {
		return nil, fmt.Errorf("cannot write %s: %v", path, unwrapPath(err))
	}
	if info.Mode().Perm()&0o222 == 0 {
		return nil, fmt.Errorf("%s is read-only (mode %04o): --in-place changes only writable files; make it writable (chmod u+w) or leave it out", path, info.Mode().Perm())
	}
	p := &pendingWrite{path: path, target: target, old: old, data: data, info: info}
	if st, ok := info.Sys().(*syscall.Stat_t); ok && st.Nlink > 1 {
		p.inPlace = true // a rename would cut the file off from its other links
	}
	return p, nil
}

// writeTemp writes the new content next to the target, with its mode and
// owner. When the owner cannot be kept, the commit writes in place instead.
func (p *pendingWrite) writeTemp() error {
	tmp, err := os.CreateTemp(filepath.Dir(p.target), "."+filepath.Base(p.target)+".*")
	if err != nil {
		return unwrapPath(err)
	}
	p.tmp = tmp.Name()
	_, err = tmp.Write(p.data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(p.tmp, p.info.Mode().Perm()|p.info.Mode()&(os.ModeSetuid|os.ModeSetgid|os.ModeSticky))
	}
	if err != nil {
		return unwrapPath(err)
	}
	if st, ok := p.info.Sys().(*syscall.Stat_t); ok && !p.inPlace {
		if os.Lchown(p.tmp, int(st.Uid), int(st.Gid)) != nil {
			p.inPlace = true
		}
	}
	return nil
}

// commit puts the new content in place.
func (p *pendingWrite) commit() error {
	if !p.inPlace {
		return unwrapPath(os.Rename(p.tmp, p.target))
	}
	defer os.Remove(p.tmp)
	f, err := os.OpenFile(p.target, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		return unwrapPath(err)
	}
	_, err = f.Write(p.data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		// Put the old content back; the new one is still in the temporary file.
		if rf, rerr := os.OpenFile(p.target, os.O_WRONLY|os.O_TRUNC, 0); rerr == nil {
			_, rerr = rf.Write(p.old)
			err = errors.Join(err, rerr, rf.Close())
		}
		return unwrapPath(err)
	}
	return nil
}

func removeTemps(ps []*pendingWrite) {
	for _, p := range ps {
		if p.tmp != "" {
			os.Remove(p.tmp)
		}
	}
}
