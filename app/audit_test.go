package app

import (
	"context"
	"testing"

	"tandem/internal/domain"
)

// Saving a PDF or a report logs print or export with the record's id —
// and nothing when the dialog was cancelled.
func TestAuditSavedFiles(t *testing.T) {
	w := newDocWorld(t)
	ctx := context.Background()
	last := func() domain.AuditEntry {
		t.Helper()
		page, err := w.db.AuditLog(ctx, 0, 1)
		if err != nil || len(page.Entries) == 0 {
			t.Fatalf("audit log: %+v %v", page, err)
		}
		return page.Entries[0]
	}
	if _, err := w.s.Documents.SavePlan(w.plan.ID); err != nil {
		t.Fatal(err)
	}
	if e := last(); e.Action != domain.AuditPrint || e.RecordKind != "plan" || e.RecordID != w.plan.ID {
		t.Errorf("after SavePlan: %+v", e)
	}
	if _, err := w.s.Documents.SaveStatusReportCSV("2026-01-01", "2026-12-31"); err != nil {
		t.Fatal(err)
	}
	if e := last(); e.Action != domain.AuditExport || e.RecordKind != "report" {
		t.Errorf("after the CSV: %+v", e)
	}
	before := last()
	devSaveDir = func() string { return "" } // no hook: the dialog path, which has no window in tests
	if _, err := w.s.Documents.SavePlan(w.plan.ID); err == nil {
		t.Fatal("saved without a window")
	}
	if e := last(); e.ID != before.ID {
		t.Errorf("logged a file that was not saved: %+v", e)
	}
}
