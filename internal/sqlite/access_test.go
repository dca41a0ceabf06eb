package sqlite_test

import (
	"testing"

	"tandem/internal/domain"
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
