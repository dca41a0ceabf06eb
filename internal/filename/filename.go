// Package filename makes the file names Tandem proposes in save dialogs and
// writes into folders: safe on Windows, macOS and Linux, and short enough
// that the whole path stays usable on Windows (MAX_PATH is 260 UTF-16
// units, a Linux name at most 255 bytes).
package filename

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Bounds of a whole name, extension included: room for the folder of a
// typical Windows profile (C:\Users\…\Documents\Tandem\) below MAX_PATH,
// and below the 255 bytes a Linux file name may have.
const (
	MaxUnits = 120
	MaxBytes = 240
)

// Fallback is the stem of a name whose text leaves nothing usable.
const Fallback = "Dokument"

// Safe returns stem+ext as a file name every system accepts. ext is the
// extension with its dot (".pdf", ".tandem.json") and is added here only:
// a stem that already ends in ext does not get it twice. In the stem,
// characters Windows forbids (\ / : * ? " < > |), control, format and bidi
// characters become spaces, runs of white space fold into one, leading
// and trailing dots and spaces go, a reserved device name (CON, NUL.txt,
// COM¹ …) gets a leading "_", and the stem is cut so that the name fits
// MaxUnits and MaxBytes. The result is NFC and never just ext.
func Safe(stem, ext string) string {
	s := norm.NFC.String(strings.ToValidUTF8(stem, " "))
	s = trim(strings.Join(strings.Fields(strings.Map(clean, s)), " "))
	if ext != "" && len(s) >= len(ext) && strings.EqualFold(s[len(s)-len(ext):], ext) {
		s = trim(s[:len(s)-len(ext)])
	}
	maxUnits, maxBytes := MaxUnits-units(ext), MaxBytes-len(ext)
	s = cut(s, maxUnits, maxBytes)
	if s == "" {
		s = Fallback
	}
	if reserved(s) {
		s = "_" + cut(s, maxUnits-1, maxBytes-1)
	}
	return s + ext
}

// Numbered is Safe(stem, ext) with " (n)" before the extension when n > 1,
// for a folder that already holds the name; the stem is cut, never the
// number.
func Numbered(stem, ext string, n int) string {
	if n <= 1 {
		return Safe(stem, ext)
	}
	return Safe(stem, " ("+strconv.Itoa(n)+")"+ext)
}

// clean maps a rune Windows or a terminal would trip over to a space.
func clean(r rune) rune {
	switch {
	case strings.ContainsRune(`\/:*?"<>|`, r),
		unicode.IsControl(r),
		unicode.Is(unicode.Cf, r), // format characters: bidi controls, zero-width, BOM
		unicode.Is(unicode.Zl, r), unicode.Is(unicode.Zp, r),
		r == utf8.RuneError:
		return ' '
	}
	return r
}

// trim drops leading dots (hidden files on Linux and macOS) and trailing
// dots and spaces (Windows drops them silently, so the saved file would
// not be the one asked for).
func trim(s string) string {
	return strings.TrimRight(strings.TrimLeft(s, ". "), ". ")
}

func units(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// cut shortens s at a rune boundary to at most maxUnits UTF-16 units and
// maxBytes bytes.
func cut(s string, maxUnits, maxBytes int) string {
	u, end := 0, 0
	for i, r := range s {
		u += utf16.RuneLen(r)
		if u > maxUnits || i+utf8.RuneLen(r) > maxBytes {
			return trim(s[:end])
		}
		end = i + utf8.RuneLen(r)
	}
	return s
}

// reservedNames are Windows' device names; a file whose name up to the
// first dot is one of them (ignoring case and trailing spaces) cannot be
// created there.
var reservedNames = func() map[string]bool {
	m := map[string]bool{"CON": true, "PRN": true, "AUX": true, "NUL": true, "CONIN$": true, "CONOUT$": true}
	for _, d := range []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "¹", "²", "³"} {
		m["COM"+d], m["LPT"+d] = true, true
	}
	return m
}()

func reserved(s string) bool {
	base, _, _ := strings.Cut(s, ".")
	return reservedNames[strings.ToUpper(strings.TrimRight(base, " "))]
}
