package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"tandem/internal/domain"
)

const runColumns = `r.id, r.template_id, t.name, t.kind, r.name, r.start_date, r.end_date, r.note,
	(SELECT count(*) FROM tandems x WHERE x.run_id = r.id), r.archived_at IS NOT NULL, r.created_at, r.updated_at`

const runFrom = ` FROM runs r JOIN templates t ON t.id = r.template_id`

func scanRun(row interface{ Scan(...any) error }) (domain.Run, error) {
	var r domain.Run
	err := row.Scan(&r.ID, &r.TemplateID, &r.TemplateName, &r.Kind, &r.Name, &r.StartDate, &r.EndDate, &r.Note,
		&r.TandemCount, &r.Archived, &r.CreatedAt, &r.UpdatedAt)
	return r, err
}

// Runs lists runs, the latest start first; archived ones only when asked.
func (db *DB) Runs(ctx context.Context, includeArchived bool) ([]domain.Run, error) {
	list := []domain.Run{}
	err := db.view(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+runColumns+runFrom+`
			WHERE ?1 OR r.archived_at IS NULL ORDER BY r.start_date DESC, r.name, r.id`, includeArchived)
		if err != nil {
			return wrapf(err, "list runs")
		}
		defer rows.Close()
		for rows.Next() {
			r, err := scanRun(rows)
			if err != nil {
				return wrapf(err, "scan run")
			}
			list = append(list, r)
		}
		return wrapf(rows.Err(), "list runs")
	})
	if err != nil {
		return []domain.Run{}, err
	}
	return list, nil
}

// Run returns one run or ENOTFOUND.
func (db *DB) Run(ctx context.Context, id int64) (domain.Run, error) {
	return findRun(ctx, db.read, id)
}

func findRun(ctx context.Context, q queryer, id int64) (domain.Run, error) {
	if err := domain.ValidID(id); err != nil {
		return domain.Run{}, err
	}
	r, err := scanRun(q.QueryRowContext(ctx, `SELECT `+runColumns+runFrom+` WHERE r.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return r, domain.NotFound("run")
	}
	return r, wrapf(err, "get run %d", id)
}

// templateState is what runs and plans need to know of a template.
type templateState struct {
	name     string
	kind     domain.TemplateKind
	archived bool
}

// findTemplateState reads a template's name, kind and archived state;
// ok is false when there is no such template.
func findTemplateState(ctx context.Context, q queryer, id int64) (templateState, bool, error) {
	var s templateState
	err := q.QueryRowContext(ctx, `SELECT name, kind, archived_at IS NOT NULL FROM templates WHERE id = ?`, id).
		Scan(&s.name, &s.kind, &s.archived)
	if errors.Is(err, sql.ErrNoRows) {
		return s, false, nil
	}
	if err != nil {
		return s, false, wrapf(err, "get template %d", id)
	}
	return s, true, nil
}

// CreateRun stores a new run of a template that exists and is not archived.
func (db *DB) CreateRun(ctx context.Context, in domain.RunInput) (domain.Run, error) {
	if err := in.Validate(); err != nil {
		return domain.Run{}, err
	}
	var r domain.Run
	err := db.update(ctx, func(tx *Tx) error {
		if err := checkRunTemplate(ctx, tx, in.TemplateID, 0); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO runs (template_id, name, start_date, end_date, note, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, in.TemplateID, in.Name, in.StartDate, in.EndDate, in.Note, tx.now, tx.now)
		if err != nil {
			return wrapf(err, "insert run")
		}
		id, _ := res.LastInsertId()
		r, err = findRun(ctx, tx, id)
		return err
	})
	return r, err
}

// checkRunTemplate checks the template of a run: it exists and, unless it
// is the run's current template (oldID), is not archived.
func checkRunTemplate(ctx context.Context, tx *Tx, id, oldID int64) error {
	t, ok, err := findTemplateState(ctx, tx, id)
	if err != nil {
		return err
	}
	if !ok {
		return domain.Invalid("templateId", "run.template.not_found")
	}
	if t.archived && id != oldID {
		return domain.Invalid("templateId", "run.template.archived", "name", t.name)
	}
	return nil
}

// UpdateRun changes a run. Its template may change only while it has no
// tandems, since the template's kind decides the tandems' rules.
func (db *DB) UpdateRun(ctx context.Context, id int64, in domain.RunInput) (domain.Run, error) {
	if err := domain.ValidID(id); err != nil {
		return domain.Run{}, err
	}
	if err := in.Validate(); err != nil {
		return domain.Run{}, err
	}
	var r domain.Run
	err := db.update(ctx, func(tx *Tx) error {
		old, err := findRun(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := checkRunTemplate(ctx, tx, in.TemplateID, old.TemplateID); err != nil {
			return err
		}
		if in.TemplateID != old.TemplateID && old.TandemCount > 0 {
			e := domain.Conflict("run.template_locked", "name", old.Name, "count", old.TandemCount)
			e.Field = "templateId"
			return e
		}
		if _, err := tx.ExecContext(ctx, `UPDATE runs SET template_id = ?, name = ?, start_date = ?, end_date = ?,
			note = ?, updated_at = ? WHERE id = ?`, in.TemplateID, in.Name, in.StartDate, in.EndDate, in.Note, tx.now, id); err != nil {
			return wrapf(err, "update run %d", id)
		}
		r, err = findRun(ctx, tx, id)
		return err
	})
	return r, err
}

// SetRunArchived archives (hides from lists but keeps) or restores a run.
func (db *DB) SetRunArchived(ctx context.Context, id int64, archived bool) (domain.Run, error) {
	if err := domain.ValidID(id); err != nil {
		return domain.Run{}, err
	}
	var r domain.Run
	err := db.update(ctx, func(tx *Tx) error {
		if _, err := findRun(ctx, tx, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE runs
			SET archived_at = CASE WHEN ?1 THEN coalesce(archived_at, ?2) END, updated_at = ?2 WHERE id = ?3`,
			archived, tx.now, id); err != nil {
			return wrapf(err, "archive run %d", id)
		}
		var err error
		r, err = findRun(ctx, tx, id)
		return err
	})
	return r, err
}

// DeleteRun removes a run without tandems; while tandems (of any status)
// belong to it, it fails with ECONFLICT run.in_use and changes nothing.
func (db *DB) DeleteRun(ctx context.Context, id int64) error {
	if err := domain.ValidID(id); err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		r, err := findRun(ctx, tx, id)
		if err != nil {
			return err
		}
		if r.TandemCount > 0 {
			return domain.Conflict("run.in_use", "name", r.Name, "count", r.TandemCount)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM runs WHERE id = ?`, id); err != nil {
			if isConstraint(err) {
				return domain.Conflict("run.in_use", "name", r.Name, "count", 1)
			}
			return wrapf(err, "delete run %d", id)
		}
		return nil
	})
}
