package sqlite_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"tandem/internal/domain"
	"tandem/internal/sqlite"
)

// planWorld: a newcomer, her mentor and team lead, the Hilden template and
// a plan from it starting on Monday 01.03.2027.
type planWorld struct {
	db                 *sqlite.DB
	newcomer, mentor   domain.Person
	teamLead, archived domain.Person
	tmpl               int64
}

func newPlanWorld(t *testing.T) *planWorld {
	t.Helper()
	db := progOpen(t)
	w := &planWorld{db: db}
	w.teamLead = progPerson(t, db, "Petra", "Schulz", 0, 0, domain.RoleTeamLead)
	w.newcomer = progPerson(t, db, "Mia", "Neumann", 0, w.teamLead.ID, domain.RoleMentee)
	w.mentor = progPerson(t, db, "Max", "Mentor", 0, 0, domain.RoleMentor)
	w.archived = progPerson(t, db, "Anna", "Archiv", 0, 0, domain.RoleMentee)
	if _, err := db.SetPersonArchived(ctx, w.archived.ID, true); err != nil {
		t.Fatal(err)
	}
	w.tmpl = progTemplate(t, db, hildenTemplate())
	return w
}

func (w *planWorld) input() domain.PlanInput {
	return domain.PlanInput{NewcomerID: w.newcomer.ID, TemplateID: w.tmpl, StartDate: "2027-03-01",
		PriorKnowledge: map[int]domain.PriorKnowledge{1: domain.KnowledgeConfident, 2: domain.KnowledgeBasic},
		Responsible:    map[domain.Role]int64{domain.RoleMentor: w.mentor.ID, domain.RoleTeamLead: w.teamLead.ID}}
}

func itemDates(p domain.Plan) []string {
	var out []string
	for _, it := range p.Items {
		out = append(out, it.StartDate+"/"+it.DueDate)
	}
	return out
}

func itemTitles(p domain.Plan) []string {
	var out []string
	for i, it := range p.Items {
		if it.Position != i {
			out = append(out, "position!")
		}
		out = append(out, it.Title)
	}
	return out
}

