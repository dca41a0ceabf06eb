package domain

import (
	"strconv"
	"strings"
)

// MinGroup is the smallest number of people a figure of the status report
// may be about: a figure about 1 to MinGroup−1 people is not printed, so
// that nobody can be singled out in a public committee paper.
const MinGroup = 5

// Suppressed is how a figure about too few people is shown: a dash, never
// a number (a committee would read "< 5" as "fewer than five", which is
// false for 10 cases taken over by 3 people). SuppressedNote explains it.
const (
	Suppressed     = "–"
	SuppressedNote = "beruht auf weniger als 5 Personen"
)

// NoBase is how a share without base is shown (nothing to divide by).
const NoBase = "entfällt"

// MaxReportYears is the longest period of a status report.
const MaxReportYears = 10

// Figure is one count of the status report. People is how many distinct
// people it concerns (for a count of people it equals Value; for events
// such as sessions or cases taken over, the people they are about); a
// figure about 1 to 4 people is suppressed.
type Figure struct {
	Value  int
	People int
}

// PeopleFigure is a count of people.
func PeopleFigure(n int) Figure { return Figure{Value: n, People: n} }

// Hidden reports whether the figure must not be printed.
func (f Figure) Hidden() bool { return f.People > 0 && f.People < MinGroup }

// Text is the figure as printed: Suppressed or the number.
func (f Figure) Text() string {
	if f.Hidden() {
		return Suppressed
	}
	return strconv.Itoa(f.Value)
}

// Share is a percentage Part/Base, computed over People people; based on
// 1 to 4 people it is suppressed, with no base it is NoBase.
type Share struct {
	Part   int
	Base   int
	People int
}

// Hidden reports whether the share must not be printed.
func (s Share) Hidden() bool { return s.People > 0 && s.People < MinGroup }

// Percent is the share in percent (0 without base).
func (s Share) Percent() float64 {
	if s.Base <= 0 {
		return 0
	}
	return float64(s.Part) * 100 / float64(s.Base)
}

// Number is the percentage with a German decimal comma ("83,3"), "" when
// hidden or without base.
func (s Share) Number() string {
	if s.Hidden() || s.Base <= 0 {
		return ""
	}
	return strings.Replace(strconv.FormatFloat(s.Percent(), 'f', 1, 64), ".", ",", 1)
}

// Text is the share as printed: "83,3 %", Suppressed or NoBase.
func (s Share) Text() string {
	switch {
	case s.Hidden():
		return Suppressed
	case s.Base <= 0:
		return NoBase
	}
	return s.Number() + " %"
}

// Bucket is one bar of a chart. A bar of time (ChartBuckets) has a short
// Label for the chart ("Jan 26", "Jan–Mär 26", "2026"), a long Period for
// tables ("Januar 2026", "1. Quartal 2026") and its days From–To (ISO,
// within the report period); other bars ("25–49 %") only a Label.
type Bucket struct {
	Label  string
	Period string
	From   string
	To     string
	Figure Figure
}

// StatusReport holds the figures of the Sachstandsbericht for a period.
// It carries counts only, never names or notes.
type StatusReport struct {
	From  string // ISO
	To    string // ISO
	Today string // ISO: the day the report was made

	// Newcomers whose start (employment start, else their first plan's
	// start) falls in the period, and by time (ChartBuckets).
	Newcomers         Figure
	NewcomersByPeriod []Bucket
	NewcomersGrain    Grain

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

	// Sessions held in the period up to today (People: the mentees and
	// mentors of the tandems that met), and by time (ChartBuckets).
	Sessions         Figure
	SessionsByPeriod []Bucket
	SessionsGrain    Grain

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
