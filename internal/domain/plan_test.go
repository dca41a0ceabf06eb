package domain

import (
	"reflect"
	"strings"
	"testing"
)

func testTemplate() Template {
	return Template{
		Kind: KindOnboarding, Name: "Einarbeitung", DurationWeeks: 26, ProbationWeeks: 26,
		Phases: []Phase{{Name: "Ankommen"}, {Name: "Vertiefen"}},
		Topics: []Topic{
			{Title: "Organisation", Phase: 0, StartWeek: 0, EndWeek: 1, ResponsibleRole: RoleTeamLead, Checklist: []string{"Organigramm"}},
			{Title: "Beratung", Phase: 0, StartWeek: 1, EndWeek: 1, ResponsibleRole: RoleMentor},
			{Title: "HzE", Phase: 1, StartWeek: 2, EndWeek: 7, LegalReference: "§ 36 SGB VIII", ResponsibleRole: RoleSpeaker},
			{Title: "Sozialraum", Phase: -1, StartWeek: 25, EndWeek: 26},
		},
	}
}

func TestBuildPlanItems(t *testing.T) {
	tmpl := testTemplate()
	start := mustDate(t, "2027-03-01")
	items := BuildPlanItems(tmpl, start,
		map[int]PriorKnowledge{0: KnowledgeBasic, 1: KnowledgeConfident},
		map[Role]int64{RoleMentor: 7, RoleTeamLead: 8})
	want := []PlanItem{
		{Position: 0, Phase: 0, Title: "Organisation", Checklist: []string{"Organigramm"}, StartDate: "2027-03-01", DueDate: "2027-03-14",
			ResponsibleID: 8, Status: ItemOpen, PriorKnowledge: KnowledgeBasic},
		// Confident knowledge is shown, not acted on.
		{Position: 1, Phase: 0, Title: "Beratung", Checklist: []string{}, StartDate: "2027-03-08", DueDate: "2027-03-14",
			ResponsibleID: 7, Status: ItemOpen, PriorKnowledge: KnowledgeConfident},
		{Position: 2, Phase: 1, Title: "HzE", LegalReference: "§ 36 SGB VIII", Checklist: []string{}, StartDate: "2027-03-15",
			DueDate: "2027-04-25", Status: ItemOpen, PriorKnowledge: KnowledgeNone},
		{Position: 3, Phase: -1, Title: "Sozialraum", Checklist: []string{}, StartDate: "2027-08-23", DueDate: "2027-09-05",
			Status: ItemOpen, PriorKnowledge: KnowledgeNone},
	}
	if !reflect.DeepEqual(items, want) {
		t.Fatalf("got\n%+v\nwant\n%+v", items, want)
	}
	// The items do not share the template's checklists.
	items[0].Checklist[0] = "geändert"
	if tmpl.Topics[0].Checklist[0] != "Organigramm" {
		t.Fatal("checklist shared with the template")
	}

	// Across the leap day: weeks 0–1 from 16.02.2028 end on 29.02.2028.
	leap := BuildPlanItems(tmpl, mustDate(t, "2028-02-16"), nil, nil)
	if leap[0].DueDate != "2028-02-29" || leap[1].StartDate != "2028-02-23" || leap[2].StartDate != "2028-03-01" || leap[0].ResponsibleID != 0 {
		t.Fatalf("leap %+v", leap)
	}
	if len(BuildPlanItems(Template{}, start, nil, nil)) != 0 {
		t.Fatal("items from nothing")
	}
}

func TestShiftDates(t *testing.T) {
	items := BuildPlanItems(testTemplate(), mustDate(t, "2027-08-31"), nil, nil)
	for _, to := range []string{"2028-02-29", "2027-03-01", "2026-12-31", "2027-08-31"} {
		moved := ShiftDates(items, mustDate(t, "2027-08-31"), mustDate(t, to))
		want := BuildPlanItems(testTemplate(), mustDate(t, to), nil, nil)
		if !reflect.DeepEqual(moved, want) {
			t.Errorf("shift to %s:\n%+v\nwant\n%+v", to, moved, want)
		}
		back := ShiftDates(moved, mustDate(t, to), mustDate(t, "2027-08-31"))
		if !reflect.DeepEqual(back, items) {
			t.Errorf("shift back from %s: %+v", to, back)
		}
	}
	// Items edited by hand keep their own length.
	items[2].DueDate = "2027-09-30"
	moved := ShiftDates(items, mustDate(t, "2027-08-31"), mustDate(t, "2027-09-01"))
	if moved[2].DueDate != "2027-10-01" || items[2].DueDate != "2027-09-30" {
		t.Fatalf("moved %s, original %s", moved[2].DueDate, items[2].DueDate)
	}
}

