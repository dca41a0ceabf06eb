package app

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"tandem/internal/domain"
)

// The access export is logged once the JSON file (all the data) is
// written: a PDF that cannot be saved afterwards leaves the line too.
func TestAccessExportLoggedWhenPDFFails(t *testing.T) {
	w := newDocWorld(t)
	ctx := context.Background()
	exports := func() int {
		t.Helper()
		list, err := w.db.AuditLogAll(ctx)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, e := range list {
			if e.Action == domain.AuditExport && e.RecordKind == "person" && e.RecordID == w.miaID {
				n++
			}
		}
		return n
	}
	pdfName := "Auskunft Mia Müller 2027-06-15.pdf"
	// A folder where the PDF should go: saving it fails.
	if err := os.Mkdir(filepath.Join(w.dir, pdfName), 0o700); err != nil {
		t.Fatal(err)
	}
	res, err := w.s.Privacy.AccessExport(w.miaID)
	if err == nil {
		t.Fatalf("PDF saved over a folder: %+v", res)
	}
	if res.JSONPath == "" {
		t.Fatalf("no JSON written: %+v %v", res, err)
	}
	if _, statErr := os.Stat(res.JSONPath); statErr != nil {
		t.Fatal(statErr)
	}
	if n := exports(); n != 1 {
		t.Fatalf("%d export lines after the JSON was written and the PDF failed, want 1", n)
	}
	// Both files saved: one more line.
	if err := os.Remove(filepath.Join(w.dir, pdfName)); err != nil {
		t.Fatal(err)
	}
	if res, err = w.s.Privacy.AccessExport(w.miaID); err != nil || res.PDFPath == "" || res.JSONPath == "" {
		t.Fatalf("export %+v %v", res, err)
	}
	if n := exports(); n != 2 {
		t.Fatalf("%d export lines after two exports, want 2", n)
	}
}
