package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"tandem/internal/domain"
)

// Programme templates (Programmvorlagen): one row in templates, their
// phases and topics in template_phases and template_topics by position.
// A template is always read and written whole.

const templateColumns = `t.id, t.kind, t.name, t.description, t.duration_weeks, t.probation_weeks,
	t.attendance_percent, t.feedback_prompts, t.competencies, t.builtin_key IS NOT NULL, t.archived_at IS NOT NULL,
	t.created_at, t.updated_at`

// templateQueryer is what reading a template needs: a read or write transaction.
type templateQueryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func scanTemplate(row interface{ Scan(...any) error }) (domain.Template, error) {
	var t domain.Template
	var prompts, competencies string
	err := row.Scan(&t.ID, &t.Kind, &t.Name, &t.Description, &t.DurationWeeks, &t.ProbationWeeks,
		&t.AttendancePercent, &prompts, &competencies, &t.Builtin, &t.Archived, &t.CreatedAt, &t.UpdatedAt)
	if err != nil {
		return t, err
	}
	t.Phases, t.Topics = []domain.Phase{}, []domain.Topic{}
	if err := json.Unmarshal([]byte(prompts), &t.FeedbackPrompts); err != nil {
		return t, fmt.Errorf("template %d feedback prompts: %w", t.ID, err)
	}
	if t.FeedbackPrompts == nil {
		t.FeedbackPrompts = []string{}
	}
	if err := json.Unmarshal([]byte(competencies), &t.Competencies); err != nil {
		return t, fmt.Errorf("template %d competencies: %w", t.ID, err)
	}
	if t.Competencies == nil {
		t.Competencies = []string{}
	}
	return t, nil
}

// Templates lists templates by name, each with its phases and topics;
// archived ones only when asked.
func (db *DB) Templates(ctx context.Context, includeArchived bool) ([]domain.Template, error) {
	var list []domain.Template
	err := db.view(ctx, func(tx *sql.Tx) error {
		var err error
		list, err = readTemplates(ctx, tx, `?1 OR t.archived_at IS NULL`, includeArchived)
		return err
	})
	return list, err
}

// Template returns one template with its phases and topics, or ENOTFOUND.
func (db *DB) Template(ctx context.Context, id int64) (domain.Template, error) {
	if err := domain.ValidID(id); err != nil {
		return domain.Template{}, err
	}
	var t domain.Template
	err := db.view(ctx, func(tx *sql.Tx) error {
		var err error
		t, err = findTemplate(ctx, tx, id)
		return err
	})
	return t, err
}

// findTemplate reads template id whole (phases, topics) inside the caller's
// read or write transaction, or fails with ENOTFOUND.
func findTemplate(ctx context.Context, q templateQueryer, id int64) (domain.Template, error) {
	list, err := readTemplates(ctx, q, `t.id = ?1`, id)
	if err != nil {
		return domain.Template{}, err
	}
	if len(list) == 0 {
		return domain.Template{}, domain.NotFound("template")
	}
	return list[0], nil
}

