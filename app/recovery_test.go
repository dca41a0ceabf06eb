package app

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"tandem/internal/backup"
	"tandem/internal/domain"
)

// A damaged database at start: moved aside, a new one opened, the newest
// backup that passes the check offered (a newer damaged one skipped), the
// notice kept across a restart until dismissed, the offered backup restorable.
func TestRecoveryFromDamagedDatabase(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "tandem.db")
	s, closeDB := Open(ctx, Config{DBPath: path})
	if _, err := s.People.Create(domain.PersonInput{FirstName: "Jürgen", LastName: "Weiß"}); err != nil {
		t.Fatal(err)
	}
	db, _, release, _ := s.People.s.use()
	release()
	dir := backup.DefaultDir(path)
	good, err := backup.Create(ctx, db, dir, backup.KindAuto, time.Now().Add(-2*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, backup.FileName(backup.KindAuto, time.Now().Add(-time.Hour), false, 1))
	os.WriteFile(bad, append([]byte("SQLite format 3\x00"), make([]byte, 8192)...), 0o600)
	if st, _ := s.System.Status(); st.Recovery != nil {
		t.Fatalf("recovery before any damage: %+v", st.Recovery)
	}
	closeDB()

	f, _ := os.OpenFile(path, os.O_RDWR, 0)
	f.WriteAt(make([]byte, 100), 0) // a zeroed header
	f.Close()

	s, closeDB = Open(ctx, Config{DBPath: path})
	st, _ := s.System.Status()
	if !st.Ready || st.Recovery == nil {
		t.Fatalf("status = %+v", st)
	}
	r := st.Recovery
	if r.Backup == nil || r.Backup.Path != good.Path || r.BackupFolder != dir {
		t.Fatalf("offered %+v in %s, want %s", r.Backup, r.BackupFolder, good.Path)
	}
	if _, err := os.Stat(r.DamagedPath); err != nil {
		t.Fatalf("damaged file: %v", err)
	}
	if l, _ := s.People.List(domain.PersonFilter{}); l.Total != 0 {
		t.Fatalf("new database has %d people", l.Total)
	}
	closeDB()

	// The notice survives a restart (and the automatic backup of the empty database).
	s, closeDB = Open(ctx, Config{DBPath: path})
	defer func() { closeDB() }()
	st, _ = s.System.Status()
	if st.Recovery == nil || st.Recovery.Backup == nil || st.Recovery.Backup.Path != good.Path {
		t.Fatalf("after restart: %+v", st.Recovery)
	}

	// A refused restore keeps the notice.
	if _, err := s.Backups.Restore(path, ""); err == nil {
		t.Fatal("restoring the database onto itself was not refused")
	}
	if st, _ = s.System.Status(); st.Recovery == nil {
		t.Fatal("a refused restore removed the notice")
	}

	// Any restore (here from the list in Einstellungen, not from the
	// banner) ends the notice: the new, empty database is gone.
	if _, err := s.Backups.Restore(good.Path, ""); err != nil {
		t.Fatalf("restore offered backup: %v", err)
	}
	if l, _ := s.People.List(domain.PersonFilter{}); l.Total != 1 {
		t.Fatalf("after restore %d people, want 1", l.Total)
	}
	if st, _ = s.System.Status(); st.Recovery != nil {
		t.Fatalf("notice after restore: %+v", st.Recovery)
	}
	if _, err := os.Stat(r.DamagedPath); err != nil {
		t.Fatalf("damaged file gone: %v", err)
	}
	if err := s.System.DismissRecovery(); err != nil { // what the banner calls after its restore
		t.Fatal(err)
	}
}

