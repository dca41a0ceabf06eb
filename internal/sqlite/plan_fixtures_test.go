package sqlite_test

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"tandem/internal/domain"
	"tandem/internal/sqlite"
)

// Fixtures of the programme tests (runs, tandems, plans, overview). They
// write templates with their own SQL, so that these tests do not depend on
// the template repository.

// progNow is the fixed clock of the programme tests: Wednesday 10.03.2027, noon local time.
var progNow = time.Date(2027, 3, 10, 12, 0, 0, 0, time.Local)

// progOpen opens a fresh database whose clock stands at progNow.
func progOpen(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db := MustOpenDB(tb)
	db.Now = func() time.Time { return progNow }
	return db
}

// progWriter opens a second, writing connection to db's file for fixtures.
func progWriter(tb testing.TB, db *sqlite.DB) *sql.DB {
	tb.Helper()
	w, err := sql.Open("sqlite", db.Path()+"?_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)")
	if err != nil {
		tb.Fatal(err)
	}
	w.SetMaxOpenConns(1)
	tb.Cleanup(func() { w.Close() })
	return w
}

// progTemplate stores t (phases and topics included) with raw SQL and returns its id.
func progTemplate(tb testing.TB, db *sqlite.DB, t domain.Template) int64 {
	tb.Helper()
	w := progWriter(tb, db)
	defer w.Close()
	tx, err := w.Begin()
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	if t.DurationWeeks == 0 {
		t.DurationWeeks = 52
	}
	now := "2027-01-01T00:00:00Z"
	res, err := tx.Exec(`INSERT INTO templates (kind, name, name_key, duration_weeks, probation_weeks, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, string(t.Kind), t.Name, strings.ToLower(t.Name), t.DurationWeeks, t.ProbationWeeks, now, now)
	if err != nil {
		tb.Fatalf("insert template: %v", err)
	}
	id, _ := res.LastInsertId()
	for i, p := range t.Phases {
		if _, err := tx.Exec(`INSERT INTO template_phases (template_id, position, name, description) VALUES (?, ?, ?, ?)`,
			id, i, p.Name, p.Description); err != nil {
			tb.Fatalf("insert phase: %v", err)
		}
	}
	stmt, err := tx.Prepare(`INSERT INTO template_topics (template_id, position, phase, title, description, legal_reference,
		start_week, end_week, responsible_role, checklist, speaker) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		tb.Fatal(err)
	}
	for i, tp := range t.Topics {
		cl, _ := json.Marshal(append([]string{}, tp.Checklist...))
		if _, err := stmt.Exec(id, i, tp.Phase, tp.Title, tp.Description, tp.LegalReference, tp.StartWeek, tp.EndWeek,
			string(tp.ResponsibleRole), string(cl), tp.Speaker); err != nil {
			tb.Fatalf("insert topic: %v", err)
		}
	}
	stmt.Close()
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
	return id
}

// progArchiveTemplate archives a template with raw SQL.
func progArchiveTemplate(tb testing.TB, db *sqlite.DB, id int64) {
	tb.Helper()
	w := progWriter(tb, db)
	defer w.Close()
	if _, err := w.Exec(`UPDATE templates SET archived_at = '2027-01-02T00:00:00Z' WHERE id = ?`, id); err != nil {
		tb.Fatal(err)
	}
}

// progKindTemplate stores a small template of the given kind.
func progKindTemplate(tb testing.TB, db *sqlite.DB, kind domain.TemplateKind) int64 {
	tb.Helper()
	return progTemplate(tb, db, domain.Template{Kind: kind, Name: "Vorlage " + string(kind), DurationWeeks: 26,
		Topics: []domain.Topic{{Title: "Auftakt", Phase: -1, StartWeek: 0, EndWeek: 1}}})
}

