package domain

import (
	"testing"
	"time"
)

func mustDate(t *testing.T, s string) time.Time {
	t.Helper()
	d, ok := ParseDate(s)
	if !ok {
		t.Fatalf("bad test date %q", s)
	}
	return d
}

func TestAddMonths(t *testing.T) {
	for _, c := range []struct {
		start  string
		months int
		want   string
	}{
		{"2027-03-01", 6, "2027-09-01"},
		{"2027-08-31", 6, "2028-02-29"}, // leap year: February has 29 days
		{"2026-08-31", 6, "2027-02-28"},
		{"2027-08-30", 6, "2028-02-29"},
		{"2027-08-29", 6, "2028-02-29"},
		{"2027-08-28", 6, "2028-02-28"},
		{"2028-02-29", 12, "2029-02-28"},
		{"2028-02-29", 48, "2032-02-29"},
		{"2027-01-31", 1, "2027-02-28"},
		{"2027-03-31", 1, "2027-04-30"},
		{"2027-10-31", 3, "2028-01-31"}, // across the year
		{"2027-12-15", 0, "2027-12-15"},
		{"2027-03-31", -1, "2027-02-28"},
	} {
		if got := FormatDate(AddMonths(mustDate(t, c.start), c.months)); got != c.want {
			t.Errorf("AddMonths(%s, %d) = %s, want %s", c.start, c.months, got, c.want)
		}
	}
}

func TestMonthsPeriodEnd(t *testing.T) {
	for _, c := range []struct {
		start  string
		months int
		want   string
	}{
		{"2027-03-01", 6, "2027-08-31"}, // six months from 1 March: to 31 August
		{"2027-03-15", 6, "2027-09-14"},
		{"2027-08-31", 6, "2028-02-29"}, // no 31 February: the month's last day
		{"2026-08-31", 6, "2027-02-28"},
		{"2027-08-30", 6, "2028-02-29"},
		{"2027-08-29", 6, "2028-02-28"}, // 29 February 2028 exists: the day before it
		{"2028-02-29", 6, "2028-08-28"},
		{"2027-01-01", 12, "2027-12-31"},
		{"2027-01-01", 3, "2027-03-31"},
		{"2028-01-01", 2, "2028-02-29"},
	} {
		if got := FormatDate(MonthsPeriodEnd(mustDate(t, c.start), c.months)); got != c.want {
			t.Errorf("MonthsPeriodEnd(%s, %d) = %s, want %s", c.start, c.months, got, c.want)
		}
	}
}

func TestProbationEndDate(t *testing.T) {
	for _, c := range []struct {
		start string
		weeks int
		want  string // "" for none
	}{
		{"2027-03-01", 0, ""},
		{"2027-03-01", 26, "2027-08-31"}, // six months, not 26·7 days (29.08.)
		{"2027-08-31", 26, "2028-02-29"},
		{"2026-08-31", 26, "2027-02-28"},
		{"2027-03-01", 13, "2027-05-31"},
		{"2027-03-01", 52, "2028-02-29"},
		{"2027-03-01", 4, "2027-03-28"}, // not months: 4·7 days, the last one included
		{"2027-03-01", 1, "2027-03-07"},
		{"2028-02-01", 5, "2028-03-06"},
	} {
		end, ok := ProbationEndDate(mustDate(t, c.start), c.weeks)
		got := ""
		if ok {
			got = FormatDate(end)
		}
		if got != c.want {
			t.Errorf("ProbationEndDate(%s, %d) = %q, want %q", c.start, c.weeks, got, c.want)
		}
	}
}

func TestSecondmentLimitDate(t *testing.T) {
	for start, want := range map[string]string{
		"2026-06-24": "2026-12-23",
		"2027-03-01": "2027-08-31",
		"2027-08-31": "2028-02-29",
		"2027-09-01": "2028-02-29",
		"2026-08-31": "2027-02-28",
		"2027-12-31": "2028-06-30",
		"2028-02-29": "2028-08-28",
	} {
		if got := FormatDate(SecondmentLimitDate(mustDate(t, start))); got != want {
			t.Errorf("SecondmentLimitDate(%s) = %s, want %s", start, got, want)
		}
	}
	if got := SecondmentDue(mustDate(t, "2027-03-01"), mustDate(t, "2027-05-31")); FormatDate(got) != "2027-05-31" {
		t.Errorf("SecondmentDue before the limit = %s", FormatDate(got))
	}
	if got := SecondmentDue(mustDate(t, "2027-03-01"), mustDate(t, "2027-12-31")); FormatDate(got) != "2027-08-31" {
		t.Errorf("SecondmentDue after the limit = %s", FormatDate(got))
	}
}

func TestDays(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	// Across the change to summer time (28.03.2027) a day is still a day.
	a := time.Date(2027, 3, 27, 23, 30, 0, 0, berlin)
	b := time.Date(2027, 3, 29, 0, 30, 0, 0, berlin)
	if got := DaysBetween(a, b); got != 2 {
		t.Errorf("DaysBetween = %d, want 2", got)
	}
	// The date is the local one, whatever the date in UTC.
	late := time.Date(2027, 7, 1, 23, 30, 0, 0, berlin)
	if got := FormatDate(Today(late)); got != "2027-07-01" {
		t.Errorf("Today = %s, want the local date 2027-07-01", got)
	}
	early := time.Date(2027, 7, 1, 0, 30, 0, 0, berlin) // 30.06. 22:30 UTC
	if got := FormatDate(Today(early)); got != "2027-07-01" {
		t.Errorf("Today = %s, want the local date 2027-07-01", got)
	}
	if got := DaysBetween(mustDate(t, "2028-02-28"), mustDate(t, "2028-03-01")); got != 2 {
		t.Errorf("leap day: %d", got)
	}
	if got := DaysBetween(mustDate(t, "2027-03-10"), mustDate(t, "2027-03-01")); got != -9 {
		t.Errorf("backwards: %d", got)
	}
	if got := DisplayDate("2027-03-01"); got != "01.03.2027" {
		t.Errorf("DisplayDate = %q", got)
	}
}
