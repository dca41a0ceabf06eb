// Package filelock keeps a second process away from a file whatever name
// it uses for it: a symlink, a hard link, a relative path or "..", and on
// Windows a mapped drive and its UNC path, subst, a junction or an 8.3
// short name.
//
// Two things do that. Canonical turns every name of a file into the same
// one, so that files kept beside it ("<name>.lock", SQLite's -wal and -shm)
// are the same files for every process. Lock locks the file itself, by
// identity (inode or Windows file object), which is the only thing a hard
// link shares with the original name. The lock covers one byte at
// LockOffset, far beyond anything SQLite reads, writes or locks (SQLite's
// lock bytes start at 0x40000000), so it never meets SQLite's own locks;
// on Linux it is an open-file-description lock, which SQLite closing and
// reopening its own descriptors does not release, on Windows LockFileEx
// (mandatory, per file).
package filelock

import (
	"errors"
	"os"
	"path/filepath"
)

// LockOffset is the first byte of the identity lock: 2^62, far past
// SQLite's lock bytes (0x40000000–0x400001FF) and any real file size.
const LockOffset = 1 << 62

// ErrLocked says another process (or another Lock in this process) holds
// the file.
var ErrLocked = errors.New("file is locked by another process")

// Lock is an exclusive identity lock on one file.
type Lock struct {
	f *os.File
}

// Acquire opens path for reading and writing and locks it. When create is
// set a missing file is created, with mode 0600 (on Windows the profile's
// ACLs apply instead). It fails with ErrLocked when the file is locked
// elsewhere and with the open error (fs.ErrPermission for a read-only
// file, syscall.EISDIR for a folder …) when it cannot be opened for
// writing. Where the file system has no byte-range locks the lock is not
// taken and the returned Lock only keeps the file open.
func Acquire(path string, create bool) (*Lock, error) {
	f, err := openFile(path, create)
	if err != nil {
		return nil, err
	}
	if err := lockFile(f); err != nil {
		f.Close()
		return nil, err
	}
	return &Lock{f: f}, nil
}

// Unlock releases the lock and closes the file. It may be called on nil.
func (l *Lock) Unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := l.f.Close() // closing the descriptor or handle ends the lock
	l.f = nil
	return err
}

// Holds reports whether l locks the file now at path (the same file, not
// merely the same name: a file replaced by a rename is another file).
func (l *Lock) Holds(path string) bool {
	if l == nil || l.f == nil {
		return false
	}
	a, err := l.f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Stat(path)
	return err == nil && os.SameFile(a, b)
}

// HasOtherNames reports whether the locked file can still be reached by a
// name: after a rename moved it away and the caller deleted it, a hard
// link elsewhere still opens it.
func (l *Lock) HasOtherNames() bool {
	if l == nil || l.f == nil {
		return false
	}
	return linkCount(l.f) > 1
}

// Canonical returns the one name under which path's file is known: absolute,
// cleaned, with symlinks (and on Windows mapped drives, subst drives,
// junctions and 8.3 names) resolved. A missing file is resolved through its
// folder, which must exist.
func Canonical(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	for hops := 0; ; hops++ {
		fi, err := os.Lstat(abs)
		if err != nil {
			break
		}
		if p, err := finalPath(abs); err == nil || fi.Mode()&os.ModeSymlink == 0 || hops == 40 {
			return p, err
		}
		// A symlink to a file not made yet: the file will be made at its target.
		target, err := os.Readlink(abs)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(abs), target)
		}
		abs = filepath.Clean(target)
	}
	dir, err := finalPath(filepath.Dir(abs))
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, filepath.Base(abs)), nil
}
