package sqlite_test

import (
	"database/sql"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"tandem/internal/domain"
	"tandem/internal/exchange"
	"tandem/internal/sqlite"
)

// tmplInput is a valid template with phases, topics and checklists.
func tmplInput(name string) domain.Template {
	return domain.Template{
		Kind: domain.KindOnboarding, Name: name, Description: "Einarbeitung neuer Fachkräfte\n– zweite Zeile –",
		DurationWeeks: 26, ProbationWeeks: 26,
		Phases: []domain.Phase{{Name: "Ankommen", Description: "Erste Wochen"}, {Name: "Grundlagen"}, {Name: "Selbstständige Fallarbeit"}},
		Topics: []domain.Topic{
			{Title: "Organisation", Phase: 0, StartWeek: 0, EndWeek: 2, ResponsibleRole: domain.RoleTeamLead,
				Checklist: []string{"Organigramm besprochen", "Vorstellung im Team"}},
			{Title: "Hilfeplanung", Description: "„Hilfen zur Erziehung“", LegalReference: "§§ 27 ff., 36 SGB VIII", Phase: 1,
				StartWeek: 6, EndWeek: 16, ResponsibleRole: domain.RoleMentor, Checklist: []string{"Hilfeplangespräch begleitet"}},
			{Title: "Kinderschutz", LegalReference: "§ 8a SGB VIII", Phase: 1, StartWeek: 8, EndWeek: 18, Checklist: []string{}},
			{Title: "Sozialraum", Phase: -1, StartWeek: 16, EndWeek: 26, Speaker: "N. N.", Checklist: []string{}},
		},
		FeedbackPrompts: []string{"Was ist gut gelungen?", "Was nehmen Sie mit?"},
		Competencies:    []string{"Gesprächsführung", "Kinderschutz nach § 8a"},
	}
}

func tmplMustCreate(tb testing.TB, db *sqlite.DB, in domain.Template) domain.Template {
	tb.Helper()
	t, err := db.CreateTemplate(ctx, in)
	if err != nil {
		tb.Fatalf("create template %q: %v", in.Name, err)
	}
	return t
}

// tmplExec writes with raw SQL, for rows whose repository is not the templates'.
func tmplExec(t *testing.T, db *sqlite.DB, query string, args ...any) int64 {
	t.Helper()
	raw, err := sql.Open("sqlite", db.Path()+"?_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	res, err := raw.ExecContext(ctx, query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	id, _ := res.LastInsertId()
	return id
}

// tmplSame compares what a user edits: everything but id, flags and timestamps.
func tmplSame(t *testing.T, got, want domain.Template) {
	t.Helper()
	got.ID, got.Builtin, got.Archived, got.CreatedAt, got.UpdatedAt = 0, false, false, "", ""
	want.ID, want.Builtin, want.Archived, want.CreatedAt, want.UpdatedAt = 0, false, false, "", ""
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("template differs:\ngot  %+v\nwant %+v", got, want)
	}
}

func tmplNames(list []domain.Template) []string {
	out := []string{}
	for _, t := range list {
		out = append(out, t.Name)
	}
	return out
}

