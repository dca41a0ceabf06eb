package sqlite_test

import (
	"reflect"
	"strings"
	"testing"

	"tandem/internal/domain"
)

var competencyTables = []string{"self_assessments", "self_assessment_levels", "templates"}

// levels rates the competencies in order with the given levels.
func levels(names []string, lv ...int) []domain.CompetencyLevel {
	out := make([]domain.CompetencyLevel, len(names))
	for i, n := range names {
		out[i] = domain.CompetencyLevel{Competency: n, Level: lv[i%len(lv)]}
	}
	return out
}

func TestCompetencyProfileDefaultsAndRoundTrip(t *testing.T) {
	w := newSessionWorld(t)
	db := w.db
	p, err := db.CompetencyProfile(ctx, w.tandem.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(p.Competencies, domain.DefaultCompetencies) || p.Start != nil || p.End != nil || p.TandemID != w.tandem.ID {
		t.Fatalf("empty profile %+v", p)
	}
	names := domain.DefaultCompetencies

	// End before start: refused.
	unchangedTables(t, db, competencyTables, domain.ECONFLICT, "competency.end.without_start", func() error {
		_, err := db.SaveSelfAssessment(ctx, w.tandem.ID, domain.SelfAssessmentInput{Stage: domain.StageEnd, AssessedOn: "2027-03-05", Levels: levels(names, 2)})
		return err
	})

	// Start, given in another order and with other case and spaces: stored in the list's order and spelling.
	in := domain.SelfAssessmentInput{Stage: domain.StageStart, AssessedOn: "2027-03-02"}
	for i := len(names) - 1; i >= 0; i-- {
		in.Levels = append(in.Levels, domain.CompetencyLevel{Competency: "  " + strings.ToUpper(names[i]) + " ", Level: 1 + i%4})
	}
	p, err = db.SaveSelfAssessment(ctx, w.tandem.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	if p.Start == nil || p.End != nil || p.Start.AssessedOn != "2027-03-02" || p.Start.Stage != domain.StageStart {
		t.Fatalf("after start %+v", p)
	}
	want := make([]domain.CompetencyLevel, len(names))
	for i, n := range names {
		want[i] = domain.CompetencyLevel{Competency: n, Level: 1 + i%4}
	}
	if !reflect.DeepEqual(p.Start.Levels, want) {
		t.Fatalf("start levels %+v", p.Start.Levels)
	}

	// End dated before the start assessment: refused.
	unchangedTables(t, db, competencyTables, domain.EINVALID, "competency.date.before_start", func() error {
		_, err := db.SaveSelfAssessment(ctx, w.tandem.ID, domain.SelfAssessmentInput{Stage: domain.StageEnd, AssessedOn: "2027-03-01", Levels: levels(names, 3)})
		return err
	})
	p, err = db.SaveSelfAssessment(ctx, w.tandem.ID, domain.SelfAssessmentInput{Stage: domain.StageEnd, AssessedOn: "2027-03-09", Levels: levels(names, 3, 4)})
	if err != nil {
		t.Fatal(err)
	}
	if p.End == nil || p.End.AssessedOn != "2027-03-09" || !reflect.DeepEqual(p.End.Levels, levels(names, 3, 4)) || !reflect.DeepEqual(p.Start.Levels, want) {
		t.Fatalf("after end %+v", p)
	}
	// A correction of start replaces it; a start after the end is refused.
	if p, err = db.SaveSelfAssessment(ctx, w.tandem.ID, domain.SelfAssessmentInput{Stage: domain.StageStart, AssessedOn: "2027-03-03", Levels: levels(names, 2)}); err != nil {
		t.Fatal(err)
	}
	if p.Start.AssessedOn != "2027-03-03" || !reflect.DeepEqual(p.Start.Levels, levels(names, 2)) {
		t.Fatalf("corrected start %+v", p.Start)
	}
	unchangedTables(t, db, competencyTables, domain.EINVALID, "competency.date.after_end", func() error {
		_, err := db.SaveSelfAssessment(ctx, w.tandem.ID, domain.SelfAssessmentInput{Stage: domain.StageStart, AssessedOn: "2027-03-10", Levels: levels(names, 2)})
		return err
	})

	// Editing the template's list later leaves old assessments as they were.
	tmpl, err := db.Template(ctx, w.run.TemplateID)
	if err != nil {
		t.Fatal(err)
	}
	tmpl.Competencies = []string{"Gesprächsführung", "Kinderschutz"}
	if _, err := db.UpdateTemplate(ctx, tmpl.ID, tmpl); err != nil {
		t.Fatal(err)
	}
	p2, err := db.CompetencyProfile(ctx, w.tandem.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(p2.Competencies, []string{"Gesprächsführung", "Kinderschutz"}) || !reflect.DeepEqual(p2.Start, p.Start) || !reflect.DeepEqual(p2.End, p.End) {
		t.Fatalf("after template edit %+v", p2)
	}
}

func TestSaveSelfAssessmentRefusals(t *testing.T) {
	w := newSessionWorld(t)
	db := w.db
	names := domain.DefaultCompetencies
	ok := func() domain.SelfAssessmentInput {
		return domain.SelfAssessmentInput{Stage: domain.StageStart, AssessedOn: "2027-03-02", Levels: levels(names, 2)}
	}
	cases := []struct {
		name      string
		id        int64
		change    func(*domain.SelfAssessmentInput)
		code, key string
	}{
		{"stage", w.tandem.ID, func(in *domain.SelfAssessmentInput) { in.Stage = "middle" }, domain.EINVALID, "competency.stage.invalid"},
		{"no date", w.tandem.ID, func(in *domain.SelfAssessmentInput) { in.AssessedOn = "" }, domain.EINVALID, "date.required"},
		{"bad date", w.tandem.ID, func(in *domain.SelfAssessmentInput) { in.AssessedOn = "2027-02-30" }, domain.EINVALID, "date.invalid"},
		{"future", w.tandem.ID, func(in *domain.SelfAssessmentInput) { in.AssessedOn = "2027-03-11" }, domain.EINVALID, "competency.date.future"},
		{"level 5", w.tandem.ID, func(in *domain.SelfAssessmentInput) { in.Levels[2].Level = 5 }, domain.EINVALID, "competency.level.invalid"},
		{"level 0", w.tandem.ID, func(in *domain.SelfAssessmentInput) { in.Levels[0].Level = 0 }, domain.EINVALID, "competency.level.invalid"},
		{"unknown", w.tandem.ID, func(in *domain.SelfAssessmentInput) { in.Levels[0].Competency = "Zaubern" }, domain.EINVALID, "competency.unknown"},
		{"missing", w.tandem.ID, func(in *domain.SelfAssessmentInput) { in.Levels = in.Levels[1:] }, domain.EINVALID, "competency.missing"},
		{"twice", w.tandem.ID, func(in *domain.SelfAssessmentInput) { in.Levels[1].Competency = names[0] }, domain.EINVALID, "competency.duplicate"},
		{"empty name", w.tandem.ID, func(in *domain.SelfAssessmentInput) { in.Levels[1].Competency = " " }, domain.EINVALID, "competency.name.invalid"},
		{"too many", w.tandem.ID, func(in *domain.SelfAssessmentInput) { in.Levels = levels(make([]string, 31), 1) }, domain.EINVALID, "competency.levels.too_many"},
		{"no tandem", 999999, func(in *domain.SelfAssessmentInput) {}, domain.ENOTFOUND, "tandem.not_found"},
		{"bad id", -1, func(in *domain.SelfAssessmentInput) {}, domain.EINVALID, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := ok()
			c.change(&in)
			unchangedTables(t, db, competencyTables, c.code, c.key, func() error {
				_, err := db.SaveSelfAssessment(ctx, c.id, in)
				return err
			})
		})
	}

	// Cancelled tandem: refused.
	if _, err := db.SetTandemStatus(ctx, w.tandem.ID, domain.TandemCancelled, "Wechsel"); err != nil {
		t.Fatal(err)
	}
	unchangedTables(t, db, competencyTables, domain.ECONFLICT, "competency.cancelled", func() error {
		_, err := db.SaveSelfAssessment(ctx, w.tandem.ID, ok())
		return err
	})
}

func TestTemplateCompetencies(t *testing.T) {
	db := progOpen(t)
	tmpl := hildenTemplate()
	tmpl.Competencies = []string{" Gesprächsführung ", "Kinderschutz"}
	got, err := db.CreateTemplate(ctx, tmpl)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Competencies, []string{"Gesprächsführung", "Kinderschutz"}) {
		t.Fatalf("competencies %q", got.Competencies)
	}
	copied, err := db.CopyTemplate(ctx, got.ID)
	if err != nil || !reflect.DeepEqual(copied.Competencies, got.Competencies) {
		t.Fatalf("copy %q %v", copied.Competencies, err)
	}
	for _, c := range []struct {
		list []string
		key  string
	}{
		{[]string{"A", " "}, "template.competency.required"},
		{[]string{"A", strings.Repeat("x", 201)}, "template.competency.too_long"},
		{[]string{"Kinderschutz", "kinderschutz"}, "template.competency.duplicate"},
		{make([]string, 31), "template.competencies.too_many"},
		{[]string{"A\tB"}, "template.competency.control"},
	} {
		bad := got
		bad.Competencies = c.list
		unchangedTables(t, db, competencyTables, domain.EINVALID, c.key, func() error {
			_, err := db.UpdateTemplate(ctx, got.ID, bad)
			return err
		})
	}
	// Empty is allowed: the defaults apply.
	got.Competencies = nil
	if got, err = db.UpdateTemplate(ctx, got.ID, got); err != nil || len(got.Competencies) != 0 || got.Competencies == nil {
		t.Fatalf("cleared %#v %v", got.Competencies, err)
	}
}
