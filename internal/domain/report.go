package domain

import (
	"strconv"
	"strings"
	"time"
)

// MinGroup is the smallest number of people a figure of the status report
// may be about: a figure about 1 to MinGroup−1 people is shown as "< 5" so
// that nobody can be singled out in a public committee paper.
const MinGroup = 5

// Suppressed is how a figure about too few people is shown.
const Suppressed = "< 5"

// MaxReportYears is the longest period of a status report.
const MaxReportYears = 10

// Figure is one count of the status report. People is how many distinct
// people it concerns (for a count of people it equals Value); a figure
// about 1 to 4 people is shown as "< 5".
type Figure struct {
	Value  int
	People int
}

// PeopleFigure is a count of people.
func PeopleFigure(n int) Figure { return Figure{Value: n, People: n} }

// Hidden reports whether the figure must be shown as "< 5".
func (f Figure) Hidden() bool { return f.People > 0 && f.People < MinGroup }

// Text is the figure as printed: "< 5" or the number.
func (f Figure) Text() string {
	if f.Hidden() {
		return Suppressed
	}
	return strconv.Itoa(f.Value)
}

// Share is a percentage Part/Base, computed over People people; based on
// 1 to 4 people it is shown as "< 5", with no base as "–".
type Share struct {
	Part   int
	Base   int
	People int
}

// Hidden reports whether the share must be shown as "< 5".
func (s Share) Hidden() bool { return s.People > 0 && s.People < MinGroup }

// Percent is the share in percent (0 without base).
func (s Share) Percent() float64 {
	if s.Base <= 0 {
		return 0
	}
	return float64(s.Part) * 100 / float64(s.Base)
}

// Text is the share as printed with a German decimal comma: "83,3 %",
// "< 5" or "–".
func (s Share) Text() string {
	switch {
	case s.Hidden():
		return Suppressed
	case s.Base <= 0:
		return "–"
	}
	return strings.Replace(strconv.FormatFloat(s.Percent(), 'f', 1, 64), ".", ",", 1) + " %"
}

// Bucket is one bar of a chart: a label and its figure.
type Bucket struct {
	Label  string
	Figure Figure
}

// StatusReport holds the figures of the Sachstandsbericht for a period.
// It carries counts only, never names or notes.
type StatusReport struct {
	From  string // ISO
	To    string // ISO
	Today string // ISO: the day the report was made

	// Newcomers whose start (employment start, else their first plan's
	// start) falls in the period, and by month (or year for long periods).
	Newcomers         Figure
	NewcomersByPeriod []Bucket

	// Onboarding plans running in the period (started by its end, last
	// item due at its beginning or later), not cancelled.
	Plans          Figure
	PlansCompleted Figure
	// Items done of items not dropped, over those plans.
	ItemProgress Share
	// Those plans by progress: 0–24 %, 25–49 %, 50–74 %, 75–100 %.
	ProgressBuckets []Bucket

	// Cases handed over in the period (Value: cases, People: newcomers
	// who took them over) and the number of handovers.
	Cases     Figure
	Handovers Figure

	// Tandems whose time overlaps the period, by their current status.
	TandemsActive    Figure
	TandemsCompleted Figure
	TandemsCancelled Figure

	// Sessions held in the period up to today (People: tandems with a
	// session), and by month (or year).
	Sessions         Figure
	SessionsByPeriod []Bucket

	// Newcomers of the period whose start lies at least 12 months before
	// today, and those of them still employed 12 months after their start.
	RetentionBase Figure
	Retained      Figure
	RetainedShare Share
}

// CheckReportPeriod validates a report period: both ISO dates, from ≤ to,
// at most MaxReportYears years.
func CheckReportPeriod(from, to string) error {
	f, ok := ParseDate(from)
	if !ok {
		return Invalid("from", "report.period.date")
	}
	t, ok := ParseDate(to)
	if !ok {
		return Invalid("to", "report.period.date")
	}
	if t.Before(f) {
		return Invalid("to", "report.period.order")
	}
	if t.After(f.AddDate(MaxReportYears, 0, 0)) {
		return Invalid("to", "report.period.too_long", "years", MaxReportYears)
	}
	return nil
}

// ReportBuckets returns the labels and the start dates (ISO) of the bars
// of a period: months when it spans at most 24 months, else years. The
// last start is followed by the end of the period.
func ReportBuckets(from, to string) (labels, starts []string) {
	f, _ := ParseDate(from)
	t, _ := ParseDate(to)
	monthly := t.Before(time.Date(f.Year(), f.Month()+24, 1, 0, 0, 0, 0, time.UTC))
	months := [...]string{"Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"}
	for d := f; !d.After(t); {
		starts = append(starts, FormatDate(d))
		if monthly {
			labels = append(labels, months[d.Month()-1]+" "+strconv.Itoa(d.Year()%100))
			d = time.Date(d.Year(), d.Month()+1, 1, 0, 0, 0, 0, time.UTC)
		} else {
			labels = append(labels, strconv.Itoa(d.Year()))
			d = time.Date(d.Year()+1, 1, 1, 0, 0, 0, 0, time.UTC)
		}
	}
	return labels, starts
}
