package documents

import (
	"bytes"
	"encoding/csv"
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
	period  string // long bucket name ("1. Quartal 2026"), "" for the whole period
	from    string // ISO days of a bucket of time, "" for the whole period
	to      string
	number  string // the value for a numeric column: "" when hidden or without base
	text    string // as printed: the number, "83,3 %", Suppressed or NoBase
	hidden  bool
}

const (
	secNewcomers = "Neue Fachkräfte"
	secPlans     = "Einarbeitungspläne"
	secCases     = "Fallübernahmen"
	secTandems   = "Tandems"
	secSessions  = "Mentoring-Gespräche"
	secRetention = "Verbleib nach 12 Monaten"
)

// footnoteMark follows a suppressed value in the PDF; the footnote
// below says what it means.
const footnoteMark = "¹"

// reportLines lists every figure of r in the order of the report. A
// figure about fewer than five people is hidden: its text is a dash and
// it has no number.
func reportLines(r domain.StatusReport) []reportLine {
	var out []reportLine
	figure := func(sec, label string, f domain.Figure, b domain.Bucket) {
		l := reportLine{section: sec, label: label, period: b.Period, from: b.From, to: b.To, text: f.Text(), hidden: f.Hidden()}
		if !l.hidden {
			l.number = l.text
		}
		out = append(out, l)
	}
	add := func(sec, label string, f domain.Figure) { figure(sec, label, f, domain.Bucket{}) }
	share := func(sec, label string, s domain.Share) {
		out = append(out, reportLine{section: sec, label: label, number: s.Number(), text: s.Text(), hidden: s.Hidden()})
	}
	byTime := func(sec, label string, bs []domain.Bucket) {
		for _, b := range bs {
			figure(sec, label, b.Figure, b)
		}
	}
	add(secNewcomers, "Neue Fachkräfte mit Beginn im Zeitraum", r.Newcomers)
	byTime(secNewcomers, "Neue Fachkräfte nach Beginn", r.NewcomersByPeriod)
	add(secPlans, "Laufende Einarbeitungspläne", r.Plans)
	add(secPlans, "davon abgeschlossen", r.PlansCompleted)
	share(secPlans, "Erledigte Themen (Anteil in %)", r.ItemProgress)
	for _, b := range r.ProgressBuckets {
		add(secPlans, "Pläne mit "+b.Label+" erledigten Themen", b.Figure)
	}
	add(secCases, "Übernommene Fälle", r.Cases)
	add(secCases, "Fallübergaben", r.Handovers)
	add(secTandems, "Aktive Tandems", r.TandemsActive)
	add(secTandems, "Abgeschlossene Tandems", r.TandemsCompleted)
	add(secTandems, "Abgebrochene Tandems", r.TandemsCancelled)
	add(secSessions, "Durchgeführte Gespräche", r.Sessions)
	byTime(secSessions, "Durchgeführte Gespräche", r.SessionsByPeriod)
	add(secRetention, "Neue Fachkräfte mit Beginn vor mindestens 12 Monaten", r.RetentionBase)
	add(secRetention, "davon nach 12 Monaten noch beschäftigt", r.Retained)
	share(secRetention, "Verbleibquote nach 12 Monaten (in %)", r.RetainedShare)
	return out
}

// StatusReportCSV returns the figures as CSV for Excel and LibreOffice:
// UTF-8 with BOM, semicolons, CRLF, German decimal comma, columns
// Bereich;Kennzahl;Zeitraum;Wert;Unterdrückt;Hinweis. Wert holds numbers
// only: a suppressed figure leaves it empty and reads "ja" in
// Unterdrückt. Zeitraum is always text that no spreadsheet turns into a
// date ("Januar 2026 (01.01.2026 – 31.01.2026)", a range of days).
func StatusReportCSV(r domain.StatusReport) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	w := csv.NewWriter(&buf)
	w.Comma = ';'
	w.UseCRLF = true
	whole := period(r.From, r.To)
	rows := [][]string{
		{"Bereich", "Kennzahl", "Zeitraum", "Wert", "Unterdrückt", "Hinweis"},
		{"Bericht", "Sachstandsbericht, Stand " + germanDate(r.Today), whole, "", "", ""},
		{"Bericht", "Hinweis", whole, "", "", "Werte, die auf weniger als 5 Personen beruhen, sind nicht genannt (Unterdrückt: ja)."},
	}
	for _, l := range reportLines(r) {
		p := whole
		if l.period != "" {
			p = l.period + " (" + period(l.from, l.to) + ")"
		}
		suppressed, note := "nein", ""
		switch {
		case l.hidden:
			suppressed, note = "ja", domain.SuppressedNote
		case l.text == domain.NoBase:
			note = "keine Grundgesamtheit im Zeitraum"
		}
		rows = append(rows, []string{l.section, l.label, p, l.number, suppressed, note})
	}
	if err := w.WriteAll(rows); err != nil {
		return nil, domain.Internal(err, "csv")
	}
	return buf.Bytes(), nil
}

