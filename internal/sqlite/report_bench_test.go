package sqlite_test

import (
	"testing"
	"time"

	"tandem/internal/documents"
	"tandem/internal/domain"
)

// BenchmarkStatusReport measures the Sachstandsbericht over 3,000 tandems
// (60,000 plan items, 750 handovers, 12,000 sessions): figures in one read
// transaction, then the PDF with its charts and the CSV. Goal: ≤ 200 ms
// per report, reported as ms/op.
func BenchmarkStatusReport(b *testing.B) {
	db := progOpen(b)
	seedProgrammes(b, db)
	w := progWriter(b, db)
	if _, err := w.Exec(`WITH RECURSIVE k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < 3)
		INSERT INTO sessions (kind, tandem_id, date, start_time, duration_minutes, created_at, updated_at)
		SELECT 'tandem', t.id, date(t.start_date, '+' || (30 * k.j) || ' days'), '10:00', 60, 'x', 'x' FROM tandems t CROSS JOIN k`); err != nil {
		b.Fatal(err)
	}
	for _, q := range []string{`UPDATE people SET start_date = (SELECT min(start_date) FROM plans WHERE newcomer_id = people.id) WHERE id <= 3000`,
		`UPDATE people SET exit_date = date(start_date, '+200 days') WHERE id <= 3000 AND id % 7 = 0`, `ANALYZE`} {
		if _, err := w.Exec(q); err != nil {
			b.Fatal(err)
		}
	}
	today := time.Date(2027, 6, 30, 9, 0, 0, 0, time.Local)
	org := documents.Organisation{Municipality: "Stadt Hilden", OfficeName: "Amt für Jugend, Schule und Sport", City: "Hilden"}
	b.ResetTimer()
	var r domain.StatusReport
	var pdf, csv []byte
	for i := 0; i < b.N; i++ {
		var err error
		if r, err = db.StatusReport(ctx, "2026-01-01", "2026-12-31", today); err != nil {
			b.Fatal(err)
		}
		if pdf, err = documents.StatusReportPDF(documents.ReportDoc{Org: org, Report: r, Issued: today}); err != nil {
			b.Fatal(err)
		}
		if csv, err = documents.StatusReportCSV(r); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if r.Newcomers.Value != 3000 || r.TandemsActive.Value != 1500 || r.Sessions.Value < 10000 || len(pdf) == 0 || len(csv) == 0 {
		b.Fatalf("report: %d newcomers, %d active, %d sessions", r.Newcomers.Value, r.TandemsActive.Value, r.Sessions.Value)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/1e6/float64(b.N), "ms/op")
}
