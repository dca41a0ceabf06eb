// Package sqlite stores Tandem's data in one local SQLite file
// (modernc.org/sqlite, pure Go). Every write runs in one IMMEDIATE
// transaction on the single writer connection; reads use a small pool of
// query-only connections, which WAL lets run beside the writer.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"tandem/internal/domain"
	"tandem/internal/filelock"
)

// Pragmas every connection gets, busy_timeout first so that the others
// wait for a lock instead of failing. None of them comes from user input.
const (
	basePragmas  = "_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=secure_delete(1)&_time_format=sqlite"
	writePragmas = basePragmas + "&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_txlock=immediate"
	readPragmas  = basePragmas + "&_pragma=query_only(1)"
)

// DB is an open Tandem database.
type DB struct {
	path  string
	write *sql.DB // exactly one connection: SQLite has one writer anyway
	read  *sql.DB
	held  *Held // lock.go

	stmtMu sync.Mutex
	stmts  map[string]*sql.Stmt // see readStmt

	marker   string    // path of the "running" marker, removed at a clean Close (recovery.go)
	recovery *Recovery // set when a damaged file was moved aside at open
	restored *Restored // what a restore carries into the file at open (privacy.go)

	cpMu    sync.Mutex    // guards cpRetry
	cpRetry chan struct{} // closed to stop a background checkpoint retry (privacy.go)

	// Now returns the current time; tests may replace it.
	Now func() time.Time
}

// Open opens (creating if needed) the database at path, takes the locks
// that keep a second process away (lock.go), and applies pending
// migrations. It fails with ELOCKED when another process holds the file,
// whatever name it used, and with ETOONEW when the file was written by a
// newer Tandem; in both cases nothing in the file is changed. A read-only
// file or folder, a folder in place of the file or a full disk are named
// as such (storage.go).
func Open(ctx context.Context, path string) (*DB, error) {
	if err := checkPath(path); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, domain.Internal(err, "resolve %s", path)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return nil, &domain.Error{Code: domain.EINTERNAL, Key: "db.dir", Params: map[string]any{"path": filepath.Dir(abs)}, Err: err}
	}
	canon, err := filelock.Canonical(abs)
	if err != nil {
		return nil, domain.Internal(err, "resolve %s", abs)
	}
	if err := checkTarget(canon); err != nil {
		return nil, err
	}
	held, err := acquire(canon)
	if err != nil {
		return nil, err
	}
	db, err := openHeld(ctx, held, nil)
	if err != nil {
		held.Release()
		return nil, err
	}
	return db, nil
}

// OpenHeld opens the database whose locks h holds, as left by
// CloseKeepLock: a restore swaps the file in between. The file now at the
// path is locked before SQLite opens it. On failure h stays held by the
// caller; on success the returned DB owns it.
func OpenHeld(ctx context.Context, h *Held) (*DB, error) {
	if h == nil || h.file == nil {
		return nil, domain.Internal(errors.New("lock not held"), "reopen")
	}
	return openHeld(ctx, h, nil)
}

// OpenRestored is OpenHeld for a file a restore has just put in place: it
// carries into it what the replaced file knew (see Restored, privacy.go).
func OpenRestored(ctx context.Context, h *Held, from Restored) (*DB, error) {
	if h == nil || h.file == nil {
		return nil, domain.Internal(errors.New("lock not held"), "reopen")
	}
	return openHeld(ctx, h, &from)
}

func openHeld(ctx context.Context, h *Held, restored *Restored) (*DB, error) {
	db := &DB{path: h.path, held: h, Now: time.Now, restored: restored}
	fail := func(err error) (*DB, error) {
		db.held = nil // the caller decides about the lock
		db.Close()
		return nil, err
	}
	if err := db.sweepLeftovers(time.Now()); err != nil { // leftovers.go
		return fail(err)
	}
	empty := isEmptyFile(db.path) // before lockFile creates a missing file
	if err := h.lockFile(true); err != nil {
		return fail(err)
	}
	unclean, err := db.startMarker()
	if err != nil {
		return fail(err)
	}
	if err := db.openOrRecover(ctx, unclean, empty); err != nil {
		if unclean {
			db.marker = "" // not checked yet: the next open checks again
		}
		return fail(err)
	}
	return db, nil
}

func (db *DB) open(ctx context.Context) error {
	// Look before touching: a newer or foreign file must stay exactly as it is,
	// so the version is read on a query-only connection before WAL is switched on.
	if err := db.checkVersion(ctx); err != nil {
		return err
	}

	var err error
	if db.write, err = sql.Open("sqlite", dsn(db.path, writePragmas)); err != nil {
		return domain.Internal(err, "open %s", db.path)
	}
	db.write.SetMaxOpenConns(1)
	db.write.SetMaxIdleConns(1)
	db.write.SetConnMaxLifetime(0)
	db.write.SetConnMaxIdleTime(0)
	if err := db.migrate(ctx); err != nil {
		return err
	}
	// Erased people come back with an older file (a restore): erase them
	// again before anything is read (privacy.go), with the list kept beside
	// the database merged in (a new file after a damaged one, a copied file).
	if err := db.reapplyAtOpen(ctx); err != nil {
		return err
	}

	if db.read, err = sql.Open("sqlite", dsn(db.path, readPragmas)); err != nil {
		return domain.Internal(err, "open %s", db.path)
	}
	db.read.SetMaxOpenConns(4)
	db.read.SetMaxIdleConns(4)
	db.read.SetConnMaxIdleTime(0)
	return nil
}

