package domain

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"image/png"
	"strings"
	"testing"
	"unicode"
)

func person(first string) PersonInput { return PersonInput{FirstName: first, LastName: "Schmidt"} }

func TestTextRefusesHiddenCharacters(t *testing.T) {
	for _, c := range []struct {
		name, value, key string
	}{
		{"BidiOverride", "Anna\u202Egnp.exe", "text.control"},
		{"BidiEmbedding", "\u202AAnna", "text.control"},
		{"BidiIsolate", "An\u2066na", "text.control"},
		{"PopIsolate", "Anna\u2069", "text.control"},
		{"RightToLeftMark", "Anna\u200F", "text.control"},
		{"ArabicLetterMark", "Anna\u061C", "text.control"},
		{"LineSeparator", "Anna\u2028Maria", "text.control"},
		{"ParagraphSeparator", "Anna\u2029Maria", "text.control"},
		{"LeftToRightMark", "\u200EAnna", "text.control"},
		{"NUL", "An\x00na", "text.control"},
		{"Bell", "Anna\x07", "text.control"},
		{"Escape", "\x1b[31mAnna", "text.control"},
		{"Delete", "Anna\x7f", "text.control"},
		{"C1NextLine", "An\u0085na", "text.control"},
		{"NewlineInSingleLine", "Anna\nMaria", "text.control"},
		{"TabInSingleLine", "Anna\tMaria", "text.control"},
		{"CarriageReturn", "Anna\rMaria", "text.control"},
		{"InvalidUTF8", "Ann\xe4", "text.encoding"},
		{"LoneContinuationByte", "\x80Anna", "text.encoding"},
		{"Surrogate", "Anna\xed\xa0\x80", "text.encoding"},
		{"Overlong", "\xc0\xafAnna", "text.encoding"},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := person(c.value)
			checkErr(t, fmt.Sprintf("firstName %q", c.value), in.Validate(), "firstName", c.key)
		})
	}
}

// Every character with the Unicode Bidi_Control property is refused, so
// that no stored name can display differently from what it is.
func TestEveryBidiControlRefused(t *testing.T) {
	n := 0
	for _, rng := range unicode.Bidi_Control.R16 {
		for r := rng.Lo; r <= rng.Hi; r += rng.Stride {
			n++
			in := person("An" + string(rune(r)) + "na")
			checkErr(t, fmt.Sprintf("U+%04X", r), in.Validate(), "firstName", "text.control")
		}
	}
	if n < 12 {
		t.Fatalf("only %d Bidi_Control characters checked", n)
	}
}

func TestTextAcceptsOrdinaryNames(t *testing.T) {
	for _, name := range []string{"Anna", "Jörg-Ünal", "Zoë Schmidt", "Đặng Thị", "Ольга", "أحمد", "O'Brien", "李", "Anna 🙂"} {
		in := person("  " + name + "\t ")
		if err := in.Validate(); err != nil {
			t.Errorf("%q refused: %v", name, err)
		} else if in.FirstName != name {
			t.Errorf("%q stored as %q, want trimmed", name, in.FirstName)
		}
	}
}

func TestTextRequired(t *testing.T) {
	for _, v := range []string{"", "   ", "\t\n "} {
		in := person(v)
		checkErr(t, fmt.Sprintf("firstName %q", v), in.Validate(), "firstName", "text.required")
	}
}

func TestTextLengthCountsCharacters(t *testing.T) {
	umlauts := strings.Repeat("ä", MaxNameLen) // 200 bytes, 100 characters
	in := person(umlauts)
	if err := in.Validate(); err != nil {
		t.Fatalf("%d umlauts refused: %v", MaxNameLen, err)
	}
	in = person(strings.Repeat("€", MaxNameLen)) // 3 bytes each
	if err := in.Validate(); err != nil {
		t.Fatalf("%d euro signs refused: %v", MaxNameLen, err)
	}

	in = person(umlauts + "ä")
	err := in.Validate()
	checkErr(t, "101 umlauts", err, "firstName", "text.too_long")
	if e := AsError(err); e.Params["max"] != MaxNameLen {
		t.Errorf("params = %v, want max %d", e.Params, MaxNameLen)
	}
	// Surrounding spaces do not count.
	in = person("  " + umlauts + "  ")
	if err := in.Validate(); err != nil || in.FirstName != umlauts {
		t.Errorf("padded umlauts: %v", err)
	}

	d := DepartmentInput{Name: strings.Repeat("Ü", 120), ShortName: strings.Repeat("ß", 20)}
	if err := d.Validate(); err != nil {
		t.Fatalf("department at the limits refused: %v", err)
	}
	d.ShortName += "ß"
	checkErr(t, "short name of 21", d.Validate(), "shortName", "text.too_long")
}

