package sqlite

import (
	"context"
	"embed"
	"io/fs"
	"sort"
	"strconv"
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
		err = db.update(ctx, func(tx *Tx) error {
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
