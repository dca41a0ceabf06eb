package sqlite_test

import (
	"database/sql"
	"strings"
	"testing"

	"tandem/internal/domain"
	"tandem/internal/sqlite"
)

// personCol is a column that refers to a person.
type personCol struct{ table, column string }

// personColumns reads the schema: every column that is a foreign key to
// people, and every column named like one (personColumn) without a key.
func personColumns(t *testing.T, raw *sql.DB) []personCol {
	t.Helper()
	rows, err := raw.Query(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, n)
	}
	rows.Close()
	var out []personCol
	for _, tbl := range tables {
		seen := map[string]bool{}
		fks, err := raw.Query(`SELECT "from" FROM pragma_foreign_key_list(?) WHERE "table" = 'people' ORDER BY "from"`, tbl)
		if err != nil {
			t.Fatal(err)
		}
		for fks.Next() {
			var c string
			if err := fks.Scan(&c); err != nil {
				t.Fatal(err)
			}
			seen[c] = true
			out = append(out, personCol{tbl, c})
		}
		fks.Close()
		cols, err := raw.Query(`SELECT name FROM pragma_table_info(?) ORDER BY cid`, tbl)
		if err != nil {
			t.Fatal(err)
		}
		for cols.Next() {
			var c string
			if err := cols.Scan(&c); err != nil {
				t.Fatal(err)
			}
			if !seen[c] && personColumn.MatchString(c) {
				seen[c] = true
				out = append(out, personCol{tbl, c})
			}
		}
		cols.Close()
	}
	if len(out) < 10 {
		t.Fatalf("only %d person columns found: %v", len(out), out)
	}
	return out
}

// Every column that refers to a person is named in its table's condition
// of the access export: a new person column fails here until it is covered.
func TestAccessExportCoversPersonColumns(t *testing.T) {
	db := MustOpenDB(t)
	raw := rawDB(t, db.Path())
	for _, pc := range personColumns(t, raw) {
		cond, ok := sqlite.AccessTables[pc.table]
		if !ok {
			t.Errorf("table %s has the person column %s but is not in the access export (sqlite.AccessTables)", pc.table, pc.column)
			continue
		}
		if !strings.Contains(cond, pc.column) {
			t.Errorf("column %s.%s refers to a person but the access export's condition for %s does not use it: %s", pc.table, pc.column, pc.table, cond)
		}
	}
}

