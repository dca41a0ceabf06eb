package sqlite_test

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"tandem/internal/domain"
)

func TestOverview(t *testing.T) {
	db := progOpen(t)
	today := time.Date(2027, 3, 10, 7, 30, 0, 0, time.Local)
	mentor := progPerson(t, db, "Max", "Mentor", 0, 0, domain.RoleMentor)
	expert := progPerson(t, db, "Erika", "Expertin", 0, 0, domain.RoleMentor)
	onboard := progRun(t, db, progKindTemplate(t, db, domain.KindOnboarding), "Einarbeitung")
	leader := progRun(t, db, progKindTemplate(t, db, domain.KindLeadershipMentoring), "Mentoring")
	sec := progRun(t, db, progKindTemplate(t, db, domain.KindSecondment), "Bereitstellung")
	hilden := progTemplate(t, db, hildenTemplate())

	n := 0
	// tandem creates a tandem of a new mentee and moves it along the statuses.
	tandem := func(run domain.Run, mentor domain.Person, start, end string, path ...domain.TandemStatus) domain.Tandem {
		t.Helper()
		n++
		mentee := progPerson(t, db, "Person", fmt.Sprintf("Nr%02d", n), 0, 0, domain.RoleMentee)
		tt := progTandem(t, db, domain.TandemInput{RunID: run.ID, MenteeID: mentee.ID, MentorIDs: []int64{mentor.ID},
			StartDate: start, EndDate: end})
		for _, s := range path {
			var err error
			if tt, err = db.SetTandemStatus(ctx, tt.ID, s, "Grund"); err != nil {
				t.Fatal(err)
			}
		}
		return tt
	}
	active := []domain.TandemStatus{domain.TandemActive}

	a := tandem(onboard, mentor, "2026-09-15", "2027-06-30", active...)
	b := tandem(leader, mentor, "2027-01-01", "2027-04-30", active...)
	tandem(onboard, mentor, "2027-04-01", "2027-05-01")                         // planned
	tandem(onboard, mentor, "2027-01-01", "2027-02-01", domain.TandemCancelled) // cancelled

	// Plan of a's mentee, from 15.09.2026: every item is due before today; probation ends 14.03.2027.
	p1 := progPlan(t, db, domain.PlanInput{NewcomerID: a.MenteeID, TemplateID: hilden, TandemID: a.ID, StartDate: "2026-09-15"})
	db.SetPlanItemStatus(ctx, p1.Items[0].ID, domain.ItemDone)
	db.SetPlanItemStatus(ctx, p1.Items[1].ID, domain.ItemDropped)
	db.SetPlanItemStatus(ctx, p1.Items[2].ID, domain.ItemInProgress)
	// From 01.10.2026: all six overdue, probation ends 31.03.2027.
	other := progPerson(t, db, "Olga", "Offen", 0, 0)
	p3 := progPlan(t, db, domain.PlanInput{NewcomerID: other.ID, TemplateID: hilden, StartDate: "2026-10-01"})
	// Cancelled plan: neither its items nor its probation show.
	gone := progPerson(t, db, "Gerd", "Gegangen", 0, 0)
	p2 := progPlan(t, db, domain.PlanInput{NewcomerID: gone.ID, TemplateID: hilden, StartDate: "2026-09-20"})
	if _, err := db.CancelPlan(ctx, p2.ID, "Kündigung"); err != nil {
		t.Fatal(err)
	}
	// Probation long past (and every item done), and one far ahead.
	old := progPlan(t, db, domain.PlanInput{NewcomerID: progPerson(t, db, "Alt", "Eingesessen", 0, 0).ID, TemplateID: hilden, StartDate: "2026-07-01"})
	for _, it := range old.Items {
		db.SetPlanItemStatus(ctx, it.ID, domain.ItemDone)
	}
	progPlan(t, db, domain.PlanInput{NewcomerID: progPerson(t, db, "Neu", "Später", 0, 0).ID, TemplateID: hilden, StartDate: "2027-03-01"})

	s1 := tandem(sec, expert, "2026-10-02", "2027-04-01", active...) // limit 01.04.2027: 22 days
	s2 := tandem(sec, expert, "2027-01-15", "2027-03-31")            // planned, ends in 21 days
	tandem(sec, expert, "2027-03-01", "2027-08-31", active...)       // far ahead
	tandem(sec, expert, "2026-09-21", "2027-03-20", domain.TandemActive, domain.TandemCompleted)
	s5 := tandem(sec, expert, "2026-08-02", "2027-02-01", active...) // past its end, still open

	o, err := db.Overview(ctx, today)
	if err != nil {
		t.Fatal(err)
	}

	// Active tandems by end date: b (30.04.), s1 (01.04.) … sorted: s5, s1, b, a, far secondment.
	var ids []int64
	for _, x := range o.ActiveTandems {
		ids = append(ids, x.ID)
		if x.Status != domain.TandemActive {
			t.Errorf("inactive tandem listed: %+v", x)
		}
	}
	if len(ids) != 5 || ids[0] != s5.ID || ids[1] != s1.ID || ids[2] != b.ID || ids[3] != a.ID {
		t.Fatalf("active tandems %v (a=%d b=%d s1=%d s5=%d)", ids, a.ID, b.ID, s1.ID, s5.ID)
	}
	if got := o.ActiveTandems[3]; got.PlanID != p1.ID || got.Progress != (domain.Progress{Done: 1, Total: 5, Percent: 20}) {
		t.Fatalf("tandem a %+v", got)
	}

	// Overdue: p1 items 2–5 and p3 items 0–5, most overdue first.
	var overdue []string
	for _, it := range o.OverdueItems {
		overdue = append(overdue, fmt.Sprintf("%d:%s", it.PlanID, it.DueDate))
	}
	want := []string{
		fmt.Sprintf("%d:2026-10-14", p3.ID), fmt.Sprintf("%d:2026-10-28", p3.ID), fmt.Sprintf("%d:2026-11-09", p1.ID),
		fmt.Sprintf("%d:2026-11-23", p1.ID), fmt.Sprintf("%d:2026-11-25", p3.ID), fmt.Sprintf("%d:2026-12-09", p3.ID),
		fmt.Sprintf("%d:2026-12-21", p1.ID), fmt.Sprintf("%d:2026-12-28", p1.ID), fmt.Sprintf("%d:2027-01-06", p3.ID),
		fmt.Sprintf("%d:2027-01-13", p3.ID),
	}
	if !reflect.DeepEqual(overdue, want) {
		t.Fatalf("overdue %v\nwant    %v", overdue, want)
	}
	first := o.OverdueItems[0]
	if first.NewcomerName != "Olga Offen" || first.Title != "Ziele, Leitbild und Organisation" || first.DaysOverdue != 147 ||
		first.ItemID != p3.Items[0].ID {
		t.Fatalf("first overdue %+v", first)
	}

	// Probation: p1 ends 14.03. (4 days), p3 31.03. (21 days).
	wantProbation := []domain.ProbationEnd{
		{PlanID: p1.ID, NewcomerName: a.MenteeName, Date: "2027-03-14", DaysLeft: 4},
		{PlanID: p3.ID, NewcomerName: "Olga Offen", Date: "2027-03-31", DaysLeft: 21},
	}
	if !reflect.DeepEqual(o.ProbationEnds, wantProbation) {
		t.Fatalf("probation %+v", o.ProbationEnds)
	}

	// Secondments: s5 past its end, s2 ends in 21 days, s1 reaches its limit in 22.
	var secs []string
	for _, s := range o.SecondmentsNearEnd {
		secs = append(secs, fmt.Sprintf("%d %s %s %d %s", s.TandemID, s.PersonName, s.LimitDate, s.DaysLeft, s.Status))
	}
	wantSecs := []string{
		fmt.Sprintf("%d Erika Expertin 2027-02-01 -37 active", s5.ID),
		fmt.Sprintf("%d Erika Expertin 2027-07-14 21 planned", s2.ID),
		fmt.Sprintf("%d Erika Expertin 2027-04-01 22 active", s1.ID),
	}
	if !reflect.DeepEqual(secs, wantSecs) {
		t.Fatalf("secondments %v\nwant        %v", secs, wantSecs)
	}
	if s := o.SecondmentsNearEnd[1]; s.MenteeName != s2.MenteeName || s.RunName != "Bereitstellung" || s.EndDate != "2027-03-31" {
		t.Fatalf("secondment %+v", s)
	}

	// At most 50 overdue items.
	many := domain.Template{Kind: domain.KindOnboarding, Name: "Viele Themen", DurationWeeks: 100}
	for i := 0; i < 80; i++ {
		many.Topics = append(many.Topics, domain.Topic{Title: fmt.Sprintf("Thema %d", i), Phase: -1, StartWeek: i, EndWeek: i})
	}
	progPlan(t, db, domain.PlanInput{NewcomerID: progPerson(t, db, "Viel", "Zutun", 0, 0).ID, TemplateID: progTemplate(t, db, many), StartDate: "2025-01-06"})
	o, err = db.Overview(ctx, today)
	if err != nil || len(o.OverdueItems) != 50 || o.OverdueItems[0].DueDate != "2025-01-12" {
		t.Fatalf("overdue %d, first %+v, %v", len(o.OverdueItems), o.OverdueItems[0], err)
	}
	for i := 1; i < len(o.OverdueItems); i++ {
		if o.OverdueItems[i].DueDate < o.OverdueItems[i-1].DueDate {
			t.Fatalf("overdue not ordered at %d: %+v", i, o.OverdueItems)
		}
	}

	// An empty database gives empty lists, not nil.
	empty, err := progOpen(t).Overview(ctx, today)
	if err != nil || empty.ActiveTandems == nil || empty.OverdueItems == nil || empty.ProbationEnds == nil || empty.SecondmentsNearEnd == nil {
		t.Fatalf("empty overview %+v, %v", empty, err)
	}
}
