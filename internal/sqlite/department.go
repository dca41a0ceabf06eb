package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"tandem/internal/domain"
)

const departmentColumns = `d.id, d.name, d.short_name, d.archived_at IS NOT NULL, d.created_at, d.updated_at,
	(SELECT count(*) FROM people p WHERE p.department_id = d.id AND p.archived_at IS NULL)`

func scanDepartment(row interface{ Scan(...any) error }) (domain.Department, error) {
	var d domain.Department
	err := row.Scan(&d.ID, &d.Name, &d.ShortName, &d.Archived, &d.CreatedAt, &d.UpdatedAt, &d.PeopleCount)
	return d, err
}

// Departments lists departments by name; archived ones only when asked.
func (db *DB) Departments(ctx context.Context, includeArchived bool) ([]domain.Department, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT `+departmentColumns+` FROM departments d
		WHERE ?1 OR d.archived_at IS NULL ORDER BY d.name_key`, includeArchived)
	if err != nil {
		return nil, wrapf(err, "list departments")
	}
	defer rows.Close()
	list := []domain.Department{}
	for rows.Next() {
		d, err := scanDepartment(rows)
		if err != nil {
			return nil, wrapf(err, "scan department")
		}
		list = append(list, d)
	}
	return list, wrapf(rows.Err(), "list departments")
}

// Department returns one department or ENOTFOUND.
func (db *DB) Department(ctx context.Context, id int64) (domain.Department, error) {
	return findDepartment(ctx, db.read, id)
}

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func findDepartment(ctx context.Context, q queryer, id int64) (domain.Department, error) {
	if err := domain.ValidID(id); err != nil {
		return domain.Department{}, err
	}
	d, err := scanDepartment(q.QueryRowContext(ctx, `SELECT `+departmentColumns+` FROM departments d WHERE d.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return d, domain.NotFound("department")
	}
	return d, wrapf(err, "get department %d", id)
}

// CreateDepartment stores a new department; names are unique regardless of
// case and umlauts.
func (db *DB) CreateDepartment(ctx context.Context, in domain.DepartmentInput) (domain.Department, error) {
	if err := in.Validate(); err != nil {
		return domain.Department{}, err
	}
	var d domain.Department
	err := db.update(ctx, func(tx *Tx) error {
		if err := departmentNameFree(ctx, tx, in.Name, 0); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO departments (name, name_key, short_name, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?)`, in.Name, fold(in.Name), in.ShortName, tx.now, tx.now)
		if err != nil {
			return wrapf(err, "insert department")
		}
		id, _ := res.LastInsertId()
		d, err = findDepartment(ctx, tx, id)
		return err
	})
	return d, err
}

// UpdateDepartment changes a department's name and short name.
func (db *DB) UpdateDepartment(ctx context.Context, id int64, in domain.DepartmentInput) (domain.Department, error) {
	if err := domain.ValidID(id); err != nil {
		return domain.Department{}, err
	}
	if err := in.Validate(); err != nil {
		return domain.Department{}, err
	}
	var d domain.Department
	err := db.update(ctx, func(tx *Tx) error {
		if _, err := findDepartment(ctx, tx, id); err != nil {
			return err
		}
		if err := departmentNameFree(ctx, tx, in.Name, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE departments SET name = ?, name_key = ?, short_name = ?, updated_at = ?
			WHERE id = ?`, in.Name, fold(in.Name), in.ShortName, tx.now, id); err != nil {
			return wrapf(err, "update department %d", id)
		}
		var err error
		d, err = findDepartment(ctx, tx, id)
		return err
	})
	return d, err
}

func departmentNameFree(ctx context.Context, tx *Tx, name string, exceptID int64) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM departments WHERE name_key = ? AND id <> ?`,
		fold(name), exceptID).Scan(&n); err != nil {
		return wrapf(err, "check department name")
	}
	if n > 0 {
		e := domain.Conflict("department.name.taken", "name", name)
		e.Field = "name"
		return e
	}
	return nil
}

// SetDepartmentArchived archives (hides but keeps) or restores a department.
func (db *DB) SetDepartmentArchived(ctx context.Context, id int64, archived bool) (domain.Department, error) {
	if err := domain.ValidID(id); err != nil {
		return domain.Department{}, err
	}
	var d domain.Department
	err := db.update(ctx, func(tx *Tx) error {
		if _, err := findDepartment(ctx, tx, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE departments
			SET archived_at = CASE WHEN ?1 THEN coalesce(archived_at, ?2) END, updated_at = ?2 WHERE id = ?3`,
			archived, tx.now, id); err != nil {
			return wrapf(err, "archive department %d", id)
		}
		var err error
		d, err = findDepartment(ctx, tx, id)
		return err
	})
	return d, err
}

// DeleteDepartment removes a department nobody belongs to; while people
// (archived ones included) belong to it, it fails with ECONFLICT.
func (db *DB) DeleteDepartment(ctx context.Context, id int64) error {
	if err := domain.ValidID(id); err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		d, err := findDepartment(ctx, tx, id)
		if err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM people WHERE department_id = ?`, id).Scan(&n); err != nil {
			return wrapf(err, "count people")
		}
		if n > 0 {
			return domain.Conflict("department.in_use", "name", d.Name, "count", n)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM departments WHERE id = ?`, id); err != nil {
			if isConstraint(err) {
				return domain.Conflict("department.in_use", "name", d.Name, "count", 1)
			}
			return wrapf(err, "delete department %d", id)
		}
		return nil
	})
}
