package sqlite_test

import (
	"strings"
	"testing"

	"tandem/internal/domain"
)

func TestRun(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		db := progOpen(t)
		tmpl := progKindTemplate(t, db, domain.KindLeadershipMentoring)
		r, err := db.CreateRun(ctx, domain.RunInput{TemplateID: tmpl, Name: "  Mentoring 2027 ", StartDate: "2027-02-01",
			EndDate: "2028-01-31", Note: "Auftakt im Rathaus\nmit Amtsleitung"})
		if err != nil {
			t.Fatal(err)
		}
		if r.Name != "Mentoring 2027" || r.TemplateName != "Vorlage leadership_mentoring" || r.Kind != domain.KindLeadershipMentoring ||
			r.StartDate != "2027-02-01" || r.EndDate != "2028-01-31" || r.Note != "Auftakt im Rathaus\nmit Amtsleitung" ||
			r.TandemCount != 0 || r.Archived || r.CreatedAt == "" {
			t.Fatalf("got %+v", r)
		}
		mentee := progPerson(t, db, "Mia", "Neu", 0, 0)
		mentor := progPerson(t, db, "Max", "Alt", 0, 0, domain.RoleMentor)
		progTandem(t, db, domain.TandemInput{RunID: r.ID, MenteeID: mentee.ID, MentorIDs: []int64{mentor.ID},
			StartDate: "2027-02-01", EndDate: "2028-01-31"})

		list, err := db.Runs(ctx, false)
		if err != nil || len(list) != 1 || list[0].TandemCount != 1 || list[0].TemplateName != "Vorlage leadership_mentoring" {
			t.Fatalf("runs = %+v, %v", list, err)
		}
		up, err := db.UpdateRun(ctx, r.ID, domain.RunInput{TemplateID: tmpl, Name: "Mentoring 2027/28", StartDate: "2027-03-01", EndDate: "2027-03-01"})
		if err != nil || up.Name != "Mentoring 2027/28" || up.EndDate != "2027-03-01" || up.Note != "" {
			t.Fatalf("update = %+v, %v", up, err)
		}

		arch, err := db.SetRunArchived(ctx, r.ID, true)
		if err != nil || !arch.Archived {
			t.Fatalf("archive = %+v, %v", arch, err)
		}
		if list, _ := db.Runs(ctx, false); len(list) != 0 {
			t.Fatalf("archived run listed: %+v", list)
		}
		if list, _ := db.Runs(ctx, true); len(list) != 1 || !list[0].Archived {
			t.Fatalf("archived run not listed on request: %+v", list)
		}
		if r2, _ := db.SetRunArchived(ctx, r.ID, false); r2.Archived {
			t.Fatal("restore failed")
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		db := progOpen(t)
		tmpl := progKindTemplate(t, db, domain.KindOnboarding)
		progRun(t, db, tmpl, "Vorhanden")
		ok := domain.RunInput{TemplateID: tmpl, Name: "Einarbeitung 2027", StartDate: "2027-01-01", EndDate: "2027-06-30"}
		for _, c := range []struct {
			name       string
			edit       func(*domain.RunInput)
			key, field string
		}{
			{"NoTemplate", func(in *domain.RunInput) { in.TemplateID = 0 }, "run.template.required", "templateId"},
			{"MissingTemplate", func(in *domain.RunInput) { in.TemplateID = 999 }, "run.template.not_found", "templateId"},
			{"NameRequired", func(in *domain.RunInput) { in.Name = "  " }, "text.required", "name"},
			{"NameTooLong", func(in *domain.RunInput) { in.Name = strings.Repeat("ä", 201) }, "text.too_long", "name"},
			{"StartRequired", func(in *domain.RunInput) { in.StartDate = "" }, "date.required", "startDate"},
			{"BadDate", func(in *domain.RunInput) { in.EndDate = "2027-02-30" }, "date.invalid", "endDate"},
			{"EndBeforeStart", func(in *domain.RunInput) { in.EndDate = "2026-12-31" }, "date.end_before_start", "endDate"},
			{"NoteTooLong", func(in *domain.RunInput) { in.Note = strings.Repeat("x", 4001) }, "text.too_long", "note"},
		} {
			t.Run(c.name, func(t *testing.T) {
				in := ok
				c.edit(&in)
				unchanged(t, db, domain.EINVALID, c.key, func() error {
					_, err := db.CreateRun(ctx, in)
					wantField(t, err, c.field)
					return err
				})
			})
		}
		// A name of exactly 200 characters is fine.
		in := ok
		in.Name = strings.Repeat("ä", 200)
		if _, err := db.CreateRun(ctx, in); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("ErrTemplateArchived", func(t *testing.T) {
		db := progOpen(t)
		tmpl := progKindTemplate(t, db, domain.KindOnboarding)
		r := progRun(t, db, tmpl, "Alt")
		progArchiveTemplate(t, db, tmpl)
		unchanged(t, db, domain.EINVALID, "run.template.archived", func() error {
			_, err := db.CreateRun(ctx, domain.RunInput{TemplateID: tmpl, Name: "Neu", StartDate: "2027-01-01", EndDate: "2027-01-02"})
			return err
		})
		// A run keeps its archived template.
		if _, err := db.UpdateRun(ctx, r.ID, domain.RunInput{TemplateID: tmpl, Name: "Alt 2", StartDate: "2027-01-01", EndDate: "2027-01-02"}); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("ErrInUse", func(t *testing.T) {
		db := progOpen(t)
		tmpl := progKindTemplate(t, db, domain.KindOnboarding)
		other := progKindTemplate(t, db, domain.KindSecondment)
		r := progRun(t, db, tmpl, "Durchgang")
		mentee := progPerson(t, db, "Mia", "Neu", 0, 0)
		mentor := progPerson(t, db, "Max", "Alt", 0, 0, domain.RoleMentor)
		tandem := progTandem(t, db, domain.TandemInput{RunID: r.ID, MenteeID: mentee.ID, MentorIDs: []int64{mentor.ID},
			StartDate: "2027-02-01", EndDate: "2027-03-31"})
		unchanged(t, db, domain.ECONFLICT, "run.in_use", func() error { return db.DeleteRun(ctx, r.ID) })
		// Even a cancelled tandem keeps its run.
		if _, err := db.SetTandemStatus(ctx, tandem.ID, domain.TandemCancelled, "Stelle gewechselt"); err != nil {
			t.Fatal(err)
		}
		unchanged(t, db, domain.ECONFLICT, "run.in_use", func() error { return db.DeleteRun(ctx, r.ID) })
		unchanged(t, db, domain.ECONFLICT, "run.template_locked", func() error {
			_, err := db.UpdateRun(ctx, r.ID, domain.RunInput{TemplateID: other, Name: "x", StartDate: "2027-01-01", EndDate: "2027-01-01"})
			return err
		})

		empty := progRun(t, db, tmpl, "Leer")
		if err := db.DeleteRun(ctx, empty.ID); err != nil {
			t.Fatal(err)
		}
		wantCode(t, db.DeleteRun(ctx, empty.ID), domain.ENOTFOUND, "run.not_found")
		_, err := db.Run(ctx, empty.ID)
		wantCode(t, err, domain.ENOTFOUND, "run.not_found")
	})
}