// Erasure driven by the schema: the person is referred to by every person
// column of every table; afterwards no row anywhere refers to their id.
func TestErasePersonEveryPersonColumn(t *testing.T) {
	w := newSessionWorld(t)
	db := w.db
	m := w.mentee // mentee of w.tandem, newcomer of w.plan, has a role
	s := w.session(t, "2027-03-08", "09:30", 60)
	_ = s
	// Someone else's tandem, session and plan, where m is mentor, agreement
	// owner, responsible for an item and handover giver.
	other := progTandem(t, db, domain.TandemInput{RunID: w.run.ID, MenteeID: w.outsider.ID, MentorIDs: []int64{w.max.ID},
		StartDate: "2027-03-01", EndDate: "2027-08-31"})
	os2, err := db.CreateSession(ctx, domain.SessionInput{TandemID: other.ID, Date: "2027-04-01", StartTime: "10:00", DurationMinutes: 30})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddAgreement(ctx, os2.ID, domain.AgreementInput{Text: "Fremde Vereinbarung", OwnerID: m.ID}); err != nil {
		t.Fatal(err)
	}
	pl := progPlan(t, db, domain.PlanInput{NewcomerID: w.outsider.ID, TemplateID: w.plan.TemplateID, StartDate: "2027-03-01"})
	if _, err := db.AddHandover(ctx, pl.ID, domain.HandoverInput{Date: "2027-03-02", CaseCount: 3, FromID: m.ID}); err != nil {
		t.Fatal(err)
	}
	raw := progWriter(t, db)
	now := "2027-01-01T00:00:00Z"
	for _, q := range []string{
		`INSERT INTO tandem_mentors (tandem_id, mentor_id, position) VALUES (` + itoa(other.ID) + `, ?1, 1)`,
		`UPDATE plan_items SET responsible_id = ?1 WHERE plan_id = ` + itoa(pl.ID),
		`UPDATE people SET line_manager_id = ?1 WHERE id = ` + itoa(w.outsider.ID),
		`INSERT INTO groups (id, kind, name, name_key, created_at, updated_at) VALUES (900, 'peer_mentees', 'Peers', 'peers', '` + now + `', '` + now + `')`,
		`INSERT INTO group_members (group_id, person_id) VALUES (900, ?1)`,
		`INSERT INTO group_members (group_id, person_id) VALUES (900, ` + itoa(w.outsider.ID) + `)`,
		`INSERT INTO practice_projects (group_id, person_id, title, status, created_at, updated_at) VALUES (900, ?1, 'Projekt', 'planned', '` + now + `', '` + now + `')`,
		`INSERT INTO sessions (id, kind, group_id, date, start_time, duration_minutes, created_at, updated_at) VALUES (900, 'peer_group', 900, '2027-05-01', '10:00', 60, '` + now + `', '` + now + `')`,
		`INSERT INTO session_attendance (session_id, person_id, present) VALUES (900, ?1, 1)`,
		`INSERT INTO document_register (number, year, seq, kind, person_id, issued_at, sha256) VALUES ('JA-2027-0001', 2027, 1, 'certificate', ?1, '` + now + `', '` + strings.Repeat("0", 64) + `')`,
	} {
		if _, err := raw.Exec(q, m.ID); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	read := rawDB(t, db.Path())
	cols := personColumns(t, read)
	count := func(pc personCol) int {
		t.Helper()
		var n int
		// Table and column names come from the schema.
		if err := read.QueryRow(`SELECT count(*) FROM "`+pc.table+`" WHERE "`+pc.column+`" = ?`, m.ID).Scan(&n); err != nil {
			t.Fatalf("%s.%s: %v", pc.table, pc.column, err)
		}
		return n
	}
	for _, pc := range cols {
		if count(pc) == 0 {
			t.Errorf("fixture: no row of %s refers to the person through %s: extend this test for the new column", pc.table, pc.column)
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	if err := db.ErasePerson(ctx, m.ID, m.FirstName+" "+m.LastName); err != nil {
		t.Fatal(err)
	}
	for _, pc := range cols {
		if n := count(pc); n != 0 {
			t.Errorf("after erasure %d rows of %s still refer to the erased person through %s", n, pc.table, pc.column)
		}
	}
	var n int
	if err := read.QueryRow(`SELECT count(*) FROM people WHERE id = ?`, m.ID).Scan(&n); err != nil || n != 0 {
		t.Fatalf("person still there: %d %v", n, err)
	}
	// The others' records stay.
	for _, q := range []string{`SELECT count(*) FROM tandems WHERE id = ` + itoa(other.ID), `SELECT count(*) FROM plans WHERE id = ` + itoa(pl.ID),
		`SELECT count(*) FROM people WHERE id = ` + itoa(w.outsider.ID), `SELECT count(*) FROM groups WHERE id = 900`} {
		if err := read.QueryRow(q).Scan(&n); err != nil || n != 1 {
			t.Errorf("%s: %d %v", q, n, err)
		}
	}
}

// auditLines returns the audit lines after the one with id after.
func auditLines(t *testing.T, db *sqlite.DB, after int64) []domain.AuditEntry {
	t.Helper()
	list, err := db.AuditLogAll(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var out []domain.AuditEntry
	for _, e := range list {
		if e.ID > after {
			out = append(out, e)
		}
	}
	return out
}

func lastAuditID(t *testing.T, db *sqlite.DB) int64 {
	t.Helper()
	list, err := db.AuditLogAll(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) == 0 {
		return 0
	}
	return list[len(list)-1].ID
}

// auditHasNoContent checks the raw audit lines: only the fixed columns,
// none holding the given texts.
func auditHasNoContent(t *testing.T, db *sqlite.DB, texts ...string) {
	t.Helper()
	raw := rawDB(t, db.Path())
	rows, err := raw.Query(`SELECT * FROM audit_log`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	if strings.Join(cols, ",") != "id,at,os_user,action,record_kind,record_id" {
		t.Fatalf("audit columns %v", cols)
	}
	for rows.Next() {
		var id, recordID sql.NullInt64
		var at, user, action, kind string
		if err := rows.Scan(&id, &at, &user, &action, &kind, &recordID); err != nil {
			t.Fatal(err)
		}
		for _, s := range texts {
			if strings.Contains(at+user+action+kind, s) {
				t.Fatalf("content %q in audit line %d", s, id.Int64)
			}
		}
	}
}

// Saving a self-assessment or a practice project writes one audit line
// each, without content.
func TestAuditSelfAssessmentAndPracticeProject(t *testing.T) {
	w := newSessionWorld(t)
	db := w.db
	one := func(what string, after int64, action, kind string, id int64) {
		t.Helper()
		lines := auditLines(t, db, after)
		if len(lines) != 1 || lines[0].Action != action || lines[0].RecordKind != kind || lines[0].RecordID != id || lines[0].OSUser == "" {
			t.Fatalf("%s: audit lines %+v, want one %s %s %d", what, lines, action, kind, id)
		}
	}
	in := domain.SelfAssessmentInput{Stage: domain.StageStart, AssessedOn: "2027-03-02", Levels: levels(domain.DefaultCompetencies, 2)}
	before := lastAuditID(t, db)
	if _, err := db.SaveSelfAssessment(ctx, w.tandem.ID, in); err != nil {
		t.Fatal(err)
	}
	var aid int64
	if err := rawDB(t, db.Path()).QueryRow(`SELECT id FROM self_assessments WHERE tandem_id = ?`, w.tandem.ID).Scan(&aid); err != nil {
		t.Fatal(err)
	}
	one("new self-assessment", before, domain.AuditCreate, "self_assessment", aid)
	before = lastAuditID(t, db)
	in.Levels = levels(domain.DefaultCompetencies, 3)
	if _, err := db.SaveSelfAssessment(ctx, w.tandem.ID, in); err != nil {
		t.Fatal(err)
	}
	one("changed self-assessment", before, domain.AuditChange, "self_assessment", aid)

	g := newGroupWorld(t)
	db = g.db
	course := g.course(t, g.anna.ID)
	before = lastAuditID(t, db)
	if _, err := db.SavePracticeProject(ctx, course.ID, g.anna.ID, domain.PracticeProjectInput{Title: "Geheimes Projekt", Status: domain.ProjectPlanned}); err != nil {
		t.Fatal(err)
	}
	one("new practice project", before, domain.AuditCreate, "practice_project", g.anna.ID)
	before = lastAuditID(t, db)
	if _, err := db.SavePracticeProject(ctx, course.ID, g.anna.ID, domain.PracticeProjectInput{Title: "Geheimes Projekt 2", Status: domain.ProjectInProgress}); err != nil {
		t.Fatal(err)
	}
	one("changed practice project", before, domain.AuditChange, "practice_project", g.anna.ID)
	auditHasNoContent(t, db, "Geheim", "Projekt")
	// The member's access export holds the project's audit lines.
	data, err := db.AccessExport(ctx, g.anna.ID)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, row := range data.Tables["audit_log"] {
		if row["record_kind"] == "practice_project" {
			n++
		}
	}
	if n != 2 {
		t.Fatalf("%d practice project lines in the access export: %+v", n, data.Tables["audit_log"])
	}
}

// Refused in German before anything is read or folded.
func TestErasePersonConfirmTooLong(t *testing.T) {
	db := MustOpenDB(t)
	p := progPerson(t, db, "Anna", "Lang", 0, 0)
	wantCode(t, db.ErasePerson(ctx, p.ID, strings.Repeat("Anna Lang ", 100000)), domain.EINVALID, "person.erase.confirm_too_long")
	wantCode(t, db.ErasePerson(ctx, p.ID, strings.Repeat("ä", 401)), domain.EINVALID, "person.erase.confirm_too_long")
	if _, err := db.Person(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	// 400 characters: only compared (and not the name).
	wantCode(t, db.ErasePerson(ctx, p.ID, strings.Repeat("ä", 400)), domain.EINVALID, "person.erase.confirm_mismatch")
	if err := db.ErasePerson(ctx, p.ID, "  anna   LANG "); err != nil {
		t.Fatal(err)
	}
}

func TestEraseDueTooMany(t *testing.T) {
	db := MustOpenDB(t)
	items := make([]domain.RetentionDue, 100001)
	for i := range items {
		items[i] = domain.RetentionDue{Kind: "tandem", ID: int64(i + 1)}
	}
	_, err := db.EraseDue(ctx, items)
	wantCode(t, err, domain.EINVALID, "retention.too_many")
	if e := domain.AsError(err); e == nil || e.Params["max"] == nil {
		t.Fatalf("error %+v", e)
	}
	_, err = db.EraseDue(ctx, nil)
	wantCode(t, err, domain.EINVALID, "retention.nothing_selected")
}
