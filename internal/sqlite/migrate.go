package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"time"

	"tandem/internal/domain"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// migrations returns the embedded migration scripts in order; script i
// brings the schema to user_version i+1.
func migrations() []string {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		panic(err) // the pattern is constant
	}
	sort.Strings(names)
	return names
}

// migrate applies every script newer than the file's user_version, each in
// its own IMMEDIATE transaction that also sets the new version, so a crash
// leaves the file at the previous version or the next, never between.
func (db *DB) migrate(ctx context.Context) error {
	for i, name := range migrations() {
		version := i + 1
		script, err := migrationFS.ReadFile(name)
		if err != nil {
			return wrapf(err, "read %s", name)
		}
		update := db.update
		if foreignKeysOff(script) {
			update = db.updateForeignKeysOff
		}
		err = update(ctx, func(tx *Tx) error {
			var current int
			if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
				return wrapf(err, "read version")
			}
			if current >= version {
				return nil // applied already (re-read inside the lock)
			}
			if _, err := tx.ExecContext(ctx, string(script)); err != nil {
				return wrapf(err, "apply %s", name)
			}
			// PRAGMA takes no parameters; version is our own integer.
			_, err := tx.ExecContext(ctx, "PRAGMA user_version = "+strconv.Itoa(version))
			return wrapf(err, "set version %d", version)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// foreignKeysOffDirective, as the first line of a script, makes migrate run
// it with foreign keys off: needed to rebuild a table that others reference
// (SQLite's twelve-step ALTER), where DROP TABLE would otherwise cascade.
const foreignKeysOffDirective = "-- tandem:foreign-keys-off"

func foreignKeysOff(script []byte) bool {
	line, _, _ := bytes.Cut(script, []byte("\n"))
	return string(bytes.TrimSpace(line)) == foreignKeysOffDirective
}

// updateForeignKeysOff runs fn like update, but with foreign keys switched
// off on the writer connection (the pragma is a no-op inside a
// transaction, so it is set before). Before commit PRAGMA foreign_key_check
// must find nothing, else everything is rolled back. Foreign keys are
// switched on again in every case.
func (db *DB) updateForeignKeysOff(ctx context.Context, fn func(*Tx) error) (err error) {
	conn, err := db.write.Conn(ctx) // the one writer connection, pinned for pragma and transaction
	if err != nil {
		return domain.Internal(err, "writer connection")
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		return domain.Internal(err, "foreign keys off")
	}
	defer func() {
		_, errOn := conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA foreign_keys = ON")
		var on int
		if errOn == nil {
			errOn = conn.QueryRowContext(context.WithoutCancel(ctx), "PRAGMA foreign_keys").Scan(&on)
		}
		if errOn == nil && on != 1 {
			errOn = fmt.Errorf("foreign_keys = %d", on)
		}
		if errOn != nil && err == nil {
			err = domain.Internal(errOn, "foreign keys on")
		}
	}()
	var off int
	if err := conn.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&off); err != nil || off != 0 {
		return domain.Internal(fmt.Errorf("foreign_keys = %d, %v", off, err), "foreign keys off")
	}
	sqlTx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return domain.Internal(err, "begin")
	}
	tx := &Tx{Tx: sqlTx, now: db.Now().UTC().Format(time.RFC3339)}
	if err := fn(tx); err != nil {
		_ = sqlTx.Rollback()
		return err
	}
	if err := foreignKeyCheck(ctx, tx); err != nil {
		_ = sqlTx.Rollback()
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return domain.Internal(err, "commit")
	}
	return nil
}

// foreignKeyCheck fails when PRAGMA foreign_key_check reports a row.
func foreignKeyCheck(ctx context.Context, tx *Tx) error {
	rows, err := tx.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return domain.Internal(err, "foreign key check")
	}
	defer rows.Close()
	if rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fk int
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			return domain.Internal(err, "foreign key check")
		}
		return domain.Internal(fmt.Errorf("row %d of %s refers to a missing %s", rowid.Int64, table, parent), "foreign key check")
	}
	return wrapf(rows.Err(), "foreign key check")
}
