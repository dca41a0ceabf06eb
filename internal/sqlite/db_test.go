package sqlite_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"tandem/internal/domain"
	"tandem/internal/sqlite"
)

// MustOpenDB opens a fresh database in a temp folder and closes it at the end.
func MustOpenDB(tb testing.TB) *sqlite.DB {
	tb.Helper()
	return MustOpenPath(tb, filepath.Join(tb.TempDir(), "tandem.db"))
}

func MustOpenPath(tb testing.TB, path string) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		tb.Fatalf("open %s: %v", path, err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func wantCode(t *testing.T, err error, code, key string) {
	t.Helper()
	e := domain.AsError(err)
	if err == nil || e.Code != code || (key != "" && e.Key != key) {
		t.Fatalf("got error %v, want %s/%s", err, code, key)
	}
}

// schemaVersion is the number of migrations in internal/sqlite/migrations.
const schemaVersion = 17

func TestOpen(t *testing.T) {
	t.Run("MigratesFromEmpty", func(t *testing.T) {
		db := MustOpenDB(t)
		v, err := db.SchemaVersion(context.Background())
		if err != nil || v != schemaVersion {
			t.Fatalf("schema version = %d, %v; want %d", v, err, schemaVersion)
		}
		raw := rawDB(t, db.Path())
		for _, pragma := range []struct{ name, want string }{{"journal_mode", "wal"}} {
			var got string
			if err := raw.QueryRow("PRAGMA " + pragma.name).Scan(&got); err != nil || got != pragma.want {
				t.Errorf("%s = %q, %v; want %q", pragma.name, got, err, pragma.want)
			}
		}
		var tables int
		raw.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('people','departments','person_roles','organisation')`).Scan(&tables)
		if tables != 4 {
			t.Fatalf("tables = %d, want 4", tables)
		}
	})

	t.Run("ReopenKeepsData", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "tandem.db")
		db, err := sqlite.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		p := mustCreatePerson(t, db, domain.PersonInput{FirstName: "Jürgen", LastName: "Weiß"})
		db.Close()
		db = MustOpenPath(t, path)
		got, err := db.Person(context.Background(), p.ID)
		if err != nil || got.LastName != "Weiß" {
			t.Fatalf("after reopen got %+v, %v", got, err)
		}
		if v, _ := db.SchemaVersion(context.Background()); v != schemaVersion {
			t.Fatalf("version after reopen = %d", v)
		}
	})

	t.Run("MigratesFromVersion1", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "v1.db")
		script, err := os.ReadFile("migrations/0001_init.sql")
		if err != nil {
			t.Fatal(err)
		}
		raw, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := raw.Exec(string(script) + `;
			INSERT INTO people (first_name, last_name, sort_key, search_key, created_at, updated_at)
			VALUES ('Jörg', 'Weiß', 'weiss jorg', 'jorg weiss | joerg weiss', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
			PRAGMA user_version = 1`); err != nil {
			t.Fatal(err)
		}
		raw.Close()
		db := MustOpenPath(t, path)
		if v, err := db.SchemaVersion(context.Background()); err != nil || v != schemaVersion {
			t.Fatalf("version = %d, %v; want %d", v, err, schemaVersion)
		}
		l, err := db.People(context.Background(), domain.PersonFilter{Query: "joerg"})
		if err != nil || l.Total != 1 || l.People[0].LastName != "Weiß" {
			t.Fatalf("after migration: %+v, %v", l, err)
		}
		var indexes []string
		rows, err := rawDB(t, path).Query(`SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'people' AND sql IS NOT NULL ORDER BY name`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var name string
			rows.Scan(&name)
			indexes = append(indexes, name)
		}
		if want := []string{"people_department", "people_line_manager", "people_list"}; strings.Join(indexes, " ") != strings.Join(want, " ") {
			t.Fatalf("indexes = %v, want %v", indexes, want)
		}
	})

	t.Run("ErrTooNewUntouched", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "newer.db")
		raw, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := raw.Exec(`CREATE TABLE future (x); PRAGMA user_version = 99`); err != nil {
			t.Fatal(err)
		}
		raw.Close()
		before := fileSum(t, path)
		_, err = sqlite.Open(context.Background(), path)
		wantCode(t, err, domain.ETOONEW, "db.too_new")
		if after := fileSum(t, path); after != before {
			t.Fatal("a newer database was modified")
		}
		if _, err := os.Stat(path + "-wal"); err == nil {
			t.Fatal("a newer database got a WAL file")
		}
	})

	t.Run("ErrNotADatabase", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "notes.db")
		content := []byte(strings.Repeat("Dies ist keine Datenbank. ", 200))
		os.WriteFile(path, content, 0o600)
		_, err := sqlite.Open(context.Background(), path)
		wantCode(t, err, domain.EINVALID, "db.not_database")
		if got, _ := os.ReadFile(path); string(got) != string(content) {
			t.Fatal("foreign file was modified")
		}
	})

	t.Run("ErrLockedInProcess", func(t *testing.T) {
		db := MustOpenDB(t)
		_, err := sqlite.Open(context.Background(), db.Path())
		wantCode(t, err, domain.ELOCKED, "db.locked")
	})

	t.Run("ErrPathInvalid", func(t *testing.T) {
		_, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "a?b.db"))
		wantCode(t, err, domain.EINVALID, "db.path.invalid")
	})
}

// TestLockAgainstSecondProcess starts this test binary again as a child
// that tries to open the database the parent holds open.
func TestLockAgainstSecondProcess(t *testing.T) {
	if path := os.Getenv("TANDEM_TEST_CHILD_OPEN"); path != "" {
		db, err := sqlite.Open(context.Background(), path)
		if err != nil {
			os.Stdout.WriteString("child:" + domain.ErrorCode(err) + "\n")
			os.Exit(0)
		}
		db.Close()
		os.Stdout.WriteString("child:opened\n")
		os.Exit(0)
	}
	runChild := func(path string) string {
		cmd := exec.Command(os.Args[0], "-test.run=^TestLockAgainstSecondProcess$")
		cmd.Env = append(os.Environ(), "TANDEM_TEST_CHILD_OPEN="+path)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("child: %v\n%s", err, out)
		}
		for _, line := range strings.Split(string(out), "\n") {
			if strings.HasPrefix(line, "child:") {
				return strings.TrimPrefix(line, "child:")
			}
		}
		t.Fatalf("child said nothing: %s", out)
		return ""
	}

	path := filepath.Join(t.TempDir(), "tandem.db")
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if got := runChild(path); got != domain.ELOCKED {
		t.Fatalf("second process while open: %q, want %q", got, domain.ELOCKED)
	}
	db.Close()
	if got := runChild(path); got != "opened" {
		t.Fatalf("second process after close: %q, want opened", got)
	}
}

func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	raw, err := sql.Open("sqlite", path+"?_pragma=query_only(1)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return raw
}

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}
