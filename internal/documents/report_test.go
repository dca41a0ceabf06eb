package documents

import (
	"bytes"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"tandem/internal/domain"
)

func testReport() domain.StatusReport {
	r := domain.StatusReport{From: "2026-01-01", To: "2026-12-31", Today: "2027-09-01",
		Newcomers: domain.PeopleFigure(12), Plans: domain.Figure{Value: 14, People: 12}, PlansCompleted: domain.PeopleFigure(3),
		ItemProgress: domain.Share{Part: 25, Base: 37, People: 12},
		Cases:        domain.Figure{Value: 15, People: 6}, Handovers: domain.Figure{Value: 7, People: 6},
		TandemsActive: domain.PeopleFigure(6), TandemsCompleted: domain.PeopleFigure(2), TandemsCancelled: domain.PeopleFigure(0),
		Sessions:      domain.Figure{Value: 48, People: 9},
		RetentionBase: domain.PeopleFigure(8), Retained: domain.PeopleFigure(7), RetainedShare: domain.Share{Part: 7, Base: 8, People: 8},
	}
	for i, b := range domain.GrainBuckets(r.From, r.To, domain.GrainMonth) {
		n := []int{0, 6, 0, 0, 2, 0, 0, 0, 0, 0, 4, 0}[i]
		b.Figure = domain.PeopleFigure(n)
		r.NewcomersByPeriod = append(r.NewcomersByPeriod, b)
		b.Figure = domain.Figure{Value: 4 * (i % 3), People: 2*(i%3) + 1}
		r.SessionsByPeriod = append(r.SessionsByPeriod, b)
	}
	for i, l := range []string{"0–24 %", "25–49 %", "50–74 %", "75–100 %"} {
		r.ProgressBuckets = append(r.ProgressBuckets, domain.Bucket{Label: l, Figure: domain.PeopleFigure([]int{1, 3, 0, 8}[i])})
	}
	return r
}

func TestStatusReportPDF(t *testing.T) {
	data, err := StatusReportPDF(ReportDoc{Org: testOrg(t, true), Report: testReport(), Issued: issued})
	if err != nil {
		t.Fatal(err)
	}
	r := checkPDF(t, data, "Sachstandsbericht 01.01.2026 – 31.12.2026", "Sachstandsbericht Einarbeitung und Mentoring")
	if r.pages < 1 || r.pages > 4 {
		t.Errorf("pages = %d", r.pages)
	}
	wantText(t, r.layout, "Sachstandsbericht Einarbeitung und Mentoring", "Zeitraum", "01.01.2026 – 31.12.2026",
		"Neue Fachkräfte mit Beginn im Zeitraum 12", "davon abgeschlossen –¹", "Erledigte Themen (Anteil in %) 67,6 %",
		"Übernommene Fälle 15", "Aktive Tandems 6", "Abgeschlossene Tandems –¹", "Abgebrochene Tandems 0",
		"Durchgeführte Gespräche 48", "davon nach 12 Monaten noch beschäftigt 7", "87,5 %", "Fallübernahmen",
		"Verbleib nach 12 Monaten", "Feb 26", "Dez 26", "75–100 %", "aktiv", "abgebrochen",
		"Neue Fachkräfte nach Beginn, je Monat", "¹ beruht auf weniger als 5 Personen; die Zahl wird nicht genannt.")
	// a figure about fewer than five people never appears as its number,
	// nor as "< 5", which a reader takes for "fewer than five"
	for _, leak := range []string{"beschäftigt 3", "abgeschlossen 3", "Tandems 2", "< 5"} {
		if strings.Contains(squash(r.layout), squash(leak)) {
			t.Errorf("leaks %q", leak)
		}
	}
	// 10 cases taken over by 3 people, a share of 40 % over 4 people
	few := testReport()
	few.Cases = domain.Figure{Value: 10, People: 3}
	few.ItemProgress = domain.Share{Part: 2, Base: 5, People: 4}
	data, err = StatusReportPDF(ReportDoc{Org: testOrg(t, true), Report: few, Issued: issued})
	if err != nil {
		t.Fatal(err)
	}
	r = checkPDF(t, data, "Sachstandsbericht 01.01.2026 – 31.12.2026", "Sachstandsbericht Einarbeitung und Mentoring")
	wantText(t, r.layout, "Übernommene Fälle –¹", "Erledigte Themen (Anteil in %) –¹")

	// A long organisation name is shortened in the running head of page 2,
	// never the report's period.
	long := testOrg(t, false)
	long.OfficeName = "Fachbereich 51 – Jugend, Familie und Bildung, Allgemeiner Sozialer Dienst (ASD)"
	long.Municipality = "Stadt Mönchengladbach-Rheydt"
	data, err = StatusReportPDF(ReportDoc{Org: long, Report: testReport(), Issued: issued})
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "long.pdf")
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	head, err := exec.Command("pdftotext", "-f", "2", "-l", "2", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if first, _, _ := strings.Cut(strings.TrimSpace(string(head)), "\n"); !strings.HasPrefix(first, "Fachbereich 51") ||
		!strings.HasSuffix(first, "… · Sachstandsbericht 01.01.2026 – 31.12.2026") {
		t.Errorf("running head of page 2: %q", first)
	}
	// bad period
	bad := testReport()
	bad.To = "2025-01-01"
	if _, err := StatusReportPDF(ReportDoc{Org: testOrg(t, false), Report: bad, Issued: issued}); errKey(err) != "report.period.order" {
		t.Errorf("bad period: %v", err)
	}
}

