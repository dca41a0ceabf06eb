package sqlite_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"tandem/internal/documents"
	"tandem/internal/domain"
	"tandem/internal/sqlite"
)

// seedReport stores a small, fixed data set with raw SQL (see the test for
// the figures it must give).
func seedReport(t *testing.T, db *sqlite.DB) {
	t.Helper()
	tmpl := progTemplate(t, db, hildenTemplate())
	w := progWriter(t, db)
	tx, err := w.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	const now = "2026-01-01T00:00:00Z"
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := tx.Exec(q, args...); err != nil {
			t.Fatalf("%v\n%s %v", err, q, args)
		}
	}
	nullable := func(s string) any {
		if s == "" {
			return nil
		}
		return s
	}
	// id → employment start, exit, plan start ("" no plan), plan status
	people := []struct {
		start, exit, plan, status string
	}{
		1:  {"2026-02-01", "2026-10-01", "2026-02-01", "active"}, // left within 12 months
		2:  {"2026-02-01", "", "2026-02-01", "completed"},
		3:  {"2026-02-01", "", "2026-02-01", "active"},
		4:  {"2026-02-01", "", "2026-02-01", "active"},
		5:  {"2026-02-01", "", "2026-02-01", "active"},
		6:  {"2026-02-01", "", "2026-02-01", "active"},
		7:  {"", "", "2026-05-10", "active"}, // start from the plan
		8:  {"", "", "2026-05-10", "active"},
		9:  {"2026-11-15", "2027-12-01", "2026-11-15", "active"}, // 12 months not yet over on 01.09.2027
		10: {"2026-11-15", "", "2026-11-15", "cancelled"},
		11: {"2025-06-01", "", "2025-06-01", "active"}, // started before, plan still running
		12: {"2026-03-01", "", "", ""},                 // not a newcomer
		13: {"2027-03-01", "", "2027-03-01", "active"}, // after the period
	}
	for id := 1; id < len(people); id++ {
		p := people[id]
		exec(`INSERT INTO people (id, first_name, last_name, sort_key, search_key, start_date, exit_date, created_at, updated_at)
			VALUES (?, 'Geheim', ?, ?, 'x', ?, ?, ?, ?)`, id, fmt.Sprintf("Person%d", id), fmt.Sprintf("p%02d", id),
			nullable(p.start), nullable(p.exit), now, now)
		if p.plan == "" {
			continue
		}
		reason := ""
		if p.status == "cancelled" {
			reason = "Kündigung"
		}
		exec(`INSERT INTO plans (id, newcomer_id, template_id, start_date, status, cancel_reason, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, id, id, tmpl, p.plan, p.status, reason, now, now)
		// four items; statuses give: plans 1–5 100 %, 6–8 1 of 3, 9 0 of 4, 11 2 of 4
		for j := 0; j < 4; j++ {
			status := "open"
			switch {
			case id <= 5:
				status = "done"
			case id <= 8 && j == 0:
				status = "done"
			case id <= 8 && j == 1:
				status = "dropped"
			case id == 11 && j < 2:
				status = "done"
			}
			due := fmt.Sprintf("date(%q, '+%d days')", p.plan, 7*j+13)
			if id == 11 {
				due = "'2026-01-10'"
			}
			exec(`INSERT INTO plan_items (plan_id, position, title, start_date, due_date, status, created_at, updated_at)
				VALUES (?, ?, 'Vertraulich', ?, `+due+`, ?, ?, ?)`, id, j, p.plan, status, now, now)
		}
	}
	// handovers: plans 1–6 two cases each on 01.06.2026, plan 1 three more on 15.03.2026, one after the period
	for id := 1; id <= 6; id++ {
		exec(`INSERT INTO handovers (plan_id, date, case_count, from_name, created_at) VALUES (?, '2026-06-01', 2, 'Kollegin', ?)`, id, now)
	}
	exec(`INSERT INTO handovers (plan_id, date, case_count, from_name, created_at) VALUES (1, '2026-03-15', 3, '', ?)`, now)
	exec(`INSERT INTO handovers (plan_id, date, case_count, from_name, created_at) VALUES (2, '2027-01-05', 9, '', ?)`, now)
	// tandems: mentees 1–6 active, 7–8 completed, 9 cancelled, 10 planned, 11 active after the period
	exec(`INSERT INTO runs (id, template_id, name, start_date, end_date, created_at, updated_at) VALUES (1, ?, 'Durchgang', '2026-01-01', '2027-12-31', ?, ?)`, tmpl, now, now)
	for id := 1; id <= 11; id++ {
		status, start, end, reason := "active", "2026-03-01", "2026-09-30", ""
		switch {
		case id <= 6:
		case id <= 8:
			status = "completed"
		case id == 9:
			status, reason = "cancelled", "abgebrochen"
		case id == 10:
			status = "planned"
		default:
			start, end = "2027-01-01", "2027-06-30"
		}
		exec(`INSERT INTO tandems (id, run_id, mentee_id, status, start_date, end_date, cancel_reason, created_at, updated_at)
			VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?)`, id, id, status, start, end, reason, now, now)
	}
	// sessions: tandems 1–6 on 10.04.2026, tandem 1 twice in May, one in 2027
	session := func(tandem int, date string) {
		exec(`INSERT INTO sessions (kind, tandem_id, date, start_time, duration_minutes, created_at, updated_at)
			VALUES ('tandem', ?, ?, '10:00', 60, ?, ?)`, tandem, date, now, now)
	}
	for id := 1; id <= 6; id++ {
		session(id, "2026-04-10")
	}
	session(1, "2026-05-04")
	session(1, "2026-05-18")
	session(2, "2027-02-01")
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

func TestStatusReport(t *testing.T) {
	db := progOpen(t)
	seedReport(t, db)
	today := time.Date(2027, 9, 1, 9, 0, 0, 0, time.Local)

	r, err := db.StatusReport(ctx, "2026-01-01", "2026-12-31", today)
	if err != nil {
		t.Fatal(err)
	}
	check := func(name string, got domain.Figure, value int, text string) {
		t.Helper()
		if got.Value != value || got.Text() != text {
			t.Errorf("%s = %+v (%q), want value %d shown as %q", name, got, got.Text(), value, text)
		}
	}
	check("Newcomers", r.Newcomers, 10, "10")
	check("Plans", r.Plans, 10, "10")
	check("PlansCompleted", r.PlansCompleted, 1, "–")
	if r.ItemProgress.Part != 25 || r.ItemProgress.Base != 37 || r.ItemProgress.Text() != "67,6 %" {
		t.Errorf("ItemProgress = %+v %q", r.ItemProgress, r.ItemProgress.Text())
	}
	wantBuckets := []string{"0–24 %:–", "25–49 %:–", "50–74 %:–", "75–100 %:5"}
	for i, b := range r.ProgressBuckets {
		if got := b.Label + ":" + b.Figure.Text(); i >= len(wantBuckets) || got != wantBuckets[i] {
			t.Errorf("progress bucket %d = %q", i, got)
		}
	}
	check("Cases", r.Cases, 15, "15")
	check("Handovers", r.Handovers, 7, "7")
	check("TandemsActive", r.TandemsActive, 6, "6")
	check("TandemsCompleted", r.TandemsCompleted, 2, "–")
	check("TandemsCancelled", r.TandemsCancelled, 1, "–")
	check("Sessions", r.Sessions, 8, "8")
	check("RetentionBase", r.RetentionBase, 8, "8")
	check("Retained", r.Retained, 7, "7")
	if r.RetainedShare.Text() != "87,5 %" {
		t.Errorf("RetainedShare = %+v %q", r.RetainedShare, r.RetainedShare.Text())
	}
	// Newcomers by month would suppress May and November (two people each):
	// the whole year is one bar. Sessions by month would suppress May (one
	// tandem): by quarter no bar is.
	if r.NewcomersGrain != domain.GrainYear || len(r.NewcomersByPeriod) != 1 || r.NewcomersByPeriod[0].Figure.Text() != "10" {
		t.Errorf("newcomers by %v: %+v", r.NewcomersGrain, r.NewcomersByPeriod)
	}
	var got []string
	for _, b := range r.SessionsByPeriod {
		got = append(got, b.Label+"="+b.Figure.Text())
	}
	if r.SessionsGrain != domain.GrainQuarter || fmt.Sprint(got) != "[Jan–Mär 26=0 Apr–Jun 26=8 Jul–Sep 26=0 Okt–Dez 26=0]" {
		t.Errorf("sessions by %v: %v", r.SessionsGrain, got)
	}
	if r.SessionsByPeriod[1].Figure.People != 6 {
		t.Errorf("people of the sessions in the 2nd quarter: %d", r.SessionsByPeriod[1].Figure.People)
	}

	// A session is about the tandem's mentors too: three mentors of the
	// tandems that met add three people.
	if _, err := progWriter(t, db).Exec(`INSERT INTO tandem_mentors (tandem_id, mentor_id, position) VALUES (1, 12, 0), (1, 13, 1), (2, 9, 0)`); err != nil {
		t.Fatal(err)
	}
	withMentors, err := db.StatusReport(ctx, "2026-01-01", "2026-12-31", today)
	if err != nil {
		t.Fatal(err)
	}
	if withMentors.Sessions.People != 9 || withMentors.SessionsByPeriod[1].Figure.People != 9 {
		t.Errorf("sessions with mentors: %+v %+v", withMentors.Sessions, withMentors.SessionsByPeriod)
	}
	if _, err := progWriter(t, db).Exec(`DELETE FROM tandem_mentors`); err != nil {
		t.Fatal(err)
	}

	// first quarter: few people everywhere
	q, err := db.StatusReport(ctx, "2026-01-01", "2026-03-31", today)
	if err != nil {
		t.Fatal(err)
	}
	check("Q1 Newcomers", q.Newcomers, 6, "6")
	check("Q1 Cases", q.Cases, 3, "–")
	check("Q1 Sessions", q.Sessions, 0, "0")
	check("Q1 TandemsActive", q.TandemsActive, 6, "6")
	if q.RetainedShare.Text() != "83,3 %" {
		t.Errorf("Q1 RetainedShare %q", q.RetainedShare.Text())
	}

	// sessions only up to today; retention only after 12 months
	early, err := db.StatusReport(ctx, "2026-01-01", "2026-12-31", time.Date(2026, 4, 30, 0, 0, 0, 0, time.Local))
	if err != nil {
		t.Fatal(err)
	}
	check("early Sessions", early.Sessions, 6, "6")
	check("early RetentionBase", early.RetentionBase, 0, "0")
	if early.RetainedShare.Text() != domain.NoBase {
		t.Errorf("early RetainedShare %q", early.RetainedShare.Text())
	}
	// a share based on fewer than five people
	nov, err := db.StatusReport(ctx, "2026-11-01", "2026-11-30", time.Date(2028, 1, 1, 0, 0, 0, 0, time.Local))
	if err != nil {
		t.Fatal(err)
	}
	if nov.RetainedShare.Text() != "–" || nov.Retained.Text() != "–" || nov.RetentionBase.Text() != "–" {
		t.Errorf("November retention %+v %q", nov.RetainedShare, nov.RetainedShare.Text())
	}

	// bad periods
	for _, p := range [][3]string{
		{"2026-13-01", "2026-12-31", "report.period.date"},
		{"", "2026-12-31", "report.period.date"},
		{"2026-01-01", "31.12.2026", "report.period.date"},
		{"2026-12-31", "2026-01-01", "report.period.order"},
		{"2016-01-01", "2026-01-02", "report.period.too_long"},
	} {
		_, err := db.StatusReport(ctx, p[0], p[1], today)
		var de *domain.Error
		if !errors.As(err, &de) || de.Key != p[2] {
			t.Errorf("%v: %v, want %s", p, err, p[2])
		}
	}
	// a multi-year period is shown by year
	long, err := db.StatusReport(ctx, "2020-01-01", "2029-12-31", today)
	if err != nil {
		t.Fatal(err)
	}
	if len(long.NewcomersByPeriod) != 10 || long.NewcomersByPeriod[6].Label != "2026" || long.NewcomersByPeriod[6].Figure.Text() != "10" {
		t.Errorf("yearly buckets %+v", long.NewcomersByPeriod)
	}
}

// Thirty newcomers and sixty sessions over two years: by month nearly
// every bar would be suppressed and the charts empty; the report groups
// them so that every bar can be shown.
func TestStatusReportTwoThinYears(t *testing.T) {
	db := progOpen(t)
	tmpl := progTemplate(t, db, hildenTemplate())
	w := progWriter(t, db)
	tx, err := w.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	const now = "2025-01-01T00:00:00Z"
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := tx.Exec(q, args...); err != nil {
			t.Fatalf("%v\n%s %v", err, q, args)
		}
	}
	exec(`INSERT INTO runs (id, template_id, name, start_date, end_date, created_at, updated_at) VALUES (1, ?, 'Durchgang', '2025-01-01', '2026-12-31', ?, ?)`, tmpl, now, now)
	for id := 1; id <= 40; id++ {
		start := fmt.Sprintf("%d-%02d-10", 2025+(id-1)/15, (id-1)%12+1)
		if id > 30 {
			start = "2020-01-01" // mentors
		}
		exec(`INSERT INTO people (id, first_name, last_name, sort_key, search_key, start_date, created_at, updated_at)
			VALUES (?, 'Geheim', ?, ?, 'x', ?, ?, ?)`, id, fmt.Sprintf("Person%d", id), fmt.Sprintf("p%02d", id), start, now, now)
		if id <= 30 {
			exec(`INSERT INTO plans (id, newcomer_id, template_id, start_date, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'active', ?, ?)`, id, id, tmpl, start, now, now)
		}
	}
	for id := 1; id <= 10; id++ {
		exec(`INSERT INTO tandems (id, run_id, mentee_id, status, start_date, end_date, created_at, updated_at)
			VALUES (?, 1, ?, 'active', '2025-01-01', '2026-12-31', ?, ?)`, id, id, now, now)
		exec(`INSERT INTO tandem_mentors (tandem_id, mentor_id, position) VALUES (?, ?, 0)`, id, 30+id)
	}
	for i := 0; i < 60; i++ {
		month := i * 2 / 5
		exec(`INSERT INTO sessions (kind, tandem_id, date, start_time, duration_minutes, created_at, updated_at)
			VALUES ('tandem', ?, ?, '10:00', 60, ?, ?)`, i%10+1, fmt.Sprintf("%d-%02d-%02d", 2025+month/12, month%12+1, i%28+1), now, now)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	r, err := db.StatusReport(ctx, "2025-01-01", "2026-12-31", time.Date(2027, 2, 1, 9, 0, 0, 0, time.Local))
	if err != nil {
		t.Fatal(err)
	}
	if r.Newcomers.Value != 30 || r.Sessions.Value != 60 {
		t.Fatalf("newcomers %+v, sessions %+v", r.Newcomers, r.Sessions)
	}
	for name, chart := range map[string][]domain.Bucket{"newcomers": r.NewcomersByPeriod, "sessions": r.SessionsByPeriod} {
		sum := 0
		for _, b := range chart {
			if b.Figure.Hidden() {
				t.Errorf("%s: bar %s suppressed: %+v", name, b.Label, chart)
			}
			sum += b.Figure.Value
		}
		if sum != 30 && sum != 60 {
			t.Errorf("%s: bars add up to %d", name, sum)
		}
	}
	if r.NewcomersGrain == domain.GrainMonth || r.NewcomersGrain == domain.GrainYear || r.SessionsGrain == domain.GrainYear {
		t.Errorf("grains: newcomers %v, sessions %v", r.NewcomersGrain, r.SessionsGrain)
	}
	if keep := os.Getenv("REPORT_KEEP"); keep != "" { // REPORT_KEEP=/tmp/x keeps the PDF to look at
		pdf, err := documents.StatusReportPDF(documents.ReportDoc{Report: r, Issued: time.Date(2027, 2, 1, 9, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(keep, "sachstandsbericht.pdf"), pdf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
