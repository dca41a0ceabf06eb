package app

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"tandem/internal/domain"
	"tandem/internal/sqlite"
)

// TestRestoreKeepsOtherNamesOut: after a restore a second writer is still
// refused under every name for the file: the symlink resolves to the
// restored file, which is locked; the hard link still reaches the
// replaced file, which stays locked. (sqlite/lock_test.go checks the same
// with real second processes.)
func TestRestoreKeepsOtherNamesOut(t *testing.T) {
	s, dbPath := openServices(t)
	addPersonNamed(t, s, "Vorher")
	b := s.Backups
	clock := time.Date(2026, 11, 23, 9, 0, 0, 0, time.Local)
	b.now = func() time.Time { return clock }
	if made, err := b.autoTick(clock); err != nil || !made {
		t.Fatalf("backup: %v %v", made, err)
	}
	list, err := b.List()
	if err != nil || len(list.Items) != 1 {
		t.Fatalf("list %+v %v", list, err)
	}
	dir := filepath.Dir(dbPath)
	hard, soft := filepath.Join(dir, "zweiter-name.db"), filepath.Join(dir, "verknuepfung.db")
	if err := os.Link(dbPath, hard); err != nil {
		t.Skipf("no hard links here: %v", err)
	}
	symlinkOrSkip(t, dbPath, soft)
	addPersonNamed(t, s, "Nachher")
	clock = clock.Add(time.Hour)
	if _, err := b.Restore(list.Items[0].Path, ""); err != nil {
		t.Fatal(err)
	}
	for _, other := range []string{dbPath, hard, soft} {
		db, err := sqlite.Open(context.Background(), other)
		if err == nil {
			db.Close()
			t.Fatalf("second writer via %s got in after the restore", other)
		}
		wantAppError(t, err, domain.ELOCKED, "db.locked")
	}
	addPersonNamed(t, s, "Danach")
	if got := peopleNames(t, s); len(got) != 2 {
		t.Fatalf("people after restore: %v", got)
	}
}

// TestRestoreThroughSymlink: when the configured path is a symlink the
// restore replaces the file it points to, not the symlink.
func TestRestoreThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "daten", "tandem.db")
	if err := os.MkdirAll(filepath.Dir(real), 0o700); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "tandem.db")
	if err := os.Symlink(real, link); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	s, closeDB := Open(context.Background(), Config{DBPath: link})
	t.Cleanup(closeDB)
	reachesOrSkip(t, real, link)
	addPersonNamed(t, s, "Vorher")
	b := s.Backups
	clock := time.Date(2026, 11, 23, 9, 0, 0, 0, time.Local)
	b.now = func() time.Time { return clock }
	if made, err := b.autoTick(clock); err != nil || !made {
		t.Fatalf("backup: %v %v", made, err)
	}
	list, err := b.List()
	if err != nil || len(list.Items) != 1 {
		t.Fatalf("list %+v %v", list, err)
	}
	addPersonNamed(t, s, "Nachher")
	clock = clock.Add(time.Hour)
	if _, err := b.Restore(list.Items[0].Path, ""); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the symlink was replaced: %v, %v", fi.Mode(), err)
	}
	closeDB()
	db, err := sqlite.Open(context.Background(), real)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	l, err := db.People(context.Background(), domain.PersonFilter{})
	if err != nil || l.Total != 1 || l.People[0].LastName != "Vorher" {
		t.Fatalf("the file behind the symlink after restore: %+v, %v", l, err)
	}
}

// TestInstanceIDSameFile: Wails' single-instance lock brings the open
// window forward whatever name the second start uses for the file.
func TestInstanceIDSameFile(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "tandem.db")
	if err := os.WriteFile(real, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "verknuepfung.db")
	if err := os.Symlink(real, link); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	if _, err := os.Stat(link); err != nil {
		t.Skipf("the symlink does not reach the file here: %v", err)
	}
	if instanceID(link) != instanceID(real) {
		t.Fatal("a symlink gets another single-instance id")
	}
	if instanceID(filepath.Join(dir, "anders.db")) == instanceID(real) {
		t.Fatal("another file gets the same single-instance id")
	}
}
