package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"tandem/internal/domain"
)

const personColumns = `p.id, p.salutation, p.first_name, p.last_name, p.email, p.phone,
	coalesce(p.department_id, 0), coalesce(d.name, ''),
	coalesce((SELECT group_concat(r.role) FROM person_roles r WHERE r.person_id = p.id), ''),
	coalesce(p.start_date, ''), coalesce(p.exit_date, ''),
	coalesce(p.line_manager_id, 0), coalesce(m.first_name || ' ' || m.last_name, ''),
	p.note, p.archived_at IS NOT NULL, p.created_at, p.updated_at`

const personFrom = ` FROM people p
	LEFT JOIN departments d ON d.id = p.department_id
	LEFT JOIN people m ON m.id = p.line_manager_id`

func scanPerson(row interface{ Scan(...any) error }, extra ...any) (domain.Person, error) {
	var p domain.Person
	var roles string
	dest := []any{&p.ID, &p.Salutation, &p.FirstName, &p.LastName, &p.Email, &p.Phone,
		&p.DepartmentID, &p.DepartmentName, &roles, &p.StartDate, &p.ExitDate,
		&p.LineManagerID, &p.LineManagerName, &p.Note, &p.Archived, &p.CreatedAt, &p.UpdatedAt}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return p, err
	}
	p.Roles = parseRoles(roles)
	return p, nil
}

// parseRoles turns group_concat output into roles in display order.
func parseRoles(s string) []domain.Role {
	roles := []domain.Role{}
	for _, r := range domain.Roles {
		for _, have := range strings.Split(s, ",") {
			if domain.Role(have) == r {
				roles = append(roles, r)
			}
		}
	}
	return roles
}

// maxSearchTerms bounds how many words of a query are matched.
const maxSearchTerms = 6

// People lists people matching the filter in German alphabetical order
// (last name, first name). Every word of the query must occur in a name,
// the e-mail address, phone or department, regardless of case and umlauts.
func (db *DB) People(ctx context.Context, f domain.PersonFilter) (domain.PersonList, error) {
	if err := f.Validate(); err != nil {
		return domain.PersonList{}, err
	}
	var where []string
	var args []any
	terms := strings.Fields(fold(f.Query))
	if len(terms) > maxSearchTerms {
		terms = terms[:maxSearchTerms]
	}
	for _, t := range terms {
		where = append(where, `(p.search_key LIKE ? ESCAPE '\' OR d.name_key LIKE ? ESCAPE '\')`)
		args = append(args, likePattern(t), likePattern(t))
	}
	if f.Role != "" {
		where = append(where, `EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = p.id AND r.role = ?)`)
		args = append(args, string(f.Role))
	}
	if f.DepartmentID != 0 {
		where = append(where, `p.department_id = ?`)
		args = append(args, f.DepartmentID)
	}
	if !f.IncludeArchived {
		where = append(where, `p.archived_at IS NULL`)
	}
	q := `SELECT ` + personColumns + `, count(*) OVER ()` + personFrom
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	q += ` ORDER BY p.sort_key, p.id LIMIT ?`
	args = append(args, f.Limit)

	list := domain.PersonList{People: []domain.Person{}}
	rows, err := db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return list, wrapf(err, "list people")
	}
	defer rows.Close()
	for rows.Next() {
		p, err := scanPerson(rows, &list.Total)
		if err != nil {
			return list, wrapf(err, "scan person")
		}
		list.People = append(list.People, p)
	}
	return list, wrapf(rows.Err(), "list people")
}

// Person returns one person or ENOTFOUND.
func (db *DB) Person(ctx context.Context, id int64) (domain.Person, error) {
	return findPerson(ctx, db.read, id)
}

