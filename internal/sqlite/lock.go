package sqlite

// One writer per file, whatever name a process uses for it. The database
// path is made canonical first (filelock.Canonical: symlinks, "..", and on
// Windows mapped drives, subst, junctions and 8.3 names resolved), so that
// "<db>.lock", the -wal, the -shm, the marker and the leftovers are the
// same files for every process. Two locks are then held until Close:
//
//   - "<db>.lock" (gofrs/flock), as older Tandem builds do, so that they
//     and this one keep each other out;
//   - an identity lock on the database file itself (filelock.Acquire),
//     which also stops a process that opens it through a hard link, the
//     one name that no path resolution can tell apart.
//
// A restore replaces the file by a rename (internal/backup.Replace): it
// calls CloseKeepLock, swaps the files and OpenHeld, which locks the new
// file before SQLite opens it. The lock file is held throughout, and the
// replaced file stays locked while a hard link still reaches it.

import (
	"errors"
	"log"
	"os"
	"runtime"

	"github.com/gofrs/flock"

	"tandem/internal/domain"
	"tandem/internal/filelock"
)

// Held is the lock on a database file and its lock file.
type Held struct {
	path  string
	file  *flock.Flock
	ident *filelock.Lock   // the database file now at path; nil until it exists
	old   []*filelock.Lock // files a restore replaced that still have a name
}

// acquire takes "<path>.lock" and, when the database file exists, its
// identity lock. path is canonical.
func acquire(path string) (*Held, error) {
	fl := flock.New(path + ".lock")
	locked, err := fl.TryLock()
	if err != nil {
		return nil, storageOpenError(err, path, true)
	}
	if !locked {
		return nil, lockedError(path, nil)
	}
	h := &Held{path: path, file: fl}
	if exists(path) {
		if err := h.lockFile(false); err != nil {
			h.Release()
			return nil, err
		}
	}
	return h, nil
}

// lockFile takes the identity lock on the file now at h.path, creating
// it (mode 0600) when create is set. A replaced file stays locked only
// while another name (a hard link) still opens it.
func (h *Held) lockFile(create bool) error {
	if h.ident.Holds(h.path) {
		return nil
	}
	for i, l := range h.old { // a failed restore moved the old file back
		if l.Holds(h.path) {
			h.old[i] = h.ident
			h.ident = l
			return nil
		}
	}
	created := !exists(h.path)
	l, err := filelock.Acquire(h.path, create)
	if errors.Is(err, filelock.ErrLocked) {
		return lockedError(h.path, err)
	}
	if err != nil {
		return storageOpenError(err, h.path, created)
	}
	if h.ident != nil {
		if h.ident.HasOtherNames() {
			h.old = append(h.old, h.ident)
		} else {
			h.ident.Unlock()
		}
	}
	h.ident = l
	tightenMode(h.path)
	return nil
}

// Release gives up both locks. It may be called on nil.
func (h *Held) Release() error {
	if h == nil {
		return nil
	}
	errs := []error{h.ident.Unlock()}
	h.ident = nil
	for _, l := range h.old {
		errs = append(errs, l.Unlock())
	}
	h.old = nil
	if h.file != nil {
		errs = append(errs, h.file.Unlock())
	}
	return errors.Join(errs...)
}

func lockedError(path string, err error) error {
	return &domain.Error{Code: domain.ELOCKED, Key: "db.locked", Params: map[string]any{"path": path}, Err: err}
}

// tightenMode takes group and other rights off an existing database and its
// -wal and -shm (created 0644 by older builds): they hold personal data. On
// Windows the file inherits the ACLs of the user's profile folder instead.
func tightenMode(path string) {
	if runtime.GOOS == "windows" {
		return
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		fi, err := os.Stat(p)
		if err != nil || fi.Mode().Perm()&0o077 == 0 {
			continue
		}
		if err := os.Chmod(p, fi.Mode().Perm()&^0o077); err != nil {
			log.Printf("rights of %s not tightened: %v", p, err)
		}
	}
}
