package sqlite

import (
	"context"
	"database/sql"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"tandem/internal/domain"
)

// ReadOnlyDSN returns a "file:" URI that opens path read-only and never
// creates it, followed by params (e.g. "_pragma=busy_timeout(5000)", may
// be empty). The path is percent-escaped, so "%", "#", "?", spaces and
// non-ASCII are safe; drive paths become file:///C:/… and UNC paths
// file:////server/share/… (an empty URI authority).
func ReadOnlyDSN(path, params string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	if runtime.GOOS == "windows" && needsExtended(path) {
		return extendedURI(extendedPath(path), strings.TrimSuffix("mode=ro&"+params, "&"))
	}
	return readOnlyDSN(filepath.ToSlash(path), params)
}

// readOnlyDSN is ReadOnlyDSN for a path with forward slashes.
func readOnlyDSN(slashPath, params string) string {
	if !strings.HasPrefix(slashPath, "/") {
		slashPath = "/" + slashPath // C:/… → /C:/…
	}
	dsn := "file://" + (&url.URL{Path: slashPath}).EscapedPath() + "?mode=ro"
	if params != "" {
		dsn += "&" + params
	}
	return dsn
}

// VacuumInto writes a consistent, compacted copy of the database to dest
// (which must not exist) with SQLite's VACUUM INTO. It runs on a separate
// read-only connection (mode=ro, which also never creates a missing
// file): in WAL mode it reads one snapshot and does not block the writer.
// (A query_only connection refuses VACUUM INTO, so the pooled readers
// cannot be used.)
func (db *DB) VacuumInto(ctx context.Context, dest string) error {
	if err := CreatePrivate(dest); err != nil {
		return domain.Internal(err, "create %s", dest)
	}
	conn, err := sql.Open("sqlite", db.vacuumDSN())
	if err != nil {
		return domain.Internal(err, "open %s for backup", db.path)
	}
	defer conn.Close()
	conn.SetMaxOpenConns(1)
	if _, err := conn.ExecContext(ctx, "VACUUM INTO ?", sqliteFileName(dest)); err != nil {
		return domain.Internal(err, "vacuum into %s", dest)
	}
	return nil
}

// CreatePrivate creates dest empty and readable by the owner only (0600;
// on Windows the ACLs of the folder apply), for VACUUM INTO, which fills
// an existing empty file and would otherwise create it 0644. It fails if
// dest exists.
func CreatePrivate(dest string) error {
	f, err := os.OpenFile(dest, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	return f.Close()
}

func (db *DB) vacuumDSN() string { return ReadOnlyDSN(db.path, basePragmas) }

// ChangeCount returns a number that changes whenever a write was committed
// (SQLite's total_changes() of the one writer connection). Compare two
// values for equality only: a new writer connection starts from zero.
func (db *DB) ChangeCount(ctx context.Context) (int64, error) {
	var n int64
	if err := db.write.QueryRowContext(ctx, "SELECT total_changes()").Scan(&n); err != nil {
		return 0, domain.Internal(err, "total changes")
	}
	return n, nil
}

// KnownSchemaVersion is the newest schema version this build can open.
func KnownSchemaVersion() int { return len(migrations()) }
