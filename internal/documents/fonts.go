package documents

import (
	_ "embed"
	"encoding/binary"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// The embedded font: DejaVu Sans cut down to Latin, Greek, Cyrillic and
// German punctuation by scripts/subset-font.sh and renamed "Tandem Sans"
// (Bitstream Vera licence, see fonts/LICENSE). A subset of ~85 KB instead
// of ~750 KB keeps the per-document font parsing of gofpdf small.
var (
	//go:embed fonts/TandemSans-Regular.ttf
	fontRegular []byte
	//go:embed fonts/TandemSans-Bold.ttf
	fontBold []byte
)

const fontFamily = "TandemSans"

// replacement is printed for a character the font has no glyph for
// (emoji, Arabic, Hebrew, CJK…): gofpdf has neither font fallback nor
// right-to-left shaping, and a glyph-less character would otherwise count
// zero width (lines run over the margin) or, above U+FFFF, crash its line
// breaking.
const replacement = '\uFFFD'

var (
	coverOnce sync.Once
	covered   map[rune]bool
)

// coverage returns the characters both embedded fonts have glyphs for.
func coverage() map[rune]bool {
	coverOnce.Do(func() {
		a, b := cmapRunes(fontRegular), cmapRunes(fontBold)
		covered = make(map[rune]bool, len(a))
		for r := range a {
			if b[r] {
				covered[r] = true
			}
		}
	})
	return covered
}

// cmapRunes reads the BMP characters of a TrueType font's cmap (format 4,
// platform 3 encoding 1 or platform 0). A font it cannot read yields none.
func cmapRunes(ttf []byte) map[rune]bool {
	out := map[rune]bool{}
	u16 := func(off int) int {
		if off < 0 || off+2 > len(ttf) {
			return 0
		}
		return int(binary.BigEndian.Uint16(ttf[off:]))
	}
	u32 := func(off int) int {
		if off < 0 || off+4 > len(ttf) {
			return 0
		}
		return int(binary.BigEndian.Uint32(ttf[off:]))
	}
	numTables := u16(4)
	cmap := -1
	for i := 0; i < numTables; i++ {
		rec := 12 + 16*i
		if string(ttf[min(rec, len(ttf)):min(rec+4, len(ttf))]) == "cmap" {
			cmap = u32(rec + 8)
		}
	}
	if cmap < 0 {
		return out
	}
	sub := -1
	for i := 0; i < u16(cmap+2); i++ {
		rec := cmap + 4 + 8*i
		pid, eid := u16(rec), u16(rec+2)
		if (pid == 3 && eid == 1) || pid == 0 {
			if off := cmap + u32(rec+4); u16(off) == 4 {
				sub = off
				break
			}
		}
	}
	if sub < 0 {
		return out
	}
	segX2 := u16(sub + 6)
	ends, starts := sub+14, sub+16+segX2
	deltas, ranges := starts+segX2, starts+2*segX2
	for s := 0; s < segX2/2; s++ {
		end, start := u16(ends+2*s), u16(starts+2*s)
		delta, rangeOff := u16(deltas+2*s), u16(ranges+2*s)
		for c := start; c <= end && c != 0xFFFF; c++ {
			var g int
			if rangeOff == 0 {
				g = (c + delta) & 0xFFFF
			} else {
				gi := u16(ranges + 2*s + rangeOff + 2*(c-start))
				if gi != 0 {
					g = (gi + delta) & 0xFFFF
				}
			}
			if g != 0 {
				out[rune(c)] = true
			}
		}
	}
	return out
}

// clean makes text printable with the embedded font: NFC-normalised,
// control characters dropped (line breaks kept when multiline, else turned
// into spaces), tabs as spaces, and every character without a glyph
// replaced by U+FFFD.
func clean(s string, multiline bool) string {
	if s == "" {
		return s
	}
	cov := coverage()
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\r':
			continue
		case r == '\n':
			if multiline {
				b.WriteRune('\n')
			} else {
				b.WriteRune(' ')
			}
		case r == '\t':
			b.WriteRune(' ')
		case unicode.IsControl(r) || r == '\u00AD' || unicode.Is(unicode.Cf, r):
			// format characters (bidi marks, zero-width joiners, soft hyphen) print nothing
			continue
		case cov[r]:
			b.WriteRune(r)
		case unicode.Is(unicode.Mn, r):
			// a combining mark NFC could not merge: drop rather than print a box
			continue
		default:
			b.WriteRune(replacement)
		}
	}
	return b.String()
}

// oneLine cleans s for a single line and trims it.
func oneLine(s string) string { return strings.TrimSpace(clean(s, false)) }

// multiLine cleans s keeping its line breaks, trims it.
func multiLine(s string) string { return strings.TrimSpace(clean(s, true)) }
