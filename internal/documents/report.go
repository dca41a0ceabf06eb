package documents

import (
	"bytes"
	"encoding/csv"
	"strings"
	"time"

	"tandem/internal/domain"
)

// ReportDoc is the input of the Sachstandsbericht: the letterhead and the
// figures computed by the storage (counts only, never names or notes).
type ReportDoc struct {
	Org    Organisation
	Report domain.StatusReport
	Issued time.Time // the caller's clock: "Stand" and PDF dates
}

// reportLine is one figure as printed in the PDF and the CSV.
type reportLine struct {
	section string
	label   string
	period  string // bucket label, "" for the whole period
	value   string // already suppressed ("< 5") where needed
	percent bool
}

const (
	secNewcomers = "Neue Fachkräfte"
	secPlans     = "Einarbeitungspläne"
	secCases     = "Fallübernahmen"
	secTandems   = "Tandems"
	secSessions  = "Mentoring-Gespräche"
	secRetention = "Verbleib nach 12 Monaten"
)

// reportLines lists every figure of r in the order of the report. Each
// value goes through Figure.Text / Share.Text: a figure about fewer than
// five people is "< 5".
func reportLines(r domain.StatusReport) []reportLine {
	var out []reportLine
	add := func(sec, label, value string) {
		out = append(out, reportLine{section: sec, label: label, value: value})
	}
	share := func(sec, label string, s domain.Share) {
		v := s.Text()
		v = strings.TrimSuffix(v, " %")
		out = append(out, reportLine{section: sec, label: label, value: v, percent: true})
	}
	buckets := func(sec, label string, bs []domain.Bucket) {
		for _, b := range bs {
			out = append(out, reportLine{section: sec, label: label, period: b.Label, value: b.Figure.Text()})
		}
	}
	add(secNewcomers, "Neue Fachkräfte mit Beginn im Zeitraum", r.Newcomers.Text())
	buckets(secNewcomers, "Beginn", r.NewcomersByPeriod)
	add(secPlans, "Laufende Einarbeitungspläne", r.Plans.Text())
	add(secPlans, "davon abgeschlossen", r.PlansCompleted.Text())
	share(secPlans, "Erledigte Themen (Anteil in %)", r.ItemProgress)
	buckets(secPlans, "Pläne nach Fortschritt", r.ProgressBuckets)
	add(secCases, "Übernommene Fälle", r.Cases.Text())
	add(secCases, "Fallübergaben", r.Handovers.Text())
	add(secTandems, "Aktive Tandems", r.TandemsActive.Text())
	add(secTandems, "Abgeschlossene Tandems", r.TandemsCompleted.Text())
	add(secTandems, "Abgebrochene Tandems", r.TandemsCancelled.Text())
	add(secSessions, "Durchgeführte Gespräche", r.Sessions.Text())
	buckets(secSessions, "Gespräche", r.SessionsByPeriod)
	add(secRetention, "Neue Fachkräfte mit Beginn vor mindestens 12 Monaten", r.RetentionBase.Text())
	add(secRetention, "davon nach 12 Monaten noch beschäftigt", r.Retained.Text())
	share(secRetention, "Verbleibquote nach 12 Monaten (in %)", r.RetainedShare)
	return out
}

// StatusReportCSV returns the figures as CSV for Excel and LibreOffice:
// UTF-8 with BOM, semicolons, CRLF, German decimal comma, columns
// Bereich;Kennzahl;Zeitraum;Wert. Suppressed figures read "< 5".
func StatusReportCSV(r domain.StatusReport) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	w := csv.NewWriter(&buf)
	w.Comma = ';'
	w.UseCRLF = true
	whole := period(r.From, r.To)
	rows := [][]string{
		{"Bereich", "Kennzahl", "Zeitraum", "Wert"},
		{"Bericht", "Sachstandsbericht", whole, ""},
		{"Bericht", "Stand", germanDate(r.Today), ""},
		{"Bericht", "Hinweis", "", "Zahlen über weniger als 5 Personen sind als „< 5“ ausgewiesen."},
	}
	for _, l := range reportLines(r) {
		p := l.period
		if p == "" {
			p = whole
		}
		rows = append(rows, []string{l.section, l.label, p, l.value})
	}
	if err := w.WriteAll(rows); err != nil {
		return nil, domain.Internal(err, "csv")
	}
	return buf.Bytes(), nil
}

