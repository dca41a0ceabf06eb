package sqlite_test

import (
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"tandem/internal/backup"
	"tandem/internal/domain"
	"tandem/internal/sqlite"
)

// makeReadOnly write-protects path (a file or a folder) for this process.
// Root ignores file modes, so as root the file or folder is made immutable
// (chattr +i: open for writing and creating entries fail with EPERM). The
// test is skipped where the protection does not hold: Windows ignores the
// read-only attribute of folders (only ACLs protect them), and Wine run
// by root ignores it for files too.
func makeReadOnly(t *testing.T, path string) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS == "windows" || os.Geteuid() != 0 {
		mode := os.FileMode(0o444)
		if fi.IsDir() {
			mode = 0o555
		}
		if err := os.Chmod(path, mode); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(path, 0o700) })
	} else {
		if out, err := exec.Command("chattr", "+i", path).CombinedOutput(); err != nil {
			t.Skipf("chattr +i not possible here: %v %s", err, out)
		}
		t.Cleanup(func() { exec.Command("chattr", "-i", path).Run() })
	}
	probe, target := path, path
	if fi.IsDir() {
		target = filepath.Join(path, "probe")
	}
	f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE, 0o600)
	if err == nil {
		f.Close()
		os.Remove(target)
		t.Skipf("%s stays writable after write-protecting it here (%s)", probe, runtime.GOOS)
	}
}

// openOrClose opens path and closes a database that should not have opened.
func openOrClose(t *testing.T, path string) error {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err == nil {
		db.Close()
	}
	return err
}

// TestOpenStorageFaults: what keeps the database from being written is
// named at open, before SQLite opens a write-protected file read-only and
// every save fails.
func TestOpenStorageFaults(t *testing.T) {
	t.Run("ReadOnlyFile", func(t *testing.T) {
		path := makeDataDB(t, t.TempDir(), 3)
		makeReadOnly(t, path)
		before := fileSum(t, path)
		err := openOrClose(t, path)
		wantCode(t, err, domain.EINTERNAL, "db.readonly")
		if p := domain.AsError(err).Params["path"]; p != path {
			t.Fatalf("message names %v, want %s", p, path)
		}
		if fileSum(t, path) != before {
			t.Fatal("a read-only database was changed")
		}
	})
	t.Run("ReadOnlyFolder", func(t *testing.T) {
		dir := t.TempDir()
		makeReadOnly(t, dir)
		err := openOrClose(t, filepath.Join(dir, "tandem.db"))
		wantCode(t, err, domain.EINTERNAL, "db.dir_readonly")
		if p := domain.AsError(err).Params["path"]; p != dir {
			t.Fatalf("message names %v, want %s", p, dir)
		}
	})
	t.Run("ReadOnlyFolderExistingFile", func(t *testing.T) {
		// The lock file is there from an earlier start; the marker, the
		// -wal and the -shm cannot be made.
		dir := t.TempDir()
		path := makeDataDB(t, dir, 1)
		makeReadOnly(t, dir)
		err := openOrClose(t, path)
		wantCode(t, err, domain.EINTERNAL, "db.dir_readonly")
	})
	t.Run("Folder", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "tandem.db")
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		wantCode(t, openOrClose(t, dir), domain.EINVALID, "db.is_folder")
	})
}

// mountTiny mounts a tmpfs of size bytes on a new folder (root only).
func mountTiny(t *testing.T, size string) string {
	t.Helper()
	if runtime.GOOS != "linux" || os.Geteuid() != 0 {
		t.Skip("needs root on Linux to mount a small tmpfs")
	}
	dir := filepath.Join(t.TempDir(), "klein")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("mount tmpfs: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	return dir
}

// fill writes a file into dir until the drive is full.
func fill(t *testing.T, dir string) {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, "füllung"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 4096)
	for {
		if _, err := f.Write(chunk); err != nil {
			return
		}
	}
}

