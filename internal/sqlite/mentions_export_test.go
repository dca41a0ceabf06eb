package sqlite

import (
	"context"
	"errors"
)

// FreeTextColumnsOf lists the searched columns of db (freeTextColumns) as
// "table.column", for the tests outside the package.
func FreeTextColumnsOf(ctx context.Context, db *DB) ([]string, error) {
	var out []string
	err := db.update(ctx, func(tx *Tx) error {
		cols, err := freeTextColumns(ctx, tx)
		for _, c := range cols {
			out = append(out, c.table+"."+c.column)
		}
		if err != nil {
			return err
		}
		return errDryRun
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	return out, err
}
