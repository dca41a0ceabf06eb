package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"tandem/internal/domain"
)

func TestReadOnlyDSN(t *testing.T) {
	const q = "?mode=ro&_pragma=busy_timeout(5000)"
	for _, c := range []struct{ path, want string }{
		{`C:\Daten\tandem.db`, "file:///C:/Daten/tandem.db" + q},
		{`\\server\share\Tandem\tandem.db`, "file:////server/share/Tandem/tandem.db" + q},
		{`/home/u/tandem.db`, "file:///home/u/tandem.db" + q},
		{`/home/u/Jugendamt 100% #2?ü.db`, "file:///home/u/Jugendamt%20100%25%20%232%3F%C3%BC.db" + q},
		{`\\server\Jugendamt$\Tandem 100% #2?ü.db`, "file:////server/Jugendamt$/Tandem%20100%25%20%232%3F%C3%BC.db" + q},
	} {
		var got string
		switch windowsPath := strings.Contains(c.path, `\`); {
		case windowsPath == (runtime.GOOS == "windows"):
			got = ReadOnlyDSN(c.path, "_pragma=busy_timeout(5000)")
		case windowsPath: // what filepath.ToSlash does on Windows
			got = readOnlyDSN(strings.ReplaceAll(c.path, `\`, "/"), "_pragma=busy_timeout(5000)")
		default: // a Linux path, which Windows would put on the current drive
			got = readOnlyDSN(c.path, "_pragma=busy_timeout(5000)")
		}
		if got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.path, got, c.want)
		}
	}
	if got := readOnlyDSN("/a.db", ""); got != "file:///a.db?mode=ro" {
		t.Errorf("no params: %s", got)
	}
}

// A real file whose name needs escaping opens read-only through the URI,
// and the integrity check of such a database works.
func TestReadOnlyDSNOpensSpecialName(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src.db")
	raw, err := sql.Open("sqlite", src)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`CREATE TABLE t(v); INSERT INTO t VALUES ('ok')`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"Jugendamt 100% #2 ü.db"}
	if runtime.GOOS != "windows" {
		names = append(names, "Jugendamt 100% #2?ü.db")
	}
	for _, name := range names {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		conn, err := sql.Open("sqlite", ReadOnlyDSN(path, readPragmas))
		if err != nil {
			t.Fatal(err)
		}
		var v string
		if err := conn.QueryRow(`SELECT v FROM t`).Scan(&v); err != nil || v != "ok" {
			t.Fatalf("%s: %q %v", name, v, err)
		}
		conn.Close()
		if err := (&DB{path: path}).integrityCheck(context.Background()); err != nil {
			t.Fatalf("%s: integrity check: %v", name, err)
		}
	}
	// The shape of a UNC URI (empty authority, path "//…"): on Linux
	// "//tmp/…" is the same file.
	if runtime.GOOS != "windows" {
		conn, _ := sql.Open("sqlite", readOnlyDSN("/"+filepath.ToSlash(filepath.Join(dir, names[0])), ""))
		var v string
		if err := conn.QueryRow(`SELECT v FROM t`).Scan(&v); err != nil || v != "ok" || !strings.HasPrefix(readOnlyDSN("/"+dir, ""), "file:////") {
			t.Fatalf("file://// URI: %q %v", v, err)
		}
		conn.Close()
	}
	// mode=ro: a missing file is not created.
	missing := filepath.Join(dir, "fehlt 100% #ü.db")
	conn, _ := sql.Open("sqlite", ReadOnlyDSN(missing, ""))
	if err := conn.Ping(); err == nil {
		t.Fatal("opened a missing file")
	}
	conn.Close()
	if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("missing file created: %v", err)
	}
}

// An integrity check that cannot run (here: the UNC error of finding 2) does
// not keep the database from opening; the marker stays, so the next start
// checks again.
func TestIntegrityCheckNotPossible(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "tandem.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.write.Exec(`CREATE TABLE t(v); INSERT INTO t VALUES ('da')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	marker := path + MarkerSuffix
	os.WriteFile(marker, []byte("pid 1\n"), 0o600) // a crashed run

	calls := 0
	checkIntegrity = func(db *DB, ctx context.Context) error {
		calls++
		return domain.Internal(errors.New("SQL logic error: invalid uri authority: server (1)"), "read %s", db.path)
	}
	defer func() { checkIntegrity = (*DB).integrityCheck }()
	db, err = Open(ctx, path)
	if err != nil {
		t.Fatalf("open after a check that could not run: %v", err)
	}
	var v string
	if err := db.read.QueryRow(`SELECT v FROM t`).Scan(&v); err != nil || v != "da" || db.Recovery() != nil || calls != 1 {
		t.Fatalf("v=%q err=%v recovery=%+v calls=%d", v, err, db.Recovery(), calls)
	}
	db.Close()
	if _, err := os.Stat(marker); err != nil {
		t.Fatal("marker removed: the next start would not check")
	}

	// The check works again: it runs, and a clean Close removes the marker.
	checkIntegrity = func(db *DB, ctx context.Context) error { calls++; return db.integrityCheck(ctx) }
	db, err = Open(ctx, path)
	if err != nil || calls != 2 {
		t.Fatalf("open: %v, calls=%d", err, calls)
	}
	db.Close()
	if _, err := os.Stat(marker); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("marker left after a checked open: %v", err)
	}

	// Damage found by the check still moves the file aside.
	os.WriteFile(marker, []byte("pid 1\n"), 0o600)
	checkIntegrity = func(db *DB, ctx context.Context) error {
		return &domain.Error{Code: domain.EINTERNAL, Key: "db.damaged", Err: errors.New("integrity_check: bad")}
	}
	db, err = Open(ctx, path)
	if err != nil || db.Recovery() == nil {
		t.Fatalf("damage not recovered: %v", err)
	}
	db.Close()
}

// A failed rename of the main file moves the -wal and -shm back.
func TestMoveDamagedRollsBack(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "tandem.db")
	for _, s := range []string{"", "-wal", "-shm"} {
		os.WriteFile(path+s, []byte("inhalt"+s), 0o600)
	}
	var calls []string
	rename = func(from, to string) error {
		calls = append(calls, filepath.Base(from)+"→"+filepath.Base(to))
		if from == path {
			return &os.LinkError{Op: "rename", Old: from, New: to, Err: errors.New("sharing violation")}
		}
		return os.Rename(from, to)
	}
	defer func() { rename = os.Rename }()
	if _, err := moveDamaged(path, time.Date(2026, 11, 23, 14, 5, 0, 0, time.UTC)); err == nil {
		t.Fatal("no error")
	}
	for _, s := range []string{"", "-wal", "-shm"} {
		if got, err := os.ReadFile(path + s); err != nil || string(got) != "inhalt"+s {
			t.Fatalf("%s not back in place: %q %v (renames %v)", path+s, got, err, calls)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 {
		t.Fatalf("left in the folder: %v (renames %v)", entries, calls)
	}
	// Back in reverse order: -shm before -wal.
	if n := len(calls); n != 5 || !strings.HasPrefix(calls[3], "tandem.db.damaged-20261123-140500-shm") || !strings.HasPrefix(calls[4], "tandem.db.damaged-20261123-140500-wal") {
		t.Fatalf("renames %v", calls)
	}
}

// VacuumInto runs on a read-only connection: a database file that is gone
// is not created again.
func TestVacuumIntoReadOnly(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "tandem.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	conn, err := sql.Open("sqlite", db.vacuumDSN())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(`CREATE TABLE t(v)`); err == nil || !strings.Contains(err.Error(), "readonly") {
		t.Fatalf("write on the backup connection: %v", err)
	}
	conn.Close()

	if err := db.VacuumInto(ctx, filepath.Join(dir, "copy1.db")); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(path + s); err != nil && runtime.GOOS == "windows" {
			t.Skipf("Windows does not delete an open database file (%v); the missing-file case is checked on Linux", err)
		}
	}
	if err := db.VacuumInto(ctx, filepath.Join(dir, "copy2.db")); err == nil {
		t.Fatal("backup of a missing database succeeded")
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("missing database created: %v", err)
	}
}

