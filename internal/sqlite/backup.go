package sqlite

import (
	"context"
	"database/sql"

	"tandem/internal/domain"
)

// VacuumInto writes a consistent, compacted copy of the database to dest
// (which must not exist) with SQLite's VACUUM INTO. It runs on a separate
// read-only connection: in WAL mode it reads one snapshot and does not
// block the writer. (A query_only connection refuses VACUUM INTO, so the
// pooled readers cannot be used.)
func (db *DB) VacuumInto(ctx context.Context, dest string) error {
	conn, err := sql.Open("sqlite", db.path+"?mode=ro&"+basePragmas)
	if err != nil {
		return domain.Internal(err, "open %s for backup", db.path)
	}
	defer conn.Close()
	conn.SetMaxOpenConns(1)
	if _, err := conn.ExecContext(ctx, "VACUUM INTO ?", dest); err != nil {
		return domain.Internal(err, "vacuum into %s", dest)
	}
	return nil
}

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
