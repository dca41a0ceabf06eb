package filename_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/unicode/norm"

	"tandem/internal/filename"
)

func TestSafe(t *testing.T) {
	for _, c := range []struct{ stem, ext, want string }{
		{"Einarbeitungsplan Groß Sophie", ".pdf", "Einarbeitungsplan Groß Sophie.pdf"},
		{`Termin 10:30 a/b\c*d?e"f<g>h|i`, ".ics", "Termin 10 30 a b c d e f g h i.ics"},
		{"Zeile\nzwei\tTab\x00Null\x7f", ".csv", "Zeile zwei Tab Null.csv"},
		{"Bidi\u202eevil\u200bzero\ufeffbom\u2028line", ".pdf", "Bidi evil zero bom line.pdf"},
		{"  viele    Leer   zeichen  ", ".pdf", "viele Leer zeichen.pdf"},
		{"Punkt am Ende...", ".pdf", "Punkt am Ende.pdf"},
		{"Punkt vor Leerzeichen . . ", ".pdf", "Punkt vor Leerzeichen.pdf"},
		{"..versteckt", ".pdf", "versteckt.pdf"},
		{"", ".pdf", "Dokument.pdf"},
		{" .:*? ", ".pdf", "Dokument.pdf"},
		{"Bericht.pdf", ".pdf", "Bericht.pdf"},
		{"Bericht.PDF ", ".pdf", "Bericht.pdf"},
		{"Bericht.pdf", ".csv", "Bericht.pdf.csv"}, // a dot in a stem is the stem's business
		{"Dr. Müller", ".pdf", "Dr. Müller.pdf"},
		{"CON", ".pdf", "_CON.pdf"},
		{"con", ".txt", "_con.txt"},
		{"CON.txt", ".pdf", "_CON.txt.pdf"},
		{"nul ", ".pdf", "_nul.pdf"},
		{"nul .x", ".pdf", "_nul .x.pdf"},
		{"Aux", "", "_Aux"},
		{"PRN", ".json", "_PRN.json"},
		{"COM1", ".pdf", "_COM1.pdf"},
		{"lpt9", ".pdf", "_lpt9.pdf"},
		{"COM0", ".pdf", "_COM0.pdf"},
		{"COM¹", ".pdf", "_COM¹.pdf"},
		{"lpt³.tar", ".gz", "_lpt³.tar.gz"},
		{"CONIN$", ".pdf", "_CONIN$.pdf"},
		{"COM10", ".pdf", "COM10.pdf"},
		{"CONTRA", ".pdf", "CONTRA.pdf"},
		{"Console", ".pdf", "Console.pdf"},
		{"Programmvorlage-X", ".tandem.json", "Programmvorlage-X.tandem.json"},
		{"Programmvorlage-X.tandem.json", ".tandem.json", "Programmvorlage-X.tandem.json"},
		{"Mu\u0308ller", ".pdf", "Müller.pdf"}, // NFD from a macOS clipboard
		{"bad\xffutf8", ".pdf", "bad utf8.pdf"},
	} {
		if got := filename.Safe(c.stem, c.ext); got != c.want {
			t.Errorf("Safe(%q, %q) = %q, want %q", c.stem, c.ext, got, c.want)
		}
	}
}

func TestSafeBoundsLength(t *testing.T) {
	for _, stem := range []string{
		strings.Repeat("a", 500),
		strings.Repeat("ä", 500), // 2 bytes, 1 unit
		strings.Repeat("語", 500), // 3 bytes, 1 unit: bytes bind first
		strings.Repeat("😀", 500), // 4 bytes, 2 units
		strings.Repeat("Wort ", 100),
		strings.Repeat("a", filename.MaxUnits-5) + ". . . . . . . . . . . x",
	} {
		got := filename.Safe(stem, ".tandem.json")
		if n := len(utf16.Encode([]rune(got))); n > filename.MaxUnits {
			t.Errorf("%q…: %d UTF-16 units", got[:10], n)
		}
		if len(got) > filename.MaxBytes {
			t.Errorf("%q…: %d bytes", got[:10], len(got))
		}
		stemPart := strings.TrimSuffix(got, ".tandem.json")
		if strings.HasSuffix(stemPart, " ") || strings.HasSuffix(stemPart, ".") || stemPart == "" {
			t.Errorf("cut name %q ends badly", got)
		}
	}
}

func TestNumbered(t *testing.T) {
	if got := filename.Numbered("Zertifikat Groß", ".pdf", 1); got != "Zertifikat Groß.pdf" {
		t.Errorf("n=1: %q", got)
	}
	if got := filename.Numbered("Zertifikat Groß", ".pdf", 2); got != "Zertifikat Groß (2).pdf" {
		t.Errorf("n=2: %q", got)
	}
	long := strings.Repeat("x", 300)
	a, b := filename.Numbered(long, ".pdf", 2), filename.Numbered(long, ".pdf", 3)
	if a == b || !strings.HasSuffix(a, " (2).pdf") || len(a) > filename.MaxBytes {
		t.Errorf("long stem: %q / %q", a, b)
	}
}

// Every name Safe returns can be created, read back under the same name,
// and is NFC: on Windows (under Wine in `make test-windows`) this is the
// test that reserved names and forbidden characters really are avoided.
func TestSafeNamesCanBeCreated(t *testing.T) {
	dir := t.TempDir()
	stems := []string{"CON", "nul .x", "COM¹", "LPT1.txt", "a:b", `x\y/z`, "Sophie Groß", "end. ", "\u202eevil",
		strings.Repeat("ä", 300), strings.Repeat("😀", 300), "", "Termin 2026-12-04 10:30"}
	for i, stem := range stems {
		name := filename.Safe(stem, ".pdf")
		if !norm.NFC.IsNormalString(name) {
			t.Errorf("%q is not NFC", name)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte{byte(i)}, 0o600); err != nil {
			t.Errorf("Safe(%q) = %q cannot be created: %v", stem, name, err)
			continue
		}
		entries, _ := os.ReadDir(dir)
		found := false
		for _, e := range entries {
			found = found || e.Name() == name
		}
		if !found {
			t.Errorf("%q was stored under another name", name)
		}
		if err := os.Remove(path); err != nil {
			t.Errorf("remove %q: %v", name, err)
		}
	}
}
