package app

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

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

// The audit CSV uses the words of the Einstellungen table: the Go tables
// and de.json (privacy.actions, privacy.kinds) name the same codes with the
// same words.
func TestAuditWordsMatchScreen(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "frontend", "src", "locales", "de.json"))
	if err != nil {
		t.Fatal(err)
	}
	var de struct {
		Privacy struct {
			Actions map[string]string `json:"actions"`
			Kinds   map[string]string `json:"kinds"`
		} `json:"privacy"`
	}
	if err := json.Unmarshal(raw, &de); err != nil {
		t.Fatal(err)
	}
	same := func(what string, ui, goText map[string]string) {
		if len(ui) == 0 {
			t.Fatalf("de.json has no privacy.%s", what)
		}
		for code, word := range ui {
			if goText[code] != word {
				t.Errorf("%s %q: screen %q, CSV %q", what, code, word, goText[code])
			}
		}
		for code := range goText {
			if _, ok := ui[code]; !ok {
				t.Errorf("%s %q has no word on the screen (de.json)", what, code)
			}
		}
	}
	same("actions", de.Privacy.Actions, domain.AuditActionText)
	same("kinds", de.Privacy.Kinds, domain.AuditKindText)
}

// The exported audit log reads like the screen: German words, local time
// TT.MM.JJJJ HH:MM:SS, CRLF line ends, BOM and semicolons.
func TestAuditCSV(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	data := auditCSV([]domain.AuditEntry{
		{ID: 7, At: "2026-12-04T16:55:13Z", OSUser: "=cmd", Action: "create", RecordKind: "person", RecordID: 12},
		{ID: 8, At: "2026-07-01T22:30:00Z", OSUser: "AMT\\mmentor", Action: "export", RecordKind: "report"},
	}, berlin)
	want := "\uFEFFNr;Zeitpunkt;Benutzer;Aktion;Eintrag\r\n" +
		"7;04.12.2026 17:55:13;'=cmd;angelegt;Person Nr. 12\r\n" +
		"8;02.07.2026 00:30:00;AMT\\mmentor;exportiert;Bericht\r\n"
	if string(data) != want {
		t.Errorf("audit CSV:\n%q\nwant\n%q", data, want)
	}

	// Through the bound method: the file written has the same form.
	w := newDocWorld(t)
	path, err := w.s.Privacy.ExportAuditLog()
	if err != nil || path == "" {
		t.Fatalf("export: %q %v", path, err)
	}
	file, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(file)
	if strings.Count(text, "\n") != strings.Count(text, "\r\n") || !strings.HasSuffix(text, "\r\n") {
		t.Errorf("not CRLF: %q", text)
	}
	if !strings.Contains(text, ";angelegt;Person Nr. ") || strings.Contains(text, ";create;") {
		t.Errorf("codes instead of words: %s", text)
	}
	if !regexp.MustCompile(`\r\n\d+;\d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d;`).MatchString(text) || strings.Contains(text, "Z;") {
		t.Errorf("time not TT.MM.JJJJ HH:MM:SS: %s", text)
	}
}
