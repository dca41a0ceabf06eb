package domain

import (
	"time"
)

// Calendar arithmetic for programmes. Dates are calendar days without a
// time of day: every function here works on midnight UTC, as ParseDate
// returns them, so that no daylight-saving change can move a day.

// day returns t's calendar date at midnight UTC.
func day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// FormatDate formats a calendar date as ISO ("2027-03-01").
func FormatDate(t time.Time) string { return t.Format(DateLayout) }

// DisplayDate shows an ISO date the German way ("01.03.2027"); anything
// that is not a date is returned unchanged.
func DisplayDate(iso string) string {
	t, ok := ParseDate(iso)
	if !ok {
		return iso
	}
	return t.Format("02.01.2006")
}

// Today returns now's calendar date in now's own location (the local date
// when now comes from time.Now), at midnight UTC.
func Today(now time.Time) time.Time { return day(now) }

// DaysBetween returns the number of calendar days from a to b (negative
// when b is earlier).
func DaysBetween(a, b time.Time) int {
	return int(day(b).Sub(day(a)).Hours() / 24)
}

// daysInMonth returns the length of month m of year y.
func daysInMonth(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// AddMonths adds n calendar months to t, keeping the day of the month
// where the target month has it and taking the target month's last day
// where it does not: 31.08.2027 + 6 months = 29.02.2028, 31.08.2026 + 6
// months = 28.02.2027. (time.AddDate would overflow into March.)
func AddMonths(t time.Time, n int) time.Time {
	t = day(t)
	first := time.Date(t.Year(), t.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	d := min(t.Day(), daysInMonth(first.Year(), first.Month()))
	return first.AddDate(0, 0, d-1)
}

// MonthsPeriodEnd returns the last day of a period of n months that begins
// on start (start counts as its first day), as § 188 (2), (3) BGB reckons
// it: the day before the day of the later month with start's number, or
// that month's last day when it has no such day. Six months from 01.03.2027
// end on 31.08.2027; from 31.08.2027 on 29.02.2028 (February has no 31st);
// from 29.08.2027 on 28.02.2028.
func MonthsPeriodEnd(start time.Time, n int) time.Time {
	start = day(start)
	first := time.Date(start.Year(), start.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := daysInMonth(first.Year(), first.Month())
	if start.Day() > last {
		return first.AddDate(0, 0, last-1)
	}
	return first.AddDate(0, 0, start.Day()-2)
}

// ProbationEndDate returns the last day of a probation (Probezeit) of the given
// weeks beginning on start, and false when weeks is 0 (no probation).
//
// Probation in German employment contracts is agreed in months (usually
// six, at most six under § 622 (3) BGB), which templates store as weeks:
// 13 weeks stand for three months, 26 for six, 52 for twelve. A multiple
// of 13 weeks is therefore counted in calendar months (weeks/13*3) with
// MonthsPeriodEnd, so six months from 01.03. end on 31.08., not on 29.08.;
// any other number of weeks is counted in days: start + 7·weeks − 1.
func ProbationEndDate(start time.Time, weeks int) (time.Time, bool) {
	if weeks <= 0 {
		return time.Time{}, false
	}
	if weeks%13 == 0 {
		return MonthsPeriodEnd(start, weeks/13*3), true
	}
	return day(start).AddDate(0, 0, 7*weeks-1), true
}

// SecondmentMonths is the longest a secondment (Personalbereitstellung) may last.
const SecondmentMonths = 6

// SecondmentLimitDate returns the last day a secondment beginning on start
// may last: the end of a six-month period counted like every month-based
// limit (MonthsPeriodEnd, § 188 (2) BGB), so 24.06.2026 gives 23.12.2026
// and 31.08.2027 the last day of February. A secondment ending on that day
// is allowed; one day later is refused.
func SecondmentLimitDate(start time.Time) time.Time {
	return MonthsPeriodEnd(start, SecondmentMonths)
}
