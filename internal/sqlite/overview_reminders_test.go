package sqlite_test

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"tandem/internal/domain"
)

// TestOverviewReminders checks the four reminder lists on a fixed today
// (10.03.2027), with the boundaries: 14 days ahead included, 42 days
// without session not yet quiet, 43 days quiet.
func TestOverviewReminders(t *testing.T) {
	db := progOpen(t)
	today := time.Date(2027, 3, 10, 18, 45, 0, 0, time.Local)
	mentor := progPerson(t, db, "Max", "Mentor", 0, 0, domain.RoleMentor)
	run := progRun(t, db, progKindTemplate(t, db, domain.KindLeadershipMentoring), "Mentoring")
	n := 0
	tandem := func(first, start, end string, path ...domain.TandemStatus) domain.Tandem {
		t.Helper()
		n++
		mentee := progPerson(t, db, first, fmt.Sprintf("Nr%02d", n), 0, 0, domain.RoleMentee)
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
	session := func(tt domain.Tandem, date, at string) domain.Session {
		t.Helper()
		s, err := db.CreateSession(ctx, domain.SessionInput{TandemID: tt.ID, Date: date, StartTime: at, DurationMinutes: 60, Place: "Raum 1"})
		if err != nil {
			t.Fatalf("session %s: %v", date, err)
		}
		return s
	}
	agreement := func(s domain.Session, text, due string, done bool) domain.Agreement {
		t.Helper()
		a, err := db.AddAgreement(ctx, s.ID, domain.AgreementInput{Text: text, OwnerName: "Team", DueDate: due, Done: done})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	active := domain.TandemActive

	a := tandem("Anna", "2027-01-01", "2027-06-30", active)
	session(a, "2027-02-20", "10:00") // 18 days ago: not quiet
	a1 := session(a, "2027-03-12", "09:00")
	a0 := session(a, "2027-03-10", "08:00") // today, earlier than now: still listed
	a2 := session(a, "2027-03-24", "14:00") // 14 days: included
	session(a, "2027-03-25", "14:00")       // 15 days: not

	b := tandem("Bert", "2026-12-01", "2027-03-20", active) // final talk due in 10 days
	bs := session(b, "2027-01-20", "10:00")                 // 49 days ago: quiet
	late := agreement(bs, "Hilfeplan lesen", "2027-03-01", false)
	agreement(bs, "Erledigt", "2027-02-01", true)
	agreement(bs, "Heute fällig", "2027-03-10", false)
	agreement(bs, "Ohne Datum", "", false)
	older := agreement(bs, "Noch älter", "2027-02-15", false)

	c := tandem("Cem", "2027-01-15", "2027-03-05", active)  // past its end: due; no session since start (54 days): quiet
	d := tandem("Dora", "2027-01-27", "2027-03-24", active) // exactly 42 days: not quiet; ends in 14 days: due
	tandem("Emil", "2027-01-01", "2027-04-30", active)      // ends later than 14 days, no session since 68 days... quiet too
	e := tandem("Ella", "2027-01-01", "2027-05-01")         // planned; its sessions are listed
	es := session(e, "2027-03-15", "11:00")
	x := tandem("Xaver", "2027-01-01", "2027-03-12", active)
	xs := session(x, "2027-03-11", "10:00")
	agreement(xs, "Abgesagt", "2027-03-01", false)
	if _, err := db.SetTandemStatus(ctx, x.ID, domain.TandemCancelled, "Wechsel"); err != nil { // cancelled: nothing of it
		t.Fatal(err)
	}
	if _, err := db.RecordFeedbackTalk(ctx, domain.FeedbackTalkInput{TandemID: d.ID, Kind: domain.FeedbackMidTerm, Date: "2027-03-01"}); err != nil {
		t.Fatal(err) // a mid-term talk does not count as final
	}

	o, err := db.Overview(ctx, today)
	if err != nil {
		t.Fatal(err)
	}
	wantSessions := []domain.UpcomingSession{
		{SessionID: a0.ID, Kind: "tandem", TandemID: a.ID, Title: "Anna Nr01", Date: "2027-03-10", StartTime: "08:00", Place: "Raum 1", DaysLeft: 0},
		{SessionID: a1.ID, Kind: "tandem", TandemID: a.ID, Title: "Anna Nr01", Date: "2027-03-12", StartTime: "09:00", Place: "Raum 1", DaysLeft: 2},
		{SessionID: es.ID, Kind: "tandem", TandemID: e.ID, Title: "Ella Nr06", Date: "2027-03-15", StartTime: "11:00", Place: "Raum 1", DaysLeft: 5},
		{SessionID: a2.ID, Kind: "tandem", TandemID: a.ID, Title: "Anna Nr01", Date: "2027-03-24", StartTime: "14:00", Place: "Raum 1", DaysLeft: 14},
	}
	if !reflect.DeepEqual(o.UpcomingSessions, wantSessions) {
		t.Errorf("upcoming\n got %+v\nwant %+v", o.UpcomingSessions, wantSessions)
	}
	wantAgreements := []domain.OverdueAgreement{
		{AgreementID: older.ID, SessionID: bs.ID, TandemID: b.ID, Title: "Bert Nr02", Text: "Noch älter", OwnerName: "Team", DueDate: "2027-02-15", DaysOverdue: 23},
		{AgreementID: late.ID, SessionID: bs.ID, TandemID: b.ID, Title: "Bert Nr02", Text: "Hilfeplan lesen", OwnerName: "Team", DueDate: "2027-03-01", DaysOverdue: 9},
	}
	if !reflect.DeepEqual(o.OverdueAgreements, wantAgreements) {
		t.Errorf("agreements\n got %+v\nwant %+v", o.OverdueAgreements, wantAgreements)
	}
	var quiet []string
	for _, q := range o.QuietTandems {
		quiet = append(quiet, fmt.Sprintf("%s %q %s %d", q.MenteeName, q.LastSession, q.Since, q.DaysSince))
	}
	wantQuiet := []string{`Emil Nr05 "" 2027-01-01 68`, `Cem Nr03 "" 2027-01-15 54`, `Bert Nr02 "2027-01-20" 2027-01-20 49`}
	if !reflect.DeepEqual(quiet, wantQuiet) {
		t.Errorf("quiet\n got %q\nwant %q", quiet, wantQuiet)
	}
	wantFinal := []domain.FinalTalkDue{
		{TandemID: c.ID, MenteeName: "Cem Nr03", EndDate: "2027-03-05", DaysLeft: -5},
		{TandemID: b.ID, MenteeName: "Bert Nr02", EndDate: "2027-03-20", DaysLeft: 10},
		{TandemID: d.ID, MenteeName: "Dora Nr04", EndDate: "2027-03-24", DaysLeft: 14},
	}
	if !reflect.DeepEqual(o.FinalTalksDue, wantFinal) {
		t.Errorf("final talks\n got %+v\nwant %+v", o.FinalTalksDue, wantFinal)
	}

	// Recording the final talk completes the tandem: it leaves every list.
	if _, err := db.RecordFeedbackTalk(ctx, domain.FeedbackTalkInput{TandemID: b.ID, Kind: domain.FeedbackFinal, Date: "2027-03-09"}); err != nil {
		t.Fatal(err)
	}
	if o, err = db.Overview(ctx, today); err != nil {
		t.Fatal(err)
	}
	if len(o.OverdueAgreements) != 0 || len(o.FinalTalksDue) != 2 || len(o.QuietTandems) != 2 {
		t.Errorf("after final talk: %d agreements, %d final talks, %d quiet", len(o.OverdueAgreements), len(o.FinalTalksDue), len(o.QuietTandems))
	}
}

// A group's session and an agreement made in one are named by the group;
// an archived group's sessions are not reminded of.
func TestOverviewRemindersGroups(t *testing.T) {
	w := newGroupWorld(t)
	steering := w.group(t, domain.GroupInput{Kind: domain.GroupSteering, Name: "Steuerungsgruppe ASD", MemberIDs: []int64{w.dora.ID}})
	peers := w.group(t, domain.GroupInput{Kind: domain.GroupPeerMentees, Name: "Peergruppe Nord", MemberIDs: []int64{w.anna.ID}})
	past, err := w.db.CreateSession(ctx, groupSession(steering, 0, "2027-03-01", "10:00"))
	if err != nil {
		t.Fatal(err)
	}
	ag, err := w.db.AddAgreement(ctx, past.ID, domain.AgreementInput{Text: "Zahlen liefern", OwnerID: w.dora.ID, DueDate: "2027-03-08"})
	if err != nil {
		t.Fatal(err)
	}
	soon, err := w.db.CreateSession(ctx, groupSession(steering, 0, "2027-03-13", "10:00"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.db.CreateSession(ctx, groupSession(peers, 0, "2027-03-12", "10:00")); err != nil {
		t.Fatal(err)
	}
	if _, err := w.db.SetGroupArchived(ctx, peers.ID, true); err != nil {
		t.Fatal(err)
	}
	o, err := w.db.Overview(ctx, time.Date(2027, 3, 10, 12, 0, 0, 0, time.Local))
	if err != nil {
		t.Fatal(err)
	}
	if len(o.UpcomingSessions) != 1 || o.UpcomingSessions[0].SessionID != soon.ID || o.UpcomingSessions[0].Title != "Steuerungsgruppe ASD" ||
		o.UpcomingSessions[0].Kind != "steering" || o.UpcomingSessions[0].DaysLeft != 3 {
		t.Errorf("upcoming %+v", o.UpcomingSessions)
	}
	if len(o.OverdueAgreements) != 1 || o.OverdueAgreements[0].AgreementID != ag.ID || o.OverdueAgreements[0].Title != "Steuerungsgruppe ASD" ||
		o.OverdueAgreements[0].DaysOverdue != 2 {
		t.Errorf("overdue %+v", o.OverdueAgreements)
	}
}