// TestDiskFull: a full drive is named as such, at open and at a save.
func TestDiskFull(t *testing.T) {
	ctx := context.Background()
	t.Run("AtOpen", func(t *testing.T) {
		dir := mountTiny(t, "256k")
		fill(t, dir)
		err := openOrClose(t, filepath.Join(dir, "tandem.db"))
		wantCode(t, err, domain.EINTERNAL, "db.disk_full")
	})
	t.Run("AtSave", func(t *testing.T) {
		dir := mountTiny(t, "2m")
		db := MustOpenPath(t, filepath.Join(dir, "tandem.db"))
		mustCreatePerson(t, db, domain.PersonInput{FirstName: "Vor", LastName: "Voll"})
		fill(t, dir)
		var err error
		for i := 0; i < 50 && err == nil; i++ { // until the WAL needs a new page
			_, err = db.CreatePerson(ctx, domain.PersonInput{FirstName: "Nach", LastName: "Voll", Note: strings.Repeat("Notiz ", 150)})
		}
		if err == nil {
			t.Fatal("saving on a full drive did not fail")
		}
		wantCode(t, sqlite.StorageError(err), domain.EINTERNAL, "storage.full")
	})
}

// TestStorageError: what real SQLite and file system errors are named.
func TestStorageError(t *testing.T) {
	path := makeDataDB(t, t.TempDir(), 1)
	ro, err := sql.Open("sqlite", sqlite.ReadOnlyDSN(path, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	_, err = ro.Exec(`DELETE FROM people`)
	wantCode(t, sqlite.StorageError(err), domain.EINTERNAL, "storage.readonly")
	if _, err := os.Stat(filepath.Join(t.TempDir(), "fehlt")); sqlite.StorageError(err) != nil {
		t.Fatalf("a missing file is no storage fault: %v", sqlite.StorageError(err))
	}
}

// TestEmptyFileWithBackups: a 0-byte database file (a failed copy, a sync
// client, a full disk) is not taken for a new database: it is moved aside
// like a damaged one, so that the app offers the newest backup.
func TestEmptyFileWithBackups(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := makeDataDB(t, dir, 3)
	db := MustOpenPath(t, path)
	if _, err := backup.Create(ctx, db, filepath.Join(dir, "sicherungen"), backup.KindAuto, db.Now()); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if err := os.Truncate(path, 0); err != nil {
		t.Fatal(err)
	}
	db = MustOpenPath(t, path)
	r := db.Recovery()
	if r == nil || !r.Empty {
		t.Fatalf("recovery = %+v, want the empty file moved aside", r)
	}
	if fi, err := os.Stat(r.DamagedPath); err != nil || fi.Size() != 0 {
		t.Fatalf("moved file %s: %v %v", r.DamagedPath, fi, err)
	}
	mustCreatePerson(t, db, domain.PersonInput{FirstName: "Neu", LastName: "Anfang"})
	db.Close()
	db = MustOpenPath(t, path)
	if db.Recovery() != nil {
		t.Fatal("a new database was moved aside again")
	}
	if l, err := db.People(ctx, domain.PersonFilter{}); err != nil || l.Total != 1 {
		t.Fatalf("people in the new database: %+v %v", l, err)
	}
}

// TestFileModes: the database, its -wal, -shm, lock and marker files and
// plain backups hold personal data and are readable by the owner only
// (encrypted backups, documents and the erasure list already were). An
// older 0644 database is tightened at open.
func TestFileModes(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows has ACLs, not modes: the profile folder's apply")
	}
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "tandem.db")
	db := MustOpenPath(t, path)
	mustCreatePerson(t, db, domain.PersonInput{FirstName: "Erika", LastName: "Muster"})
	saved, err := backup.Create(ctx, db, filepath.Join(dir, "sicherungen"), backup.KindManual, db.Now())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm", path + ".lock", path + sqlite.MarkerSuffix, saved.Path} {
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, %v; want 0600", filepath.Base(p), fi.Mode().Perm(), err)
		}
	}
	db.Close()
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	db = MustOpenPath(t, path)
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("older database: mode %v, %v; want 0600", fi.Mode().Perm(), err)
	}
}