func findPerson(ctx context.Context, q queryer, id int64) (domain.Person, error) {
	if err := domain.ValidID(id); err != nil {
		return domain.Person{}, err
	}
	p, err := scanPerson(q.QueryRowContext(ctx, `SELECT `+personColumns+personFrom+` WHERE p.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return p, domain.NotFound("person")
	}
	return p, wrapf(err, "get person %d", id)
}

// CreatePerson stores a new person with their roles.
func (db *DB) CreatePerson(ctx context.Context, in domain.PersonInput) (domain.Person, error) {
	if err := in.Validate(); err != nil {
		return domain.Person{}, err
	}
	var p domain.Person
	err := db.update(ctx, func(tx *Tx) error {
		if err := checkPersonRefs(ctx, tx, 0, in, domain.Person{}); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO people (salutation, first_name, last_name, email, phone,
			department_id, start_date, exit_date, line_manager_id, note, sort_key, search_key, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, personValues(in, tx.now, tx.now)...)
		if err != nil {
			return wrapf(err, "insert person")
		}
		id, _ := res.LastInsertId()
		if err := setRoles(ctx, tx, id, in.Roles); err != nil {
			return err
		}
		p, err = findPerson(ctx, tx, id)
		return err
	})
	return p, err
}

// UpdatePerson replaces a person's data and roles.
func (db *DB) UpdatePerson(ctx context.Context, id int64, in domain.PersonInput) (domain.Person, error) {
	if err := domain.ValidID(id); err != nil {
		return domain.Person{}, err
	}
	if err := in.Validate(); err != nil {
		return domain.Person{}, err
	}
	var p domain.Person
	err := db.update(ctx, func(tx *Tx) error {
		old, err := findPerson(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := checkPersonRefs(ctx, tx, id, in, old); err != nil {
			return err
		}
		args := personValues(in, tx.now)
		if _, err := tx.ExecContext(ctx, `UPDATE people SET salutation = ?, first_name = ?, last_name = ?, email = ?,
			phone = ?, department_id = ?, start_date = ?, exit_date = ?, line_manager_id = ?, note = ?,
			sort_key = ?, search_key = ?, updated_at = ? WHERE id = ?`, append(args, id)...); err != nil {
			return wrapf(err, "update person %d", id)
		}
		if err := setRoles(ctx, tx, id, in.Roles); err != nil {
			return err
		}
		p, err = findPerson(ctx, tx, id)
		return err
	})
	return p, err
}

func personValues(in domain.PersonInput, times ...string) []any {
	v := []any{in.Salutation, in.FirstName, in.LastName, in.Email, in.Phone,
		nullID(in.DepartmentID), nullString(in.StartDate), nullString(in.ExitDate), nullID(in.LineManagerID), in.Note,
		fold(in.LastName + " " + in.FirstName),
		searchKey(in.FirstName, in.LastName, in.Email, in.Phone)}
	for _, t := range times {
		v = append(v, t)
	}
	return v
}

// checkPersonRefs checks what validation cannot see without the database:
// the department exists and is not archived (unless unchanged), the line
// manager exists, is not the person and is not managed by them.
func checkPersonRefs(ctx context.Context, tx *Tx, id int64, in domain.PersonInput, old domain.Person) error {
	if in.DepartmentID != 0 {
		d, err := findDepartment(ctx, tx, in.DepartmentID)
		if domain.ErrorCode(err) == domain.ENOTFOUND {
			return domain.Invalid("departmentId", "department.not_found")
		} else if err != nil {
			return err
		}
		if d.Archived && d.ID != old.DepartmentID {
			return domain.Invalid("departmentId", "department.archived", "name", d.Name)
		}
	}
	if in.LineManagerID == 0 {
		return nil
	}
	if in.LineManagerID == id {
		return domain.Invalid("lineManagerId", "person.line_manager.self")
	}
	if _, err := findPerson(ctx, tx, in.LineManagerID); domain.ErrorCode(err) == domain.ENOTFOUND {
		return domain.Invalid("lineManagerId", "person.line_manager.not_found")
	} else if err != nil {
		return err
	}
	if id == 0 {
		return nil
	}
	// Walk up from the proposed manager; meeting the person means a cycle.
	var cycle bool
	err := tx.QueryRowContext(ctx, `WITH RECURSIVE chain(id) AS (
			SELECT ?1 UNION SELECT p.line_manager_id FROM people p JOIN chain ON p.id = chain.id
			WHERE p.line_manager_id IS NOT NULL)
		SELECT EXISTS (SELECT 1 FROM chain WHERE id = ?2)`, in.LineManagerID, id).Scan(&cycle)
	if err != nil {
		return wrapf(err, "check line manager chain")
	}
	if cycle {
		return domain.Invalid("lineManagerId", "person.line_manager.cycle")
	}
	return nil
}

func setRoles(ctx context.Context, tx *Tx, id int64, roles []domain.Role) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM person_roles WHERE person_id = ?`, id); err != nil {
		return wrapf(err, "clear roles")
	}
	for _, r := range roles {
		if _, err := tx.ExecContext(ctx, `INSERT INTO person_roles (person_id, role) VALUES (?, ?)`, id, string(r)); err != nil {
			return wrapf(err, "add role")
		}
	}
	return nil
}

// SetPersonArchived archives (hides from lists but keeps) or restores a person.
func (db *DB) SetPersonArchived(ctx context.Context, id int64, archived bool) (domain.Person, error) {
	if err := domain.ValidID(id); err != nil {
		return domain.Person{}, err
	}
	var p domain.Person
	err := db.update(ctx, func(tx *Tx) error {
		if _, err := findPerson(ctx, tx, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE people
			SET archived_at = CASE WHEN ?1 THEN coalesce(archived_at, ?2) END, updated_at = ?2 WHERE id = ?3`,
			archived, tx.now, id); err != nil {
			return wrapf(err, "archive person %d", id)
		}
		var err error
		p, err = findPerson(ctx, tx, id)
		return err
	})
	return p, err
}

// DeletePerson removes a person and their roles. While other records refer
// to them (they are someone's line manager) it fails with ECONFLICT and
// changes nothing.
func (db *DB) DeletePerson(ctx context.Context, id int64) error {
	if err := domain.ValidID(id); err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		p, err := findPerson(ctx, tx, id)
		if err != nil {
			return err
		}
		var managed int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM people WHERE line_manager_id = ?`, id).Scan(&managed); err != nil {
			return wrapf(err, "count dependants")
		}
		if managed > 0 {
			return domain.Conflict("person.in_use.line_manager", "name", p.FirstName+" "+p.LastName, "count", managed)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM people WHERE id = ?`, id); err != nil {
			if isConstraint(err) {
				return domain.Conflict("person.in_use", "name", p.FirstName+" "+p.LastName)
			}
			return wrapf(err, "delete person %d", id)
		}
		return nil
	})
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}
