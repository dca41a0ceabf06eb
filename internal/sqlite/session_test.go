package sqlite_test

import (
	"reflect"
	"strings"
	"testing"

	"tandem/internal/domain"
	"tandem/internal/sqlite"
)

// sessionWorld is an active onboarding tandem (mentee Mia, mentors Max and
// Nora) with a plan of the Hilden curriculum, and an outsider.
type sessionWorld struct {
	db                *sqlite.DB
	mentee, max, nora domain.Person
	outsider          domain.Person
	run               domain.Run
	tandem            domain.Tandem
	plan              domain.Plan
}

func newSessionWorld(t testing.TB) *sessionWorld {
	t.Helper()
	db := progOpen(t)
	w := &sessionWorld{db: db}
	w.mentee = progPerson(t, db, "Mia", "Neumann", 0, 0, domain.RoleMentee)
	w.max = progPerson(t, db, "Max", "Mentor", 0, 0, domain.RoleMentor)
	w.nora = progPerson(t, db, "Nora", "Nordmann", 0, 0, domain.RoleMentor)
	w.outsider = progPerson(t, db, "Ole", "Ohm", 0, 0, domain.RoleMentee)
	tmpl := progTemplate(t, db, hildenTemplate())
	w.run = progRun(t, db, tmpl, "Einarbeitung 2027")
	w.tandem = progTandem(t, db, domain.TandemInput{RunID: w.run.ID, MenteeID: w.mentee.ID,
		MentorIDs: []int64{w.max.ID, w.nora.ID}, StartDate: "2027-03-01", EndDate: "2027-08-31"})
	var err error
	if w.tandem, err = db.SetTandemStatus(ctx, w.tandem.ID, domain.TandemActive, ""); err != nil {
		t.Fatal(err)
	}
	w.plan = progPlan(t, db, domain.PlanInput{NewcomerID: w.mentee.ID, TemplateID: tmpl, TandemID: w.tandem.ID, StartDate: "2027-03-01"})
	return w
}

func (w *sessionWorld) input(date, at string, minutes int) domain.SessionInput {
	return domain.SessionInput{TandemID: w.tandem.ID, Date: date, StartTime: at, DurationMinutes: minutes, Place: "online"}
}

func (w *sessionWorld) session(t testing.TB, date, at string, minutes int) domain.Session {
	t.Helper()
	s, err := w.db.CreateSession(ctx, w.input(date, at, minutes))
	if err != nil {
		t.Fatalf("create session: %v", err)
	}
	return s
}

// sessionTables are the session tables and the tables a session changes.
var sessionTables = []string{"sessions", "session_attendance", "session_topics", "notes", "agreements",
	"feedback_talks", "tandems", "plan_items"}

// sessionUnchanged checks a refused change to the session tables.
func sessionUnchanged(t *testing.T, db *sqlite.DB, code, key string, f func() error) {
	t.Helper()
	unchangedTables(t, db, sessionTables, code, key, f)
}

const hostile = `<script>alert("x")</script><img src=x onerror=alert(1)> & "Müller" 'ß' {{.}} ${x}`

