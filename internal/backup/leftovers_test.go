package backup_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"tandem/internal/backup"
	"tandem/internal/sqlite"
)

// Of two backups in the same minute, the one with the higher suffix is the
// newer (as List orders them): thinning keeps it.
func TestToDeleteSameMinuteKeepsHigherSuffix(t *testing.T) {
	now := time.Date(2026, 11, 23, 14, 0, 0, 0, time.Local)
	day := time.Date(2026, 11, 20, 9, 0, 0, 0, time.Local)
	info := func(at time.Time, n int) backup.Info {
		return backup.Info{Path: "/b/" + backup.FileName(backup.KindAuto, at, false, n), Time: at, Kind: backup.KindAuto}
	}
	for _, c := range []struct{ older, newer int }{{1, 2}, {9, 10}} {
		list := []backup.Info{info(day, c.older), info(day, c.newer), info(now, 1)}
		del := backup.ToDelete(list, now)
		if len(del) != 1 || del[0].Path != list[0].Path {
			t.Errorf("-%d vs -%d: deleted %+v, want only %s", c.older, c.newer, del, list[0].Path)
		}
		// And as the newest of all.
		list = []backup.Info{info(day, c.older), info(day, c.newer)}
		if del := backup.ToDelete(list, now.AddDate(1, 0, 0)); len(del) != 1 || del[0].Path != list[0].Path {
			t.Errorf("newest of all, -%d vs -%d: deleted %+v", c.older, c.newer, del)
		}
	}
	// List agrees.
	dir := t.TempDir()
	for _, n := range []int{1, 2, 9, 10} {
		os.WriteFile(filepath.Join(dir, backup.FileName(backup.KindAuto, day, false, n)), []byte("x"), 0o600)
	}
	list, _ := backup.List(dir)
	if len(list) != 4 || list[0].Path != filepath.Join(dir, backup.FileName(backup.KindAuto, day, false, 10)) {
		t.Fatalf("list %+v", list)
	}
}

// The 1000th backup of one minute is refused instead of being written under
// a name List does not see.
func TestCreateRefusesThousandthInOneMinute(t *testing.T) {
	db := openDB(t)
	dir := t.TempDir()
	for n := 1; n <= 999; n++ {
		os.WriteFile(filepath.Join(dir, backup.FileName(backup.KindAuto, fixed, false, n)), nil, 0o600)
	}
	_, err := backup.Create(context.Background(), db, dir, backup.KindAuto, fixed)
	wantKey(t, err, "backup.dir_unwritable")
	if _, err := os.Stat(filepath.Join(dir, backup.FileName(backup.KindAuto, fixed, false, 1000))); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("-1000 written: %v", err)
	}
}

func plantAged(t *testing.T, path string, age time.Duration) {
	t.Helper()
	if err := os.WriteFile(path, []byte("Klartext"), 0o600); err != nil {
		t.Fatal(err)
	}
	mt := time.Now().Add(-age)
	if err := os.Chtimes(path, mt, mt); err != nil {
		t.Fatal(err)
	}
}

// WriteTo removes temp files of interrupted backups in the target folder.
func TestWriteToRemovesStaleTemps(t *testing.T) {
	db := openDB(t)
	dir := t.TempDir()
	stale := []string{".tandem-tmp-0000000000000001.db", ".tandem-tmp-0000000000000001.db-journal", ".tandem-tmp-0000000000000002.age"}
	fresh := []string{".tandem-tmp-0000000000000003.db"}
	aside := []string{".tandem-tmp-0000000000000004.tandem.db.old"} // left to sqlite.Open
	for _, n := range stale {
		plantAged(t, filepath.Join(dir, n), 2*time.Hour)
	}
	for _, n := range fresh {
		plantAged(t, filepath.Join(dir, n), time.Minute)
	}
	for _, n := range aside {
		plantAged(t, filepath.Join(dir, n), 2*time.Hour)
	}
	if err := backup.WriteTo(context.Background(), db, filepath.Join(dir, "sicherung.db"), ""); err != nil {
		t.Fatal(err)
	}
	for _, n := range stale {
		if _, err := os.Stat(filepath.Join(dir, n)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s not removed: %v", n, err)
		}
	}
	for _, n := range append(fresh, aside...) {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			t.Errorf("%s removed: %v", n, err)
		}
	}
}

// The restore's own Open of the new file sweeps the database's folder; the
// old file moved aside must survive it (its last write may be days ago),
// so that undo still works.
func TestOpenDuringRestoreKeepsAside(t *testing.T) {
	ctx, dir, dbPath, info := restoreCase(t)
	long := time.Now().Add(-72 * time.Hour)
	os.Chtimes(dbPath, long, long)

	tmp, err := backup.Prepare(ctx, info.Path, "", dir, sqlite.KnownSchemaVersion())
	if err != nil {
		t.Fatal(err)
	}
	undo, _, err := backup.Replace(dbPath, tmp)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	db.Close() // say a later step failed: undo
	if err := undo(); err != nil {
		t.Fatal(err)
	}
	if got := lastNames(t, dbPath); len(got) != 2 {
		t.Fatalf("after undo %v", got)
	}
}

// Replace names the moved-aside file after its database, so that Open of
// another database in the same folder leaves it alone.
func TestReplaceAsideName(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "tandem.db")
	prepared := filepath.Join(dir, "neu.db")
	os.WriteFile(dbPath, []byte("alt"), 0o600)
	os.WriteFile(prepared, []byte("neu"), 0o600)
	_, discard, err := backup.Replace(dbPath, prepared)
	if err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
		if owner, _, ok := sqlite.ParseAside(e.Name()); ok && owner != "tandem.db" {
			t.Errorf("%s: owner %q", e.Name(), owner)
		}
	}
	if len(names) != 2 {
		t.Fatalf("files %v", names)
	}
	discard()
}
