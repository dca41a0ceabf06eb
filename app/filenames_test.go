package app

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"tandem/internal/domain"
	"tandem/internal/exchange"
	"tandem/internal/filename"
)

// extensions are the kinds of file Tandem proposes; a name carries exactly
// one of them, once.
var extensions = []string{".tandem.json", ".pdf", ".csv", ".json", ".ics"}

var doubledExt = regexp.MustCompile(`(?i)\.(pdf|csv|json|ics)\.(pdf|csv|json|ics)$`)

// checkProposedName fails when name is not what filename.Safe makes of it
// or carries an extension twice.
func checkProposedName(t *testing.T, name string) {
	t.Helper()
	ext := ""
	for _, e := range extensions {
		if strings.HasSuffix(name, e) {
			ext = e
			break
		}
	}
	switch {
	case ext == "":
		t.Errorf("%q has none of the extensions %v", name, extensions)
	case doubledExt.MatchString(name):
		t.Errorf("%q carries two extensions", name)
	case filename.Safe(strings.TrimSuffix(name, ext), ext) != name:
		t.Errorf("%q is not a safe name (would be %q)", name, filename.Safe(strings.TrimSuffix(name, ext), ext))
	}
}

// Every file the app proposes, as the save dialog would name it (the dev
// hook saves under the proposed name): the PDFs, CSVs, the access export's
// JSON and PDF, the calendar files and a template export.
func TestProposedFileNames(t *testing.T) {
	w := newDocWorld(t)
	d := w.s.Documents
	ctx := context.Background()
	sess, err := w.db.CreateSession(ctx, domain.SessionInput{TandemID: w.mia.ID, Date: "2027-03-03", StartTime: "10:00", DurationMinutes: 60, Place: "Raum 1"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.db.SaveNote(ctx, sess.ID, 0, domain.NoteInput{Text: "Geheimes Detail", Confidential: true}); err != nil {
		t.Fatal(err)
	}
	tpls, err := w.db.Templates(ctx, false)
	if err != nil || len(tpls) == 0 {
		t.Fatal(tpls, err)
	}
	tpl := tpls[0]

	got := map[string]string{}
	save := func(what, path string, err error) {
		t.Helper()
		if err != nil || path == "" {
			t.Errorf("%s: %q, %v", what, path, err)
			return
		}
		got[what] = filepath.Base(path)
	}
	doc := func(what string, r DocumentResult, err error) { t.Helper(); save(what, r.Path, err) }

	r, err := d.SavePlan(w.plan.ID)
	doc("plan", r, err)
	p, err := d.SaveHandbook(w.plan.ID)
	save("handbook", p, err)
	r, err = d.SaveSessionMinutes(sess.ID, false)
	doc("minutes", r, err)
	r, err = d.SaveSessionMinutes(sess.ID, true)
	doc("minutes with confidential notes", r, err)
	w.finalTalk(t, w.mia.ID)
	w.finalTalk(t, w.ben.ID)
	r, err = d.IssueConfirmation(w.mia.ID)
	doc("confirmation", r, err)
	// The batch writes into a folder that already holds Mia's letter: Ben's
	// under his name (Mia's, where issued again, as „… (2).pdf“).
	batch, err := d.IssueRunConfirmations(w.run.ID, false)
	if err != nil {
		t.Fatalf("batch %+v, %v", batch, err)
	}
	for _, p := range batch.Paths {
		if name := filepath.Base(p); strings.Contains(name, "Ben") {
			got["batch confirmation"] = name
		} else if name != "Abschlussbestätigung Müller Mia (2).pdf" {
			t.Errorf("batch wrote %q", name)
		}
	}
	p, err = d.SaveStatusReport("2027-01-01", "2027-12-31")
	save("status report", p, err)
	p, err = d.SaveStatusReportCSV("2027-01-01", "2027-12-31")
	save("status report CSV", p, err)
	acc, err := w.s.Privacy.AccessExport(w.miaID)
	save("access export JSON", acc.JSONPath, err)
	save("access export PDF", acc.PDFPath, err)
	p, err = w.s.Privacy.ExportAuditLog()
	save("audit log CSV", p, err)
	p, err = w.s.Sessions.ExportCalendar(sess.ID)
	save("session calendar", p, err)
	p, err = w.s.Sessions.ExportTandemCalendar(w.mia.ID)
	save("tandem calendar", p, err)
	p, err = w.s.Templates.ExportToFile(tpl.ID)
	save("template", p, err)

	want := map[string]string{
		"plan":                            "Einarbeitungsplan Müller Mia.pdf",
		"handbook":                        "Einarbeitungshandbuch Müller Mia.pdf",
		"minutes":                         "Gesprächsprotokoll 2027-03-03 Müller.pdf",
		"minutes with confidential notes": "Gesprächsprotokoll 2027-03-03 Müller vertraulich.pdf",
		"confirmation":                    "Abschlussbestätigung Müller Mia.pdf",
		"batch confirmation":              "Abschlussbestätigung Berger Ben.pdf",
		"status report":                   "Sachstandsbericht 2027-01-01 bis 2027-12-31.pdf",
		"status report CSV":               "Sachstandsbericht 2027-01-01 bis 2027-12-31.csv",
		"access export JSON":              "Auskunft Mia Müller 2027-06-15.json",
		"access export PDF":               "Auskunft Mia Müller 2027-06-15.pdf",
		"audit log CSV":                   "Tandem-Protokoll 2027-06-15.csv",
		"session calendar":                "Termin 2027-03-03 Müller.ics",
		"tandem calendar":                 "Termine Tandem Müller.ics",
		"template":                        exchange.FileName(tpl),
	}
	for what, name := range want {
		if got[what] != name {
			t.Errorf("%s: proposed %q, want %q", what, got[what], name)
		}
	}
	// docs/template-format.md promises an ASCII name.
	if !regexp.MustCompile(`^Programmvorlage-[A-Za-z0-9-]+\.tandem\.json$`).MatchString(got["template"]) {
		t.Errorf("template file %q", got["template"])
	}
	// What is on disk is exactly what was reported, each name proper.
	entries, _ := os.ReadDir(w.dir)
	var onDisk []string
	for _, e := range entries {
		checkProposedName(t, e.Name())
		checkLineEnds(t, filepath.Join(w.dir, e.Name()))
		onDisk = append(onDisk, e.Name())
	}
	sort.Strings(onDisk)
	if len(onDisk) < len(want) {
		t.Errorf("%d files on disk for %d proposals: %q", len(onDisk), len(want), onDisk)
	}
	t.Logf("%d proposed names checked", len(onDisk))
}

// checkLineEnds: CSV (Excel) and .ics (RFC 5545) files end every line in
// CRLF, the CSV with a BOM so Excel reads UTF-8, .ics lines folded at 75
// octets; JSON is valid whatever its line ends (LF, as JSON tools write).
func checkLineEnds(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Base(path)
	crlf := func() {
		if !bytes.HasSuffix(data, []byte("\r\n")) {
			t.Errorf("%s does not end in CRLF", name)
		}
		if n := bytes.Count(data, []byte("\n")) - bytes.Count(data, []byte("\r\n")); n != 0 {
			t.Errorf("%s has %d bare LF line ends", name, n)
		}
	}
	switch {
	case strings.HasSuffix(name, ".csv"):
		crlf()
		if !bytes.HasPrefix(data, []byte("\uFEFF")) {
			t.Errorf("%s has no BOM", name)
		}
	case strings.HasSuffix(name, ".ics"):
		crlf()
		for _, line := range strings.Split(string(data), "\r\n") {
			if len(line) > 75 {
				t.Errorf("%s: line of %d octets: %q", name, len(line), line)
			}
		}
	case strings.HasSuffix(name, ".json"):
		if !json.Valid(data) {
			t.Errorf("%s is not valid JSON", name)
		}
	}
}

// Names with characters no file system takes, a device name and dots: the
// documents are still saved, under a safe name.
func TestProposedFileNamesOfHostileNames(t *testing.T) {
	w := newDocWorld(t)
	ctx := context.Background()
	mia, err := w.db.Person(ctx, w.miaID)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ first, last, want string }{
		{"Mia", `Groß/Klein: "A*B"?`, "Einarbeitungsplan Groß Klein A B Mia.pdf"},
		{"...", "CON", "Einarbeitungsplan CON.pdf"},
		{"Mia", "nul", "Einarbeitungsplan nul Mia.pdf"},
		{"Mia.", "Müller", "Einarbeitungsplan Müller Mia.pdf"},
	} {
		in := domain.PersonInput{FirstName: c.first, LastName: c.last, Roles: mia.Roles, Salutation: mia.Salutation}
		if _, err := w.db.UpdatePerson(ctx, w.miaID, in); err != nil {
			t.Fatalf("%+v: %v", c, err)
		}
		r, err := w.s.Documents.SavePlan(w.plan.ID)
		if err != nil {
			t.Fatalf("%+v: %v", c, err)
		}
		if got := filepath.Base(r.Path); got != c.want {
			t.Errorf("%s %s: %q, want %q", c.first, c.last, got, c.want)
		}
		checkProposedName(t, filepath.Base(r.Path))
	}
}