// checkVersion refuses a file that is not a SQLite database or whose schema
// is newer than this build knows.
func (db *DB) checkVersion(ctx context.Context) error {
	if _, err := os.Stat(db.path); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err := checkHeader(db.path); err != nil {
		return err
	}
	probe, err := sql.Open("sqlite", dsn(db.path, readPragmas))
	if err != nil {
		return domain.Internal(err, "open %s", db.path)
	}
	defer probe.Close()
	var version int
	if err := probe.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return classifyOpenError(err, db.path)
	}
	if known := len(migrations()); version > known {
		return &domain.Error{Code: domain.ETOONEW, Key: "db.too_new",
			Params: map[string]any{"path": db.path, "version": version, "known": known}}
	}
	return nil
}

func classifyOpenError(err error, path string) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT: // the header said SQLite (checkHeader): damaged
			return &domain.Error{Code: domain.EINTERNAL, Key: "db.damaged", Params: map[string]any{"path": path}, Err: err}
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return &domain.Error{Code: domain.ELOCKED, Key: "db.locked", Params: map[string]any{"path": path}, Err: err}
		}
	}
	return domain.Internal(err, "read %s", path)
}

// Close closes the connections, removes the "running" marker and releases
// the locks.
func (db *DB) Close() error {
	if db.stopCheckpointRetry() && db.write != nil {
		db.tryCheckpoint(context.Background()) // an erasure's checkpoint that readers kept from completing
	}
	errs := []error{db.closeConns()}
	if db.marker != "" {
		if err := os.Remove(db.marker); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err)
		}
		db.marker = ""
	}
	errs = append(errs, db.held.Release())
	db.held = nil
	return errors.Join(errs...)
}

// CloseKeepLock is Close without giving up the locks, which it returns
// for OpenHeld: a restore replaces the file in between, and no other
// process may open it meanwhile. Release them when no OpenHeld follows.
func (db *DB) CloseKeepLock() (*Held, error) {
	h := db.held
	db.held = nil
	return h, db.Close()
}

// closeConns closes the statements and connections, keeping lock and marker.
func (db *DB) closeConns() error {
	var errs []error
	db.stmtMu.Lock()
	for _, s := range db.stmts {
		errs = append(errs, s.Close())
	}
	db.stmts = nil
	db.stmtMu.Unlock()
	if db.read != nil {
		errs = append(errs, db.read.Close())
	}
	if db.write != nil {
		errs = append(errs, db.write.Close())
	}
	return errors.Join(errs...)
}

// Path returns the absolute path of the database file.
func (db *DB) Path() string { return db.path }

// SchemaVersion returns the applied migration version.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := db.read.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
	return v, err
}

// Tx is a write transaction with the one timestamp all its rows share.
type Tx struct {
	*sql.Tx
	now string
}

// update runs fn in one IMMEDIATE transaction on the writer connection and
// commits only when fn returns nil.
func (db *DB) update(ctx context.Context, fn func(*Tx) error) error {
	sqlTx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return domain.Internal(err, "begin")
	}
	tx := &Tx{Tx: sqlTx, now: db.Now().UTC().Format(time.RFC3339)}
	if err := fn(tx); err != nil {
		_ = sqlTx.Rollback()
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return domain.Internal(err, "commit")
	}
	return nil
}

// view runs fn in a read transaction: one consistent snapshot.
func (db *DB) view(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return domain.Internal(err, "begin read")
	}
	defer tx.Rollback()
	return fn(tx)
}

// readStmt returns query prepared for reading, to be bound to a read
// transaction with tx.StmtContext. Each query is compiled once per read
// connection and kept until Close; the caller keeps the number of distinct
// query texts small. Call it before db.view, never inside: preparing may
// need a connection of its own.
func (db *DB) readStmt(ctx context.Context, query string) (*sql.Stmt, error) {
	db.stmtMu.Lock()
	defer db.stmtMu.Unlock()
	if s, ok := db.stmts[query]; ok {
		return s, nil
	}
	s, err := db.read.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if db.stmts == nil {
		db.stmts = map[string]*sql.Stmt{}
	}
	db.stmts[query] = s
	return s, nil
}

// isConstraint reports whether err is a SQLite constraint violation.
func isConstraint(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_CONSTRAINT
}

func wrapf(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	var de *domain.Error
	if errors.As(err, &de) {
		return err
	}
	return domain.Internal(err, format, args...)
}
