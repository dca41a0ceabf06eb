package domain

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	valid := map[string]time.Time{
		"2026-03-01": time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC),
		"2024-02-29": time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), // leap year
		"2026-12-31": time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC),
		"1900-01-01": time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC),
		"2200-12-31": time.Date(2200, 12, 31, 0, 0, 0, 0, time.UTC),
	}
	for s, want := range valid {
		got, ok := ParseDate(s)
		if !ok || !got.Equal(want) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v, true", s, got, ok, want)
		}
	}

	for _, s := range []string{
		"",
		"2026-02-30", // no such day
		"2025-02-29", // not a leap year
		"2026-04-31",
		"2026-13-01",
		"2026-00-10",
		"2026-01-00",
		"2026-1-5",
		"26-01-05",
		"01.03.2026", // the display format is not the wire format
		"2026/03/01",
		" 2026-03-01",
		"2026-03-01 ",
		"2026-03-01\n",
		"2026-03-01T00:00:00Z",
		"２０２６-03-01", // full-width digits
		"1899-12-31", // before the supported range
		"2201-01-01", // after it
		"0000-01-01",
		"abcd-ef-gh",
	} {
		if got, ok := ParseDate(s); ok || !got.IsZero() {
			t.Errorf("ParseDate(%q) = %v, %v; want zero, false", s, got, ok)
		}
	}
}

func TestPersonDates(t *testing.T) {
	cases := []struct {
		start, exit string
		field, key  string // "" when valid
	}{
		{"", "", "", ""},
		{"2026-03-01", "", "", ""},
		{"2026-03-01", "2026-03-01", "", ""}, // one-day employment
		{"2026-03-01", "2027-02-28", "", ""},
		{"2026-02-30", "", "startDate", "date.invalid"},
		{"", "2026-02-30", "exitDate", "date.invalid"},
		{"2026-03-01", "2026-02-28", "exitDate", "person.exit_before_start"},
		{"2026-03-01", "01.04.2026", "exitDate", "date.invalid"},
	}
	for _, c := range cases {
		in := PersonInput{FirstName: "Anna", LastName: "Schmidt", StartDate: c.start, ExitDate: c.exit}
		checkErr(t, "dates "+c.start+"/"+c.exit, in.Validate(), c.field, c.key)
	}
}

// checkErr checks that err is the invalid-input error for field and key, or
// nil when key is "".
func checkErr(t *testing.T, what string, err error, field, key string) {
	t.Helper()
	if key == "" {
		if err != nil {
			t.Errorf("%s: unexpected error %v", what, err)
		}
		return
	}
	e := AsError(err)
	if err == nil || e.Code != EINVALID || e.Field != field || e.Key != key {
		t.Errorf("%s: got %v, want invalid %s (%s)", what, err, key, field)
	}
}
