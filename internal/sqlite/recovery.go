package sqlite

// Unclean shutdowns and damaged files (issue 6, "Corruption and crashes").
//
// Open writes a marker file "<db>.running" once it holds the file lock and
// Close removes it. A marker found at open means the previous run ended
// without a clean Close (crash, kill, power loss): the full
// PRAGMA integrity_check then runs before anything else touches the file.
//
// When that check, the open or a migration finds the file damaged
// (SQLITE_CORRUPT, SQLITE_NOTADB, integrity_check not "ok"), the file and
// its -wal and -shm are moved aside to "<db>.damaged-YYYYMMDD-HHMMSS" (never
// deleted) and Open continues with a new, empty database; DB.Recovery says
// so, and the app offers the newest good backup. A file that is not SQLite
// at all (another program's file chosen by mistake) is not moved: Open
// refuses it with "db.not_database" and leaves it as it is.

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"tandem/internal/atomicfile"
	"tandem/internal/domain"
)

// MarkerSuffix names the file that exists while a Tandem process has the
// database open: "<db>.running".
const MarkerSuffix = ".running"

// DamagedLayout is the time format in the name of a moved damaged file.
const DamagedLayout = "20060102-150405"

// Recovery describes what Open did with a damaged database file.
type Recovery struct {
	DamagedPath string    // where the damaged file is now; its -wal/-shm (if any) beside it with "-wal"/"-shm" appended
	MovedAt     time.Time // when it was moved
	Unclean     bool      // the previous run had not closed the database
	Cause       string    // what SQLite reported, for the log (never shown to the user)
	Empty       bool      // the file had 0 bytes: it held nothing, but a backup may hold everything
}

// Recovery returns what Open did with a damaged file, or nil when the file
// opened normally.
func (db *DB) Recovery() *Recovery {
	if db.recovery == nil {
		return nil
	}
	r := *db.recovery
	return &r
}

// startMarker writes the "running" marker and reports whether one was
// already there (the previous run ended uncleanly). The caller holds the lock.
func (db *DB) startMarker() (unclean bool, err error) {
	marker := db.path + MarkerSuffix
	if _, err := os.Stat(marker); err == nil {
		unclean = true
	}
	f, err := os.OpenFile(marker, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return unclean, storageOpenError(err, db.path, true)
	}
	_, err = fmt.Fprintf(f, "pid %d since %s\n", os.Getpid(), time.Now().UTC().Format(time.RFC3339))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(marker)
		return unclean, storageOpenError(err, db.path, true)
	}
	atomicfile.SyncDir(filepath.Dir(db.path))
	db.marker = marker
	return unclean, nil
}

// openOrRecover opens the database, after an unclean shutdown only once the
// full integrity_check passed. A damaged file is moved aside and a new
// database is opened in its place. So is an empty (0-byte) file that was
// there before Open: SQLite would silently take it for a new database,
// while it is what a failed copy, a sync client or a full disk leaves of
// a real one.
func (db *DB) openOrRecover(ctx context.Context, unclean, empty bool) error {
	var err error
	if empty {
		err = &domain.Error{Code: domain.EINTERNAL, Key: "db.damaged", Params: map[string]any{"path": db.path}, Err: errors.New("the file is empty (0 bytes)")}
	} else {
		err = db.openChecked(ctx, unclean)
	}
	if err == nil || !isDamage(err) {
		return err
	}
	cause := err
	_ = db.closeConns() // a damaged file may fail to checkpoint: what is left is moved with it
	db.read, db.write = nil, nil
	now := time.Now()
	moved, err := moveDamaged(db.path, now)
	if err != nil {
		return &domain.Error{Code: domain.EINTERNAL, Key: "db.damaged", Params: map[string]any{"path": db.path}, Err: errors.Join(cause, err)}
	}
	db.recovery = &Recovery{DamagedPath: moved, MovedAt: now, Unclean: unclean, Cause: cause.Error(), Empty: empty}
	db.marker = db.path + MarkerSuffix             // the new file needs no check next time
	if err := db.held.lockFile(true); err != nil { // the lock went with the moved file
		return err
	}
	return db.open(ctx)
}

// isEmptyFile reports whether path is a file of 0 bytes without a WAL that
// could fill it.
func isEmptyFile(path string) bool {
	fi, err := os.Stat(path)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != 0 {
		return false
	}
	wal, err := os.Stat(path + "-wal")
	return err != nil || wal.Size() == 0
}

// checkIntegrity is (*DB).integrityCheck; tests replace it.
var checkIntegrity = (*DB).integrityCheck

