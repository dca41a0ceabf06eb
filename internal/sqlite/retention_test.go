package sqlite_test

import (
	"fmt"
	"testing"
	"time"

	"tandem/internal/domain"
	"tandem/internal/sqlite"
)

// mez is a fixed local zone one hour east of UTC, so that the tests do not
// depend on the machine's zone.
var mez = time.FixedZone("MEZ", 3600)

func setTandemEnded(t *testing.T, db *sqlite.DB, id int64, end string) {
	t.Helper()
	if _, err := progWriter(t, db).Exec(`UPDATE tandems SET status = 'completed', start_date = '2020-01-01', end_date = ? WHERE id = ?`, end, id); err != nil {
		t.Fatal(err)
	}
}

func setPeriod(t *testing.T, db *sqlite.DB, kind string, months int) {
	t.Helper()
	if _, err := db.SetRetentionPeriods(ctx, []domain.RetentionPeriod{{Kind: kind, Months: months}}); err != nil {
		t.Fatal(err)
	}
}

// dueAt lists the due records of kind with db.Now at the given local time.
func dueAt(t *testing.T, db *sqlite.DB, kind string, now time.Time) []domain.RetentionDue {
	t.Helper()
	db.Now = func() time.Time { return now }
	list, err := db.RetentionDue(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var out []domain.RetentionDue
	for _, d := range list {
		if d.Kind == kind {
			out = append(out, d)
		}
	}
	return out
}

// The period ends on the same day months later, clamped to the end of the
// month (31.01. + 1 month = 28./29.02.; 29.02.2028 + 12 months =
// 28.02.2029); the record is due from that day on, never a day early or late.
func TestRetentionMonthEnds(t *testing.T) {
	for _, c := range []struct {
		ended  string
		months int
		dueOn  string
	}{
		{"2026-01-31", 1, "2026-02-28"},
		{"2028-01-31", 1, "2028-02-29"},
		{"2026-02-28", 1, "2026-03-28"},
		{"2028-02-29", 12, "2029-02-28"},
		{"2028-02-29", 48, "2032-02-29"},
		{"2026-03-01", 1, "2026-04-01"},
		{"2026-03-31", 1, "2026-04-30"},
		{"2026-03-01", 24, "2028-03-01"},
		{"2026-08-31", 6, "2027-02-28"},
	} {
		t.Run(fmt.Sprintf("%s+%d", c.ended, c.months), func(t *testing.T) {
			w := newSessionWorld(t)
			db := w.db
			setTandemEnded(t, db, w.tandem.ID, c.ended)
			setPeriod(t, db, "tandem", c.months)
			due, _ := time.ParseInLocation("2006-01-02", c.dueOn, mez)
			// The last minute of the day before: not due, and nothing erased.
			before := due.Add(-time.Minute)
			if got := dueAt(t, db, "tandem", before); len(got) != 0 {
				t.Fatalf("ended %s, %d months: due on %s already (%+v)", c.ended, c.months, before.Format(time.DateTime), got)
			}
			item := domain.RetentionDue{Kind: "tandem", ID: w.tandem.ID}
			if n, err := db.EraseDue(ctx, []domain.RetentionDue{item}); err != nil || n != 0 {
				t.Fatalf("erased %d (%v) before the period ended", n, err)
			}
			// Just after local midnight of the due day: due, with that date.
			got := dueAt(t, db, "tandem", due.Add(time.Minute))
			if len(got) != 1 || got[0].ID != w.tandem.ID || got[0].Ended != c.ended || got[0].DueOn != c.dueOn {
				t.Fatalf("ended %s, %d months, on %s: %+v, want due on %s", c.ended, c.months, c.dueOn, got, c.dueOn)
			}
			if n, err := db.EraseDue(ctx, got); err != nil || n != 1 {
				t.Fatalf("erase on the due day: %d %v", n, err)
			}
		})
	}
}

// Archiving (and cancelling) is stored as a UTC timestamp; the period is
// counted from the local date. Archived at 00:30 local time (23:30 UTC the
// day before) counts from the local day.
func TestRetentionLocalDates(t *testing.T) {
	db := progOpen(t)
	archivedAt := time.Date(2026, 3, 1, 0, 30, 0, 0, mez) // 2026-02-28T23:30:00Z
	db.Now = func() time.Time { return archivedAt }
	p := progPerson(t, db, "Alt", "Archiv", 0, 0)
	if _, err := db.SetPersonArchived(ctx, p.ID, true); err != nil {
		t.Fatal(err)
	}
	setPeriod(t, db, "person", 1)
	if got := dueAt(t, db, "person", time.Date(2026, 3, 31, 23, 59, 0, 0, mez)); len(got) != 0 {
		t.Fatalf("archived on 01.03. (local), due on 31.03. already: %+v", got)
	}
	db.Now = func() time.Time { return time.Date(2026, 3, 31, 23, 59, 0, 0, mez) }
	if n, err := db.EraseDue(ctx, []domain.RetentionDue{{Kind: "person", ID: p.ID}}); err != nil || n != 0 {
		t.Fatalf("erased %d (%v) a day early", n, err)
	}
	got := dueAt(t, db, "person", time.Date(2026, 4, 1, 0, 10, 0, 0, mez)) // 2026-03-31T23:10:00Z
	if len(got) != 1 || got[0].ID != p.ID || got[0].Ended != "2026-03-01" || got[0].DueOn != "2026-04-01" {
		t.Fatalf("due %+v, want archived 2026-03-01, due 2026-04-01", got)
	}

	// A tandem cancelled just after local midnight, before its end date,
	// counts from the local day of cancelling.
	w := newSessionWorld(t)
	db = w.db
	cancelledAt := time.Date(2027, 5, 1, 0, 20, 0, 0, mez) // 2027-04-30T23:20:00Z
	db.Now = func() time.Time { return cancelledAt }
	if _, err := db.SetTandemStatus(ctx, w.tandem.ID, domain.TandemCancelled, "Umzug"); err != nil {
		t.Fatal(err)
	}
	setPeriod(t, db, "tandem", 1)
	if got := dueAt(t, db, "tandem", time.Date(2027, 5, 31, 23, 59, 0, 0, mez)); len(got) != 0 {
		t.Fatalf("cancelled on 01.05. (local), due on 31.05. already: %+v", got)
	}
	got = dueAt(t, db, "tandem", time.Date(2027, 6, 1, 0, 10, 0, 0, mez))
	if len(got) != 1 || got[0].Ended != "2027-05-01" || got[0].DueOn != "2027-06-01" {
		t.Fatalf("due %+v, want cancelled 2027-05-01, due 2027-06-01", got)
	}
}

// TestRetentionPersonStillReferenced: an archived person who is still the
// line manager of a current colleague or responsible for a plan item is
// not due: erasing them would silently cut those links.
func TestRetentionPersonStillReferenced(t *testing.T) {
	db := progOpen(t)
	db.Now = func() time.Time { return time.Date(2024, 1, 10, 9, 0, 0, 0, mez) }
	boss := progPerson(t, db, "Bea", "Chefin", 0, 0)
	progPerson(t, db, "Carl", "Kollege", 0, boss.ID)
	helper := progPerson(t, db, "Hans", "Helfer", 0, 0)
	alone := progPerson(t, db, "Ina", "Allein", 0, 0)
	for _, p := range []domain.Person{boss, helper, alone} {
		if _, err := db.SetPersonArchived(ctx, p.ID, true); err != nil {
			t.Fatal(err)
		}
	}
	w := newSessionWorld(t) // a second database with a plan, for the responsible case
	wdb := w.db
	wdb.Now = func() time.Time { return time.Date(2024, 1, 10, 9, 0, 0, 0, mez) }
	resp := progPerson(t, wdb, "Rita", "Verantwortlich", 0, 0)
	if _, err := progWriter(t, wdb).Exec(`UPDATE plan_items SET responsible_id = ? WHERE id = ?`, resp.ID, w.plan.Items[0].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := wdb.SetPersonArchived(ctx, resp.ID, true); err != nil {
		t.Fatal(err)
	}

	later := time.Date(2027, 1, 10, 9, 0, 0, 0, mez)
	ids := map[int64]bool{}
	for _, d := range dueAt(t, db, "person", later) {
		ids[d.ID] = true
	}
	if ids[boss.ID] || !ids[helper.ID] || !ids[alone.ID] {
		t.Fatalf("due %v: want Allein and Helfer (no plan items here), not the line manager", ids)
	}
	for _, d := range dueAt(t, wdb, "person", later) {
		if d.ID == resp.ID {
			t.Fatalf("a person responsible for a plan item is due: %+v", d)
		}
	}
}
