package sqlite_test

import (
	"testing"
	"time"

	"tandem/internal/domain"
)

// BenchmarkOverviewReminders measures the overview on the programme seed
// of BenchmarkOverview plus eight sessions per tandem every three weeks
// from its start (24,000 sessions) with one agreement each (every other one
// done). Goal as for the overview: ≤ 30 ms per overview.
func BenchmarkOverviewReminders(b *testing.B) {
	db := progOpen(b)
	seedProgrammes(b, db)
	w := progWriter(b, db)
	const now = "2026-01-01T00:00:00Z"
	for _, q := range []string{
		`WITH RECURSIVE k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < 7)
		INSERT INTO sessions (tandem_id, date, start_time, duration_minutes, place, created_at, updated_at)
		SELECT t.id, date(t.start_date, '+' || (21 * k.j) || ' days'), '09:00', 60, 'Raum', ?1, ?1
		FROM tandems t CROSS JOIN k ORDER BY t.id, k.j`,
		`INSERT INTO agreements (session_id, text, owner_name, due_date, done, created_at, updated_at)
		SELECT id, 'Vereinbarung ' || id, 'Team', date(date, '+14 days'), id % 2, ?1, ?1 FROM sessions`,
		`ANALYZE`,
	} {
		if _, err := w.Exec(q, now); err != nil {
			b.Fatalf("seed: %v\n%s", err, q)
		}
	}
	today := time.Date(2026, 10, 1, 9, 0, 0, 0, time.Local)
	b.ResetTimer()
	var o domain.Overview
	for i := 0; i < b.N; i++ {
		var err error
		if o, err = db.Overview(ctx, today); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if len(o.UpcomingSessions) == 0 || len(o.OverdueAgreements) != 50 || len(o.QuietTandems) == 0 || len(o.FinalTalksDue) == 0 {
		b.Fatalf("reminders: %d sessions, %d agreements, %d quiet, %d final talks",
			len(o.UpcomingSessions), len(o.OverdueAgreements), len(o.QuietTandems), len(o.FinalTalksDue))
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/1e6/float64(b.N), "ms/op")
}