// readTemplates reads, by name, the templates t that filter selects (an
// SQL condition with one argument ?1, never user text), then their phases
// and topics, all in the caller's transaction.
func readTemplates(ctx context.Context, q templateQueryer, filter string, arg any) ([]domain.Template, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+templateColumns+` FROM templates t WHERE `+filter+` ORDER BY t.name_key, t.id`, arg)
	if err != nil {
		return nil, wrapf(err, "list templates")
	}
	list := []domain.Template{}
	byID := map[int64]int{}
	for rows.Next() {
		t, err := scanTemplate(rows)
		if err != nil {
			rows.Close()
			return nil, wrapf(err, "scan template")
		}
		byID[t.ID] = len(list)
		list = append(list, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, wrapf(err, "list templates")
	}
	if len(list) == 0 {
		return list, nil
	}
	sub := `(SELECT t.id FROM templates t WHERE ` + filter + `)`

	// How many runs and plans use each template: the UI offers deletion
	// only for templates nothing uses.
	rows, err = q.QueryContext(ctx, `SELECT template_id, 'run', count(*) FROM runs WHERE template_id IN `+sub+` GROUP BY template_id
		UNION ALL SELECT template_id, 'plan', count(*) FROM plans WHERE template_id IN `+sub+` GROUP BY template_id`, arg)
	if err != nil {
		return nil, wrapf(err, "count template users")
	}
	for rows.Next() {
		var id int64
		var kind string
		var n int
		if err := rows.Scan(&id, &kind, &n); err != nil {
			rows.Close()
			return nil, wrapf(err, "scan template users")
		}
		if i, ok := byID[id]; ok && kind == "run" {
			list[i].RunCount = n
		} else if ok {
			list[i].PlanCount = n
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, wrapf(err, "count template users")
	}

	rows, err = q.QueryContext(ctx, `SELECT template_id, name, description FROM template_phases
		WHERE template_id IN `+sub+` ORDER BY template_id, position`, arg)
	if err != nil {
		return nil, wrapf(err, "list template phases")
	}
	for rows.Next() {
		var id int64
		var p domain.Phase
		if err := rows.Scan(&id, &p.Name, &p.Description); err != nil {
			rows.Close()
			return nil, wrapf(err, "scan template phase")
		}
		if i, ok := byID[id]; ok {
			list[i].Phases = append(list[i].Phases, p)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, wrapf(err, "list template phases")
	}

	rows, err = q.QueryContext(ctx, `SELECT template_id, phase, title, description, legal_reference,
		start_week, end_week, responsible_role, checklist, speaker, kind FROM template_topics
		WHERE template_id IN `+sub+` ORDER BY template_id, position`, arg)
	if err != nil {
		return nil, wrapf(err, "list template topics")
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var tp domain.Topic
		var checklist string
		if err := rows.Scan(&id, &tp.Phase, &tp.Title, &tp.Description, &tp.LegalReference,
			&tp.StartWeek, &tp.EndWeek, &tp.ResponsibleRole, &checklist, &tp.Speaker, &tp.Kind); err != nil {
			return nil, wrapf(err, "scan template topic")
		}
		if err := json.Unmarshal([]byte(checklist), &tp.Checklist); err != nil {
			return nil, wrapf(err, "template %d checklist", id)
		}
		if tp.Checklist == nil {
			tp.Checklist = []string{}
		}
		if i, ok := byID[id]; ok {
			list[i].Topics = append(list[i].Topics, tp)
		}
	}
	return list, wrapf(rows.Err(), "list template topics")
}

// validTemplate returns a cleaned deep copy of t, or its first problem.
func validTemplate(t domain.Template) (domain.Template, error) {
	c := t.Clone()
	return c, c.Validate()
}

// CreateTemplate stores a new, own template (not builtin, not archived);
// names are unique regardless of case and umlauts.
func (db *DB) CreateTemplate(ctx context.Context, in domain.Template) (domain.Template, error) {
	t, err := validTemplate(in)
	if err != nil {
		return domain.Template{}, err
	}
	var out domain.Template
	err = db.update(ctx, func(tx *Tx) error {
		if err := templateNameFree(ctx, tx, t.Name, 0); err != nil {
			return err
		}
		id, err := insertTemplate(ctx, tx, t, nil)
		if err != nil {
			return err
		}
		out, err = findTemplate(ctx, tx, id)
		return err
	})
	return out, err
}

// UpdateTemplate replaces a template's fields, phases and topics. Runs and
// plans made from it keep what they copied. Builtin and archived state stay.
func (db *DB) UpdateTemplate(ctx context.Context, id int64, in domain.Template) (domain.Template, error) {
	if err := domain.ValidID(id); err != nil {
		return domain.Template{}, err
	}
	t, err := validTemplate(in)
	if err != nil {
		return domain.Template{}, err
	}
	var out domain.Template
	err = db.update(ctx, func(tx *Tx) error {
		if err := templateExists(ctx, tx, id); err != nil {
			return err
		}
		if err := templateNameFree(ctx, tx, t.Name, id); err != nil {
			return err
		}
		prompts, err := templateJSONList(t.FeedbackPrompts)
		if err != nil {
			return err
		}
		competencies, err := templateJSONList(t.Competencies)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE templates SET kind = ?, name = ?, name_key = ?, description = ?,
			duration_weeks = ?, probation_weeks = ?, attendance_percent = ?, feedback_prompts = ?, competencies = ?,
			updated_at = ? WHERE id = ?`, string(t.Kind), t.Name, fold(t.Name), t.Description, t.DurationWeeks, t.ProbationWeeks,
			t.AttendancePercent, prompts, competencies, tx.now, id); err != nil {
			return wrapf(err, "update template %d", id)
		}
		if err := writeTemplateParts(ctx, tx, id, t); err != nil {
			return err
		}
		out, err = findTemplate(ctx, tx, id)
		return err
	})
	return out, err
}

// CopyTemplate stores a copy of a template as an own one (not builtin,
// not archived) named „Kopie von X“, or „Kopie von X (2)“ and so on when
// that name is taken.
func (db *DB) CopyTemplate(ctx context.Context, id int64) (domain.Template, error) {
	if err := domain.ValidID(id); err != nil {
		return domain.Template{}, err
	}
	var out domain.Template
	err := db.update(ctx, func(tx *Tx) error {
		src, err := findTemplate(ctx, tx, id)
		if err != nil {
			return err
		}
		name, err := freeTemplateName(ctx, tx, func(n int) string {
			if n == 1 {
				return templateNameWithAffixes("Kopie von ", src.Name, "")
			}
			return templateNameWithAffixes("Kopie von ", src.Name, fmt.Sprintf(" (%d)", n))
		})
		if err != nil {
			return err
		}
		src.Name = name
		newID, err := insertTemplate(ctx, tx, src, nil)
		if err != nil {
			return err
		}
		out, err = findTemplate(ctx, tx, newID)
		return err
	})
	return out, err
}

// ImportTemplate stores an imported template as a new, own one. When its
// name is taken it is stored as „X (importiert)“, „X (importiert 2)“ and so
// on; the stored template tells the caller under which name.
func (db *DB) ImportTemplate(ctx context.Context, in domain.Template) (domain.Template, error) {
	t, err := validTemplate(in)
	if err != nil {
		return domain.Template{}, err
	}
	var out domain.Template
	err = db.update(ctx, func(tx *Tx) error {
		t := t // a retried transaction starts from the given name again
		name, err := freeTemplateName(ctx, tx, func(n int) string {
			switch n {
			case 1:
				return t.Name
			case 2:
				return templateNameWithAffixes("", t.Name, " (importiert)")
			}
			return templateNameWithAffixes("", t.Name, fmt.Sprintf(" (importiert %d)", n-1))
		})
		if err != nil {
			return err
		}
		t.Name = name
		id, err := insertTemplate(ctx, tx, t, nil)
		if err != nil {
			return err
		}
		out, err = findTemplate(ctx, tx, id)
		return err
	})
	return out, err
}

// SeedTemplates stores, in one transaction, each shipped template whose key
// is not in the database yet, and returns how many it stored. Rows seeded
// before are never touched, so a user's edits survive updates of the app.
// A seed whose name an own template already has is stored as
// „X (mitgeliefert)“. Nothing is stored when any seed is invalid.
func (db *DB) SeedTemplates(ctx context.Context, seeds []domain.BuiltinTemplate) (int, error) {
	clean := make([]domain.BuiltinTemplate, len(seeds))
	for i, s := range seeds {
		clean[i] = domain.BuiltinTemplate{Key: s.Key, Template: s.Template.Clone()}
		if err := clean[i].Validate(); err != nil {
			return 0, err
		}
	}
	added := 0
	err := db.update(ctx, func(tx *Tx) error {
		added = 0
		for _, s := range clean {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM templates WHERE builtin_key = ?`, s.Key).Scan(&n); err != nil {
				return wrapf(err, "check builtin template %s", s.Key)
			}
			if n > 0 {
				continue
			}
			t := s.Template
			name, err := freeTemplateName(ctx, tx, func(n int) string {
				switch n {
				case 1:
					return t.Name
				case 2:
					return templateNameWithAffixes("", t.Name, " (mitgeliefert)")
				}
				return templateNameWithAffixes("", t.Name, fmt.Sprintf(" (mitgeliefert %d)", n-1))
			})
			if err != nil {
				return err
			}
			t.Name = name
			key := s.Key
			if _, err := insertTemplate(ctx, tx, t, &key); err != nil {
				return err
			}
			added++
		}
		return nil
	})
	return added, err
}