func TestSessionRoundTrip(t *testing.T) {
	w := newSessionWorld(t)
	db := w.db
	in := w.input("2027-03-08", "09:30", 90)
	in.Place = hostile
	in.Participants = []domain.AttendanceInput{{PersonID: w.mentee.ID, Present: true}, {PersonID: w.nora.ID, Present: false}}
	in.TopicItemIDs = []int64{w.plan.Items[2].ID, w.plan.Items[0].ID, w.plan.Items[2].ID}
	in.MarkTopicsDone = true
	s, err := db.CreateSession(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if s.Kind != domain.SessionTandem || s.TandemID != w.tandem.ID || s.Date != "2027-03-08" || s.StartTime != "09:30" ||
		s.DurationMinutes != 90 || s.Place != hostile {
		t.Fatalf("session %+v", s)
	}
	wantPeople := []domain.Attendance{{PersonID: w.mentee.ID, Name: "Mia Neumann", Present: true},
		{PersonID: w.nora.ID, Name: "Nora Nordmann", Present: false}}
	if !reflect.DeepEqual(s.Participants, wantPeople) {
		t.Fatalf("participants %+v", s.Participants)
	}
	if !reflect.DeepEqual(s.TopicItemIDs, []int64{w.plan.Items[0].ID, w.plan.Items[2].ID}) {
		t.Fatalf("topics %v", s.TopicItemIDs)
	}
	// The picked topics are done now, the others not.
	p, err := db.Plan(ctx, w.plan.ID)
	if err != nil {
		t.Fatal(err)
	}
	for i, it := range p.Items {
		if done := it.Status == domain.ItemDone; done != (i == 0 || i == 2) {
			t.Fatalf("item %d status %s", i, it.Status)
		}
	}

	// Notes: hostile text verbatim, confidential flag, update in place.
	text := hostile + "\n  eingerückt  \n"
	n, err := db.SaveNote(ctx, s.ID, 0, domain.NoteInput{Text: text, Confidential: true})
	if err != nil || n.ID == 0 || n.Text != text || !n.Confidential {
		t.Fatalf("note %+v, %v", n, err)
	}
	n2, err := db.SaveNote(ctx, s.ID, n.ID, domain.NoteInput{Text: text + "mehr", Confidential: false})
	if err != nil || n2.ID != n.ID || n2.Text != text+"mehr" || n2.Confidential {
		t.Fatalf("note update %+v, %v", n2, err)
	}
	_, err = db.SaveNote(ctx, s.ID+1, n.ID, domain.NoteInput{Text: "x"})
	wantCode(t, err, domain.ENOTFOUND, "note.not_found")
	_, err = db.SaveNote(ctx, 9999, 0, domain.NoteInput{Text: "x"})
	wantCode(t, err, domain.ENOTFOUND, "session.not_found")

	// Agreements.
	a, err := db.AddAgreement(ctx, s.ID, domain.AgreementInput{Text: hostile, OwnerID: w.mentee.ID, DueDate: "2027-03-20"})
	if err != nil || a.OwnerName != "Mia Neumann" || a.Text != hostile || a.DueDate != "2027-03-20" || a.Done {
		t.Fatalf("agreement %+v, %v", a, err)
	}
	b, err := db.AddAgreement(ctx, s.ID, domain.AgreementInput{Text: "Akte lesen", OwnerName: "Team Süd"})
	if err != nil || b.OwnerID != 0 || b.OwnerName != "Team Süd" || b.DueDate != "" {
		t.Fatalf("agreement %+v, %v", b, err)
	}
	if a, err = db.SetAgreementDone(ctx, a.ID, true); err != nil || !a.Done {
		t.Fatalf("done %+v, %v", a, err)
	}
	if b, err = db.UpdateAgreement(ctx, b.ID, domain.AgreementInput{Text: "Akte lesen und Fragen notieren", OwnerID: w.max.ID}); err != nil ||
		b.OwnerName != "Max Mentor" || b.Text != "Akte lesen und Fragen notieren" {
		t.Fatalf("update %+v, %v", b, err)
	}
	_, err = db.AddAgreement(ctx, s.ID, domain.AgreementInput{Text: "x", OwnerID: 9999})
	wantCode(t, err, domain.EINVALID, "agreement.owner.not_found")
	_, err = db.AddAgreement(ctx, s.ID, domain.AgreementInput{Text: strings.Repeat("a", 2001)})
	wantCode(t, err, domain.EINVALID, "text.too_long")
	_, err = db.SetAgreementDone(ctx, 9999, true)
	wantCode(t, err, domain.ENOTFOUND, "agreement.not_found")

	got, err := db.Session(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Notes) != 1 || got.Notes[0] != n2 || len(got.Agreements) != 2 || got.Agreements[0] != a || got.Agreements[1] != b ||
		!reflect.DeepEqual(got.Participants, wantPeople) || got.Place != hostile {
		t.Fatalf("read back %+v", got)
	}

	// Update: without participants every member is present; notes stay.
	in2 := w.input("2027-03-08", "10:00", 30)
	up, err := db.UpdateSession(ctx, s.ID, in2)
	if err != nil {
		t.Fatal(err)
	}
	if up.StartTime != "10:00" || len(up.Participants) != 3 || len(up.TopicItemIDs) != 0 || len(up.Notes) != 1 || len(up.Agreements) != 2 {
		t.Fatalf("updated %+v", up)
	}
	for _, p := range up.Participants {
		if !p.Present {
			t.Fatalf("participants %+v", up.Participants)
		}
	}
	list, err := db.Sessions(ctx, w.tandem.ID)
	if err != nil || len(list) != 1 || !reflect.DeepEqual(list[0], up) {
		t.Fatalf("list %+v, %v", list, err)
	}

	// Deleting: refused while notes or agreements exist.
	sessionUnchanged(t, db, domain.ECONFLICT, "session.has_notes", func() error { return db.DeleteSession(ctx, s.ID) })
	empty := w.session(t, "2027-03-09", "09:00", 60)
	if err := db.DeleteSession(ctx, empty.ID); err != nil {
		t.Fatal(err)
	}
	_, err = db.Session(ctx, empty.ID)
	wantCode(t, err, domain.ENOTFOUND, "session.not_found")
	if err := db.DeleteAgreement(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	wantCode(t, db.DeleteAgreement(ctx, a.ID), domain.ENOTFOUND, "agreement.not_found")
}

func TestSessionRefused(t *testing.T) {
	w := newSessionWorld(t)
	db := w.db
	s := w.session(t, "2027-03-08", "09:00", 60)
	note, err := db.SaveNote(ctx, s.ID, 0, domain.NoteInput{Text: "Erste Eindrücke"})
	if err != nil {
		t.Fatal(err)
	}

	t.Run("NoteOf1MB", func(t *testing.T) {
		big := strings.Repeat("Müller ", 1<<20/7+1)
		var err error
		sessionUnchanged(t, db, domain.EINVALID, "note.too_long", func() error {
			_, err = db.SaveNote(ctx, s.ID, note.ID, domain.NoteInput{Text: big})
			return err
		})
		wantField(t, err, "text")
		if e := domain.AsError(err); e.Params["max"] != domain.MaxSessionNoteLen {
			t.Fatalf("params %v", e.Params)
		}
		sessionUnchanged(t, db, domain.EINVALID, "note.too_long", func() error {
			_, err := db.SaveNote(ctx, s.ID, 0, domain.NoteInput{Text: big})
			return err
		})
		// Exactly the limit is kept.
		limit := strings.Repeat("ß", domain.MaxSessionNoteLen)
		if n, err := db.SaveNote(ctx, s.ID, note.ID, domain.NoteInput{Text: limit}); err != nil || n.Text != limit {
			t.Fatalf("note at limit: %v", err)
		}
	})
	t.Run("NoteControl", func(t *testing.T) {
		sessionUnchanged(t, db, domain.EINVALID, "text.control", func() error {
			_, err := db.SaveNote(ctx, s.ID, note.ID, domain.NoteInput{Text: "a\x00b"})
			return err
		})
	})
	t.Run("Overlap", func(t *testing.T) {
		for _, c := range []struct {
			at  string
			min int
		}{{"08:30", 31}, {"09:59", 10}, {"09:15", 15}, {"08:00", 180}} {
			sessionUnchanged(t, db, domain.ECONFLICT, "session.overlap", func() error {
				_, err := db.CreateSession(ctx, w.input("2027-03-08", c.at, c.min))
				return err
			})
		}
		// Touching ends are fine, as is another day.
		w.session(t, "2027-03-08", "10:00", 30)
		w.session(t, "2027-03-08", "08:00", 60)
		w.session(t, "2027-03-09", "09:00", 60)
		// Moving a session onto another is refused; onto itself is not.
		sessionUnchanged(t, db, domain.ECONFLICT, "session.overlap", func() error {
			_, err := db.UpdateSession(ctx, s.ID, w.input("2027-03-08", "09:45", 30))
			return err
		})
		if _, err := db.UpdateSession(ctx, s.ID, w.input("2027-03-08", "09:00", 45)); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("NonMember", func(t *testing.T) {
		in := w.input("2027-04-01", "09:00", 60)
		in.Participants = []domain.AttendanceInput{{PersonID: w.mentee.ID, Present: true}, {PersonID: w.outsider.ID, Present: true}}
		var err error
		sessionUnchanged(t, db, domain.EINVALID, "session.attendance.not_member", func() error {
			_, err = db.CreateSession(ctx, in)
			return err
		})
		wantField(t, err, "participants")
		in.Participants = []domain.AttendanceInput{{PersonID: w.mentee.ID}, {PersonID: w.mentee.ID}}
		_, err = db.CreateSession(ctx, in)
		wantCode(t, err, domain.EINVALID, "session.attendance.duplicate")
	})
	t.Run("BadInput", func(t *testing.T) {
		for _, c := range []struct {
			name      string
			edit      func(*domain.SessionInput)
			code, key string
		}{
			{"NoTandem", func(in *domain.SessionInput) { in.TandemID = 0 }, domain.EINVALID, "session.tandem.required"},
			{"TandemMissing", func(in *domain.SessionInput) { in.TandemID = 9999 }, domain.EINVALID, "session.tandem.not_found"},
			{"Time", func(in *domain.SessionInput) { in.StartTime = "24:00" }, domain.EINVALID, "session.time.invalid"},
			{"TimeShort", func(in *domain.SessionInput) { in.StartTime = "9:00" }, domain.EINVALID, "session.time.invalid"},
			{"Short", func(in *domain.SessionInput) { in.DurationMinutes = 4 }, domain.EINVALID, "session.duration.invalid"},
			{"Long", func(in *domain.SessionInput) { in.DurationMinutes = 601 }, domain.EINVALID, "session.duration.invalid"},
			{"Date", func(in *domain.SessionInput) { in.Date = "2027-02-30" }, domain.EINVALID, "date.invalid"},
			{"Topic", func(in *domain.SessionInput) { in.TopicItemIDs = []int64{99999} }, domain.EINVALID, "session.topic.not_in_plan"},
		} {
			t.Run(c.name, func(t *testing.T) {
				in := w.input("2027-05-01", "09:00", 60)
				c.edit(&in)
				sessionUnchanged(t, db, c.code, c.key, func() error {
					_, err := db.CreateSession(ctx, in)
					return err
				})
			})
		}
	})
	t.Run("CancelledTandem", func(t *testing.T) {
		other := progTandem(t, db, domain.TandemInput{RunID: w.run.ID, MenteeID: w.outsider.ID, MentorIDs: []int64{w.max.ID},
			StartDate: "2027-03-01", EndDate: "2027-08-31"})
		if _, err := db.SetTandemStatus(ctx, other.ID, domain.TandemCancelled, "Stelle gewechselt"); err != nil {
			t.Fatal(err)
		}
		in := w.input("2027-03-08", "09:00", 60)
		in.TandemID = other.ID
		sessionUnchanged(t, db, domain.ECONFLICT, "tandem.closed", func() error {
			_, err := db.CreateSession(ctx, in)
			return err
		})
	})
}

func TestFeedbackTalks(t *testing.T) {
	t.Run("FinalCompletesTandem", func(t *testing.T) {
		w := newSessionWorld(t)
		db := w.db
		mid, err := db.RecordFeedbackTalk(ctx, domain.FeedbackTalkInput{TandemID: w.tandem.ID, Kind: domain.FeedbackMidTerm, Date: "2027-03-05"})
		if err != nil {
			t.Fatal(err)
		}
		if len(mid.Answers) != 4 || mid.Answers[0].Prompt != "Was ist gut gelungen?" || mid.Answers[3].Prompt != "Wie geht die Unterstützung weiter?" {
			t.Fatalf("default prompts %+v", mid.Answers)
		}
		in := domain.FeedbackTalkInput{TandemID: w.tandem.ID, Kind: domain.FeedbackFinal, Date: "2027-03-09",
			Answers:   []domain.FeedbackAnswer{{Prompt: "Was ist gut gelungen?", MenteeView: hostile, MentorView: "Sicher im Hilfeplan"}},
			NextSteps: "Eigene Fälle ab April"}
		final, err := db.RecordFeedbackTalk(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		tt, err := db.Tandem(ctx, w.tandem.ID)
		if err != nil || tt.Status != domain.TandemCompleted || tt.EndDate != "2027-03-09" {
			t.Fatalf("tandem %+v, %v", tt, err)
		}
		list, err := db.FeedbackTalks(ctx, w.tandem.ID)
		if err != nil || len(list) != 2 || !reflect.DeepEqual(list[0], mid) || !reflect.DeepEqual(list[1], final) ||
			list[1].Answers[0].MenteeView != hostile {
			t.Fatalf("talks %+v, %v", list, err)
		}
		// A second final talk is refused; nothing changes.
		in.Date = "2027-03-10"
		var e error
		sessionUnchanged(t, db, domain.ECONFLICT, "feedback.final.exists", func() error {
			_, e = db.RecordFeedbackTalk(ctx, in)
			return e
		})
		if p := domain.AsError(e).Params["date"]; p != "09.03.2027" {
			t.Fatalf("date param %v", p)
		}
		// Sessions after completion may still be recorded.
		w.session(t, "2027-03-10", "09:00", 30)
	})
	t.Run("TemplatePrompts", func(t *testing.T) {
		w := newSessionWorld(t)
		wr := progWriter(t, w.db)
		if _, err := wr.Exec(`UPDATE templates SET feedback_prompts = '["Was war neu?", "Was fehlt?"]'`); err != nil {
			t.Fatal(err)
		}
		prompts, err := w.db.FeedbackPrompts(ctx, w.tandem.ID)
		if err != nil || !reflect.DeepEqual(prompts, []string{"Was war neu?", "Was fehlt?"}) {
			t.Fatalf("prompts %v, %v", prompts, err)
		}
		f, err := w.db.RecordFeedbackTalk(ctx, domain.FeedbackTalkInput{TandemID: w.tandem.ID, Kind: domain.FeedbackMidTerm, Date: "2027-03-05"})
		if err != nil || len(f.Answers) != 2 || f.Answers[1].Prompt != "Was fehlt?" {
			t.Fatalf("talk %+v, %v", f, err)
		}
	})
	t.Run("Refused", func(t *testing.T) {
		w := newSessionWorld(t)
		db := w.db
		final := func(date string) func() error {
			return func() error {
				_, err := db.RecordFeedbackTalk(ctx, domain.FeedbackTalkInput{TandemID: w.tandem.ID, Kind: domain.FeedbackFinal, Date: date})
				return err
			}
		}
		sessionUnchanged(t, db, domain.EINVALID, "feedback.date.future", final("2027-03-11"))
		sessionUnchanged(t, db, domain.EINVALID, "feedback.date.before_start", final("2027-02-28"))
		sessionUnchanged(t, db, domain.EINVALID, "feedback.kind.invalid", func() error {
			_, err := db.RecordFeedbackTalk(ctx, domain.FeedbackTalkInput{TandemID: w.tandem.ID, Kind: "grade", Date: "2027-03-05"})
			return err
		})
		if _, err := db.SetTandemStatus(ctx, w.tandem.ID, domain.TandemCancelled, "Stelle gewechselt"); err != nil {
			t.Fatal(err)
		}
		sessionUnchanged(t, db, domain.ECONFLICT, "feedback.final.cancelled", final("2027-03-09"))
		sessionUnchanged(t, db, domain.ECONFLICT, "tandem.closed", func() error {
			_, err := db.RecordFeedbackTalk(ctx, domain.FeedbackTalkInput{TandemID: w.tandem.ID, Kind: domain.FeedbackMidTerm, Date: "2027-03-05"})
			return err
		})
	})
	t.Run("PlannedTandem", func(t *testing.T) {
		w := newSessionWorld(t)
		planned := progTandem(t, w.db, domain.TandemInput{RunID: w.run.ID, MenteeID: w.outsider.ID, MentorIDs: []int64{w.max.ID},
			StartDate: "2027-03-01", EndDate: "2027-08-31"})
		sessionUnchanged(t, w.db, domain.ECONFLICT, "feedback.final.not_active", func() error {
			_, err := w.db.RecordFeedbackTalk(ctx, domain.FeedbackTalkInput{TandemID: planned.ID, Kind: domain.FeedbackFinal, Date: "2027-03-09"})
			return err
		})
	})
}

func TestTimeline(t *testing.T) {
	w := newSessionWorld(t)
	db := w.db
	in := w.input("2027-03-04", "14:00", 60)
	in.TopicItemIDs = []int64{w.plan.Items[1].ID}
	in.MarkTopicsDone = true
	s1, err := db.CreateSession(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	s2 := w.session(t, "2027-03-02", "09:00", 45)
	if _, err := db.SaveNote(ctx, s2.ID, 0, domain.NoteInput{Text: "vertraulich", Confidential: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveNote(ctx, s1.ID, 0, domain.NoteInput{Text: "offen"}); err != nil {
		t.Fatal(err)
	}
	p, err := db.AddHandover(ctx, w.plan.ID, domain.HandoverInput{Date: "2027-03-03", CaseCount: 3, FromID: w.max.ID})
	if err != nil {
		t.Fatal(err)
	}
	f, err := db.RecordFeedbackTalk(ctx, domain.FeedbackTalkInput{TandemID: w.tandem.ID, Kind: domain.FeedbackFinal, Date: "2027-03-09"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.Timeline(ctx, w.tandem.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []domain.TimelineEntry{
		{Date: "2027-03-02", Kind: domain.TimelineSession, Title: "Mentoring-Gespräch um 09:00 Uhr (45 Min.), online", Params: map[string]string{"time": "09:00", "minutes": "45", "place": "online"}, RefID: s2.ID, Confidential: true},
		{Date: "2027-03-03", Kind: domain.TimelineHandover, Title: "Fallübernahme: 3 Fälle von Max Mentor", Params: map[string]string{"cases": "3", "from": "Max Mentor"}, RefID: p.Handovers[0].ID},
		{Date: "2027-03-04", Kind: domain.TimelineSession, Title: "Mentoring-Gespräch um 14:00 Uhr (60 Min.), online", Params: map[string]string{"time": "14:00", "minutes": "60", "place": "online"}, RefID: s1.ID},
		{Date: "2027-03-04", Kind: domain.TimelinePlanItemDone, Title: "Thema erledigt: Allgemeine Beratung", Params: map[string]string{"topic": "Allgemeine Beratung"}, RefID: w.plan.Items[1].ID},
		{Date: "2027-03-09", Kind: domain.TimelineFeedback, Title: "Abschlussgespräch", Params: map[string]string{"feedbackKind": "final"}, RefID: f.ID},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("timeline\n got %+v\nwant %+v", got, want)
	}
	_, err = db.Timeline(ctx, 9999)
	wantCode(t, err, domain.ENOTFOUND, "tandem.not_found")
}
