package sqlite_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"tandem/internal/domain"
	"tandem/internal/wintest"
)

// icsEvent is what internal/calendar/testdata/check_ics.py reads of a VEVENT
// with the python3-icalendar library (independent of our writer).
type icsEvent struct {
	UID         string `json:"uid"`
	Summary     string `json:"summary"`
	Location    string `json:"location"`
	Description string `json:"description"`
	Sequence    int64  `json:"sequence"`
	DTStart     struct {
		TZID          string `json:"tzid"`
		Local         string `json:"local"`
		VTimezoneISO  string `json:"vtimezone_iso"`
		VTimezoneName string `json:"vtimezone_tzname"`
	} `json:"dtstart"`
	DTEnd *struct {
		TZID  string `json:"tzid"`
		Local string `json:"local"`
	} `json:"dtend"`
}

type icsFile struct {
	Version   string     `json:"version"`
	CalName   string     `json:"calname"`
	Timezones []string   `json:"timezones"`
	Events    []icsEvent `json:"events"`
}

// parseICS writes content to a file and parses it with python3-icalendar.
func parseICS(t *testing.T, content []byte) icsFile {
	t.Helper()
	python := ""
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if path, err := exec.LookPath(p); err == nil {
			if exec.Command(path, "-c", "import icalendar").Run() == nil {
				python = path
				break
			}
		}
	}
	if python == "" {
		wintest.Missing(t, "python3-icalendar")
		t.Fatal("no python3 can import icalendar; run scripts/install-deps.sh (Debian package python3-icalendar)")
	}
	file := filepath.Join(t.TempDir(), "export.ics")
	if err := os.WriteFile(file, content, 0o600); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd := exec.Command(python, filepath.Join("..", "calendar", "testdata", "check_ics.py"), file)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("check_ics.py: %v\n%s", err, stderr.String())
	}
	var f icsFile
	if err := json.Unmarshal(out, &f); err != nil {
		t.Fatalf("check_ics.py output: %v\n%s", err, out)
	}
	return f
}