// hildenTemplate is the Hilden onboarding curriculum: three phases, six
// topics, probation of 26 weeks (six months).
func hildenTemplate() domain.Template {
	return domain.Template{
		Kind: domain.KindOnboarding, Name: "Einarbeitung ASD", DurationWeeks: 26, ProbationWeeks: 26,
		Phases: []domain.Phase{{Name: "Ankommen"}, {Name: "Kernaufgaben", Description: "HzE und Schutzauftrag"}, {Name: "Selbstständig"}},
		Topics: []domain.Topic{
			{Title: "Ziele, Leitbild und Organisation", Phase: 0, StartWeek: 0, EndWeek: 1, ResponsibleRole: domain.RoleTeamLead,
				Checklist: []string{"Organigramm", "Leitbild lesen"}},
			{Title: "Allgemeine Beratung", Phase: 0, StartWeek: 1, EndWeek: 3, ResponsibleRole: domain.RoleMentor},
			{Title: "Hilfen zur Erziehung", Phase: 1, StartWeek: 2, EndWeek: 7, LegalReference: "§ 36 SGB VIII", ResponsibleRole: domain.RoleMentor},
			{Title: "Schutzauftrag", Phase: 1, StartWeek: 4, EndWeek: 9, LegalReference: "§ 8a SGB VIII", ResponsibleRole: domain.RoleMentor},
			{Title: "Familienunterstützung", Phase: 2, StartWeek: 10, EndWeek: 13},
			{Title: "Sozialraumarbeit", Phase: -1, StartWeek: 14, EndWeek: 14, Description: "Stadtteil kennenlernen\nPartner besuchen"},
		},
	}
}

// progPerson stores a person.
func progPerson(tb testing.TB, db *sqlite.DB, first, last string, dep, manager int64, roles ...domain.Role) domain.Person {
	tb.Helper()
	return mustCreatePerson(tb, db, domain.PersonInput{FirstName: first, LastName: last, DepartmentID: dep,
		LineManagerID: manager, Roles: roles})
}

func progRun(tb testing.TB, db *sqlite.DB, templateID int64, name string) domain.Run {
	tb.Helper()
	r, err := db.CreateRun(ctx, domain.RunInput{TemplateID: templateID, Name: name, StartDate: "2027-01-01", EndDate: "2027-12-31"})
	if err != nil {
		tb.Fatalf("create run: %v", err)
	}
	return r
}

func progTandem(tb testing.TB, db *sqlite.DB, in domain.TandemInput) domain.Tandem {
	tb.Helper()
	t, err := db.CreateTandem(ctx, in)
	if err != nil {
		tb.Fatalf("create tandem %+v: %v", in, err)
	}
	return t
}

func progPlan(tb testing.TB, db *sqlite.DB, in domain.PlanInput) domain.Plan {
	tb.Helper()
	p, err := db.CreatePlan(ctx, in)
	if err != nil {
		tb.Fatalf("create plan %+v: %v", in, err)
	}
	return p
}

// progTables are the tables the programme code writes.
var progTables = []string{"runs", "tandems", "tandem_mentors", "plans", "plan_items", "handovers", "people", "templates"}

// tablesSnapshot returns every row of the given tables as text, to show
// that a refused change changed nothing.
func tablesSnapshot(tb testing.TB, db *sqlite.DB, tables []string) string {
	tb.Helper()
	raw, err := sql.Open("sqlite", db.Path()+"?_pragma=query_only(1)")
	if err != nil {
		tb.Fatal(err)
	}
	defer raw.Close()
	var b strings.Builder
	for _, table := range tables {
		rows, err := raw.Query(`SELECT * FROM ` + table + ` ORDER BY 1, 2`)
		if err != nil {
			tb.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				tb.Fatal(err)
			}
			fmt.Fprintf(&b, "%s %q\n", table, fmt.Sprint(vals...))
		}
		rows.Close()
	}
	return b.String()
}

// unchangedTables runs f, which must fail with code and key, and checks
// that the rows of tables stayed the same.
func unchangedTables(t *testing.T, db *sqlite.DB, tables []string, code, key string, f func() error) {
	t.Helper()
	before := tablesSnapshot(t, db, tables)
	err := f()
	wantCode(t, err, code, key)
	if after := tablesSnapshot(t, db, tables); after != before {
		t.Fatalf("a refused change (%v) changed the data:\nbefore\n%s\nafter\n%s", err, before, after)
	}
}

// unchanged checks a refused change to the programme tables.
func unchanged(t *testing.T, db *sqlite.DB, code, key string, f func() error) {
	t.Helper()
	unchangedTables(t, db, progTables, code, key, f)
}

// wantField checks the field an error names.
func wantField(t *testing.T, err error, field string) {
	t.Helper()
	if e := domain.AsError(err); e.Field != field {
		t.Fatalf("error %v names field %q, want %q", err, e.Field, field)
	}
}