func TestApplyPriorKnowledge(t *testing.T) {
	item := PlanItem{Title: "HzE", StartDate: "2027-03-01", DueDate: "2027-03-14", Status: ItemOpen, PriorKnowledge: KnowledgeNone}
	for _, c := range []struct {
		due, wantDue string
	}{
		{"2027-03-14", "2027-03-07"}, // 14 days → 7
		{"2027-03-21", "2027-03-11"}, // 21 → 11
		{"2027-03-08", "2027-03-07"}, // 8 → 7: one week stays
		{"2027-12-31", "2027-07-31"}, // 306 → 153
	} {
		it := item
		it.DueDate = c.due
		got, err := ApplyPriorKnowledge(it, KnowledgeConfident, KnowledgeShorten)
		if err != nil || got.DueDate != c.wantDue || got.StartDate != "2027-03-01" || got.Status != ItemOpen || got.PriorKnowledge != KnowledgeConfident {
			t.Errorf("shorten to %s: %+v, %v; want due %s", c.due, got, err, c.wantDue)
		}
		if want := "Verkürzt: Vorkenntnisse sicher (vorher bis " + DisplayDate(c.due) + ")"; got.AdjustmentNote != want {
			t.Errorf("note %q, want %q", got.AdjustmentNote, want)
		}
	}
	short := item
	short.DueDate = "2027-03-07"
	if _, err := ApplyPriorKnowledge(short, KnowledgeConfident, KnowledgeShorten); AsError(err).Key != "plan.item.too_short" {
		t.Errorf("seven days: %v", err)
	}
	got, err := ApplyPriorKnowledge(item, KnowledgeConfident, KnowledgeDrop)
	if err != nil || got.Status != ItemDropped || got.AdjustmentNote != "Entfällt: Vorkenntnisse sicher" || got.DueDate != item.DueDate {
		t.Errorf("drop: %+v, %v", got, err)
	}
	got, err = ApplyPriorKnowledge(item, KnowledgeBasic, KnowledgeRecord)
	if err != nil || got.PriorKnowledge != KnowledgeBasic || got.AdjustmentNote != "" || got.DueDate != item.DueDate || got.Status != ItemOpen {
		t.Errorf("record: %+v, %v", got, err)
	}
	if _, err := ApplyPriorKnowledge(item, "expert", ""); AsError(err).Key != "plan.knowledge.invalid" {
		t.Errorf("bad knowledge: %v", err)
	}
	if _, err := ApplyPriorKnowledge(item, KnowledgeBasic, "halve"); AsError(err).Key != "plan.knowledge.action.invalid" {
		t.Errorf("bad action: %v", err)
	}
	// Taking a dropped item back clears the drop note, not others.
	if back := SetItemStatus(got, ItemDone); back.AdjustmentNote != "" || back.Status != ItemDone {
		t.Errorf("record then done: %+v", back)
	}
	dropped, _ := ApplyPriorKnowledge(item, KnowledgeConfident, KnowledgeDrop)
	if back := SetItemStatus(dropped, ItemOpen); back.AdjustmentNote != "" {
		t.Errorf("undropped keeps note %q", back.AdjustmentNote)
	}
	shortened, _ := ApplyPriorKnowledge(item, KnowledgeConfident, KnowledgeShorten)
	if back := SetItemStatus(shortened, ItemDone); !strings.HasPrefix(back.AdjustmentNote, "Verkürzt") {
		t.Errorf("done lost the shorten note: %q", back.AdjustmentNote)
	}
}