// StatusReportPDF renders the Sachstandsbericht for the steering group or
// the youth welfare committee: the figures of each area with bar charts.
// It prints counts only; a figure about fewer than five people reads "–¹"
// (footnote: "beruht auf weniger als 5 Personen") and has no bar.
func StatusReportPDF(in ReportDoc) ([]byte, error) {
	r := in.Report
	if err := domain.CheckReportPeriod(r.From, r.To); err != nil {
		return nil, err
	}
	whole := period(r.From, r.To)
	d := newDoc(in.Org, "Sachstandsbericht "+whole, "Sachstandsbericht Einarbeitung und Mentoring", in.Issued)
	d.heading("Sachstandsbericht Einarbeitung und Mentoring")
	d.fields([][2]string{{"Zeitraum", whole}, {"Stand", germanDate(r.Today)}})
	d.note("Der Bericht enthält nur Zahlen, keine Namen und keine vertraulichen Inhalte. " +
		"Eine Zahl, die auf weniger als 5 Personen beruht, wird nicht genannt, damit niemand erkennbar ist: " +
		"Sie erscheint als „" + domain.Suppressed + footnoteMark + "“, ohne Balken. Die Balken fassen Monate, " +
		"Quartale, Halbjahre oder Jahre zusammen – so fein, wie es ohne solche Lücken möglich ist.")

	lines := reportLines(r)
	// hidden: a suppressed value was printed in this section; the footnote
	// then ends the section, once.
	hidden := false
	figures := func(sec string) {
		var pairs [][2]string
		for _, l := range lines {
			if l.section != sec || l.period != "" {
				continue
			}
			v := l.text
			if l.hidden {
				v += footnoteMark
				hidden = true
			}
			pairs = append(pairs, [2]string{l.label, v})
		}
		d.figureTable(pairs)
	}
	chart := func(title string, bs []domain.Bucket) {
		hidden = d.barChart(title, bs) || hidden
	}
	end := func(notes ...string) {
		if hidden {
			notes = append(notes, footnoteMark+" "+domain.SuppressedNote+"; die Zahl wird nicht genannt.")
		}
		for _, n := range notes {
			d.note(n)
		}
		hidden = false
	}

	// a section with a chart keeps its figures and the chart together
	const withChart = 85
	d.section("1. "+secNewcomers, withChart)
	figures(secNewcomers)
	chart("Neue Fachkräfte nach Beginn, "+r.NewcomersGrain.Per(), r.NewcomersByPeriod)
	end()

	d.section("2. "+secPlans, 40)
	figures(secPlans)
	chart("Laufende Pläne nach Anteil erledigter Themen", r.ProgressBuckets)
	end()

	d.section("3. "+secCases, 20)
	figures(secCases)
	end("Personen dieser Zahlen sind die neuen Fachkräfte, die Fälle übernommen haben.")

	d.section("4. "+secTandems, withChart)
	figures(secTandems)
	chart("Tandems im Zeitraum nach Stand", []domain.Bucket{
		{Label: "aktiv", Figure: r.TandemsActive},
		{Label: "abgeschlossen", Figure: r.TandemsCompleted},
		{Label: "abgebrochen", Figure: r.TandemsCancelled},
	})
	end("Personen dieser Zahlen sind die Mentees der Tandems.")

	d.section("5. "+secSessions, withChart)
	figures(secSessions)
	chart("Durchgeführte Gespräche, "+r.SessionsGrain.Per(), r.SessionsByPeriod)
	end("Personen dieser Zahlen sind die Mentees und Mentor:innen der Tandems, die sich getroffen haben.")

	d.section("6. "+secRetention, 20)
	figures(secRetention)
	end("Gezählt werden neue Fachkräfte mit Beginn im Zeitraum, deren Beginn mindestens 12 Monate " +
		"zurückliegt; noch beschäftigt ist, wer 12 Monate nach Beginn nicht ausgeschieden war.")
	return d.bytes()
}

// note prints a small grey explanation over the full width.
func (d *doc) note(s string) {
	p := d.pdf
	d.font("", 8.5)
	d.grey(true)
	p.SetX(marginLeft)
	p.MultiCell(contentW, 4, s, "", "L", false)
	d.grey(false)
	d.font("", bodySize)
	p.Ln(1)
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
// below. A suppressed figure gets no bar, only "–¹" and its label, and
// does not count for the scale. It reports whether a bar was suppressed.
func (d *doc) barChart(title string, buckets []domain.Bucket) (hidden bool) {
	if len(buckets) == 0 {
		return false
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
		text := b.Figure.Text()
		if b.Figure.Hidden() {
			text += footnoteMark
			hidden = true
		}
		p.CellFormat(slot, 4, text, "", 0, "C", false, 0, "")
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
	return hidden
}