func TestTemplate(t *testing.T) {
	t.Run("RoundTrip", func(t *testing.T) {
		db := MustOpenDB(t)
		in := tmplInput("  Einarbeitung ASD  ")
		in.ID, in.Builtin, in.Archived, in.CreatedAt = 99, true, true, "gestern" // the store's, not the caller's
		in.Topics[0].Checklist[1] = " Vorstellung im Team "
		created := tmplMustCreate(t, db, in)
		if in.Topics[0].Checklist[1] != " Vorstellung im Team " || in.Name != "  Einarbeitung ASD  " {
			t.Fatal("CreateTemplate changed its argument")
		}
		if created.ID == 0 || created.ID == 99 || created.Builtin || created.Archived || created.CreatedAt == "" || created.CreatedAt != created.UpdatedAt {
			t.Fatalf("created %+v", created)
		}
		got, err := db.Template(ctx, created.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, created) {
			t.Fatalf("read differs from returned:\n%+v\n%+v", got, created)
		}
		want := tmplInput("Einarbeitung ASD")
		tmplSame(t, got, want)
	})

	t.Run("EmptyLists", func(t *testing.T) {
		db := MustOpenDB(t)
		got := tmplMustCreate(t, db, domain.Template{Kind: domain.KindLearningPath, Name: "Leer", DurationWeeks: 1})
		if got.Phases == nil || got.Topics == nil || got.FeedbackPrompts == nil || got.Competencies == nil ||
			len(got.Phases)+len(got.Topics)+len(got.FeedbackPrompts)+len(got.Competencies) != 0 {
			t.Fatalf("%+v", got)
		}
	})

	t.Run("ListByNameWithParts", func(t *testing.T) {
		db := MustOpenDB(t)
		for _, n := range []string{"Zertifikatskurs", "Ärger vermeiden", "Mentoring", "Bereitstellung"} {
			tmplMustCreate(t, db, tmplInput(n))
		}
		list, err := db.Templates(ctx, false)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(tmplNames(list), "|"); got != "Ärger vermeiden|Bereitstellung|Mentoring|Zertifikatskurs" {
			t.Fatalf("order %s", got)
		}
		for _, tp := range list {
			tmplSame(t, tp, tmplInput(tp.Name))
		}
	})

	t.Run("Update", func(t *testing.T) {
		db := MustOpenDB(t)
		clock := time.Date(2027, 1, 1, 9, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return clock }
		created := tmplMustCreate(t, db, tmplInput("Einarbeitung"))
		clock = clock.Add(time.Hour)

		in := tmplInput("Einarbeitung Nord")
		in.Kind = domain.KindLeadershipMentoring
		in.DurationWeeks = 52
		in.Phases = in.Phases[:2]
		in.Topics = []domain.Topic{in.Topics[3], in.Topics[1]} // fewer, reordered
		in.Topics[0].Phase = 1
		in.Topics[1].Checklist = []string{"Neu 1", "Neu 2", "Neu 3"}
		in.FeedbackPrompts = []string{}
		in.Competencies = []string{"Kinderschutz nach § 8a", "Partizipation", "Digitale Kompetenz"}
		got, err := db.UpdateTemplate(ctx, created.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		tmplSame(t, got, in)
		if got.CreatedAt != "2027-01-01T09:00:00Z" || got.UpdatedAt != "2027-01-01T10:00:00Z" {
			t.Fatalf("timestamps %s %s", got.CreatedAt, got.UpdatedAt)
		}
		again, _ := db.Template(ctx, created.ID)
		if !reflect.DeepEqual(again, got) {
			t.Fatalf("stored %+v\nreturned %+v", again, got)
		}
		// Renaming to its own name in another spelling is fine.
		in.Name = "EINARBEITUNG NORD"
		if _, err := db.UpdateTemplate(ctx, created.ID, in); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("ErrNameTaken", func(t *testing.T) {
		db := MustOpenDB(t)
		tmplMustCreate(t, db, tmplInput("Führung für Einsteiger"))
		for _, n := range []string{"führung für einsteiger", "FUHRUNG FUR EINSTEIGER", "Führung für Einsteiger "} {
			_, err := db.CreateTemplate(ctx, tmplInput(n))
			wantCode(t, err, domain.ECONFLICT, "template.name.taken")
			if e := domain.AsError(err); e.Field != "name" || e.Params["name"] != strings.TrimSpace(n) {
				t.Fatalf("%q: field %q params %v", n, e.Field, e.Params)
			}
		}
		other := tmplMustCreate(t, db, tmplInput("Andere"))
		_, err := db.UpdateTemplate(ctx, other.ID, tmplInput("FÜHRUNG für Einsteiger"))
		wantCode(t, err, domain.ECONFLICT, "template.name.taken")
		if got, _ := db.Template(ctx, other.ID); got.Name != "Andere" {
			t.Fatalf("refused update changed the name to %q", got.Name)
		}
	})

	t.Run("ErrInvalidChangesNothing", func(t *testing.T) {
		db := MustOpenDB(t)
		created := tmplMustCreate(t, db, tmplInput("Einarbeitung"))
		before, _ := db.Templates(ctx, true)

		bad := tmplInput("Neu")
		bad.Topics[1].EndWeek = 3 // before its start
		_, err := db.CreateTemplate(ctx, bad)
		wantCode(t, err, domain.EINVALID, "template.topic.end_before_start")
		_, err = db.UpdateTemplate(ctx, created.ID, bad)
		wantCode(t, err, domain.EINVALID, "template.topic.end_before_start")
		_, err = db.ImportTemplate(ctx, bad)
		wantCode(t, err, domain.EINVALID, "template.topic.end_before_start")
		sec := tmplInput("Bereitstellung")
		sec.Kind = domain.KindSecondment
		sec.DurationWeeks = 30
		_, err = db.CreateTemplate(ctx, sec)
		wantCode(t, err, domain.EINVALID, "template.duration.secondment")
		_, err = db.UpdateTemplate(ctx, created.ID, domain.Template{})
		wantCode(t, err, domain.EINVALID, "template.kind.invalid")

		after, _ := db.Templates(ctx, true)
		if !reflect.DeepEqual(before, after) {
			t.Fatalf("refused writes changed templates:\n%+v\n%+v", before, after)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		db := MustOpenDB(t)
		_, err := db.Template(ctx, 42)
		wantCode(t, err, domain.ENOTFOUND, "template.not_found")
		_, err = db.UpdateTemplate(ctx, 42, tmplInput("X"))
		wantCode(t, err, domain.ENOTFOUND, "template.not_found")
		_, err = db.CopyTemplate(ctx, 42)
		wantCode(t, err, domain.ENOTFOUND, "template.not_found")
		_, err = db.SetTemplateArchived(ctx, 42, true)
		wantCode(t, err, domain.ENOTFOUND, "template.not_found")
		wantCode(t, db.DeleteTemplate(ctx, 42), domain.ENOTFOUND, "template.not_found")
		_, err = db.Template(ctx, -1)
		wantCode(t, err, domain.EINVALID, "id.invalid")
		wantCode(t, db.DeleteTemplate(ctx, 0), domain.EINVALID, "id.invalid")
	})

	t.Run("Copy", func(t *testing.T) {
		db := MustOpenDB(t)
		src := tmplMustCreate(t, db, tmplInput("Einarbeitung ASD"))
		c1, err := db.CopyTemplate(ctx, src.ID)
		if err != nil {
			t.Fatal(err)
		}
		c2, err := db.CopyTemplate(ctx, src.ID)
		if err != nil {
			t.Fatal(err)
		}
		c3, err := db.CopyTemplate(ctx, src.ID)
		if err != nil {
			t.Fatal(err)
		}
		if c1.Name != "Kopie von Einarbeitung ASD" || c2.Name != "Kopie von Einarbeitung ASD (2)" || c3.Name != "Kopie von Einarbeitung ASD (3)" {
			t.Fatalf("names %q %q %q", c1.Name, c2.Name, c3.Name)
		}
		want := tmplInput("Kopie von Einarbeitung ASD")
		tmplSame(t, c1, want)
		if c1.ID == src.ID || c1.Builtin || c1.Archived {
			t.Fatalf("copy %+v", c1)
		}
		// The copy is independent of its source.
		edited := tmplInput("Einarbeitung ASD")
		edited.Topics = edited.Topics[:1]
		if _, err := db.UpdateTemplate(ctx, src.ID, edited); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.Template(ctx, c1.ID); len(got.Topics) != 4 {
			t.Fatalf("copy changed with its source: %d topics", len(got.Topics))
		}
		// A copy of an archived template is active; of a long name stays within the limit.
		long := tmplMustCreate(t, db, tmplInput(strings.Repeat("Ä", domain.MaxTemplateNameLen)))
		db.SetTemplateArchived(ctx, long.ID, true)
		for range 2 {
			c, err := db.CopyTemplate(ctx, long.ID)
			if err != nil {
				t.Fatal(err)
			}
			if n := utf8.RuneCountInString(c.Name); n > domain.MaxTemplateNameLen || c.Archived || !strings.HasPrefix(c.Name, "Kopie von ÄÄ") {
				t.Fatalf("copy of long name: %q (%d runes) archived %v", c.Name, n, c.Archived)
			}
		}
	})

	t.Run("Archive", func(t *testing.T) {
		db := MustOpenDB(t)
		a := tmplMustCreate(t, db, tmplInput("A"))
		tmplMustCreate(t, db, tmplInput("B"))
		got, err := db.SetTemplateArchived(ctx, a.ID, true)
		if err != nil || !got.Archived {
			t.Fatalf("%+v %v", got, err)
		}
		if again, _ := db.SetTemplateArchived(ctx, a.ID, true); !again.Archived {
			t.Fatal("archiving twice restored it")
		}
		if l, _ := db.Templates(ctx, false); strings.Join(tmplNames(l), "|") != "B" {
			t.Fatalf("active %v", tmplNames(l))
		}
		if l, _ := db.Templates(ctx, true); strings.Join(tmplNames(l), "|") != "A|B" || len(l[0].Topics) != 4 {
			t.Fatalf("all %v", tmplNames(l))
		}
		// An archived template keeps its name.
		_, err = db.CreateTemplate(ctx, tmplInput("a"))
		wantCode(t, err, domain.ECONFLICT, "template.name.taken")
		if got, _ := db.SetTemplateArchived(ctx, a.ID, false); got.Archived {
			t.Fatal("not restored")
		}
	})

	t.Run("Delete", func(t *testing.T) {
		db := MustOpenDB(t)
		a := tmplMustCreate(t, db, tmplInput("A"))
		if err := db.DeleteTemplate(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
		_, err := db.Template(ctx, a.ID)
		wantCode(t, err, domain.ENOTFOUND, "template.not_found")
		// Its phases and topics went with it: a new template may take the name and starts empty of them.
		b := tmplMustCreate(t, db, domain.Template{Kind: domain.KindOnboarding, Name: "A", DurationWeeks: 4})
		if len(b.Topics) != 0 || len(b.Phases) != 0 {
			t.Fatalf("leftovers %+v", b)
		}
	})

	t.Run("ErrDeleteInUse", func(t *testing.T) {
		db := MustOpenDB(t)
		run := tmplMustCreate(t, db, tmplInput("Mit Durchgang"))
		tmplExec(t, db, `INSERT INTO runs (template_id, name, start_date, end_date, created_at, updated_at)
			VALUES (?, 'Mentoring 2027', '2027-01-01', '2027-12-31', 'x', 'x')`, run.ID)
		err := db.DeleteTemplate(ctx, run.ID)
		wantCode(t, err, domain.ECONFLICT, "template.in_use")
		if e := domain.AsError(err); e.Params["name"] != "Mit Durchgang" || e.Params["count"] != 1 || e.Params["runs"] != 1 || e.Params["plans"] != 0 {
			t.Fatalf("params %v", e.Params)
		}

		plan := tmplMustCreate(t, db, tmplInput("Mit Plan"))
		p := mustCreatePerson(t, db, domain.PersonInput{FirstName: "Neu", LastName: "Fachkraft"})
		tmplExec(t, db, `INSERT INTO plans (newcomer_id, template_id, start_date, created_at, updated_at)
			VALUES (?, ?, '2027-02-01', 'x', 'x')`, p.ID, plan.ID)
		tmplExec(t, db, `INSERT INTO plans (newcomer_id, template_id, start_date, created_at, updated_at)
			VALUES (?, ?, '2027-03-01', 'x', 'x')`, p.ID, plan.ID)
		err = db.DeleteTemplate(ctx, plan.ID)
		wantCode(t, err, domain.ECONFLICT, "template.in_use")
		if e := domain.AsError(err); e.Params["count"] != 2 || e.Params["plans"] != 2 {
			t.Fatalf("params %v", e.Params)
		}
		for _, id := range []int64{run.ID, plan.ID} {
			got, err := db.Template(ctx, id)
			if err != nil || len(got.Topics) != 4 {
				t.Fatalf("refused delete removed something: %+v %v", got, err)
			}
		}
		// The list says how much uses each template, so the UI offers
		// deletion only where it is allowed.
		list, err := db.Templates(ctx, true)
		if err != nil {
			t.Fatal(err)
		}
		uses := map[string][2]int{}
		for _, tp := range list {
			uses[tp.Name] = [2]int{tp.RunCount, tp.PlanCount}
		}
		if uses["Mit Durchgang"] != [2]int{1, 0} || uses["Mit Plan"] != [2]int{0, 2} {
			t.Fatalf("uses %v", uses)
		}
		// Archived templates in use cannot be deleted either.
		db.SetTemplateArchived(ctx, run.ID, true)
		wantCode(t, db.DeleteTemplate(ctx, run.ID), domain.ECONFLICT, "template.in_use")
	})

	t.Run("Import", func(t *testing.T) {
		db := MustOpenDB(t)
		in := tmplInput("Einarbeitung ASD")
		in.Builtin = true
		first, err := db.ImportTemplate(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		if first.Name != "Einarbeitung ASD" || first.Builtin {
			t.Fatalf("first import %+v", first)
		}
		var names []string
		for range 3 {
			in.Name = "einarbeitung asd" // taken in another spelling
			got, err := db.ImportTemplate(ctx, in)
			if err != nil {
				t.Fatal(err)
			}
			names = append(names, got.Name)
			tmplSame(t, got, func() domain.Template { w := tmplInput(got.Name); return w }())
		}
		if strings.Join(names, "|") != "einarbeitung asd (importiert)|einarbeitung asd (importiert 2)|einarbeitung asd (importiert 3)" {
			t.Fatalf("names %q", names)
		}
	})

	t.Run("ExportImportRoundTrip", func(t *testing.T) {
		db := MustOpenDB(t)
		src := tmplMustCreate(t, db, tmplInput("Einarbeitung ASD"))
		data, err := exchange.Encode(src)
		if err != nil {
			t.Fatal(err)
		}
		decoded, err := exchange.Decode(data)
		if err != nil {
			t.Fatal(err)
		}
		other := MustOpenDB(t) // another office
		got, err := other.ImportTemplate(ctx, decoded)
		if err != nil {
			t.Fatal(err)
		}
		tmplSame(t, got, src)
		// Back into the same office: stored beside the original under a new name.
		again, err := db.ImportTemplate(ctx, decoded)
		if err != nil || again.Name != "Einarbeitung ASD (importiert)" {
			t.Fatalf("%q %v", again.Name, err)
		}
		again.Name = src.Name
		tmplSame(t, again, src)
	})
}

func TestSeedTemplates(t *testing.T) {
	seeds, err := exchange.Builtin()
	if err != nil {
		t.Fatal(err)
	}

	t.Run("OnceAndKeepsEdits", func(t *testing.T) {
		db := MustOpenDB(t)
		n, err := db.SeedTemplates(ctx, seeds)
		if err != nil || n != len(seeds) {
			t.Fatalf("seeded %d of %d: %v", n, len(seeds), err)
		}
		list, _ := db.Templates(ctx, true)
		if len(list) != len(seeds) {
			t.Fatalf("%d templates", len(list))
		}
		var onboarding domain.Template
		for _, tp := range list {
			if !tp.Builtin {
				t.Errorf("%q not builtin", tp.Name)
			}
			if tp.Name == "Einarbeitung ASD" {
				onboarding = tp
			}
		}
		for _, s := range seeds {
			if s.Key == "einarbeitung-asd" {
				tmplSame(t, onboarding, s.Template)
			}
		}

		// The user edits a seeded template; an update of the app seeds again.
		edited := onboarding.Clone()
		edited.Name = "Einarbeitung ASD Hilden"
		edited.Topics = edited.Topics[:2]
		if _, err := db.UpdateTemplate(ctx, onboarding.ID, edited); err != nil {
			t.Fatal(err)
		}
		n, err = db.SeedTemplates(ctx, seeds)
		if err != nil || n != 0 {
			t.Fatalf("second seed added %d: %v", n, err)
		}
		got, _ := db.Template(ctx, onboarding.ID)
		if got.Name != "Einarbeitung ASD Hilden" || len(got.Topics) != 2 || !got.Builtin {
			t.Fatalf("edit lost: %q, %d topics, builtin %v", got.Name, len(got.Topics), got.Builtin)
		}
		if list, _ := db.Templates(ctx, true); len(list) != len(seeds) {
			t.Fatalf("%d templates after seeding twice", len(list))
		}

		// A builtin template is archived, not deleted; copies of it are own templates.
		wantCode(t, db.DeleteTemplate(ctx, onboarding.ID), domain.ECONFLICT, "template.builtin")
		c, err := db.CopyTemplate(ctx, onboarding.ID)
		if err != nil || c.Builtin || c.Name != "Kopie von Einarbeitung ASD Hilden" {
			t.Fatalf("copy %q builtin %v: %v", c.Name, c.Builtin, err)
		}
		if err := db.DeleteTemplate(ctx, c.ID); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("NewSeedLater", func(t *testing.T) {
		db := MustOpenDB(t)
		if n, err := db.SeedTemplates(ctx, seeds[:2]); err != nil || n != 2 {
			t.Fatalf("%d %v", n, err)
		}
		if n, err := db.SeedTemplates(ctx, seeds); err != nil || n != len(seeds)-2 {
			t.Fatalf("%d %v", n, err)
		}
	})

	t.Run("NameTakenByOwnTemplate", func(t *testing.T) {
		db := MustOpenDB(t)
		own := tmplMustCreate(t, db, tmplInput("EINARBEITUNG ASD"))
		if _, err := db.SeedTemplates(ctx, seeds); err != nil {
			t.Fatal(err)
		}
		list, _ := db.Templates(ctx, true)
		found := false
		for _, tp := range list {
			found = found || tp.Name == "Einarbeitung ASD (mitgeliefert)" && tp.Builtin
		}
		if got, _ := db.Template(ctx, own.ID); !found || got.Name != "EINARBEITUNG ASD" || got.Builtin {
			t.Fatalf("names %v", tmplNames(list))
		}
	})

	t.Run("ErrInvalidSeedStoresNothing", func(t *testing.T) {
		db := MustOpenDB(t)
		bad := append([]domain.BuiltinTemplate{}, seeds...)
		broken := bad[len(bad)-1].Template.Clone()
		broken.DurationWeeks = 0
		bad[len(bad)-1] = domain.BuiltinTemplate{Key: bad[len(bad)-1].Key, Template: broken}
		_, err := db.SeedTemplates(ctx, bad)
		wantCode(t, err, domain.EINVALID, "template.duration.invalid")
		_, err = db.SeedTemplates(ctx, []domain.BuiltinTemplate{{Key: "Einarbeitung ASD", Template: seeds[0].Template}})
		wantCode(t, err, domain.EINVALID, "template.builtin_key.invalid")
		if list, _ := db.Templates(ctx, true); len(list) != 0 {
			t.Fatalf("stored %v", tmplNames(list))
		}
		if seeds[len(seeds)-1].Template.DurationWeeks == 0 {
			t.Fatal("test changed the shared seeds")
		}
	})
}
