package app

import (
	"strings"
	"testing"
)

// Bad arguments of the report methods give German messages before any
// dialog is shown.
func TestReportArguments(t *testing.T) {
	s, _ := openServices(t)
	for _, c := range []struct {
		call  func() (string, error)
		key   string
		field string
		text  string
	}{
		{func() (string, error) { return s.Documents.SaveStatusReport("01.01.2026", "2026-06-30") }, "report.period.date", "from", "gültiges Datum"},
		{func() (string, error) { return s.Documents.SaveStatusReportCSV("2026-01-01", "2026-02-30") }, "report.period.date", "to", "gültiges Datum"},
		{func() (string, error) { return s.Documents.SaveStatusReport("2026-06-30", "2026-01-01") }, "report.period.order", "to", "vor seinem Beginn"},
		{func() (string, error) { return s.Documents.SaveStatusReportCSV("2010-01-01", "2026-01-01") }, "report.period.too_long", "to", "höchstens 10 Jahre"},
		{func() (string, error) { return s.Documents.SaveHandbook(0) }, "id.invalid", "id", ""},
		{func() (string, error) { return s.Documents.SaveHandbook(999) }, "", "", ""},
	} {
		path, err := c.call()
		if err == nil || path != "" {
			t.Errorf("%s: path %q, err %v", c.key, path, err)
			continue
		}
		e := toAppError(err)
		if c.key != "" && (e.Key != c.key || e.Field != c.field || !strings.Contains(e.Message, c.text)) {
			t.Errorf("got %+v, want %s on %s with %q", e, c.key, c.field, c.text)
		}
	}
}