// openChecked opens the database, after an unclean shutdown once the
// integrity check passed. A check that could not run (an error that says
// neither "damaged" nor "not a database") does not block the start: it is
// logged, the file is opened as usual and the marker is kept, so that the
// next start tries the check again.
func (db *DB) openChecked(ctx context.Context, unclean bool) error {
	if unclean {
		if err := checkIntegrity(db, ctx); err != nil {
			if isDamage(err) || hasKey(err, "db.not_database") {
				return err
			}
			log.Printf("integrity check of %s not possible, opening without it: %v", db.path, err)
			db.marker = "" // Close keeps the marker
		}
	}
	return db.open(ctx)
}

func hasKey(err error, key string) bool {
	var de *domain.Error
	return errors.As(err, &de) && de.Key == key
}

// integrityCheck runs the full PRAGMA integrity_check on a query-only
// connection; a file that does not exist yet is fine.
func (db *DB) integrityCheck(ctx context.Context) error {
	if _, err := os.Stat(db.path); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err := checkHeader(db.path); err != nil {
		return err
	}
	// mode=ro: a read-only connection never checkpoints, so a damaged file
	// and its -wal are moved aside exactly as the crash left them.
	probe, err := sql.Open("sqlite", ReadOnlyDSN(db.path, readPragmas))
	if err != nil {
		return domain.Internal(err, "open %s", db.path)
	}
	defer probe.Close()
	probe.SetMaxOpenConns(1)
	rows, err := probe.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return classifyOpenError(err, db.path)
	}
	defer rows.Close()
	var msgs []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return classifyOpenError(err, db.path)
		}
		if len(msgs) < 10 {
			msgs = append(msgs, s)
		}
	}
	if err := rows.Err(); err != nil {
		return classifyOpenError(err, db.path)
	}
	if len(msgs) != 1 || msgs[0] != "ok" {
		return &domain.Error{Code: domain.EINTERNAL, Key: "db.damaged", Params: map[string]any{"path": db.path},
			Err: errors.New("integrity_check: " + strings.Join(msgs, "; "))}
	}
	return nil
}

// isDamage reports whether err says the file is damaged (and not merely
// foreign, newer, locked or unreadable).
func isDamage(err error) bool {
	var de *domain.Error
	if errors.As(err, &de) {
		switch de.Key {
		case "db.damaged":
			return true
		case "db.not_database", "db.too_new", "db.locked", "db.path.invalid", "db.dir", "db.lock_failed":
			return false
		}
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			return true
		}
	}
	return false
}

var sqliteMagic = []byte("SQLite format 3\x00")

// checkHeader refuses a file that is not SQLite at all, so that a foreign
// file chosen by mistake is left as it is. An empty file (SQLite makes it a
// new database), a prefix of the header (a truncated database) and a zeroed
// header (a damaged first page) pass: SQLite then judges the file.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return domain.Internal(err, "open %s", path)
	}
	defer f.Close()
	head := make([]byte, len(sqliteMagic))
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return domain.Internal(err, "read %s", path)
	}
	head = head[:n]
	if bytes.Equal(head, sqliteMagic[:n]) || (n == len(sqliteMagic) && bytes.Count(head, []byte{0}) == n) {
		return nil
	}
	return &domain.Error{Code: domain.EINVALID, Key: "db.not_database", Params: map[string]any{"path": path}}
}

// rename is os.Rename; tests replace it to inject failures.
var rename = os.Rename

// moveDamaged renames path and its -wal and -shm to
// "<path>.damaged-<time>" (+ "-wal", "-shm"), never overwriting a file,
// and returns the new name of the database file. The -wal goes first: a
// WAL left beside a new database would be replayed into it. When a rename
// fails, the files already moved are moved back (in reverse order), so
// the database is never separated from its WAL.
func moveDamaged(path string, now time.Time) (string, error) {
	base := path + ".damaged-" + now.Format(DamagedLayout)
	target := base
	for n := 2; exists(target) || exists(target+"-wal") || exists(target+"-shm"); n++ {
		target = base + "-" + strconv.Itoa(n)
	}
	var moved []string
	for _, suffix := range []string{"-wal", "-shm", ""} {
		err := rename(path+suffix, target+suffix)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			errs := []error{err}
			for i := len(moved) - 1; i >= 0; i-- {
				if berr := rename(target+moved[i], path+moved[i]); berr != nil {
					errs = append(errs, fmt.Errorf("move back: %w", berr))
				}
			}
			return "", errors.Join(errs...)
		}
		moved = append(moved, suffix)
	}
	atomicfile.SyncDir(filepath.Dir(path))
	return target, nil
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}
