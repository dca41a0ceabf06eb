package backup_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"

	"tandem/internal/backup"
	"tandem/internal/sqlite"
)

func TestDefaultDirPerDatabase(t *testing.T) {
	dir := t.TempDir()
	for name, want := range map[string]string{
		"tandem.db": "Tandem-Sicherungen",
		"TANDEM.DB": "Tandem-Sicherungen",
		"test.db":   "Tandem-Sicherungen (test)",
		"daten":     "Tandem-Sicherungen (daten)",
		"a.b.db":    "Tandem-Sicherungen (a.b)",
	} {
		if got := backup.DefaultDir(filepath.Join(dir, name)); got != filepath.Join(dir, want) {
			t.Errorf("%s: %s, want %s", name, got, want)
		}
	}
}

// Two databases thinning one folder: each deletes only its own old
// backups, keeps its own newest of a day even when the other's is newer,
// and never touches files whose database it cannot tell.
func TestThinSharedFolder(t *testing.T) {
	ctx := context.Background()
	a, b := openDB(t), openDB(t)
	idA, err := a.InstallationID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	idB, err := b.InstallationID(ctx)
	if err != nil || idA == idB {
		t.Fatalf("ids %q %q %v", idA, idB, err)
	}
	dir := t.TempDir()
	mk := func(db *sqlite.DB, when time.Time) backup.Info {
		t.Helper()
		info, err := backup.Create(ctx, db, dir, backup.KindAuto, when)
		if err != nil {
			t.Fatal(err)
		}
		return info
	}
	yesterday := fixed.AddDate(0, 0, -1)
	aOld1, aOld2 := mk(a, fixed.AddDate(-2, 0, 0)), mk(a, fixed.AddDate(-2, 0, 1))
	aDay := mk(a, yesterday.Add(-time.Hour))
	bOld1, bOld2 := mk(b, fixed.AddDate(-2, 0, 0).Add(time.Minute)), mk(b, fixed.AddDate(-2, 0, 2))
	bDay := mk(b, yesterday) // newer than aDay on the same day
	if got, err := backup.InstallationID(ctx, aDay.Path); err != nil || got != idA {
		t.Fatalf("id of a's backup %q %v", got, err)
	}

	// Unknown files with backup names: not a database, and a database from
	// before the installation id.
	junk := filepath.Join(dir, backup.FileName(backup.KindAuto, fixed.AddDate(-3, 0, 0), false, 1))
	os.WriteFile(junk, []byte("not a database"), 0o600)
	old := filepath.Join(dir, backup.FileName(backup.KindAuto, fixed.AddDate(-3, 0, 1), false, 1))
	odb, err := sql.Open("sqlite", old)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := odb.Exec("CREATE TABLE people (id INTEGER PRIMARY KEY)"); err != nil {
		t.Fatal(err)
	}
	odb.Close()

	exists := func(p string) bool { _, err := os.Stat(p); return err == nil }
	if removed, err := backup.Thin(ctx, dir, "", fixed); err != nil || len(removed) != 0 {
		t.Fatalf("without id: removed %v %v", removed, err)
	}
	removed, err := backup.Thin(ctx, dir, idA, fixed)
	if err != nil || len(removed) != 2 {
		t.Fatalf("a: removed %+v %v", removed, err)
	}
	for _, p := range []string{aOld1.Path, aOld2.Path} {
		if exists(p) {
			t.Errorf("a's old backup %s kept", p)
		}
	}
	for _, p := range []string{aDay.Path, bOld1.Path, bOld2.Path, bDay.Path, junk, old} {
		if !exists(p) {
			t.Errorf("%s deleted", p)
		}
	}
	removed, err = backup.Thin(ctx, dir, idB, fixed)
	if err != nil || len(removed) != 2 || exists(bOld1.Path) || exists(bOld2.Path) {
		t.Fatalf("b: removed %+v %v", removed, err)
	}
	for _, p := range []string{aDay.Path, bDay.Path, junk, old} {
		if !exists(p) {
			t.Errorf("%s deleted", p)
		}
	}
}
