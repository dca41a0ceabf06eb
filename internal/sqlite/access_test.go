package sqlite_test

import (
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tandem/internal/documents"
	"tandem/internal/domain"
	"tandem/internal/sqlite"
)

// The access export also holds what is linked to the person without being
// theirs alone: notes, agreements and topics of the group sessions they
// attended, the people they are line manager of (names only) and the
// modules of their course groups.
func TestAccessExportLinkedData(t *testing.T) {
	w := newGroupWorld(t)
	db := w.db
	course := w.course(t, w.anna.ID, w.ben.ID)
	if len(course.Modules) == 0 {
		t.Fatalf("course without modules: %+v", course)
	}
	in := groupSession(course, course.Modules[0].ID, "2027-04-13", "09:00")
	in.Participants = []domain.AttendanceInput{{PersonID: w.anna.ID, Present: true}}
	s, err := db.CreateSession(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveNote(ctx, s.ID, 0, domain.NoteInput{Text: "Anna berichtet von ihrem Fall"}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddAgreement(ctx, s.ID, domain.AgreementInput{Text: "Fallbesprechung vorbereiten", OwnerName: "Kursleitung"}); err != nil {
		t.Fatal(err)
	}
	raw := progWriter(t, db)
	// A topic (a plan item) discussed in the session.
	progPlan(t, db, domain.PlanInput{NewcomerID: w.outsider.ID, TemplateID: w.onboardRun.TemplateID, StartDate: "2027-03-01"})
	if _, err := raw.Exec(`INSERT INTO session_topics (session_id, item_id) VALUES (?, (SELECT min(id) FROM plan_items))`, s.ID); err != nil {
		t.Fatal(err)
	}
	// Dora's line manager is Anna; Dora has a private note.
	if _, err := raw.Exec(`UPDATE people SET line_manager_id = ?, note = 'Doras private Notiz' WHERE id = ?`, w.anna.ID, w.dora.ID); err != nil {
		t.Fatal(err)
	}

	data, err := db.AccessExport(ctx, w.anna.ID)
	if err != nil {
		t.Fatal(err)
	}
	for tbl, want := range map[string]int{"sessions": 1, "notes": 1, "agreements": 1, "session_topics": 1,
		"course_modules": len(course.Modules), "people": 2} {
		if got := len(data.Tables[tbl]); got != want {
			t.Errorf("%s: %d rows, want %d: %+v", tbl, got, want, data.Tables[tbl])
		}
	}
	for _, row := range data.Tables["people"] {
		if row["id"] == w.dora.ID {
			if row["first_name"] != "Dora" || row["line_manager_id"] != w.anna.ID {
				t.Errorf("managed person %+v", row)
			}
			if _, ok := row["note"]; ok || len(row) != 4 {
				t.Errorf("more than the name of the managed person: %+v", row)
			}
		} else if row["id"] != w.anna.ID {
			t.Errorf("someone else %+v", row)
		}
	}

	// Ben is in the course but did not attend: modules yes, that session not.
	data, err = db.AccessExport(ctx, w.ben.ID)
	if err != nil {
		t.Fatal(err)
	}
	for tbl, want := range map[string]int{"sessions": 0, "notes": 0, "agreements": 0, "session_topics": 0,
		"course_modules": len(course.Modules), "people": 1} {
		if got := len(data.Tables[tbl]); got != want {
			t.Errorf("Ben: %s: %d rows, want %d", tbl, got, want)
		}
	}
	// The outsider: none of it.
	data, err = db.AccessExport(ctx, w.outsider.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, tbl := range []string{"sessions", "notes", "agreements", "session_topics", "course_modules"} {
		if got := len(data.Tables[tbl]); got != 0 {
			t.Errorf("outsider: %s: %d rows", tbl, got)
		}
	}
}

// Every table of the access export has a heading and a sentence in the
// PDF, and every column of it a German label: read from the schema, so a
// new column fails here until it is worded. The labels use the app's
// gender form (":innen"), never "*innen".
func TestAccessExportLabels(t *testing.T) {
	db := MustOpenDB(t)
	raw := rawDB(t, db.Path())
	n := 0
	for tbl := range sqlite.AccessTables {
		title, sentence := documents.AccessTableTitle(tbl)
		if title == "" || !strings.HasSuffix(sentence, ".") {
			t.Errorf("table %s: no heading or sentence for the PDF (internal/documents/access_labels.go)", tbl)
		}
		if strings.Contains(title+sentence, "*") {
			t.Errorf("table %s: %q %q", tbl, title, sentence)
		}
		rows, err := raw.Query(`SELECT name FROM pragma_table_info(?)`, tbl)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var col string
			if err := rows.Scan(&col); err != nil {
				t.Fatal(err)
			}
			n++
			label := documents.AccessColumnLabel(tbl, col)
			switch {
			case label == "":
				t.Errorf("column %s.%s has no German label (internal/documents/access_labels.go)", tbl, col)
			case strings.Contains(label, "*") || strings.Contains(label, "_"):
				t.Errorf("column %s.%s: label %q", tbl, col, label)
			}
		}
		rows.Close()
	}
	if n < 100 {
		t.Fatalf("only %d columns read", n)
	}
}

// fillEveryKind adds what markedWorld lacks, so that the mentee has data
// of every kind of the access export.
func fillEveryKind(t *testing.T, w *sessionWorld) {
	t.Helper()
	raw := progWriter(t, w.db)
	const at = "2026-12-04T16:55:13Z"
	for _, q := range []string{
		`UPDATE people SET start_date = '2027-01-01', line_manager_id = NULL WHERE id = :me`,
		`UPDATE people SET line_manager_id = :me WHERE id = :out`,
		`INSERT INTO groups (id, kind, name, name_key, description, run_id, attendance_percent, created_at, updated_at)
			VALUES (900, 'course', 'Zertifikatskurs ASD', 'zertifikatskurs asd', 'Kurs für Leitungsnachwuchs', :run, 80, '` + at + `', '` + at + `')`,
		`INSERT INTO group_members (group_id, person_id) VALUES (900, :me)`,
		`INSERT INTO course_modules (id, group_id, position, title, speaker, date) VALUES (900, 900, 0, 'Kinderschutz', 'Dr. Rita Referent', '2027-04-13')`,
		`INSERT INTO sessions (id, kind, group_id, module_id, date, start_time, duration_minutes, place, created_at, updated_at)
			VALUES (900, 'course_module', 900, 900, '2027-04-13', '09:00', 240, 'Rathaus, Raum 3', '` + at + `', '` + at + `')`,
		`INSERT INTO session_attendance (session_id, person_id, present) VALUES (900, :me, 1)`,
		`INSERT INTO practice_projects (group_id, person_id, title, description, head_supports, status, created_at, updated_at)
			VALUES (900, :me, 'Fallbesprechung neu', 'Kollegiale Beratung im Team', 1, 'in_progress', '` + at + `', '` + at + `')`,
		`INSERT INTO session_topics (session_id, item_id) VALUES ((SELECT min(id) FROM sessions WHERE tandem_id = :tandem), (SELECT min(id) FROM plan_items WHERE plan_id IN (SELECT id FROM plans WHERE newcomer_id = :me)))`,
		`INSERT INTO handovers (plan_id, date, case_count, from_name, note, created_at) VALUES ((SELECT min(id) FROM plans WHERE newcomer_id = :me), '2027-05-02', 4, 'Kollegin Klar', 'Familien aus dem Sozialraum Nord', '` + at + `')`,
		`INSERT INTO self_assessments (id, tandem_id, stage, assessed_on, created_at, updated_at) VALUES (900, :tandem, 'start', '2027-02-03', '` + at + `', '` + at + `')`,
		`INSERT INTO self_assessment_levels (assessment_id, position, competency, level) VALUES (900, 0, 'Gesprächsführung', 2)`,
		`INSERT INTO document_register (number, year, seq, kind, person_id, tandem_id, issued_at, sha256, status)
			VALUES ('JA-2026-0001', 2026, 1, 'confirmation', :me, :tandem, '` + at + `', '` + strings.Repeat("ab", 32) + `', 'valid')`,
	} {
		if _, err := raw.Exec(q, sql.Named("me", w.mentee.ID), sql.Named("out", w.outsider.ID), sql.Named("tandem", w.tandem.ID), sql.Named("run", w.run.ID)); err != nil {
			t.Fatalf("%v\n%s", err, q)
		}
	}
}

// The access export PDF of a person with data of every kind reads as a
// letter to that person: German labels, local times, yes/no in words, no
// column names, codes or UTC times; ids and checksums only in the appendix.
func TestAccessExportPDFReadable(t *testing.T) {
	w := markedWorld(t)
	if len(w.plan.Items) == 0 {
		t.Fatal("no plan")
	}
	fillEveryKind(t, w)
	data, err := w.db.AccessExport(ctx, w.mentee.ID)
	if err != nil {
		t.Fatal(err)
	}
	for tbl := range sqlite.AccessTables {
		if len(data.Tables[tbl]) == 0 {
			t.Errorf("no data of kind %s: the test would not show it", tbl)
		}
	}
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no time zone data")
	}
	name := data.Person.FirstName + " " + data.Person.LastName
	pdf, err := documents.AccessReport(documents.AccessDoc{PersonID: w.mentee.ID, PersonName: name, Tables: data.Tables,
		Issued: time.Date(2026, 12, 4, 16, 59, 0, 0, time.UTC), Loc: berlin})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if keep := os.Getenv("ACCESS_KEEP"); keep != "" { // ACCESS_KEEP=/tmp/x keeps the PDF to look at
		dir = keep
	}
	file := filepath.Join(dir, "auskunft.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", file, "-").Output()
	if err != nil {
		t.Skip("pdftotext:", err)
	}
	text := string(out)
	body, appendix, ok := strings.Cut(text, "Technischer Anhang")
	if !ok {
		t.Fatalf("no technical appendix:\n%s", text)
	}
	for _, want := range []string{"Stand 04.12.2026, 17:59 Uhr", "Gesprächsnotizen (1)",
		"Notizen aus Mentoring-Gesprächen, an denen Sie teilgenommen haben.", "Vertraulich", "ja",
		"Ausgestellte Dokumente (1)", "Teilnahmebestätigung", "Ausgestellt am", "04.12.2026 17:55", "gültig",
		"Zertifikatskurs ASD", "Kinderschutz", "Anwesend", "Von der Amtsleitung", "Mentor:innen der Tandems",
		"Gespräch am 08.03.2027", "Zwischengespräch", "Frage: Was ist gut gelungen?", "Fallübernahmen (1)", "Anzahl der Fälle",
		"Selbsteinschätzungen (1)", "zu Beginn des Tandems", "Gesprächsführung", "Protokoll", "angelegt"} {
		if !strings.Contains(squashSpaces(body), squashSpaces(want)) {
			t.Errorf("PDF lacks %q", want)
		}
	}
	for _, raw := range []string{"group_id", "issued_at", "confidential", "sha256", "kind", "status", "valid",
		"confirmation", "T16:55", "16:55:13Z", "*innen", strings.Repeat("ab", 32)} {
		if strings.Contains(body, raw) {
			t.Errorf("PDF shows the raw %q", raw)
		}
	}
	if !strings.Contains(squashSpaces(appendix), squashSpaces("Prüfsumme (SHA-256) von JA-2026-0001: "+strings.Repeat("ab", 32))) {
		t.Errorf("appendix lacks the checksum:\n%s", appendix)
	}
}

func squashSpaces(s string) string { return strings.Join(strings.Fields(s), " ") }