// StatusReportPDF renders the Sachstandsbericht for the steering group or
// the youth welfare committee: the figures of each area with bar charts.
// It prints counts only; a figure about fewer than five people reads
// "< 5" and has no bar.
func StatusReportPDF(in ReportDoc) ([]byte, error) {
	r := in.Report
	if err := domain.CheckReportPeriod(r.From, r.To); err != nil {
		return nil, err
	}
	whole := period(r.From, r.To)
	d := newDoc(in.Org, "Sachstandsbericht "+whole, "Sachstandsbericht Einarbeitung und Mentoring", in.Issued)
	p := d.pdf
	d.heading("Sachstandsbericht Einarbeitung und Mentoring")
	d.fields([][2]string{{"Zeitraum", whole}, {"Stand", germanDate(r.Today)}})
	d.font("", 8.5)
	d.grey(true)
	p.SetX(marginLeft)
	p.MultiCell(contentW, 4, "Der Bericht enthält nur Zahlen, keine Namen und keine vertraulichen Inhalte. "+
		"Zahlen über weniger als 5 Personen sind als „< 5“ ausgewiesen, damit niemand erkennbar ist; "+
		"für sie wird kein Balken gezeichnet.", "", "L", false)
	d.grey(false)

	lines := reportLines(r)
	figures := func(sec string) {
		var pairs [][2]string
		for _, l := range lines {
			if l.section != sec || l.period != "" {
				continue
			}
			v := l.value
			if l.percent && v != domain.Suppressed && v != "–" {
				v += " %"
			}
			pairs = append(pairs, [2]string{l.label, v})
		}
		d.figureTable(pairs)
	}

	d.section("1. "+secNewcomers, 40)
	figures(secNewcomers)
	d.barChart("Neue Fachkräfte nach Beginn", r.NewcomersByPeriod)

	d.section("2. "+secPlans, 40)
	figures(secPlans)
	d.barChart("Laufende Pläne nach Anteil erledigter Themen", r.ProgressBuckets)

	d.section("3. "+secCases, 20)
	figures(secCases)

	d.section("4. "+secTandems, 40)
	figures(secTandems)
	d.barChart("Tandems im Zeitraum nach Stand", []domain.Bucket{
		{Label: "aktiv", Figure: r.TandemsActive},
		{Label: "abgeschlossen", Figure: r.TandemsCompleted},
		{Label: "abgebrochen", Figure: r.TandemsCancelled},
	})

	d.section("5. "+secSessions, 40)
	figures(secSessions)
	d.barChart("Durchgeführte Gespräche", r.SessionsByPeriod)

	d.section("6. "+secRetention, 20)
	figures(secRetention)
	d.font("", 8.5)
	d.grey(true)
	p.SetX(marginLeft)
	p.MultiCell(contentW, 4, "Gezählt werden neue Fachkräfte mit Beginn im Zeitraum, deren Beginn mindestens 12 Monate "+
		"zurückliegt; noch beschäftigt ist, wer 12 Monate nach Beginn nicht ausgeschieden war.", "", "L", false)
	d.grey(false)
	return d.bytes()
}

// figureTable prints label/value rows with the value right-aligned.
func (d *doc) figureTable(pairs [][2]string) {
	p := d.pdf
	const valueW = 30.0
	p.SetDrawColor(200, 200, 200)
	for _, kv := range pairs {
		d.ensure(lineH + 2)
		y := p.GetY()
		d.font("", bodySize)
		p.SetXY(marginLeft, y)
		p.MultiCell(contentW-valueW, lineH+1, oneLine(kv[0]), "", "L", false)
		end := p.GetY()
		d.font("B", bodySize)
		p.SetXY(marginLeft+contentW-valueW, y)
		p.CellFormat(valueW, lineH+1, kv[1], "", 0, "R", false, 0, "")
		p.Line(marginLeft, end, marginLeft+contentW, end)
		p.SetXY(marginLeft, end)
	}
	d.font("", bodySize)
	p.Ln(2)
}

// barChart draws a bar per bucket with its value above it and its label
// below. A suppressed figure ("< 5") gets no bar, only its label, and
// does not count for the scale.
func (d *doc) barChart(title string, buckets []domain.Bucket) {
	if len(buckets) == 0 {
		return
	}
	p := d.pdf
	const chartH = 45.0
	rotate := contentW/float64(len(buckets)) < 14
	labelH := 6.0
	if rotate {
		labelH = 12
	}
	d.ensure(chartH + labelH + 14)
	d.font("B", 9)
	p.SetX(marginLeft)
	p.CellFormat(contentW, 5, oneLine(title), "", 1, "L", false, 0, "")
	top := p.GetY() + 5
	base := top + chartH
	maxV := 0
	for _, b := range buckets {
		if !b.Figure.Hidden() {
			maxV = max(maxV, b.Figure.Value)
		}
	}
	slot := contentW / float64(len(buckets))
	barW := slot * 0.62
	p.SetDrawColor(120, 120, 120)
	p.Line(marginLeft, base, marginLeft+contentW, base)
	for i, b := range buckets {
		x := marginLeft + float64(i)*slot
		h := 0.0
		if !b.Figure.Hidden() && maxV > 0 {
			h = chartH * float64(b.Figure.Value) / float64(maxV)
		}
		if h > 0 {
			p.SetFillColor(70, 120, 170)
			p.Rect(x+(slot-barW)/2, base-h, barW, h, "F")
		}
		d.font("", 7)
		if b.Figure.Hidden() {
			d.grey(true)
		}
		p.SetXY(x, base-h-4.5)
		p.CellFormat(slot, 4, b.Figure.Text(), "", 0, "C", false, 0, "")
		d.grey(false)
		label := oneLine(b.Label)
		if rotate {
			d.font("", 6.5)
			cx, cy := x+slot/2+1.2, base+1.5
			p.TransformBegin()
			p.TransformRotate(90, cx, cy)
			p.SetXY(cx-labelH+1, cy-1.5)
			p.CellFormat(labelH-1, 3, d.fit(label, labelH+1), "", 0, "R", false, 0, "")
			p.TransformEnd()
		} else {
			d.font("", 7.5)
			p.SetXY(x, base+1)
			p.CellFormat(slot, 4, d.fit(label, slot), "", 0, "C", false, 0, "")
		}
	}
	p.SetXY(marginLeft, base+labelH+3)
	d.font("", bodySize)
}