// SetTemplateArchived archives (hides from choices but keeps) or restores a template.
func (db *DB) SetTemplateArchived(ctx context.Context, id int64, archived bool) (domain.Template, error) {
	if err := domain.ValidID(id); err != nil {
		return domain.Template{}, err
	}
	var out domain.Template
	err := db.update(ctx, func(tx *Tx) error {
		if err := templateExists(ctx, tx, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE templates
			SET archived_at = CASE WHEN ?1 THEN coalesce(archived_at, ?2) END, updated_at = ?2 WHERE id = ?3`,
			archived, tx.now, id); err != nil {
			return wrapf(err, "archive template %d", id)
		}
		var err error
		out, err = findTemplate(ctx, tx, id)
		return err
	})
	return out, err
}

// DeleteTemplate removes an own template that no run or plan uses. While
// runs or plans use it, it fails with ECONFLICT template.in_use; a shipped
// template fails with ECONFLICT template.builtin (it would be seeded again
// at the next start), both times changing nothing: archive it instead.
func (db *DB) DeleteTemplate(ctx context.Context, id int64) error {
	if err := domain.ValidID(id); err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		var name string
		var builtin bool
		err := tx.QueryRowContext(ctx, `SELECT name, builtin_key IS NOT NULL FROM templates WHERE id = ?`, id).Scan(&name, &builtin)
		if errors.Is(err, sql.ErrNoRows) {
			return domain.NotFound("template")
		}
		if err != nil {
			return wrapf(err, "get template %d", id)
		}
		var runs, plans int
		if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM runs WHERE template_id = ?1),
			(SELECT count(*) FROM plans WHERE template_id = ?1)`, id).Scan(&runs, &plans); err != nil {
			return wrapf(err, "count template users")
		}
		if runs+plans > 0 {
			return domain.Conflict("template.in_use", "name", name, "count", runs+plans, "runs", runs, "plans", plans)
		}
		if builtin {
			return domain.Conflict("template.builtin", "name", name)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM templates WHERE id = ?`, id); err != nil {
			if isConstraint(err) {
				return domain.Conflict("template.in_use.other", "name", name)
			}
			return wrapf(err, "delete template %d", id)
		}
		return nil
	})
}

func templateExists(ctx context.Context, tx *Tx, id int64) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM templates WHERE id = ?`, id).Scan(&n); err != nil {
		return wrapf(err, "get template %d", id)
	}
	if n == 0 {
		return domain.NotFound("template")
	}
	return nil
}

func templateNameFree(ctx context.Context, tx *Tx, name string, exceptID int64) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM templates WHERE name_key = ? AND id <> ?`,
		fold(name), exceptID).Scan(&n); err != nil {
		return wrapf(err, "check template name")
	}
	if n > 0 {
		e := domain.Conflict("template.name.taken", "name", name)
		e.Field = "name"
		return e
	}
	return nil
}

// maxTemplateNameAttempts bounds the search for a free name; beyond it the
// name counts as taken.
const maxTemplateNameAttempts = 1000

// freeTemplateName returns the first of candidate(1), candidate(2), … that
// no template has (compared folded).
func freeTemplateName(ctx context.Context, tx *Tx, candidate func(n int) string) (string, error) {
	for n := 1; n <= maxTemplateNameAttempts; n++ {
		name := candidate(n)
		var taken int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM templates WHERE name_key = ?`, fold(name)).Scan(&taken); err != nil {
			return "", wrapf(err, "check template name")
		}
		if taken == 0 {
			return name, nil
		}
	}
	e := domain.Conflict("template.name.taken", "name", candidate(1))
	e.Field = "name"
	return "", e
}

