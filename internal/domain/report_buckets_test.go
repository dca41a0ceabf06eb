package domain

import (
	"fmt"
	"strings"
	"testing"
)

func bars(bs []Bucket) string {
	var out []string
	for _, b := range bs {
		out = append(out, b.Label+"="+b.Figure.Text())
	}
	return strings.Join(out, " ")
}

// Thirty newcomers and sixty sessions over two years: by month nearly
// every bar would be suppressed; the chart falls back to a grain where
// no bar is, counting distinct people per bar.
func TestChartBucketsThinData(t *testing.T) {
	var newcomers, sessions []ReportEvent
	for i := 0; i < 30; i++ {
		newcomers = append(newcomers, ReportEvent{Date: fmt.Sprintf("%d-%02d-10", 2025+i/15, i%12+1), People: []int64{int64(i + 1)}})
	}
	// sixty sessions of ten tandems (mentee i, mentor 100+i), two or three
	// a month
	for i := 0; i < 60; i++ {
		tandem, month := int64(i%10), i*2/5
		sessions = append(sessions, ReportEvent{Date: fmt.Sprintf("%d-%02d-%02d", 2025+month/12, month%12+1, i%28+1), People: []int64{tandem, 100 + tandem}})
	}
	nb, g := ChartBuckets("2025-01-01", "2026-12-31", newcomers)
	if g != GrainHalfYear || len(nb) != 4 {
		t.Errorf("newcomers: %v %s", g, bars(nb))
	}
	total := 0
	for _, b := range nb {
		if b.Figure.Hidden() {
			t.Errorf("newcomers: suppressed bar %s", bars(nb))
		}
		total += b.Figure.Value
	}
	if total != 30 {
		t.Errorf("newcomers counted %d, want 30", total)
	}
	sb, g := ChartBuckets("2025-01-01", "2026-12-31", sessions)
	if g > GrainQuarter {
		t.Errorf("sessions: %v %s", g, bars(sb))
	}
	for _, b := range sb {
		if b.Figure.Hidden() {
			t.Errorf("sessions: suppressed bar %s", bars(sb))
		}
	}
	// by month, the same sessions would be mostly suppressed: the fallback
	// is needed
	months := GrainBuckets("2025-01-01", "2026-12-31", GrainMonth)
	fillBuckets(months, sessions)
	hidden := 0
	for _, b := range months {
		if b.Figure.Hidden() {
			hidden++
		}
	}
	if hidden < 8 {
		t.Errorf("test data too dense: %d of 24 months suppressed", hidden)
	}
}

// People are counted per bar, distinct: two sessions of one tandem are
// about two people, not four; the same person in two months counts in
// each month but once in their quarter.
func TestChartBucketsCountsDistinctPeople(t *testing.T) {
	var ev []ReportEvent
	for i := 0; i < 6; i++ { // three tandems, two sessions each, Jan and Feb
		tandem := int64(i % 3)
		ev = append(ev, ReportEvent{Date: fmt.Sprintf("2026-%02d-05", i/3+1), People: []int64{tandem, 10 + tandem}})
	}
	bs, g := ChartBuckets("2026-01-01", "2026-03-31", ev)
	if g != GrainMonth || bars(bs) != "Jan 26=3 Feb 26=3 Mär 26=0" {
		t.Errorf("%v %s", g, bars(bs))
	}
	if bs[0].Figure.People != 6 {
		t.Errorf("people in January %d, want 6", bs[0].Figure.People)
	}
	// one tandem only: 12 sessions about 2 people stay suppressed at any grain
	ev = nil
	for m := 1; m <= 12; m++ {
		ev = append(ev, ReportEvent{Date: fmt.Sprintf("2026-%02d-01", m), People: []int64{1, 2}})
	}
	bs, g = ChartBuckets("2026-01-01", "2026-12-31", ev)
	if g != GrainYear || bars(bs) != "2026=–" || bs[0].Figure.Value != 12 {
		t.Errorf("one tandem: %v %s %+v", g, bars(bs), bs)
	}
}

func TestGrainBuckets(t *testing.T) {
	for _, c := range []struct {
		from, to string
		g        Grain
		want     string
	}{
		{"2026-02-15", "2026-08-03", GrainQuarter, "Jan–Mär 26 1. Quartal 2026 2026-02-15 2026-03-31|Apr–Jun 26 2. Quartal 2026 2026-04-01 2026-06-30|Jul–Sep 26 3. Quartal 2026 2026-07-01 2026-08-03"},
		{"2025-11-01", "2026-02-28", GrainMonth, "Nov 25 November 2025 2025-11-01 2025-11-30|Dez 25 Dezember 2025 2025-12-01 2025-12-31|Jan 26 Januar 2026 2026-01-01 2026-01-31|Feb 26 Februar 2026 2026-02-01 2026-02-28"},
		{"2026-01-01", "2026-12-31", GrainHalfYear, "Jan–Jun 26 1. Halbjahr 2026 2026-01-01 2026-06-30|Jul–Dez 26 2. Halbjahr 2026 2026-07-01 2026-12-31"},
		{"2009-03-01", "2010-01-01", GrainYear, "2009 Jahr 2009 2009-03-01 2009-12-31|2010 Jahr 2010 2010-01-01 2010-01-01"},
	} {
		var got []string
		for _, b := range GrainBuckets(c.from, c.to, c.g) {
			got = append(got, strings.Join([]string{b.Label, b.Period, b.From, b.To}, " "))
		}
		if strings.Join(got, "|") != c.want {
			t.Errorf("%s–%s %v:\n%s\nwant\n%s", c.from, c.to, c.g, strings.Join(got, "|"), c.want)
		}
	}
	// a long period: too many months and quarters, so years or half-years
	ev := []ReportEvent{{Date: "2020-05-01", People: []int64{1, 2, 3, 4, 5}}}
	if bs, g := ChartBuckets("2017-01-01", "2026-12-31", ev); g != GrainHalfYear || len(bs) != 20 {
		t.Errorf("ten years: %v, %d bars", g, len(bs))
	}
}

// A suppressed figure is a dash, never a number or "< 5": 10 cases taken
// over by 3 people, a share of 40 % over 4 people.
func TestSuppressedText(t *testing.T) {
	if got := (Figure{Value: 10, People: 3}).Text(); got != "–" {
		t.Errorf("10 cases of 3 people: %q", got)
	}
	if got := (Share{Part: 2, Base: 5, People: 4}).Text(); got != "–" {
		t.Errorf("40 %% of 4 people: %q", got)
	}
	if got := (Share{Part: 2, Base: 5, People: 5}).Text(); got != "40,0 %" {
		t.Errorf("40 %% of 5 people: %q", got)
	}
	if got := (Share{}).Text(); got != NoBase {
		t.Errorf("no base: %q", got)
	}
	if got := (Figure{Value: 0, People: 0}).Text(); got != "0" {
		t.Errorf("nothing: %q", got)
	}
}
