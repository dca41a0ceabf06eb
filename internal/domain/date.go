package domain

import (
	"regexp"
	"time"
)

// DateLayout is how dates travel between the UI, Go and SQLite: ISO 8601
// calendar dates. The UI shows them as TT.MM.JJJJ.
const DateLayout = "2006-01-02"

var isoDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// ParseDate parses an ISO date ("2027-03-01") and rejects impossible days
// such as 2027-02-30. The empty string is not a date.
func ParseDate(s string) (time.Time, bool) {
	if !isoDate.MatchString(s) {
		return time.Time{}, false
	}
	t, err := time.Parse(DateLayout, s)
	if err != nil || t.Year() < 1900 || t.Year() > 2200 {
		return time.Time{}, false
	}
	return t, true
}

// validDate checks an optional date field; "" means not set.
func validDate(v *validator, field, s string) {
	if s == "" {
		return
	}
	if _, ok := ParseDate(s); !ok {
		v.add(Invalid(field, "date.invalid"))
	}
}
