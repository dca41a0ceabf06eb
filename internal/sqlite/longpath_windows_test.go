package sqlite

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
)

// A database whose path passes MAX_PATH opens, writes (with its -wal
// beside it), makes a backup there with VACUUM INTO, and that backup opens
// read-only: SQLite gets the extended-length form (\\?\C:\…) in a file:
// URI. Wine does not enforce MAX_PATH, so under Wine this shows that the
// extended form works end to end; Windows without LongPathsEnabled refuses
// the plain path.
func TestDatabaseBeyondMaxPath(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "Jürgen Müller")
	for len(utf16.Encode([]rune(dir))) < 280 {
		dir = filepath.Join(dir, "Ordner mit einem langen Namen")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "tandem.db")
	if d := dsn(path, "x=1"); !strings.HasPrefix(d, `file:%5C%5C%3F%5C`) {
		t.Fatalf("DSN of a deep path: %.60s…", d)
	}
	ctx := context.Background()
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("open at %d units: %v", len(utf16.Encode([]rune(path))), err)
	}
	defer db.Close()
	if _, err := db.write.ExecContext(ctx, `CREATE TABLE deep (x TEXT)`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.write.ExecContext(ctx, `INSERT INTO deep VALUES ('tief')`); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + "-wal"); err != nil {
		t.Errorf("no -wal beside the deep database: %v", err)
	}
	dest := filepath.Join(dir, "Sicherung.db")
	if err := db.VacuumInto(ctx, dest); err != nil {
		t.Fatalf("VACUUM INTO a deep path: %v", err)
	}
	probe, err := sql.Open("sqlite", ReadOnlyDSN(dest, "_pragma=busy_timeout(5000)"))
	if err != nil {
		t.Fatal(err)
	}
	defer probe.Close()
	var x string
	if err := probe.QueryRowContext(ctx, `SELECT x FROM deep`).Scan(&x); err != nil || x != "tief" {
		t.Fatalf("backup read back: %q, %v", x, err)
	}
}