func TestNoteIsMultiline(t *testing.T) {
	in := person("Anna")
	in.Note = "Zeile 1\r\nZeile 2\n\tEingerückt"
	if err := in.Validate(); err != nil {
		t.Fatalf("multiline note refused: %v", err)
	}
	if in.Note != "Zeile 1\nZeile 2\n\tEingerückt" {
		t.Fatalf("note stored as %q, want CRLF turned into LF", in.Note)
	}
	for _, bad := range []string{"Zeile\u202E1", "Zeile\u061C1", "Zeile\u20281", "Zeile\x00", "Zei\x0ble", "Zeile\r1"} {
		in.Note = bad
		checkErr(t, fmt.Sprintf("note %q", bad), in.Validate(), "note", "text.control")
	}
	in.Note = strings.Repeat("ö", MaxNoteLen)
	if err := in.Validate(); err != nil {
		t.Fatalf("note of %d umlauts refused: %v", MaxNoteLen, err)
	}
	in.Note += "ö"
	checkErr(t, "note too long", in.Validate(), "note", "text.too_long")
}

func TestEmail(t *testing.T) {
	for _, ok := range []string{
		"",
		"anna.schmidt@stadt-hilden.de",
		"a+jugendamt@example.org",
		"o'brien@kreis.nrw.de",
		"Anna.Schmidt@Stadt.DE",
		"x@y.de",
	} {
		in := person("Anna")
		in.Email = ok
		if err := in.Validate(); err != nil {
			t.Errorf("email %q refused: %v", ok, err)
		}
	}
	for _, bad := range []string{
		"anna",
		"anna@",
		"@stadt.de",
		"anna@stadt",
		"anna@stadt.de.",
		"anna@@stadt.de",
		"anna@stadt..de",
		"anna schmidt@stadt.de",
		"Anna <anna@stadt.de>",
		"<anna@stadt.de>",
		"anna@stadt.de, bob@stadt.de",
		"anna@stadt.de (Anna)",
		"anna.@stadt.de",
		"javascript:alert(1)@x.de",
	} {
		in := person("Anna")
		in.Email = bad
		checkErr(t, fmt.Sprintf("email %q", bad), in.Validate(), "email", "email.invalid")
	}

	in := person("Anna")
	in.Email = "  anna@stadt.de \t"
	if err := in.Validate(); err != nil || in.Email != "anna@stadt.de" {
		t.Errorf("padded email: %q, %v; want trimmed and accepted", in.Email, err)
	}
	in.Email = "anna\u202E@stadt.de"
	checkErr(t, "email with bidi override", in.Validate(), "email", "text.control")
	in.Email = strings.Repeat("a", 250) + "@x.de"
	checkErr(t, "email of 255 characters", in.Validate(), "email", "text.too_long")

	o := OrganisationInput{Municipality: "Stadt Hilden", OfficeName: "Jugendamt", Email: "amt@stadt"}
	checkErr(t, "organisation email", o.Validate(), "email", "email.invalid")
}

func TestPhone(t *testing.T) {
	for _, ok := range []string{"", "02103 72-0", "+49 (2103) 72/123", "110"} {
		in := person("Anna")
		in.Phone = ok
		if err := in.Validate(); err != nil {
			t.Errorf("phone %q refused: %v", ok, err)
		}
	}
	for _, bad := range []string{"12", "+--", "0211 ext. 5", "0211;DROP", "٠٢١١٢٣٤"} {
		in := person("Anna")
		in.Phone = bad
		checkErr(t, fmt.Sprintf("phone %q", bad), in.Validate(), "phone", "phone.invalid")
	}
}

func TestPersonInputOther(t *testing.T) {
	in := person("Anna")
	in.Salutation = "Divers"
	checkErr(t, "salutation", in.Validate(), "salutation", "person.salutation.invalid")

	in = person("Anna")
	in.Roles = []Role{RoleMentor, RoleMentor, RoleTeamLead}
	if err := in.Validate(); err != nil || len(in.Roles) != 2 || in.Roles[0] != RoleMentor || in.Roles[1] != RoleTeamLead {
		t.Errorf("roles = %v, %v; want duplicates removed in order", in.Roles, err)
	}
	in.Roles = []Role{"admin"}
	checkErr(t, "unknown role", in.Validate(), "roles", "person.role.invalid")

	in = person("Anna")
	in.DepartmentID = -1
	checkErr(t, "negative department", in.Validate(), "departmentId", "id.invalid")

	// The first problem is reported, in field order.
	in = PersonInput{FirstName: "", LastName: "", Email: "x"}
	checkErr(t, "several problems", in.Validate(), "firstName", "text.required")
}