// plant writes a file with the given age.
func plant(t *testing.T, path string, data []byte, age time.Duration) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	mt := time.Now().Add(-age)
	if err := os.Chtimes(path, mt, mt); err != nil {
		t.Fatal(err)
	}
}

func TestOpenSweepsLeftovers(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "tandem.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	old, fresh := 2*time.Hour, 10*time.Minute
	gone := []string{
		".tandem-tmp-0000000000000001.db", ".tandem-tmp-0000000000000001.db-journal", // an interrupted backup
		".tandem-tmp-0000000000000002.age",
		".tandem-tmp-0000000000000003.tandem.db.old", ".tandem-tmp-0000000000000003.tandem.db.old-wal", // a finished restore's old file
		".tandem-tmp-0000000000000004.old", ".tandem-tmp-0000000000000004.old-shm", // older builds' name
	}
	kept := []string{
		".tandem-tmp-0000000000000005.db",            // fresh: another process may be writing it
		".tandem-tmp-0000000000000006.tandem.db.old", // fresh: a restore in progress
	}
	other := ".tandem-tmp-0000000000000007.test.db.old" // another database's: its own Open decides
	for _, n := range gone {
		plant(t, filepath.Join(dir, n), []byte("Klartext"), old)
	}
	for _, n := range kept {
		plant(t, filepath.Join(dir, n), []byte("Klartext"), fresh)
	}
	plant(t, filepath.Join(dir, other), []byte("Klartext"), old)
	plant(t, filepath.Join(dir, "notizen.txt"), []byte("fremd"), old)

	db, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	for _, n := range gone {
		if _, err := os.Stat(filepath.Join(dir, n)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s not removed: %v", n, err)
		}
	}
	for _, n := range append(kept, other, "notizen.txt") {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			t.Errorf("%s removed: %v", n, err)
		}
	}
}

