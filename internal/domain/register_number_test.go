package domain

import "testing"

func TestNormalizeRegisterNumber(t *testing.T) {
	for in, want := range map[string]string{
		"JA-2026-0002":           "JA-2026-0002",
		"ja 2026 0002":           "JA-2026-0002",
		" ja-2026-0002 ":         "JA-2026-0002",
		"JA – 2026 – 0002":       "JA-2026-0002",
		"ja20260002":             "JA-2026-0002",
		"JA 2026  2":             "JA-2026-0002",
		"JA-2026-123456":         "JA-2026-123456",
		"Ja\u00a02026\u00a00042": "JA-2026-0042",
	} {
		if got, err := NormalizeRegisterNumber(in); err != nil || got != want {
			t.Errorf("NormalizeRegisterNumber(%q) = %q, %v, want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "JA", "JA-26-0002", "XY-2026-0002", "JA-2026-1234567", "JA-2026-00a2", "JA-2026-0002-1"} {
		if got, err := NormalizeRegisterNumber(in); err == nil || AsError(err).Key != "register.number.invalid" {
			t.Errorf("NormalizeRegisterNumber(%q) = %q, %v, want register.number.invalid", in, got, err)
		}
	}
}