func TestOrganisationPostalCode(t *testing.T) {
	for code, key := range map[string]string{
		"40721":  "",
		"":       "",
		"4072":   "organisation.postal_code.invalid",
		"4072a":  "organisation.postal_code.invalid",
		"４０７２１":  "organisation.postal_code.invalid", // five characters, but not ASCII digits
		"407210": "text.too_long",
	} {
		o := OrganisationInput{Municipality: "Stadt Hilden", OfficeName: "Jugendamt", PostalCode: code}
		checkErr(t, fmt.Sprintf("postal code %q", code), o.Validate(), "postalCode", key)
	}
}

func TestPersonFilter(t *testing.T) {
	f := PersonFilter{}
	if err := f.Validate(); err != nil || f.Limit != 200 {
		t.Fatalf("zero filter: limit %d, %v; want 200", f.Limit, err)
	}
	for _, l := range []int{-1, 1001} {
		f := PersonFilter{Limit: l}
		checkErr(t, fmt.Sprint("limit ", l), f.Validate(), "limit", "limit.invalid")
	}
	f = PersonFilter{Query: strings.Repeat("ü", MaxQueryLen+1)}
	checkErr(t, "long query", f.Validate(), "query", "text.too_long")
	f = PersonFilter{Role: "boss"}
	checkErr(t, "unknown role", f.Validate(), "role", "person.role.invalid")
}

func TestParseLogo(t *testing.T) {
	enc := func(w, h int, format string) []byte {
		var buf bytes.Buffer
		img := image.NewGray(image.Rect(0, 0, w, h))
		var err error
		if format == "gif" {
			err = gif.Encode(&buf, img, nil)
		} else {
			err = png.Encode(&buf, img)
		}
		if err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	if l, err := ParseLogo(enc(4000, 1, "png")); err != nil || l.MIME != "image/png" {
		t.Fatalf("4000×1 PNG: %+v, %v", l.MIME, err)
	}
	_, err := ParseLogo(enc(4001, 1, "png"))
	checkErr(t, "4001×1 PNG", err, "logo", "logo.dimensions")
	_, err = ParseLogo(enc(2, 2, "gif"))
	checkErr(t, "GIF", err, "logo", "logo.type")
	_, err = ParseLogo(nil)
	checkErr(t, "empty", err, "logo", "logo.empty")
	_, err = ParseLogo(make([]byte, MaxLogoSize+1))
	checkErr(t, "too large", err, "logo", "logo.too_large")
	p := enc(10, 10, "png")
	_, err = ParseLogo(p[:len(p)-20])
	checkErr(t, "truncated PNG", err, "logo", "logo.type")
}

func TestErrorHelpers(t *testing.T) {
	if ErrorCode(nil) != "" || ErrorCode(errors.New("x")) != EINTERNAL {
		t.Fatal("ErrorCode of nil or foreign errors")
	}
	wrapped := fmt.Errorf("ctx: %w", Conflict("department.in_use", "name", "A", "count", 2))
	if ErrorCode(wrapped) != ECONFLICT {
		t.Fatalf("ErrorCode(wrapped) = %q", ErrorCode(wrapped))
	}
	e := AsError(wrapped)
	if e.Key != "department.in_use" || e.Params["name"] != "A" || e.Params["count"] != 2 {
		t.Fatalf("AsError(wrapped) = %+v", e)
	}
	cause := errors.New("disk full")
	in := Internal(cause, "save %s", "person")
	if !errors.Is(in, cause) || in.Key != "internal" || !strings.Contains(in.Error(), "save person: disk full") {
		t.Fatalf("Internal = %v", in)
	}
	if nf := NotFound("person"); nf.Code != ENOTFOUND || nf.Key != "person.not_found" {
		t.Fatalf("NotFound = %+v", nf)
	}
	if got := Invalid("email", "email.invalid").Error(); got != "invalid: email.invalid (email)" {
		t.Fatalf("Error() = %q", got)
	}
}
