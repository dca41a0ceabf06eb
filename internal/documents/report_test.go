package documents

import (
	"bytes"
	"encoding/csv"
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
	labels, _ := domain.ReportBuckets(r.From, r.To)
	for i, l := range labels {
		n := []int{0, 6, 0, 0, 2, 0, 0, 0, 0, 0, 4, 0}[i]
		r.NewcomersByPeriod = append(r.NewcomersByPeriod, domain.Bucket{Label: l, Figure: domain.PeopleFigure(n)})
		r.SessionsByPeriod = append(r.SessionsByPeriod, domain.Bucket{Label: l, Figure: domain.Figure{Value: 4 * (i % 3), People: 2*(i%3) + 1}})
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
		"Neue Fachkräfte mit Beginn im Zeitraum 12", "davon abgeschlossen < 5", "Erledigte Themen (Anteil in %) 67,6 %",
		"Übernommene Fälle 15", "Aktive Tandems 6", "Abgeschlossene Tandems < 5", "Abgebrochene Tandems 0",
		"Durchgeführte Gespräche 48", "davon nach 12 Monaten noch beschäftigt 7", "87,5 %", "Fallübernahmen",
		"Verbleib nach 12 Monaten", "Feb 26", "Dez 26", "75–100 %", "aktiv", "abgebrochen",
		"Zahlen über weniger als 5 Personen sind als „< 5“ ausgewiesen")
	// a figure about fewer than five people never appears as its number
	for _, leak := range []string{"beschäftigt 3", "abgeschlossen 3", "Tandems 2"} {
		if strings.Contains(squash(r.layout), squash(leak)) {
			t.Errorf("leaks %q", leak)
		}
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
		if len(row) != 4 {
			t.Fatalf("row %v", row)
		}
		got[row[1]+"|"+row[2]] = row[3]
	}
	for k, v := range map[string]string{
		"Kennzahl|Zeitraum": "Wert",
		"Neue Fachkräfte mit Beginn im Zeitraum|01.01.2026 – 31.12.2026": "12",
		"davon abgeschlossen|01.01.2026 – 31.12.2026":                    "< 5",
		"Erledigte Themen (Anteil in %)|01.01.2026 – 31.12.2026":         "67,6",
		"Verbleibquote nach 12 Monaten (in %)|01.01.2026 – 31.12.2026":   "87,5",
		"Beginn|Feb 26":                                  "6",
		"Beginn|Mai 26":                                  "< 5",
		"Beginn|Jan 26":                                  "0",
		"Gespräche|Feb 26":                               "< 5",
		"Gespräche|Mär 26":                               "8",
		"Pläne nach Fortschritt|25–49 %":                 "< 5",
		"Pläne nach Fortschritt|75–100 %":                "8",
		"Abgeschlossene Tandems|01.01.2026 – 31.12.2026": "< 5",
	} {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	// "< 5" is quoted by nobody's rules but the decimal comma must not split a field
	if !strings.Contains(string(data), ";67,6\r\n") {
		t.Errorf("decimal comma: %s", data)
	}
	// a share based on fewer than five people
	r := testReport()
	r.RetainedShare = domain.Share{Part: 3, Base: 4, People: 4}
	data, _ = StatusReportCSV(r)
	if !strings.Contains(string(data), "Verbleibquote nach 12 Monaten (in %);01.01.2026 – 31.12.2026;< 5\r\n") {
		t.Errorf("share of 4 people not suppressed:\n%s", data)
	}
}