// TestRecoveryOffersBeforeRestoreLast: a before-restore backup holds a
// state the user left (after an earlier recovery, the empty database), so
// an older automatic backup is offered first; it is offered only alone.
func TestRecoveryOffersBeforeRestoreLast(t *testing.T) {
	ctx := context.Background()
	s, _ := openServices(t)
	db, _, release, _ := s.People.s.use()
	release()
	dir := t.TempDir()
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.Local)
	before, err := backup.Create(ctx, db, dir, backup.KindBeforeRestore, now)
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := newestGoodBackup(ctx, dir); !ok || got.Path != before.Path {
		t.Fatalf("only a before-restore backup: offered %+v %v", got, ok)
	}
	auto, err := backup.Create(ctx, db, dir, backup.KindAuto, now.Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := newestGoodBackup(ctx, dir); !ok || got.Path != auto.Path {
		t.Fatalf("offered %s, want the older automatic %s", got.Path, auto.Path)
	}
	// A damaged automatic one is passed over for the before-restore one.
	os.WriteFile(auto.Path, []byte("SQLite format 3\x00 kaputt"), 0o600)
	if got, ok := newestGoodBackup(ctx, dir); !ok || got.Path != before.Path {
		t.Fatalf("offered %+v, want the before-restore backup", got)
	}
}

// TestRecoveryNoticeStopsThinning: while the notice is open, automatic
// backups of the new, empty database are made but nothing is thinned, so
// the offered backup and the others from before the damage stay; the
// offered backup may be restored even after the backup folder changed.
func TestRecoveryNoticeStopsThinning(t *testing.T) {
	ctx := context.Background()
	s, dbPath := openServices(t)
	addPersonNamed(t, s, "Vorher")
	b := s.Backups
	db, _, release, _ := s.People.s.use()
	release()
	dir := b.folder()
	day := time.Now().AddDate(0, 0, -3)
	older, err := backup.Create(ctx, db, dir, backup.KindAuto, day)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := backup.Create(ctx, db, dir, backup.KindAuto, day.Add(time.Hour)); err != nil { // thinning keeps only this one of that day
		t.Fatal(err)
	}
	notice := RecoveryInfo{DamagedPath: dbPath + ".damaged-x", MovedAt: time.Now().Format(time.RFC3339), BackupFolder: dir}
	it := toItem(older)
	notice.Backup = &it
	data, _ := json.Marshal(notice)
	if err := os.WriteFile(recoveryFile(dbPath), data, 0o600); err != nil {
		t.Fatal(err)
	}
	if made, err := b.autoTick(time.Now()); err != nil || !made {
		t.Fatalf("automatic backup %v %v", made, err)
	}
	if _, err := os.Stat(older.Path); err != nil {
		t.Fatalf("the offered backup was thinned away: %v", err)
	}
	// The folder changes; the offered backup can still be restored.
	other := filepath.Join(t.TempDir(), "anderswo")
	if _, err := b.SaveSettings(other); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Restore(older.Path, ""); err != nil {
		t.Fatalf("restore of the offered backup: %v", err)
	}
	// The notice is gone with the restore: thinning is back.
	if _, err := b.SaveSettings(""); err != nil {
		t.Fatal(err)
	}
	if made, err := b.autoTick(time.Now()); err != nil || !made {
		t.Fatalf("automatic backup after restore %v %v", made, err)
	}
	if _, err := os.Stat(older.Path); err == nil {
		t.Fatal("thinning did not resume after the restore")
	}
}

// TestBackupTargetIsDatabase: the database, its -wal and the same file
// reached through a linked folder are refused as backup targets.
func TestBackupTargetIsDatabase(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "tandem.db")
	os.WriteFile(dbPath, []byte("x"), 0o600)
	link := filepath.Join(t.TempDir(), "verknuepft")
	symlinkOrSkip(t, dir, link)
	for _, p := range []string{dbPath, dbPath + "-wal", filepath.Join(link, "tandem.db"), filepath.Join(dir, ".", "tandem.db")} {
		if !isDatabaseFile(p, dbPath) {
			t.Errorf("%s not recognised as the database", p)
		}
	}
	if isDatabaseFile(filepath.Join(dir, "sicherung.db"), dbPath) {
		t.Error("another file taken for the database")
	}
}