func TestProgress(t *testing.T) {
	items := []PlanItem{
		{Phase: 0, Status: ItemDone}, {Phase: 0, Status: ItemDropped}, {Phase: 0, Status: ItemOpen},
		{Phase: 1, Status: ItemDropped}, {Phase: -1, Status: ItemDone}, {Phase: 2, Status: ItemInProgress},
	}
	if got := PlanProgress(items); got != (Progress{Done: 2, Total: 4, Percent: 50}) {
		t.Errorf("plan %+v", got)
	}
	want := []Progress{{Done: 1, Total: 2, Percent: 50}, {}, {Done: 0, Total: 1}}
	if got := PhaseProgress(items, 3); !reflect.DeepEqual(got, want) {
		t.Errorf("phases %+v", got)
	}
	if got := PlanProgress(nil); got != (Progress{}) {
		t.Errorf("empty %+v", got)
	}
	if got := NewProgress(2, 3); got.Percent != 66 {
		t.Errorf("percent %d", got.Percent)
	}
	for _, c := range []struct {
		s    PlanItemStatus
		due  string
		want bool
	}{
		{ItemOpen, "2027-03-09", true}, {ItemInProgress, "2027-03-09", true}, {ItemOpen, "2027-03-10", false},
		{ItemDone, "2027-03-01", false}, {ItemDropped, "2027-03-01", false},
	} {
		if got := IsOverdue(c.s, c.due, "2027-03-10"); got != c.want {
			t.Errorf("IsOverdue(%s, %s) = %v", c.s, c.due, got)
		}
	}
}

func TestPlanInputValidate(t *testing.T) {
	in := PlanInput{NewcomerID: 1, TemplateID: 2, StartDate: "2027-03-01",
		PriorKnowledge: map[int]PriorKnowledge{0: KnowledgeConfident}, Responsible: map[Role]int64{RoleMentor: 3}}
	if err := in.Validate(); err != nil {
		t.Fatal(err)
	}
	if err := in.CheckTopics(1); err != nil {
		t.Fatal(err)
	}
	if e := AsError(in.CheckTopics(0)); e.Key != "plan.knowledge.topic_invalid" || e.Params["index"] != 1 {
		t.Fatalf("got %v", e)
	}
	for _, c := range []struct {
		edit func(*PlanInput)
		key  string
	}{
		{func(in *PlanInput) { in.NewcomerID = 0 }, "plan.newcomer.required"},
		{func(in *PlanInput) { in.TemplateID = 0 }, "plan.template.required"},
		{func(in *PlanInput) { in.TandemID = -1 }, "id.invalid"},
		{func(in *PlanInput) { in.StartDate = "" }, "date.required"},
		{func(in *PlanInput) { in.PriorKnowledge = map[int]PriorKnowledge{0: "sicher"} }, "plan.knowledge.invalid"},
		{func(in *PlanInput) { in.Responsible = map[Role]int64{"chef": 1} }, "plan.responsible.role_invalid"},
		{func(in *PlanInput) { in.Responsible = map[Role]int64{RoleMentor: -1} }, "id.invalid"},
	} {
		bad := in
		c.edit(&bad)
		if e := AsError(bad.Validate()); e.Key != c.key {
			t.Errorf("%+v: got %v, want %s", bad, e, c.key)
		}
	}
}

func TestPlanItemInputValidate(t *testing.T) {
	in := PlanItemInput{Phase: 1, Title: " HzE ", StartDate: "2027-03-01", DueDate: "2027-03-01", Checklist: []string{" a "}}
	if err := in.Validate(2); err != nil || in.Title != "HzE" || in.Checklist[0] != "a" {
		t.Fatalf("%v %+v", err, in)
	}
	if e := AsError(in.Validate(1)); e.Key != "plan.item.phase.invalid" {
		t.Fatalf("phase: %v", e)
	}
	in.Checklist = make([]string, MaxChecklistItems+1)
	if e := AsError(in.Validate(2)); e.Key != "plan.item.checklist.too_many" {
		t.Fatalf("checklist: %v", e)
	}
}

func TestHandoverInputValidate(t *testing.T) {
	ok := HandoverInput{Date: "2027-05-01", CaseCount: 1000, FromName: " Team "}
	if err := ok.Validate(); err != nil || ok.FromName != "Team" {
		t.Fatal(err)
	}
	for _, c := range []struct {
		in  HandoverInput
		key string
	}{
		{HandoverInput{Date: "2027-05-01", CaseCount: 0, FromID: 1}, "handover.case_count.invalid"},
		{HandoverInput{Date: "2027-05-01", CaseCount: 1001, FromID: 1}, "handover.case_count.invalid"},
		{HandoverInput{Date: "2027-05-01", CaseCount: 1, FromName: " "}, "handover.from.required"},
		{HandoverInput{Date: "2027-05-32", CaseCount: 1, FromID: 1}, "date.invalid"},
		{HandoverInput{Date: "2027-05-01", CaseCount: 1, FromID: -1}, "id.invalid"},
	} {
		if e := AsError(c.in.Validate()); e.Key != c.key {
			t.Errorf("%+v: got %v, want %s", c.in, e, c.key)
		}
	}
}
