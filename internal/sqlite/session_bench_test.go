package sqlite_test

import (
	"strings"
	"testing"

	"tandem/internal/domain"
)

// Sizes of the session benchmarks: the figures of issue 4.
const (
	benchSessions   = 20_000 // 50 of the measured tandem, the rest of 1,995 other tandems
	notesPerSession = 5      // 100,000 notes
	agreePerSession = 15     // 300,000 agreements
)

// seedSessions fills w's database with benchSessions sessions, their notes
// (about 400 characters, every seventh confidential) and agreements, with
// multi-row INSERT … SELECT statements on a second connection. The measured
// tandem w.tandem gets 50 sessions on consecutive days from 2027-03-01,
// which cover the first ten plan items (marked done), and a handover.
func seedSessions(b *testing.B, w *sessionWorld) {
	b.Helper()
	wr := progWriter(b, w.db)
	tx, err := wr.Begin()
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback()
	const gen = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) `
	exec := func(q string, args ...any) {
		b.Helper()
		if _, err := tx.Exec(q, args...); err != nil {
			b.Fatalf("%s: %v", strings.Fields(q)[0:8], err)
		}
	}
	const mine = 50
	others := (benchSessions - mine) / 10
	exec(gen+`INSERT INTO tandems (run_id, mentee_id, status, start_date, end_date, created_at, updated_at)
		SELECT ?, ?, 'active', '2027-01-01', '2027-12-31', 'x', 'x' FROM n`, others, w.run.ID, w.outsider.ID)
	exec(gen+`INSERT INTO sessions (kind, tandem_id, date, start_time, duration_minutes, place, created_at, updated_at)
		SELECT 'tandem', t.id, date('2027-01-01', '+' || n.i || ' days'), '09:00', 60, 'Raum 1', 'x', 'x'
		FROM tandems t, n WHERE t.id <> ? ORDER BY t.id, n.i`, 10, w.tandem.ID)
	exec(gen+`INSERT INTO sessions (kind, tandem_id, date, start_time, duration_minutes, place, created_at, updated_at)
		SELECT 'tandem', ?, date('2027-03-01', '+' || (n.i - 1) || ' days'), '14:00', 90, 'online', 'x', 'x' FROM n`,
		mine, w.tandem.ID)
	exec(gen+`INSERT INTO notes (session_id, text, confidential, created_at, updated_at)
		SELECT s.id, 'Gesprächsnotiz ' || hex(randomblob(190)), (s.id + n.i) % 7 = 0, 'x', 'x'
		FROM sessions s, n ORDER BY s.id, n.i`, notesPerSession)
	exec(gen+`INSERT INTO agreements (session_id, text, owner_id, due_date, done, created_at, updated_at)
		SELECT s.id, 'Vereinbarung ' || n.i || ': Akte lesen', CASE WHEN n.i % 3 = 0 THEN ? END,
			date('2027-04-01', '+' || n.i || ' days'), n.i % 2, 'x', 'x'
		FROM sessions s, n ORDER BY s.id, n.i`, agreePerSession, w.mentee.ID)
	exec(`INSERT INTO session_topics (session_id, item_id)
		SELECT s.id, i.id FROM (SELECT id, row_number() OVER (ORDER BY id) AS k FROM sessions WHERE tandem_id = ?) s
		JOIN (SELECT id, row_number() OVER (ORDER BY position) AS k FROM plan_items WHERE plan_id = ?) i ON i.k = s.k`,
		w.tandem.ID, w.plan.ID)
	exec(`UPDATE plan_items SET status = 'done' WHERE id IN (SELECT item_id FROM session_topics)`)
	exec(`INSERT INTO handovers (plan_id, date, case_count, from_id, created_at) VALUES (?, '2027-03-15', 4, ?, 'x')`,
		w.plan.ID, w.max.ID)
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	if _, err := wr.Exec(`ANALYZE`); err != nil {
		b.Fatal(err)
	}
	var notes, agreements int
	if err := wr.QueryRow(`SELECT (SELECT count(*) FROM notes), (SELECT count(*) FROM agreements)`).Scan(&notes, &agreements); err != nil ||
		notes != benchSessions*notesPerSession || agreements != benchSessions*agreePerSession {
		b.Fatalf("seeded %d notes, %d agreements, %v", notes, agreements, err)
	}
}

// BenchmarkSaveNote measures autosaving a note of about 2,000 characters
// (an update of the stored note, one transaction with a full sync) with
// 100,000 notes and 300,000 agreements in the database. Goal: ≤ 10 ms.
func BenchmarkSaveNote(b *testing.B) {
	w := newSessionWorld(b)
	seedSessions(b, w)
	list, err := w.db.Sessions(ctx, w.tandem.ID)
	if err != nil || len(list) != 50 || len(list[0].Notes) != notesPerSession {
		b.Fatalf("sessions %d, %v", len(list), err)
	}
	s := list[0]
	texts := []string{strings.Repeat("Hilfeplan besprochen, nächste Schritte vereinbart. ", 40), strings.Repeat("Schutzauftrag § 8a. ", 100)}
	i := 0
	for b.Loop() {
		if _, err := w.db.SaveNote(ctx, s.ID, s.Notes[0].ID, domain.NoteInput{Text: texts[i%2]}); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/1e6/float64(b.N), "ms/op")
}

// BenchmarkTimeline measures a tandem's timeline (50 sessions, one of which
// holds confidential notes in seven, ten done items, a handover) with
// 100,000 notes and 300,000 agreements in the database. Goal: ≤ 20 ms.
func BenchmarkTimeline(b *testing.B) {
	w := newSessionWorld(b)
	seedSessions(b, w)
	var got []domain.TimelineEntry
	for b.Loop() {
		var err error
		if got, err = w.db.Timeline(ctx, w.tandem.ID); err != nil {
			b.Fatal(err)
		}
	}
	if len(got) != 50+6+1 || got[0].Kind != domain.TimelineSession {
		b.Fatalf("timeline of %d entries: %+v", len(got), got)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/1e6/float64(b.N), "ms/op")
}

// BenchmarkSessions measures reading a tandem's 50 sessions complete
// (attendance, topics, 250 notes, 750 agreements) in the same database.
func BenchmarkSessions(b *testing.B) {
	w := newSessionWorld(b)
	seedSessions(b, w)
	var got []domain.Session
	for b.Loop() {
		var err error
		if got, err = w.db.Sessions(ctx, w.tandem.ID); err != nil {
			b.Fatal(err)
		}
	}
	if len(got) != 50 || len(got[0].Agreements) != agreePerSession {
		b.Fatalf("%d sessions", len(got))
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/1e6/float64(b.N), "ms/op")
}
