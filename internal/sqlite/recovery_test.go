package sqlite_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tandem/internal/domain"
	"tandem/internal/sqlite"
)

// makeDataDB writes a database with people, a group session, notes and
// agreements, closes it cleanly (so everything is in the main file) and
// returns its path.
func makeDataDB(tb testing.TB, dir string, people int) string {
	tb.Helper()
	path := filepath.Join(dir, "tandem.db")
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		tb.Fatal(err)
	}
	fillDB(tb, db, people)
	if err := db.Close(); err != nil {
		tb.Fatal(err)
	}
	return path
}

func fillDB(tb testing.TB, db *sqlite.DB, people int) {
	tb.Helper()
	ctx := context.Background()
	for i := 0; i < people; i++ {
		mustCreatePerson(tb, db, domain.PersonInput{FirstName: fmt.Sprintf("Jürgen %d", i), LastName: "Weiß", Note: strings.Repeat("Notiz ", 20)})
	}
	err := db.ExecInTx(ctx, func(tx *sql.Tx) error {
		const now = "2026-01-01T00:00:00Z"
		for _, q := range []string{
			`INSERT INTO groups (id, kind, name, name_key, created_at, updated_at) VALUES (1, 'peer_mentees', 'Kollegiale Beratung', 'kollegiale beratung', ?1, ?1)`,
			`INSERT INTO sessions (id, kind, group_id, date, start_time, duration_minutes, created_at, updated_at) VALUES (1, 'peer_group', 1, '2026-01-01', '10:00', 60, ?1, ?1)`,
		} {
			if _, err := tx.Exec(q, now); err != nil {
				return err
			}
		}
		for i := 0; i < people; i++ {
			if _, err := tx.Exec(`INSERT INTO notes (session_id, text, created_at, updated_at) VALUES (1, ?1, ?2, ?2)`, fmt.Sprintf("Gesprächsnotiz %d: %s", i, strings.Repeat("Fallberatung ", 30)), now); err != nil {
				return err
			}
			if _, err := tx.Exec(`INSERT INTO agreements (session_id, text, owner_id, created_at, updated_at) VALUES (1, ?1, (SELECT max(id) FROM people), ?2, ?2)`, fmt.Sprintf("Vereinbarung %d", i), now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
}

func writeMarker(t *testing.T, path string) {
	t.Helper()
	if err := os.WriteFile(path+sqlite.MarkerSuffix, []byte("pid 1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
}

// corruptPage overwrites page n (1-based, 4096 bytes) with a pattern.
func corruptPage(t *testing.T, path string, n int) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(bytes.Repeat([]byte{0xA5, 0x17, 0x00, 0xFF}, 1024), int64(n-1)*4096); err != nil {
		t.Fatal(err)
	}
}

func countPeople(t *testing.T, db *sqlite.DB) int {
	t.Helper()
	l, err := db.People(context.Background(), domain.PersonFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return l.Total
}

func TestRunningMarker(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tandem.db")
	db := MustOpenPath(t, path)
	if _, err := os.Stat(path + sqlite.MarkerSuffix); err != nil {
		t.Fatalf("no marker while open: %v", err)
	}
	db.Close()
	if _, err := os.Stat(path + sqlite.MarkerSuffix); !os.IsNotExist(err) {
		t.Fatalf("marker left after a clean close: %v", err)
	}

	// A marker left by a crashed run: the file is checked and, being sound, opened as it is.
	path = makeDataDB(t, t.TempDir(), 5)
	writeMarker(t, path)
	db = MustOpenPath(t, path)
	if r := db.Recovery(); r != nil {
		t.Fatalf("sound file recovered: %+v", r)
	}
	if n := countPeople(t, db); n != 5 {
		t.Fatalf("people = %d, want 5", n)
	}
}

func TestDamagedDatabaseMovedAside(t *testing.T) {
	t.Run("UncleanAndCorruptPage", func(t *testing.T) {
		dir := t.TempDir()
		path := makeDataDB(t, dir, 40)
		corruptPage(t, path, 6)
		writeMarker(t, path)
		before := fileSum(t, path)

		db := MustOpenPath(t, path)
		r := db.Recovery()
		if r == nil {
			t.Fatal("damaged file not recovered")
		}
		if !r.Unclean || !strings.HasPrefix(filepath.Base(r.DamagedPath), "tandem.db.damaged-") || filepath.Dir(r.DamagedPath) != dir {
			t.Fatalf("recovery = %+v", r)
		}
		if fileSum(t, r.DamagedPath) != before {
			t.Fatal("the damaged file was changed while moved")
		}
		if n := countPeople(t, db); n != 0 {
			t.Fatalf("new database has %d people", n)
		}
		if v, _ := db.SchemaVersion(context.Background()); v != sqlite.KnownSchemaVersion() {
			t.Fatalf("new database at version %d", v)
		}
		mustCreatePerson(t, db, domain.PersonInput{FirstName: "Neu", LastName: "Anfang"})
	})

	t.Run("WalMovedWithIt", func(t *testing.T) {
		// A crash image: main file and -wal copied while a writer had them open.
		dir := t.TempDir()
		src := makeDataDB(t, t.TempDir(), 3)
		raw, err := sql.Open("sqlite", src+"?_pragma=journal_mode(WAL)&_pragma=wal_autocheckpoint(0)")
		if err != nil {
			t.Fatal(err)
		}
		defer raw.Close()
		raw.SetMaxOpenConns(1)
		if _, err := raw.Exec(`UPDATE people SET note = 'nach dem Absturz'`); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, "tandem.db")
		for _, suffix := range []string{"", "-wal"} {
			data, err := os.ReadFile(src + suffix)
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(path+suffix, data, 0o600)
		}
		corruptPage(t, path, 4)
		writeMarker(t, path)
		walBefore := fileSum(t, path+"-wal")

		db := MustOpenPath(t, path)
		r := db.Recovery()
		if r == nil {
			t.Fatal("damaged file not recovered")
		}
		if fileSum(t, r.DamagedPath+"-wal") != walBefore {
			t.Fatal("the -wal was not moved with the damaged file")
		}
		if n := countPeople(t, db); n != 0 {
			t.Fatalf("new database has %d people: the old WAL was replayed into it", n)
		}
	})

	t.Run("ZeroedFirstPageWithoutMarker", func(t *testing.T) {
		path := makeDataDB(t, t.TempDir(), 3)
		f, _ := os.OpenFile(path, os.O_RDWR, 0)
		f.WriteAt(make([]byte, 4096), 0)
		f.Close()
		db := MustOpenPath(t, path)
		if r := db.Recovery(); r == nil || r.Unclean {
			t.Fatalf("recovery = %+v", r)
		}
	})

	t.Run("TruncatedUnclean", func(t *testing.T) {
		path := makeDataDB(t, t.TempDir(), 60)
		fi, _ := os.Stat(path)
		os.Truncate(path, fi.Size()/2)
		writeMarker(t, path)
		db := MustOpenPath(t, path)
		if r := db.Recovery(); r == nil {
			t.Fatal("truncated file not recovered")
		}
	})

	t.Run("TwoInOneSecondKeepBoth", func(t *testing.T) {
		dir := t.TempDir()
		var moved []string
		for i := 0; i < 2; i++ {
			path := makeDataDB(t, dir, 1)
			f, _ := os.OpenFile(path, os.O_RDWR, 0)
			f.WriteAt(make([]byte, 100), 0) // zeroed header: SQLITE_NOTADB
			f.Close()
			db, err := sqlite.Open(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			if db.Recovery() == nil {
				t.Fatal("not recovered")
			}
			moved = append(moved, db.Recovery().DamagedPath)
			db.Close()
			os.Remove(path) // the next round writes a new damaged file there
		}
		if moved[0] == moved[1] {
			t.Fatalf("second damaged file overwrote the first: %v", moved)
		}
		for _, m := range moved {
			if _, err := os.Stat(m); err != nil {
				t.Fatal(err)
			}
		}
	})

	t.Run("ForeignFileUntouched", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "tandem.db")
		content := []byte("%PDF-1.7 kein SQLite")
		os.WriteFile(path, content, 0o600)
		writeMarker(t, path)
		_, err := sqlite.Open(context.Background(), path)
		wantCode(t, err, domain.EINVALID, "db.not_database")
		if got, _ := os.ReadFile(path); !bytes.Equal(got, content) {
			t.Fatal("foreign file changed")
		}
		if _, err := os.Stat(path + sqlite.MarkerSuffix); err != nil {
			t.Fatal("the crashed run's marker was removed although nothing was checked")
		}
	})
}