func TestStatusReportCSV(t *testing.T) {
	data, err := StatusReportCSV(testReport())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
		t.Fatal("no BOM")
	}
	if bytes.Count(data, []byte("\n")) != bytes.Count(data, []byte("\r\n")) {
		t.Error("lines not CRLF")
	}
	rd := csv.NewReader(bytes.NewReader(data[3:]))
	rd.Comma = ';'
	rows, err := rd.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, row := range rows {
		if len(row) != 6 {
			t.Fatalf("row %v", row)
		}
		got[row[1]+"|"+row[2]] = row[3] + "|" + row[4]
	}
	whole := "|01.01.2026 – 31.12.2026"
	for k, v := range map[string]string{
		"Kennzahl|Zeitraum": "Wert|Unterdrückt",
		"Neue Fachkräfte mit Beginn im Zeitraum" + whole:                     "12|nein",
		"davon abgeschlossen" + whole:                                        "|ja",
		"Erledigte Themen (Anteil in %)" + whole:                             "67,6|nein",
		"Verbleibquote nach 12 Monaten (in %)" + whole:                       "87,5|nein",
		"Neue Fachkräfte nach Beginn|Februar 2026 (01.02.2026 – 28.02.2026)": "6|nein",
		"Neue Fachkräfte nach Beginn|Mai 2026 (01.05.2026 – 31.05.2026)":     "|ja",
		"Neue Fachkräfte nach Beginn|Januar 2026 (01.01.2026 – 31.01.2026)":  "0|nein",
		"Durchgeführte Gespräche|Februar 2026 (01.02.2026 – 28.02.2026)":     "|ja",
		"Durchgeführte Gespräche|März 2026 (01.03.2026 – 31.03.2026)":        "8|nein",
		"Pläne mit 25–49 % erledigten Themen" + whole:                        "|ja",
		"Pläne mit 75–100 % erledigten Themen" + whole:                       "8|nein",
		"Abgeschlossene Tandems" + whole:                                     "|ja",
		"Sachstandsbericht, Stand 01.09.2027" + whole:                        "|",
	} {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	// no value column holds anything but a number
	num := regexp.MustCompile(`^(\d+(,\d)?)?$`)
	for _, row := range rows[1:] {
		if !num.MatchString(row[3]) {
			t.Errorf("Wert not a number: %v", row)
		}
		if strings.Contains(row[2], "Jan 26") || regexp.MustCompile(`^\d\d\.\d\d\.\d{4}$`).MatchString(row[2]) {
			t.Errorf("Zeitraum a spreadsheet reads as a date: %v", row)
		}
	}
	if !strings.Contains(string(data), ";67,6;nein;\r\n") {
		t.Errorf("decimal comma: %s", data)
	}
	// a share based on fewer than five people
	r := testReport()
	r.RetainedShare = domain.Share{Part: 3, Base: 4, People: 4}
	data, _ = StatusReportCSV(r)
	if !strings.Contains(string(data), "Verbleibquote nach 12 Monaten (in %);01.01.2026 – 31.12.2026;;ja;beruht auf weniger als 5 Personen\r\n") {
		t.Errorf("share of 4 people not suppressed:\n%s", data)
	}
}

// Opened in LibreOffice Calc with German settings, the CSV has no date
// cell (the old „Jan 26“ became 01.01.2026, and so would „Januar 2026“)
// and every value of Wert is a number. Needs soffice
// (apt-get install libreoffice-calc-nogui); skipped without it.
func TestStatusReportCSVInCalc(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil || testing.Short() {
		t.Skip("soffice not installed")
	}
	r := testReport()
	// months (testReport), and every other grain
	r.SessionsByPeriod = nil
	for _, g := range []domain.Grain{domain.GrainQuarter, domain.GrainHalfYear, domain.GrainYear} {
		r.SessionsByPeriod = append(r.SessionsByPeriod, domain.GrainBuckets(r.From, r.To, g)...)
	}
	for i := range r.SessionsByPeriod {
		r.SessionsByPeriod[i].Figure = domain.Figure{Value: 10 + i, People: 6}
	}
	data, err := StatusReportCSV(r)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if d := os.Getenv("CALC_KEEP"); d != "" {
		dir = d
	}
	// a probe line shows the check would see a date: "Jan 26" turns into one
	probe := append([]byte("\uFEFFA;B\r\nJan 26;1\r\n"), data[3:]...)
	if err := os.WriteFile(filepath.Join(dir, "bericht.csv"), probe, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "--headless", "--infilter=CSV:59,34,76,1,,1031", "--convert-to", "fods", "--outdir", dir, filepath.Join(dir, "bericht.csv"))
	cmd.Env = append(os.Environ(), "HOME="+dir) // its own profile
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	fods, err := os.ReadFile(filepath.Join(dir, "bericht.fods"))
	if err != nil {
		t.Fatal(err)
	}
	types := map[string]int{}
	for _, m := range regexp.MustCompile(`<table:table-cell [^>]*office:value-type="(\w+)"`).FindAllSubmatch(fods, -1) {
		types[string(m[1])]++
	}
	if types["date"] != 1 || types["time"] != 0 {
		t.Errorf("cell types %v, want one date: the probe's „Jan 26“", types)
	}
	floats := types["float"]
	values := 0
	for _, row := range strings.Split(string(data), "\r\n")[3:] {
		if f := strings.Split(row, ";"); len(f) == 6 && f[3] != "" {
			values++
		}
	}
	if floats != values+1 { // + the probe's 1
		t.Errorf("%d number cells, want %d", floats, values+1)
	}
}
