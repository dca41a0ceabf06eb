package sqlite

// Leftovers of interrupted backups and restores (internal/backup) beside
// the database: temp files ".tandem-tmp-*" hold full, unencrypted copies of
// a database, and a restore moves the old database aside to
// ".tandem-tmp-<hex>.<db name>.old" (older builds: ".tandem-tmp-<hex>.old")
// until the restored file has opened. Open sweeps them once it holds the
// lock.

import (
	"errors"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	"tandem/internal/atomicfile"
	"tandem/internal/domain"
)

const (
	// TempPrefix starts the names of temp files beside the database and in
	// backup folders.
	TempPrefix = atomicfile.TempPrefix
	// staleAfter is the age after which a temp file is an orphan: another
	// Tandem process (another database in the same folder) may be writing a
	// fresh one.
	staleAfter = time.Hour
)

var sideSuffixes = []string{"-wal", "-shm", "-journal"}

// ParseAside reports whether name is a database moved aside by a restore,
// or one of its -wal/-shm/-journal, and returns the name of the database it
// belongs to ("" when the name does not say) and the name of its main file.
func ParseAside(name string) (owner, main string, ok bool) {
	if !strings.HasPrefix(name, TempPrefix) {
		return "", "", false
	}
	main = name
	for _, s := range sideSuffixes {
		if strings.HasSuffix(main, ".old"+s) {
			main = strings.TrimSuffix(main, s)
			break
		}
	}
	if !strings.HasSuffix(main, ".old") {
		return "", "", false
	}
	rest := strings.TrimSuffix(strings.TrimPrefix(main, TempPrefix), ".old")
	if i := strings.IndexByte(rest, '.'); i >= 0 {
		owner = rest[i+1:]
	}
	return owner, main, true
}

// sweepLeftovers cleans the database's folder after a crash; the caller
// holds the lock. Temp files older than staleAfter are removed. A database
// moved aside by a restore of this database (or of an unknown one) is moved
// back when the database file is missing (the restore was interrupted
// before the new file was in place), else removed once stale.
func (db *DB) sweepLeftovers(now time.Time) error {
	dir, base := filepath.Split(db.path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil // open reports a folder that cannot be read
	}
	_, statErr := os.Lstat(db.path)
	missing := errors.Is(statErr, os.ErrNotExist)
	var newest string
	var newestTime time.Time
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, TempPrefix) || !e.Type().IsRegular() {
			continue
		}
		fi, err := e.Info()
		if err != nil {
			continue
		}
		stale := now.Sub(fi.ModTime()) > staleAfter
		owner, main, aside := ParseAside(name)
		switch {
		case !aside:
		case owner != "" && owner != base:
			continue // another database's: its own Open decides
		case missing:
			if name == main && (newest == "" || fi.ModTime().After(newestTime)) {
				newest, newestTime = name, fi.ModTime()
			}
			continue
		}
		if stale {
			if err := os.Remove(filepath.Join(dir, name)); err == nil {
				log.Printf("removed leftover temp file %s", filepath.Join(dir, name))
			}
		}
	}
	if newest == "" {
		return nil
	}
	// The -wal/-shm/-journal first, the main file last: an interruption
	// leaves the database missing, and the next Open finishes the move.
	from := filepath.Join(dir, newest)
	for _, s := range append(sideSuffixes, "") {
		if err := rename(from+s, db.path+s); err != nil && !errors.Is(err, os.ErrNotExist) {
			log.Printf("interrupted restore: moving %s back to %s failed: %v", from+s, db.path+s, err)
			return domain.Internal(err, "move %s back to %s", from+s, db.path+s)
		}
	}
	atomicfile.SyncDir(dir)
	log.Printf("interrupted restore: moved the old database %s back to %s", from, db.path)
	return nil
}