func TestPlan(t *testing.T) {
	t.Run("CreateFromTemplate", func(t *testing.T) {
		w := newPlanWorld(t)
		p := progPlan(t, w.db, w.input())
		if p.NewcomerName != "Mia Neumann" || p.TemplateName != "Einarbeitung ASD" || p.StartDate != "2027-03-01" ||
			p.ProbationEnd != "2027-08-31" || p.Status != domain.PlanActive || p.TandemID != 0 || p.CasesTotal != 0 {
			t.Fatalf("plan head %+v", p)
		}
		if want := hildenTemplate().Phases; !reflect.DeepEqual(p.Phases, want) {
			t.Fatalf("phases %+v", p.Phases)
		}
		wantDates := []string{"2027-03-01/2027-03-14", "2027-03-08/2027-03-28", "2027-03-15/2027-04-25",
			"2027-03-29/2027-05-09", "2027-05-10/2027-06-06", "2027-06-07/2027-06-13"}
		if got := itemDates(p); !reflect.DeepEqual(got, wantDates) {
			t.Fatalf("dates %v\nwant %v", got, wantDates)
		}
		first := p.Items[0]
		if first.Position != 0 || first.Phase != 0 || first.Title != "Ziele, Leitbild und Organisation" ||
			!reflect.DeepEqual(first.Checklist, []string{"Organigramm", "Leitbild lesen"}) ||
			first.ResponsibleID != w.teamLead.ID || first.ResponsibleName != "Petra Schulz" ||
			first.Status != domain.ItemOpen || first.PriorKnowledge != domain.KnowledgeNone || first.Overdue {
			t.Fatalf("first item %+v", first)
		}
		// Confident knowledge is recorded, nothing is dropped by itself.
		if it := p.Items[1]; it.PriorKnowledge != domain.KnowledgeConfident || it.Status != domain.ItemOpen ||
			it.AdjustmentNote != "" || it.ResponsibleName != "Max Mentor" {
			t.Fatalf("confident item %+v", it)
		}
		if it := p.Items[2]; it.PriorKnowledge != domain.KnowledgeBasic || it.LegalReference != "§ 36 SGB VIII" {
			t.Fatalf("basic item %+v", it)
		}
		if it := p.Items[5]; it.Phase != -1 || it.ResponsibleID != 0 || it.Description != "Stadtteil kennenlernen\nPartner besuchen" ||
			!reflect.DeepEqual(it.Checklist, []string{}) {
			t.Fatalf("last item %+v", it)
		}
		if p.Progress != (domain.Progress{Done: 0, Total: 6}) || len(p.PhaseProgress) != 3 || p.PhaseProgress[0].Total != 2 {
			t.Fatalf("progress %+v %+v", p.Progress, p.PhaseProgress)
		}
		read, err := w.db.Plan(ctx, p.ID)
		if err != nil || !reflect.DeepEqual(read, p) {
			t.Fatalf("read back\n%+v\nwant\n%+v\n%v", read, p, err)
		}

		// A template without probation gives none.
		noProbation := hildenTemplate()
		noProbation.Name, noProbation.ProbationWeeks = "Ohne Probezeit", 0
		in := w.input()
		in.TemplateID = progTemplate(t, w.db, noProbation)
		if p2 := progPlan(t, w.db, in); p2.ProbationEnd != "" {
			t.Fatalf("probation end %q", p2.ProbationEnd)
		}
		// Plans lists summaries with progress.
		list, err := w.db.Plans(ctx, domain.PlanFilter{NewcomerID: w.newcomer.ID})
		if err != nil || len(list) != 2 || list[0].Progress.Total != 6 || len(list[0].Items) != 0 {
			t.Fatalf("plans %+v, %v", list, err)
		}
		if list, _ := w.db.Plans(ctx, domain.PlanFilter{Status: domain.PlanCancelled}); len(list) != 0 {
			t.Fatalf("cancelled plans %+v", list)
		}
		_, err = w.db.Plans(ctx, domain.PlanFilter{Status: "paused"})
		wantCode(t, err, domain.EINVALID, "plan.status.invalid")
		_, err = w.db.Plan(ctx, 9999)
		wantCode(t, err, domain.ENOTFOUND, "plan.not_found")
	})

	t.Run("ErrCreate", func(t *testing.T) {
		w := newPlanWorld(t)
		db := w.db
		other := progPerson(t, db, "Ole", "Ohm", 0, 0, domain.RoleMentee)
		run := progRun(t, db, progKindTemplate(t, db, domain.KindOnboarding), "Einarbeitung")
		othersTandem := progTandem(t, db, domain.TandemInput{RunID: run.ID, MenteeID: other.ID, MentorIDs: []int64{w.mentor.ID},
			StartDate: "2027-03-01", EndDate: "2027-09-01"})
		ownTandem := progTandem(t, db, domain.TandemInput{RunID: run.ID, MenteeID: w.newcomer.ID, MentorIDs: []int64{w.mentor.ID},
			StartDate: "2027-03-01", EndDate: "2027-09-01"})
		in := w.input()
		in.TandemID = ownTandem.ID
		progPlan(t, db, in)

		for _, c := range []struct {
			name      string
			edit      func(*domain.PlanInput)
			code, key string
			field     string
		}{
			{"NoNewcomer", func(in *domain.PlanInput) { in.NewcomerID = 0 }, domain.EINVALID, "plan.newcomer.required", "newcomerId"},
			{"NewcomerMissing", func(in *domain.PlanInput) { in.NewcomerID = 9999 }, domain.EINVALID, "plan.newcomer.not_found", "newcomerId"},
			{"NewcomerArchived", func(in *domain.PlanInput) { in.NewcomerID = w.archived.ID }, domain.EINVALID, "plan.newcomer.archived", "newcomerId"},
			{"TemplateMissing", func(in *domain.PlanInput) { in.TemplateID = 9999 }, domain.EINVALID, "plan.template.not_found", "templateId"},
			{"NoStart", func(in *domain.PlanInput) { in.StartDate = "" }, domain.EINVALID, "date.required", "startDate"},
			{"BadStart", func(in *domain.PlanInput) { in.StartDate = "2027-02-29" }, domain.EINVALID, "date.invalid", "startDate"},
			{"KnowledgeTopicTooHigh", func(in *domain.PlanInput) { in.PriorKnowledge = map[int]domain.PriorKnowledge{6: "basic"} }, domain.EINVALID, "plan.knowledge.topic_invalid", "priorKnowledge"},
			{"KnowledgeTopicNegative", func(in *domain.PlanInput) { in.PriorKnowledge = map[int]domain.PriorKnowledge{-1: "basic"} }, domain.EINVALID, "plan.knowledge.topic_invalid", "priorKnowledge"},
			{"KnowledgeValue", func(in *domain.PlanInput) { in.PriorKnowledge = map[int]domain.PriorKnowledge{0: "expert"} }, domain.EINVALID, "plan.knowledge.invalid", "priorKnowledge"},
			{"ResponsibleRole", func(in *domain.PlanInput) { in.Responsible = map[domain.Role]int64{"boss": w.mentor.ID} }, domain.EINVALID, "plan.responsible.role_invalid", "responsible"},
			{"ResponsibleMissing", func(in *domain.PlanInput) { in.Responsible = map[domain.Role]int64{domain.RoleMentor: 9999} }, domain.EINVALID, "plan.responsible.not_found", "responsible"},
			{"TandemMissing", func(in *domain.PlanInput) { in.TandemID = 9999 }, domain.EINVALID, "plan.tandem.not_found", "tandemId"},
			{"TandemOfOther", func(in *domain.PlanInput) { in.TandemID = othersTandem.ID }, domain.EINVALID, "plan.tandem.mentee", "tandemId"},
			{"TandemHasPlan", func(in *domain.PlanInput) { in.TandemID = ownTandem.ID }, domain.ECONFLICT, "plan.tandem.has_plan", "tandemId"},
		} {
			t.Run(c.name, func(t *testing.T) {
				in := w.input()
				c.edit(&in)
				unchanged(t, db, c.code, c.key, func() error {
					_, err := db.CreatePlan(ctx, in)
					wantField(t, err, c.field)
					return err
				})
			})
		}
	})

	t.Run("PriorKnowledge", func(t *testing.T) {
		w := newPlanWorld(t)
		db := w.db
		p := progPlan(t, db, w.input())
		// Shorten: 21 days (08.03.–28.03.) become 11.
		got, err := db.SetPriorKnowledge(ctx, p.Items[1].ID, domain.KnowledgeConfident, "shorten")
		if err != nil {
			t.Fatal(err)
		}
		if it := got.Items[1]; it.StartDate != "2027-03-08" || it.DueDate != "2027-03-18" || it.Status != domain.ItemOpen ||
			it.AdjustmentNote != "Verkürzt: Vorkenntnisse sicher (vorher bis 28.03.2027)" {
			t.Fatalf("shortened %+v", it)
		}
		// Again: 11 days become 7, at least one week stays; then no further.
		got, _ = db.SetPriorKnowledge(ctx, p.Items[1].ID, domain.KnowledgeConfident, "shorten")
		if it := got.Items[1]; it.DueDate != "2027-03-14" || it.AdjustmentNote != "Verkürzt: Vorkenntnisse sicher (vorher bis 18.03.2027)" {
			t.Fatalf("shortened twice %+v", it)
		}
		unchanged(t, db, domain.ECONFLICT, "plan.item.too_short", func() error {
			_, err := db.SetPriorKnowledge(ctx, p.Items[1].ID, domain.KnowledgeConfident, "shorten")
			return err
		})
		// Basic knowledge, shortened: the note names it.
		got, _ = db.SetPriorKnowledge(ctx, p.Items[3].ID, domain.KnowledgeBasic, "shorten")
		if it := got.Items[3]; it.DueDate != "2027-04-18" || it.PriorKnowledge != domain.KnowledgeBasic ||
			it.AdjustmentNote != "Verkürzt: Grundkenntnisse (vorher bis 09.05.2027)" {
			t.Fatalf("basic shortened %+v", it)
		}
		// Drop.
		got, _ = db.SetPriorKnowledge(ctx, p.Items[2].ID, domain.KnowledgeConfident, "drop")
		if it := got.Items[2]; it.Status != domain.ItemDropped || it.AdjustmentNote != "Entfällt: Vorkenntnisse sicher" ||
			it.PriorKnowledge != domain.KnowledgeConfident || it.DueDate != "2027-04-25" {
			t.Fatalf("dropped %+v", it)
		}
		// Record only.
		got, _ = db.SetPriorKnowledge(ctx, p.Items[4].ID, domain.KnowledgeBasic, "")
		if it := got.Items[4]; it.PriorKnowledge != domain.KnowledgeBasic || it.AdjustmentNote != "" || it.DueDate != "2027-06-06" || it.Status != domain.ItemOpen {
			t.Fatalf("recorded %+v", it)
		}
		unchanged(t, db, domain.EINVALID, "plan.knowledge.action.invalid", func() error {
			_, err := db.SetPriorKnowledge(ctx, p.Items[0].ID, domain.KnowledgeBasic, "halve")
			return err
		})
		unchanged(t, db, domain.EINVALID, "plan.knowledge.invalid", func() error {
			_, err := db.SetPriorKnowledge(ctx, p.Items[0].ID, "expert", "")
			return err
		})
		unchanged(t, db, domain.ENOTFOUND, "plan.item.not_found", func() error {
			_, err := db.SetPriorKnowledge(ctx, 9999, domain.KnowledgeBasic, "")
			return err
		})
		// Taking a dropped item back clears the drop note.
		got, _ = db.SetPlanItemStatus(ctx, p.Items[2].ID, domain.ItemOpen)
		if it := got.Items[2]; it.Status != domain.ItemOpen || it.AdjustmentNote != "" {
			t.Fatalf("undropped %+v", it)
		}
	})

	t.Run("ProgressAndOverdue", func(t *testing.T) {
		w := newPlanWorld(t)
		db := w.db
		p := progPlan(t, db, w.input())
		ids := []int64{}
		for _, it := range p.Items {
			ids = append(ids, it.ID)
		}
		db.SetPlanItemStatus(ctx, ids[0], domain.ItemDone)
		db.SetPlanItemStatus(ctx, ids[1], domain.ItemDropped)
		db.SetPlanItemStatus(ctx, ids[2], domain.ItemInProgress)
		got, err := db.SetPlanItemStatus(ctx, ids[4], domain.ItemDone)
		if err != nil {
			t.Fatal(err)
		}
		// Five count (item 1 dropped), two of them done.
		if got.Progress != (domain.Progress{Done: 2, Total: 5, Percent: 40}) {
			t.Fatalf("progress %+v", got.Progress)
		}
		want := []domain.Progress{{Done: 1, Total: 1, Percent: 100}, {Done: 0, Total: 2}, {Done: 1, Total: 1, Percent: 100}}
		if !reflect.DeepEqual(got.PhaseProgress, want) {
			t.Fatalf("phase progress %+v, want %+v", got.PhaseProgress, want)
		}
		// On 10.03. nothing is overdue yet; on 26.04. items due before it that are open or in progress are.
		for _, it := range got.Items {
			if it.Overdue {
				t.Fatalf("overdue on 10.03.: %+v", it)
			}
		}
		db.Now = func() time.Time { return time.Date(2027, 4, 26, 8, 0, 0, 0, time.Local) }
		got, _ = db.Plan(ctx, p.ID)
		var overdue []bool
		for _, it := range got.Items {
			overdue = append(overdue, it.Overdue)
		}
		// 0 done, 1 dropped, 2 in progress and due 25.04., 3 due 09.05.
		if want := []bool{false, false, true, false, false, false}; !reflect.DeepEqual(overdue, want) {
			t.Fatalf("overdue %v, want %v", overdue, want)
		}
		// Due today is not overdue.
		db.Now = func() time.Time { return time.Date(2027, 4, 25, 23, 59, 0, 0, time.Local) }
		if got, _ = db.Plan(ctx, p.ID); got.Items[2].Overdue {
			t.Fatal("item due today is overdue")
		}
		unchanged(t, db, domain.EINVALID, "plan.item.status.invalid", func() error {
			_, err := db.SetPlanItemStatus(ctx, ids[3], "finished")
			return err
		})
		list, _ := db.Plans(ctx, domain.PlanFilter{})
		if len(list) != 1 || list[0].Progress != got.Progress {
			t.Fatalf("summary progress %+v, want %+v", list, got.Progress)
		}
	})

	t.Run("EditItems", func(t *testing.T) {
		w := newPlanWorld(t)
		db := w.db
		p := progPlan(t, db, w.input())
		titles := itemTitles(p)

		// Move the last item to the front, then the first to position 2.
		got, err := db.MovePlanItem(ctx, p.Items[5].ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		want := append([]string{titles[5]}, titles[:5]...)
		if g := itemTitles(got); !reflect.DeepEqual(g, want) {
			t.Fatalf("moved: %v\nwant %v", g, want)
		}
		got, _ = db.MovePlanItem(ctx, got.Items[0].ID, 2)
		want = []string{titles[0], titles[1], titles[5], titles[2], titles[3], titles[4]}
		if g := itemTitles(got); !reflect.DeepEqual(g, want) {
			t.Fatalf("moved again: %v\nwant %v", g, want)
		}
		unchanged(t, db, domain.EINVALID, "plan.item.position.invalid", func() error {
			_, err := db.MovePlanItem(ctx, got.Items[0].ID, 6)
			return err
		})
		unchanged(t, db, domain.EINVALID, "plan.item.position.invalid", func() error {
			_, err := db.MovePlanItem(ctx, got.Items[0].ID, -1)
			return err
		})

		// Delete closes ranks.
		got, err = db.DeletePlanItem(ctx, got.Items[1].ID)
		if err != nil {
			t.Fatal(err)
		}
		want = []string{titles[0], titles[5], titles[2], titles[3], titles[4]}
		if g := itemTitles(got); !reflect.DeepEqual(g, want) {
			t.Fatalf("deleted: %v\nwant %v", g, want)
		}

		// Re-date, retitle, hand over to someone else, mark in progress.
		item := got.Items[2]
		in := domain.PlanItemInput{Phase: 2, Title: " Hilfeplanung ", Description: "mit Fallbeispielen", LegalReference: "§ 36 SGB VIII",
			Checklist: []string{"Hilfeplangespräch begleiten"}, StartDate: "2027-03-22", DueDate: "2027-04-30",
			ResponsibleID: w.teamLead.ID, Status: domain.ItemInProgress}
		got, err = db.UpdatePlanItem(ctx, item.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		up := got.Items[2]
		if up.ID != item.ID || up.Position != 2 || up.Phase != 2 || up.Title != "Hilfeplanung" || up.StartDate != "2027-03-22" ||
			up.DueDate != "2027-04-30" || up.ResponsibleName != "Petra Schulz" || up.Status != domain.ItemInProgress ||
			up.PriorKnowledge != domain.KnowledgeBasic || !reflect.DeepEqual(up.Checklist, in.Checklist) {
			t.Fatalf("updated %+v", up)
		}
		// An empty status keeps the status.
		in.Status = ""
		if got, _ = db.UpdatePlanItem(ctx, item.ID, in); got.Items[2].Status != domain.ItemInProgress {
			t.Fatalf("status changed: %+v", got.Items[2])
		}
		for _, c := range []struct {
			name       string
			edit       func(*domain.PlanItemInput)
			key, field string
		}{
			{"DueBeforeStart", func(in *domain.PlanItemInput) { in.DueDate = "2027-03-21" }, "date.end_before_start", "dueDate"},
			{"NoDue", func(in *domain.PlanItemInput) { in.DueDate = "" }, "date.required", "dueDate"},
			{"PhaseOutOfRange", func(in *domain.PlanItemInput) { in.Phase = 3 }, "plan.item.phase.invalid", "phase"},
			{"NoTitle", func(in *domain.PlanItemInput) { in.Title = "" }, "text.required", "title"},
			{"ResponsibleMissing", func(in *domain.PlanItemInput) { in.ResponsibleID = 9999 }, "plan.item.responsible.not_found", "responsibleId"},
			{"BadStatus", func(in *domain.PlanItemInput) { in.Status = "waiting" }, "plan.item.status.invalid", "status"},
			{"EmptyChecklistItem", func(in *domain.PlanItemInput) { in.Checklist = []string{"a", " "} }, "text.required", "checklist"},
		} {
			t.Run(c.name, func(t *testing.T) {
				bad := in
				bad.Checklist = append([]string{}, in.Checklist...)
				c.edit(&bad)
				unchanged(t, db, domain.EINVALID, c.key, func() error {
					_, err := db.UpdatePlanItem(ctx, item.ID, bad)
					wantField(t, err, c.field)
					return err
				})
				unchanged(t, db, domain.EINVALID, c.key, func() error {
					_, err := db.AddPlanItem(ctx, p.ID, bad)
					return err
				})
			})
		}

		// Add: at the end, open.
		in.Title, in.Status = "Abschlussgespräch", ""
		got, err = db.AddPlanItem(ctx, p.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		last := got.Items[len(got.Items)-1]
		if len(got.Items) != 6 || last.Position != 5 || last.Title != "Abschlussgespräch" || last.Status != domain.ItemOpen ||
			last.PriorKnowledge != domain.KnowledgeNone {
			t.Fatalf("added %+v", last)
		}
	})

	t.Run("Handovers", func(t *testing.T) {
		w := newPlanWorld(t)
		db := w.db
		p := progPlan(t, db, w.input())
		for _, h := range []domain.HandoverInput{
			{Date: "2027-05-01", CaseCount: 3, FromName: " Team Süd "},
			{Date: "2027-04-01", CaseCount: 2, FromID: w.mentor.ID, Note: "Familie K."},
			{Date: "2027-06-01", CaseCount: 5, FromName: "Vertretung"},
		} {
			var err error
			if p, err = db.AddHandover(ctx, p.ID, h); err != nil {
				t.Fatal(err)
			}
		}
		var got []string
		for _, h := range p.Handovers {
			got = append(got, h.Date+" "+h.FromName)
		}
		if want := []string{"2027-04-01 Max Mentor", "2027-05-01 Team Süd", "2027-06-01 Vertretung"}; !reflect.DeepEqual(got, want) || p.CasesTotal != 10 {
			t.Fatalf("handovers %v (%d cases)", got, p.CasesTotal)
		}
		if list, _ := db.Plans(ctx, domain.PlanFilter{}); list[0].CasesTotal != 10 {
			t.Fatalf("summary cases %d", list[0].CasesTotal)
		}
		for _, c := range []struct {
			name       string
			in         domain.HandoverInput
			key, field string
		}{
			{"NoCases", domain.HandoverInput{Date: "2027-05-01", FromName: "x"}, "handover.case_count.invalid", "caseCount"},
			{"TooMany", domain.HandoverInput{Date: "2027-05-01", CaseCount: 1001, FromName: "x"}, "handover.case_count.invalid", "caseCount"},
			{"NoFrom", domain.HandoverInput{Date: "2027-05-01", CaseCount: 1}, "handover.from.required", "fromName"},
			{"FromMissing", domain.HandoverInput{Date: "2027-05-01", CaseCount: 1, FromID: 9999}, "handover.from.not_found", "fromId"},
			{"NoDate", domain.HandoverInput{CaseCount: 1, FromName: "x"}, "date.required", "date"},
		} {
			unchanged(t, db, domain.EINVALID, c.key, func() error {
				_, err := db.AddHandover(ctx, p.ID, c.in)
				wantField(t, err, c.field)
				return err
			})
		}
		p, err := db.DeleteHandover(ctx, p.Handovers[1].ID)
		if err != nil || p.CasesTotal != 7 || len(p.Handovers) != 2 {
			t.Fatalf("after delete %+v, %v", p.Handovers, err)
		}
		unchanged(t, db, domain.ENOTFOUND, "handover.not_found", func() error {
			_, err := db.DeleteHandover(ctx, 9999)
			return err
		})
	})

	t.Run("Shift", func(t *testing.T) {
		w := newPlanWorld(t)
		db := w.db
		p := progPlan(t, db, w.input())
		orig := itemDates(p)
		moved, err := db.ShiftPlan(ctx, p.ID, "2027-08-31")
		if err != nil {
			t.Fatal(err)
		}
		// 183 days later; six months of probation from 31.08. end on 29.02.2028.
		if moved.StartDate != "2027-08-31" || moved.ProbationEnd != "2028-02-29" ||
			moved.Items[0].StartDate != "2027-08-31" || moved.Items[0].DueDate != "2027-09-13" ||
			moved.Items[5].DueDate != "2027-12-13" {
			t.Fatalf("moved %+v %v", moved.ProbationEnd, itemDates(moved))
		}
		leap, _ := db.ShiftPlan(ctx, p.ID, "2028-02-16")
		if leap.Items[0].DueDate != "2028-02-29" || leap.ProbationEnd != "2028-08-15" {
			t.Fatalf("leap %v %s", itemDates(leap), leap.ProbationEnd)
		}
		back, err := db.ShiftPlan(ctx, p.ID, "2027-03-01")
		if err != nil {
			t.Fatal(err)
		}
		if got := itemDates(back); !reflect.DeepEqual(got, orig) || back.ProbationEnd != "2027-08-31" {
			t.Fatalf("back %v %s\nwant %v", got, back.ProbationEnd, orig)
		}
		for _, bad := range []struct{ date, key string }{{"", "date.required"}, {"2027-02-29", "date.invalid"}, {"01.03.2027", "date.invalid"}} {
			unchanged(t, db, domain.EINVALID, bad.key, func() error {
				_, err := db.ShiftPlan(ctx, p.ID, bad.date)
				return err
			})
		}
	})

	t.Run("ClosedPlan", func(t *testing.T) {
		w := newPlanWorld(t)
		db := w.db
		p := progPlan(t, db, w.input())
		p, _ = db.AddHandover(ctx, p.ID, domain.HandoverInput{Date: "2027-05-01", CaseCount: 3, FromName: "Team"})
		unchanged(t, db, domain.EINVALID, "text.required", func() error {
			_, err := db.CancelPlan(ctx, p.ID, " ")
			wantField(t, err, "cancelReason")
			return err
		})
		cancelled, err := db.CancelPlan(ctx, p.ID, "Probezeit nicht bestanden")
		if err != nil || cancelled.Status != domain.PlanCancelled || cancelled.CancelReason != "Probezeit nicht bestanden" ||
			len(cancelled.Items) != 6 || cancelled.CasesTotal != 3 {
			t.Fatalf("cancelled %+v, %v", cancelled, err)
		}
		item := p.Items[0].ID
		in := domain.PlanItemInput{Phase: -1, Title: "x", StartDate: "2027-03-01", DueDate: "2027-03-02"}
		for name, f := range map[string]func() error{
			"Add":       func() error { _, err := db.AddPlanItem(ctx, p.ID, in); return err },
			"Update":    func() error { _, err := db.UpdatePlanItem(ctx, item, in); return err },
			"Status":    func() error { _, err := db.SetPlanItemStatus(ctx, item, domain.ItemDone); return err },
			"Delete":    func() error { _, err := db.DeletePlanItem(ctx, item); return err },
			"Move":      func() error { _, err := db.MovePlanItem(ctx, item, 1); return err },
			"Knowledge": func() error { _, err := db.SetPriorKnowledge(ctx, item, domain.KnowledgeConfident, "drop"); return err },
			"Shift":     func() error { _, err := db.ShiftPlan(ctx, p.ID, "2027-04-01"); return err },
			"Cancel":    func() error { _, err := db.CancelPlan(ctx, p.ID, "nochmal"); return err },
			"Handover": func() error {
				_, err := db.AddHandover(ctx, p.ID, domain.HandoverInput{Date: "2027-05-01", CaseCount: 1, FromName: "x"})
				return err
			},
			"DeleteHandover": func() error { _, err := db.DeleteHandover(ctx, p.Handovers[0].ID); return err },
		} {
			t.Run(name, func(t *testing.T) {
				unchanged(t, db, domain.ECONFLICT, "plan.closed", f)
				if e := domain.AsError(f()); e.Params["status"] != "abgebrochen" {
					t.Errorf("params %v", e.Params)
				}
			})
		}
		if read, err := db.Plan(ctx, p.ID); err != nil || len(read.Items) != 6 || len(read.Handovers) != 1 {
			t.Fatalf("cancelled plan unreadable: %+v, %v", read, err)
		}
	})
}

func TestPlanItemsTooMany(t *testing.T) {
	db := progOpen(t)
	tmpl := domain.Template{Kind: domain.KindOnboarding, Name: "Groß", DurationWeeks: 520}
	for i := 0; i < domain.MaxPlanItems; i++ {
		tmpl.Topics = append(tmpl.Topics, domain.Topic{Title: "Thema " + strings.Repeat("x", i%3+1), Phase: -1, StartWeek: i % 500, EndWeek: i % 500})
	}
	// A template with more topics than a template may have is not possible
	// through the template code; here it fills a plan to its limit.
	id := progTemplate(t, db, tmpl)
	n := progPerson(t, db, "Nina", "Neu", 0, 0)
	p := progPlan(t, db, domain.PlanInput{NewcomerID: n.ID, TemplateID: id, StartDate: "2027-01-04"})
	if len(p.Items) != domain.MaxPlanItems {
		t.Fatalf("%d items", len(p.Items))
	}
	unchanged(t, db, domain.ECONFLICT, "plan.items.too_many", func() error {
		_, err := db.AddPlanItem(ctx, p.ID, domain.PlanItemInput{Phase: -1, Title: "eins zu viel", StartDate: "2027-01-04", DueDate: "2027-01-04"})
		return err
	})
}