// The database is missing and the old one lies beside it, moved aside by an
// interrupted restore: Open moves the newest back, with its -wal.
func TestOpenMovesInterruptedRestoreBack(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "tandem.db")

	// The old database, its last write only in the -wal.
	src := filepath.Join(t.TempDir(), "src.db")
	raw, err := sql.Open("sqlite", src+"?_pragma=journal_mode(WAL)&_pragma=wal_autocheckpoint(0)")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	raw.SetMaxOpenConns(1)
	if _, err := raw.Exec(`CREATE TABLE t(v); INSERT INTO t VALUES ('alt')`); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE t SET v = 'zuletzt'`); err != nil {
		t.Fatal(err)
	}
	aside := filepath.Join(dir, ".tandem-tmp-00000000000000aa.tandem.db.old")
	for _, s := range []string{"", "-wal"} {
		data, err := os.ReadFile(src + s)
		if err != nil {
			t.Fatal(err)
		}
		plant(t, aside+s, data, 5*time.Minute)
	}
	older := filepath.Join(dir, ".tandem-tmp-00000000000000bb.old")
	plant(t, older, []byte("älter"), 3*time.Hour)
	foreign := filepath.Join(dir, ".tandem-tmp-00000000000000cc.test.db.old")
	plant(t, foreign, []byte("andere Datenbank"), time.Minute)

	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v string
	if err := db.read.QueryRow(`SELECT v FROM t`).Scan(&v); err != nil || v != "zuletzt" {
		t.Fatalf("v=%q err=%v: the old database (with its -wal) did not come back", v, err)
	}
	for _, p := range []string{aside, aside + "-wal"} {
		if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s still there: %v", p, err)
		}
	}
	if _, err := os.Stat(foreign); err != nil {
		t.Errorf("another database's file touched: %v", err)
	}
}