// withAffixes returns prefix+base+suffix, shortening base so that the
// whole stays within the name limit.
func templateNameWithAffixes(prefix, base, suffix string) string {
	room := domain.MaxTemplateNameLen - utf8.RuneCountInString(prefix) - utf8.RuneCountInString(suffix)
	if utf8.RuneCountInString(base) > room {
		base = strings.TrimSpace(string([]rune(base)[:room]))
	}
	return prefix + base + suffix
}

// insertTemplate stores t (valid) with its phases and topics as a new row,
// not archived; builtinKey is nil for own templates.
func insertTemplate(ctx context.Context, tx *Tx, t domain.Template, builtinKey *string) (int64, error) {
	prompts, err := templateJSONList(t.FeedbackPrompts)
	if err != nil {
		return 0, err
	}
	competencies, err := templateJSONList(t.Competencies)
	if err != nil {
		return 0, err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO templates (kind, name, name_key, description, duration_weeks,
		probation_weeks, attendance_percent, feedback_prompts, competencies, builtin_key, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, string(t.Kind), t.Name, fold(t.Name), t.Description, t.DurationWeeks,
		t.ProbationWeeks, t.AttendancePercent, prompts, competencies, builtinKey, tx.now, tx.now)
	if err != nil {
		if isConstraint(err) {
			e := domain.Conflict("template.name.taken", "name", t.Name)
			e.Field = "name"
			return 0, e
		}
		return 0, wrapf(err, "insert template")
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, wrapf(err, "insert template")
	}
	return id, writeTemplateParts(ctx, tx, id, t)
}

// writeTemplateParts replaces the phases and topics of template id with t's.
func writeTemplateParts(ctx context.Context, tx *Tx, id int64, t domain.Template) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM template_phases WHERE template_id = ?`, id); err != nil {
		return wrapf(err, "clear template phases %d", id)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM template_topics WHERE template_id = ?`, id); err != nil {
		return wrapf(err, "clear template topics %d", id)
	}
	if len(t.Phases) > 0 {
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO template_phases (template_id, position, name, description) VALUES (?, ?, ?, ?)`)
		if err != nil {
			return wrapf(err, "prepare template phases")
		}
		defer stmt.Close()
		for i, p := range t.Phases {
			if _, err := stmt.ExecContext(ctx, id, i, p.Name, p.Description); err != nil {
				return wrapf(err, "insert template phase")
			}
		}
	}
	if len(t.Topics) > 0 {
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO template_topics (template_id, position, phase, title, description,
			legal_reference, start_week, end_week, responsible_role, checklist, speaker, kind)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return wrapf(err, "prepare template topics")
		}
		defer stmt.Close()
		for i, tp := range t.Topics {
			checklist, err := templateJSONList(tp.Checklist)
			if err != nil {
				return err
			}
			if _, err := stmt.ExecContext(ctx, id, i, tp.Phase, tp.Title, tp.Description, tp.LegalReference,
				tp.StartWeek, tp.EndWeek, string(tp.ResponsibleRole), checklist, tp.Speaker, string(tp.Kind)); err != nil {
				return wrapf(err, "insert template topic")
			}
		}
	}
	return nil
}

// templateJSONList encodes a list of strings as a JSON array ("[]" for none).
func templateJSONList(list []string) (string, error) {
	if list == nil {
		list = []string{}
	}
	b, err := json.Marshal(list)
	if err != nil {
		return "", domain.Internal(err, "encode list")
	}
	return string(b), nil
}
