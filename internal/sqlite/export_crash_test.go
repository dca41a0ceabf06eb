package sqlite

import (
	"context"
	"database/sql"
)

// ExecInTx runs fn in one write transaction like every store method does;
// for the tests in package sqlite_test (crash_test.go) that commit several
// raw rows together.
func (db *DB) ExecInTx(ctx context.Context, fn func(*sql.Tx) error) error {
	return db.update(ctx, func(tx *Tx) error { return fn(tx.Tx) })
}
