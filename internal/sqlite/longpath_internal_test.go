package sqlite

import (
	"strings"
	"testing"
)

// The extended-length form SQLite gets for a deep Windows path, and the
// URI it travels in (a plain DSN would end the name at the "?").
func TestExtendedPath(t *testing.T) {
	deep := `C:\Users\Jürgen Müller\` + strings.Repeat(`Ordner mit Namen\`, 15) + `tandem.db`
	for _, c := range []struct {
		path string
		long bool
		ext  string
	}{
		{`C:\Users\x\AppData\Roaming\Tandem\tandem.db`, false, ""},
		{deep, true, `\\?\` + deep},
		{`\\server\share\` + deep[3:], true, `\\?\UNC\server\share\` + deep[3:]},
		{`\\?\` + deep, false, ""},
		// 252 units + "-journal" reach MAX_PATH (260 with the NUL): extended.
		{`C:\` + strings.Repeat("a", 249), true, `\\?\C:\` + strings.Repeat("a", 249)},
		{`C:\` + strings.Repeat("a", 248), false, ""},
		{`C:\` + strings.Repeat("ä", 249), true, `\\?\C:\` + strings.Repeat("ä", 249)}, // counted in UTF-16 units, not bytes
		{`C:\` + strings.Repeat("ä", 248), false, ""},
	} {
		if got := needsExtended(c.path); got != c.long {
			t.Errorf("needsExtended(%.40q…) = %v", c.path, got)
			continue
		}
		if c.long {
			if got := extendedPath(c.path); got != c.ext {
				t.Errorf("extendedPath(%.40q…) = %.50q…", c.path, got)
			}
		}
	}
	u := extendedURI(`\\?\C:\Jürgen Müller\#1 ?x%\tandem.db`, "mode=ro&_pragma=busy_timeout(5000)")
	want := `file:%5C%5C%3F%5CC:%5CJ%C3%BCrgen%20M%C3%BCller%5C%231%20%3Fx%25%5Ctandem.db?mode=ro&_pragma=busy_timeout(5000)`
	if u != want {
		t.Errorf("URI\n got %s\nwant %s", u, want)
	}
}
