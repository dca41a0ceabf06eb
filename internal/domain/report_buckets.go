package domain

import (
	"sort"
	"strconv"
	"time"
)

// Grain is the length of a chart's bars: month, quarter, half-year, year.
type Grain int

const (
	GrainMonth Grain = iota
	GrainQuarter
	GrainHalfYear
	GrainYear
)

// months is the length of a bar of the grain in calendar months.
func (g Grain) months() int { return [...]int{1, 3, 6, 12}[g] }

// Per names the grain for a chart title: "je Monat", "je Quartal" …
func (g Grain) Per() string {
	return [...]string{"je Monat", "je Quartal", "je Halbjahr", "je Jahr"}[g]
}

// MaxBars is the most bars a chart gets; a finer grain with more bars is
// not considered (a year is always allowed: at most MaxReportYears+1 bars).
const MaxBars = 24

// ReportEvent is one thing a chart counts (a newcomer's start, a session)
// with its day (ISO) and the people it is about.
type ReportEvent struct {
	Date   string
	People []int64
}

// ChartBuckets counts events by time for a chart of the period from–to
// (valid ISO dates). A bar is suppressed when the people of its events
// number 1 to 4 — counted as distinct people of the whole bar, not summed
// over its events — so bars that are too fine hide everything. The rule:
// of month, quarter, half-year and year (at most MaxBars bars), take the
// grain with the fewest suppressed bars, on a tie the finer one. A period
// with enough people per month keeps months; a thin one falls back to
// quarters, half-years or years. Events outside the period are ignored.
func ChartBuckets(from, to string, events []ReportEvent) ([]Bucket, Grain) {
	var best []Bucket
	bestGrain, bestHidden := GrainMonth, -1
	for g := GrainMonth; g <= GrainYear; g++ {
		bs := GrainBuckets(from, to, g)
		if len(bs) > MaxBars && g != GrainYear {
			continue
		}
		fillBuckets(bs, events)
		hidden := 0
		for _, b := range bs {
			if b.Figure.Hidden() {
				hidden++
			}
		}
		if bestHidden < 0 || hidden < bestHidden {
			best, bestGrain, bestHidden = bs, g, hidden
		}
	}
	return best, bestGrain
}

// fillBuckets counts each event into the bar whose days hold its date:
// Value the events, People the distinct people of them.
func fillBuckets(bs []Bucket, events []ReportEvent) {
	people := make([]map[int64]bool, len(bs))
	for _, e := range events {
		i := sort.Search(len(bs), func(i int) bool { return bs[i].To >= e.Date })
		if i == len(bs) || e.Date < bs[i].From {
			continue
		}
		bs[i].Figure.Value++
		if people[i] == nil {
			people[i] = map[int64]bool{}
		}
		for _, p := range e.People {
			people[i][p] = true
		}
	}
	for i := range bs {
		bs[i].Figure.People = len(people[i])
	}
}

// GrainBuckets returns the empty bars of grain g over from–to: calendar
// months, quarters, half-years or years, the first and last cut to the
// period.
func GrainBuckets(from, to string, g Grain) []Bucket {
	f, ok1 := ParseDate(from)
	t, ok2 := ParseDate(to)
	if !ok1 || !ok2 || t.Before(f) {
		return nil
	}
	n := g.months()
	var out []Bucket
	start := time.Date(f.Year(), time.Month((int(f.Month())-1)/n*n+1), 1, 0, 0, 0, 0, time.UTC)
	for !start.After(t) {
		next := start.AddDate(0, n, 0)
		b := Bucket{Label: grainLabel(start, g), Period: grainPeriod(start, g),
			From: FormatDate(start), To: FormatDate(next.AddDate(0, 0, -1))}
		b.From = max(b.From, from)
		b.To = min(b.To, to)
		out = append(out, b)
		start = next
	}
	return out
}

var (
	monthShort = [...]string{"Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"}
	monthLong  = [...]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"}
)

// grainLabel is the short chart label of the bar starting at start.
func grainLabel(start time.Time, g Grain) string {
	yy := strconv.Itoa(start.Year() % 100)
	if len(yy) == 1 {
		yy = "0" + yy
	}
	m := int(start.Month()) - 1
	switch g {
	case GrainMonth:
		return monthShort[m] + " " + yy
	case GrainYear:
		return strconv.Itoa(start.Year())
	}
	return monthShort[m] + "–" + monthShort[m+g.months()-1] + " " + yy
}

// grainPeriod is the long name of the bar starting at start.
func grainPeriod(start time.Time, g Grain) string {
	y := strconv.Itoa(start.Year())
	m := int(start.Month()) - 1
	switch g {
	case GrainMonth:
		return monthLong[m] + " " + y
	case GrainQuarter:
		return strconv.Itoa(m/3+1) + ". Quartal " + y
	case GrainHalfYear:
		return strconv.Itoa(m/6+1) + ". Halbjahr " + y
	}
	return "Jahr " + y
}
