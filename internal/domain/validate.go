package domain

import (
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"
)

// validator collects the first problem of each field; Err returns the first.
type validator struct{ errs []*Error }

func (v *validator) add(e *Error) { v.errs = append(v.errs, e) }

// Err returns the first problem found, or nil.
func (v *validator) Err() error {
	if len(v.errs) == 0 {
		return nil
	}
	return v.errs[0]
}

// text trims s, and checks that it is valid UTF-8, holds no control
// characters (newlines only where multiline; the Unicode line and paragraph
// separators U+2028/U+2029 never) and is at most max runes long.
// It returns the cleaned value.
func (v *validator) text(field, s string, max int, required, multiline bool) string {
	if !utf8.ValidString(s) {
		v.add(Invalid(field, "text.encoding"))
		return s
	}
	s = strings.TrimSpace(s)
	if multiline {
		s = strings.ReplaceAll(s, "\r\n", "\n")
	}
	for _, r := range s {
		if r == '\n' && multiline || r == '\t' && multiline {
			continue
		}
		if unicode.IsControl(r) || isBidiControl(r) || r == '\u2028' || r == '\u2029' {
			v.add(Invalid(field, "text.control"))
			return s
		}
	}
	if required && s == "" {
		v.add(Invalid(field, "text.required"))
		return s
	}
	if n := utf8.RuneCountInString(s); n > max {
		v.add(Invalid(field, "text.too_long", "max", max))
	}
	return s
}

// isBidiControl reports the Unicode bidirectional controls (overrides,
// embeddings, isolates and marks, including U+061C ARABIC LETTER MARK) that
// can make a name display differently from what is stored.
func isBidiControl(r rune) bool {
	return unicode.Is(unicode.Bidi_Control, r)
}

// email checks an optional e-mail address: a bare addr-spec with a dot in the domain.
func (v *validator) email(field, s string) string {
	s = v.text(field, s, 254, false, false)
	if s == "" {
		return s
	}
	a, err := mail.ParseAddress(s)
	at := strings.LastIndexByte(s, '@')
	if err != nil || a.Address != s || at < 1 || !strings.Contains(s[at:], ".") || strings.HasSuffix(s, ".") {
		v.add(Invalid(field, "email.invalid"))
	}
	return s
}

// phone checks an optional phone number: digits, spaces and + ( ) / - only.
func (v *validator) phone(field, s string) string {
	s = v.text(field, s, 40, false, false)
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(" +()/-", r):
		default:
			v.add(Invalid(field, "phone.invalid"))
			return s
		}
	}
	if s != "" && digits < 3 {
		v.add(Invalid(field, "phone.invalid"))
	}
	return s
}

// id checks an optional reference: 0 means none, negative is never valid.
func (v *validator) id(field string, id int64) {
	if id < 0 {
		v.add(Invalid(field, "id.invalid"))
	}
}

// ValidID rejects ids that can never exist.
func ValidID(id int64) error {
	if id <= 0 {
		return Invalid("id", "id.invalid")
	}
	return nil
}
