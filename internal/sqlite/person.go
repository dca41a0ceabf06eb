package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"

	"tandem/internal/domain"
)

// personFields are one person's values (people p, joined as in
// personFrom), packed by SQLite into a JSON array that readPerson decodes.
// One packed value instead of seventeen columns: modernc.org/sqlite takes a
// mutex for every column value it hands over, which alone made reading a
// 1,000-person page cost milliseconds. NULLs arrive as null and read as ""
// or 0.
const personFields = `p.id, p.salutation, p.first_name, p.last_name, p.email, p.phone,
	p.department_id, d.name,
	(SELECT group_concat(r.role) FROM person_roles r WHERE r.person_id = p.id),
	p.start_date, p.exit_date,
	p.line_manager_id, m.first_name || ' ' || m.last_name,
	p.note, p.archived_at IS NOT NULL, p.created_at, p.updated_at`

const personFrom = ` FROM people p
	LEFT JOIN departments d ON d.id = p.department_id
	LEFT JOIN people m ON m.id = p.line_manager_id`

func scanPerson(row interface{ Scan(...any) error }) (domain.Person, error) {
	var packed string
	if err := row.Scan(&packed); err != nil {
		return domain.Person{}, err
	}
	r := newJSONRow(packed)
	p := readPerson(&r)
	return p, r.end()
}

// readPerson reads personFields in their order.
func readPerson(r *jsonRow) domain.Person {
	var p domain.Person
	p.ID = r.int()
	p.Salutation = r.str()
	p.FirstName = r.str()
	p.LastName = r.str()
	p.Email = r.str()
	p.Phone = r.str()
	p.DepartmentID = r.int()
	p.DepartmentName = r.str()
	p.Roles = parseRoles(r.str())
	p.StartDate = r.str()
	p.ExitDate = r.str()
	p.LineManagerID = r.int()
	p.LineManagerName = r.str()
	p.Note = r.str()
	p.Archived = r.int() != 0
	p.CreatedAt = r.str()
	p.UpdatedAt = r.str()
	return p
}

// parseRoles turns group_concat output into roles in display order.
func parseRoles(s string) []domain.Role {
	roles := []domain.Role{}
	for _, r := range domain.Roles {
		for rest := s; rest != ""; {
			var have string
			have, rest, _ = strings.Cut(rest, ",")
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
//
// The page is one query ordered by sort_key with a LIMIT, which SQLite
// answers by walking people_sort and stopping after Limit matches (or, for
// one department, sorting its people), and it joins names and roles for the
// people on the page only. It returns the whole page as one value (see
// personFields and readPage). A page shorter than Limit holds every match,
// so Total is its length; only a full page needs a count over all matches.
// Both run in one read transaction, so Total always agrees with the page.
func (db *DB) People(ctx context.Context, f domain.PersonFilter) (domain.PersonList, error) {
	if err := f.Validate(); err != nil {
		return domain.PersonList{}, err
	}
	where, args := personWhere(f)
	// One line of JSON per person; JSON text never holds a raw newline.
	page, err := db.readStmt(ctx, `SELECT coalesce(group_concat(person, char(10)), '')
		FROM (SELECT json_array(`+personFields+`, p.sort_key) AS person`+personFrom+where+`
			ORDER BY p.sort_key, p.id LIMIT ?)`)
	if err != nil {
		return domain.PersonList{}, wrapf(err, "prepare people list")
	}
	count, err := db.readStmt(ctx, `SELECT count(*) FROM people p`+where)
	if err != nil {
		return domain.PersonList{}, wrapf(err, "prepare people count")
	}
	list := domain.PersonList{People: []domain.Person{}}
	err = db.view(ctx, func(tx *sql.Tx) error {
		var packed string
		err := tx.StmtContext(ctx, page).QueryRowContext(ctx, append(slices.Clip(args), f.Limit)...).Scan(&packed)
		if err != nil {
			return wrapf(err, "list people")
		}
		if list.People, err = readPage(packed); err != nil {
			return wrapf(err, "read people")
		}
		list.Total = len(list.People)
		if list.Total < f.Limit {
			return nil // every match is on the page
		}
		err = tx.StmtContext(ctx, count).QueryRowContext(ctx, args...).Scan(&list.Total)
		return wrapf(err, "count people")
	})
	if err != nil {
		return domain.PersonList{People: []domain.Person{}}, err
	}
	return list, nil
}

// readPage decodes the people People's page query packs into lines of
// JSON: personFields and then the sort key. SQLite hands the subquery's
// rows to group_concat in ORDER BY order, but does not promise to, so the
// order is checked here and restored if need be. The people's strings share
// the page's memory.
func readPage(page string) ([]domain.Person, error) {
	if page == "" {
		return []domain.Person{}, nil
	}
	people := make([]domain.Person, 0, strings.Count(page, "\n")+1)
	keys := make([]string, 0, cap(people))
	sorted := true
	for line := range strings.SplitSeq(page, "\n") {
		r := newJSONRow(line)
		p := readPerson(&r)
		key := r.str()
		if err := r.end(); err != nil {
			return nil, err
		}
		if n := len(people); n > 0 && cmpPeople(keys[n-1], people[n-1].ID, key, p.ID) > 0 {
			sorted = false
		}
		people = append(people, p)
		keys = append(keys, key)
	}
	if !sorted {
		order := make([]int, len(people))
		for i := range order {
			order[i] = i
		}
		slices.SortFunc(order, func(a, b int) int {
			return cmpPeople(keys[a], people[a].ID, keys[b], people[b].ID)
		})
		sortedPeople := make([]domain.Person, len(people))
		for i, j := range order {
			sortedPeople[i] = people[j]
		}
		people = sortedPeople
	}
	return people, nil
}

// cmpPeople orders like ORDER BY p.sort_key, p.id (BINARY collation
// compares bytes, as Go compares strings).
func cmpPeople(keyA string, idA int64, keyB string, idB int64) int {
	if c := strings.Compare(keyA, keyB); c != 0 {
		return c
	}
	return cmp.Compare(idA, idB)
}

// personWhere turns a validated filter into a WHERE clause over people p
// (empty when nothing is filtered) and its arguments. It refers to no other
// table in the FROM clause, so the page query and the count share it.
func personWhere(f domain.PersonFilter) (string, []any) {
	var where []string
	var args []any
	terms := strings.Fields(fold(f.Query))
	if len(terms) > maxSearchTerms {
		terms = terms[:maxSearchTerms]
	}
	for _, t := range terms {
		// The department test is an uncorrelated IN list, which SQLite
		// evaluates once per query instead of once per person.
		where = append(where, `(p.search_key LIKE ? ESCAPE '\'
			OR p.department_id IN (SELECT id FROM departments WHERE name_key LIKE ? ESCAPE '\'))`)
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
	if len(where) == 0 {
		return "", args
	}
	return ` WHERE ` + strings.Join(where, " AND "), args
}

// Person returns one person or ENOTFOUND.
func (db *DB) Person(ctx context.Context, id int64) (domain.Person, error) {
	return findPerson(ctx, db.read, id)
}

func findPerson(ctx context.Context, q queryer, id int64) (domain.Person, error) {
	if err := domain.ValidID(id); err != nil {
		return domain.Person{}, err
	}
	p, err := scanPerson(q.QueryRowContext(ctx, `SELECT json_array(`+personFields+`)`+personFrom+` WHERE p.id = ?`, id))
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
