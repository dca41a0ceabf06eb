package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"tandem/internal/domain"
	"tandem/internal/sqlite"
)

// The database's folder as Windows profiles name it: umlauts and spaces in
// the user name (%AppData%\Tandem), and one so deep that paths pass the old
// 260-character limit (MAX_PATH). Everything Tandem does with files works
// there: open, write, automatic backup, restore, the backup settings and the
// erasure list beside the database, a saved PDF. Under Wine (make
// test-windows) this runs through Windows' file APIs and SQLite's Windows VFS.
func TestDatabaseInWindowsProfilePaths(t *testing.T) {
	umlauts := filepath.Join(t.TempDir(), "Users", "Jürgen Müller", "AppData", "Roaming", "Tandem")
	long := filepath.Join(t.TempDir(), "Users", "Jürgen Müller")
	for utf16Len(long) < 270 {
		long = filepath.Join(long, "Ordner mit einem langen Namen für Tandem")
	}
	for name, dir := range map[string]string{"umlauts": umlauts, "beyond MAX_PATH": long} {
		t.Run(name, func(t *testing.T) { fileRoundTrip(t, dir) })
	}
}

func utf16Len(s string) int { return len(utf16.Encode([]rune(s))) }

func fileRoundTrip(t *testing.T, dir string) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	dbPath := filepath.Join(dir, "tandem.db")
	s, closeDB := Open(context.Background(), Config{DBPath: dbPath})
	t.Cleanup(closeDB)
	if st, err := s.System.Status(); err != nil || !st.Ready {
		t.Fatalf("open %s (%d UTF-16 units): %+v, %v", dbPath, utf16Len(dbPath), st, err)
	}
	addPersonNamed(t, s, "Vorher")

	b := s.Backups
	clock := time.Date(2026, 12, 4, 9, 0, 0, 0, time.Local)
	b.now = func() time.Time { return clock }
	if made, err := b.autoTick(clock); err != nil || !made {
		t.Fatalf("automatic backup: %v %v", made, err)
	}
	list, err := b.List()
	if err != nil || len(list.Items) != 1 || filepath.Dir(list.Items[0].Path) != filepath.Join(dir, "Tandem-Sicherungen") {
		t.Fatalf("backups %+v, %v", list, err)
	}
	if _, err := b.SaveSettings(list.Folder); err != nil {
		t.Fatalf("backup settings beside the database: %v", err)
	}

	addPersonNamed(t, s, "Nachher")
	clock = clock.Add(time.Hour)
	if _, err := b.Restore(list.Items[0].Path, ""); err != nil {
		t.Fatalf("restore: %v", err)
	}
	if got := peopleNames(t, s); len(got) != 1 || got[0] != "Vorher" {
		t.Fatalf("after restore: %v", got)
	}

	// The erasure list beside the database.
	l, err := s.People.List(domain.PersonFilter{})
	if err != nil || len(l.People) != 1 {
		t.Fatal(l, err)
	}
	if err := s.Privacy.ErasePerson(l.People[0].ID, "Erika Vorher", nil); err != nil {
		t.Fatalf("erase: %v", err)
	}
	if _, err := os.Stat(sqlite.ErasureFile(dbPath)); err != nil {
		t.Fatalf("erasure list: %v", err)
	}
	if _, err := os.Stat(b.settingsPath()); err != nil {
		t.Fatalf("backup settings: %v", err)
	}

	// A document saved into the same folder (the dev hook stands in for the dialog).
	old := devSaveDir
	devSaveDir = func() string { return dir }
	t.Cleanup(func() { devSaveDir = old })
	addPersonNamed(t, s, "Groß")
	path, err := s.Privacy.ExportAuditLog()
	if err != nil || !strings.HasPrefix(path, dir) {
		t.Fatalf("audit CSV: %q, %v", path, err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}

	// The folder's names are stored as given (NFC), not mangled.
	entries, err := os.ReadDir(filepath.Dir(dir))
	if err != nil || len(entries) != 1 || entries[0].Name() != filepath.Base(dir) {
		t.Fatalf("folder %q stored as %v (%v)", filepath.Base(dir), entries, err)
	}
}