func TestCalendarExport(t *testing.T) {
	w := newSessionWorld(t)
	clock := time.Date(2027, 3, 11, 8, 0, 0, 0, time.UTC) // after the fixtures (progNow)
	w.db.Now = func() time.Time { return clock }

	install, err := w.db.InstallationID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(install) {
		t.Fatalf("installation id %q", install)
	}
	if again, _ := w.db.InstallationID(ctx); again != install {
		t.Fatalf("installation id changed: %q then %q", install, again)
	}

	in := w.input("2027-03-10", "09:30", 60)
	in.Place = "Raum 2.14; Haus B"
	in.TopicItemIDs = []int64{w.plan.Items[0].ID, w.plan.Items[1].ID}
	s, err := w.db.CreateSession(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	later := w.session(t, "2027-04-07", "14:00", 90)
	if _, err := w.db.SaveNote(ctx, s.ID, 0, domain.NoteInput{Text: "GEHEIM: Belastung im Team", Confidential: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.db.SaveNote(ctx, s.ID, 0, domain.NoteInput{Text: "Offene Notiz zum Fall"}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.db.AddAgreement(ctx, s.ID, domain.AgreementInput{Text: "Vereinbarung Hausbesuch"}); err != nil {
		t.Fatal(err)
	}

	f, err := w.db.SessionCalendar(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	if f.Name != "Termin 2027-03-10 Neumann" || f.Events != 1 {
		t.Errorf("file name %q, %d events", f.Name, f.Events)
	}
	for _, secret := range []string{"GEHEIM", "Belastung", "Offene Notiz", "Hausbesuch"} {
		if bytes.Contains(f.Content, []byte(secret)) {
			t.Errorf("export holds note or agreement text %q", secret)
		}
	}
	cal := parseICS(t, f.Content)
	if cal.Version != "2.0" || len(cal.Timezones) != 1 || cal.Timezones[0] != "Europe/Berlin" || len(cal.Events) != 1 {
		t.Fatalf("calendar %+v", cal)
	}
	e := cal.Events[0]
	if want := "tandem-session-" + itoa(s.ID) + "@" + install; e.UID != want {
		t.Errorf("UID %q, want %q", e.UID, want)
	}
	if e.Summary != "Mentoring-Gespräch: Mia Neumann – Max Mentor, Nora Nordmann" {
		t.Errorf("summary %q", e.Summary)
	}
	if e.Location != "Raum 2.14; Haus B" {
		t.Errorf("location %q", e.Location)
	}
	wantDesc := "Themen:\n- " + w.plan.Items[0].Title + "\n- " + w.plan.Items[1].Title
	if e.Description != wantDesc {
		t.Errorf("description %q, want %q", e.Description, wantDesc)
	}
	if e.DTStart.TZID != "Europe/Berlin" || e.DTStart.Local != "2027-03-10T09:30:00" ||
		e.DTStart.VTimezoneISO != "2027-03-10T09:30:00+01:00" || e.DTEnd == nil || e.DTEnd.Local != "2027-03-10T10:30:00" {
		t.Errorf("times %+v / %+v", e.DTStart, e.DTEnd)
	}

	// The same session exported again: the same bytes, so the same UID and SEQUENCE.
	g, err := w.db.SessionCalendar(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(f.Content, g.Content) {
		t.Error("an unchanged session exports differently")
	}

	// A note written later does not change the appointment; an update of the session does.
	clock = clock.Add(time.Hour)
	if _, err := w.db.SaveNote(ctx, s.ID, 0, domain.NoteInput{Text: "Nachtrag"}); err != nil {
		t.Fatal(err)
	}
	if g, err = w.db.SessionCalendar(ctx, s.ID); err != nil || !bytes.Equal(f.Content, g.Content) {
		t.Errorf("a new note changed the export (%v)", err)
	}
	clock = clock.Add(time.Hour)
	in.StartTime = "10:00"
	if _, err := w.db.UpdateSession(ctx, s.ID, in); err != nil {
		t.Fatal(err)
	}
	h, err := w.db.SessionCalendar(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	u := parseICS(t, h.Content).Events[0]
	if u.UID != e.UID || u.Sequence <= e.Sequence || u.DTStart.Local != "2027-03-10T10:00:00" {
		t.Errorf("after update: UID %q seq %d start %s; before UID %q seq %d", u.UID, u.Sequence, u.DTStart.Local, e.UID, e.Sequence)
	}

	// The tandem's sessions from a date on, in date order; summer time in April.
	all, err := w.db.TandemCalendar(ctx, w.tandem.ID, "2027-03-10")
	if err != nil {
		t.Fatal(err)
	}
	if all.Name != "Termine Tandem Neumann" || all.Events != 2 {
		t.Errorf("tandem export %q with %d events", all.Name, all.Events)
	}
	both := parseICS(t, all.Content)
	if len(both.Events) != 2 || both.Events[0].UID != u.UID || both.Events[0].Sequence != u.Sequence ||
		both.Events[1].UID != "tandem-session-"+itoa(later.ID)+"@"+install ||
		both.Events[1].DTStart.VTimezoneISO != "2027-04-07T14:00:00+02:00" || both.Events[1].Location != "Online" {
		t.Errorf("tandem export events %+v", both.Events)
	}
	upcoming, err := w.db.TandemCalendar(ctx, w.tandem.ID, "2027-03-11")
	if err != nil || upcoming.Events != 1 {
		t.Fatalf("from 11.03.: %d events, %v", upcoming.Events, err)
	}
	if _, err := w.db.TandemCalendar(ctx, w.tandem.ID, "2027-04-08"); domain.AsError(err).Key != "calendar.none_upcoming" {
		t.Errorf("nothing upcoming: %v", err)
	}
	if _, err := w.db.TandemCalendar(ctx, w.tandem.ID, "10.03.2027"); domain.AsError(err).Key != "date.invalid" {
		t.Errorf("German date: %v", err)
	}
	for _, id := range []int64{0, -1} {
		if _, err := w.db.SessionCalendar(ctx, id); domain.ErrorCode(err) != domain.EINVALID {
			t.Errorf("session %d: %v", id, err)
		}
		if _, err := w.db.TandemCalendar(ctx, id, "2027-01-01"); domain.ErrorCode(err) != domain.EINVALID {
			t.Errorf("tandem %d: %v", id, err)
		}
	}
	if _, err := w.db.SessionCalendar(ctx, 9999); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("missing session: %v", err)
	}
	if _, err := w.db.TandemCalendar(ctx, 9999, "2027-01-01"); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("missing tandem: %v", err)
	}

	// A cancelled tandem's sessions will not take place: not exported.
	if _, err := w.db.SetTandemStatus(ctx, w.tandem.ID, domain.TandemCancelled, "Stelle gewechselt"); err != nil {
		t.Fatal(err)
	}
	if _, err := w.db.TandemCalendar(ctx, w.tandem.ID, "2027-03-01"); domain.AsError(err).Key != "calendar.tandem_cancelled" {
		t.Errorf("cancelled tandem: %v", err)
	}
	if _, err := w.db.SessionCalendar(ctx, s.ID); domain.AsError(err).Key != "calendar.tandem_cancelled" {
		t.Errorf("session of a cancelled tandem: %v", err)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestDeleteNote: a session with notes cannot be deleted; after its notes
// (and agreements) are deleted it can.
func TestDeleteNote(t *testing.T) {
	w := newSessionWorld(t)
	s := w.session(t, "2027-03-10", "09:30", 60)
	n, err := w.db.SaveNote(ctx, s.ID, 0, domain.NoteInput{Text: "Notiz"})
	if err != nil {
		t.Fatal(err)
	}
	unchangedTables(t, w.db, sessionTables, domain.ECONFLICT, "session.has_notes", func() error {
		return w.db.DeleteSession(ctx, s.ID)
	})
	unchangedTables(t, w.db, sessionTables, domain.ENOTFOUND, "note.not_found", func() error {
		return w.db.DeleteNote(ctx, n.ID+100)
	})
	unchangedTables(t, w.db, sessionTables, domain.EINVALID, "id.invalid", func() error {
		return w.db.DeleteNote(ctx, 0)
	})
	if err := w.db.DeleteNote(ctx, n.ID); err != nil {
		t.Fatal(err)
	}
	got, err := w.db.Session(ctx, s.ID)
	if err != nil || len(got.Notes) != 0 {
		t.Fatalf("notes after delete: %+v, %v", got.Notes, err)
	}
	if err := w.db.DeleteSession(ctx, s.ID); err != nil {
		t.Fatalf("delete session without notes: %v", err)
	}
}

// TestGroupCalendarExport: a course session is exported with the group's
// name and the module; the group export takes the sessions from a date on.
// Groups are stored with raw SQL (the schema of migration 0007).
func TestGroupCalendarExport(t *testing.T) {
	w := newSessionWorld(t)
	raw := progWriter(t, w.db)
	exec := func(q string, args ...any) int64 {
		t.Helper()
		res, err := raw.Exec(q, args...)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		id, _ := res.LastInsertId()
		return id
	}
	now := "2027-03-01T08:00:00Z"
	g := exec(`INSERT INTO groups (kind, name, name_key, run_id, attendance_percent, created_at, updated_at)
		VALUES ('course', 'Zertifikatskurs ASD 2027', 'zertifikatskurs asd 2027', ?, 80, ?, ?)`, w.run.ID, now, now)
	m := exec(`INSERT INTO course_modules (group_id, position, title, speaker) VALUES (?, 0, 'Kinderschutz', 'Dr. Klein')`, g)
	s1 := exec(`INSERT INTO sessions (kind, group_id, module_id, date, start_time, duration_minutes, place, created_at, updated_at)
		VALUES ('course_module', ?, ?, '2027-05-04', '09:00', 480, 'Bildungszentrum', ?, ?)`, g, m, now, now)
	exec(`INSERT INTO sessions (kind, group_id, module_id, date, start_time, duration_minutes, place, created_at, updated_at)
		VALUES ('course_module', ?, ?, '2027-02-02', '09:00', 480, 'Bildungszentrum', ?, ?)`, g, m, now, now)
	exec(`INSERT INTO notes (session_id, text, confidential, created_at, updated_at) VALUES (?, 'GEHEIM', 1, ?, ?)`, s1, now, now)

	f, err := w.db.SessionCalendar(ctx, s1)
	if err != nil {
		t.Fatal(err)
	}
	if f.Name != "Termin 2027-05-04 Zertifikatskurs ASD 2027" || bytes.Contains(f.Content, []byte("GEHEIM")) {
		t.Errorf("file %q or note text in export", f.Name)
	}
	e := parseICS(t, f.Content).Events[0]
	install, _ := w.db.InstallationID(ctx)
	if e.UID != "tandem-session-"+itoa(s1)+"@"+install || e.Summary != "Zertifikatskurs ASD 2027: Kinderschutz" ||
		e.Description != "Modul: Kinderschutz\nReferent:in: Dr. Klein" || e.Location != "Bildungszentrum" ||
		e.DTStart.VTimezoneISO != "2027-05-04T09:00:00+02:00" || e.DTEnd.Local != "2027-05-04T17:00:00" {
		t.Errorf("event %+v", e)
	}
	all, err := w.db.GroupCalendar(ctx, g, "2027-03-01")
	if err != nil || all.Events != 1 || all.Name != "Termine Zertifikatskurs ASD 2027" {
		t.Fatalf("group export %q, %d events, %v", all.Name, all.Events, err)
	}
	if _, err := w.db.GroupCalendar(ctx, g, "2027-06-01"); domain.AsError(err).Key != "calendar.group.none_upcoming" {
		t.Errorf("nothing upcoming: %v", err)
	}
	if _, err := w.db.GroupCalendar(ctx, g+100, "2027-06-01"); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("missing group: %v", err)
	}
}
