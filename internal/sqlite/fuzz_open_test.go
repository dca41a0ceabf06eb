package sqlite_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"

	"tandem/internal/domain"
	"tandem/internal/sqlite"
)

// FuzzOpen opens mutated copies of a real database file (people, a group
// session, notes, agreements, the search index): bytes overwritten at a
// position, optionally cut short, optionally with the marker of a crashed
// run (then integrity_check runs). Opening must never panic or hang, and
// must end in one of:
//   - ok: the database opened as it is;
//   - recovery: the file (with -wal/-shm) was moved aside unchanged and a
//     new database opened;
//   - a German-keyed refusal (not a database, too new, damaged but not
//     movable, internal) with the file still in place.
//
// go test -run '^$' -fuzz FuzzOpen -fuzztime 2m ./internal/sqlite
func FuzzOpen(f *testing.F) {
	base, err := os.ReadFile(makeDataDB(f, f.TempDir(), 25))
	if err != nil {
		f.Fatal(err)
	}
	page := uint32(4096)
	f.Add(uint32(0), []byte{}, uint32(0), false)                                 // unchanged
	f.Add(uint32(0), []byte{}, uint32(0), true)                                  // unchanged, after a crash
	f.Add(uint32(0), []byte("SQLite format 4\x00"), uint32(0), false)            // foreign magic
	f.Add(uint32(16), []byte{0x00, 0x03}, uint32(0), false)                      // page size 3
	f.Add(uint32(28), []byte{0xff, 0xff, 0xff, 0xff}, uint32(0), false)          // database size in pages
	f.Add(uint32(60), binary.BigEndian.AppendUint32(nil, 999), uint32(0), false) // user_version: too new
	f.Add(uint32(60), binary.BigEndian.AppendUint32(nil, 1), uint32(0), false)   // user_version: too old
	f.Add(uint32(100), bytes.Repeat([]byte{0xA5}, 200), uint32(0), true)         // sqlite_schema page
	f.Add(3*page+8, bytes.Repeat([]byte{0xff}, 64), uint32(0), true)             // a b-tree page header
	f.Add(7*page, make([]byte, int(page)), uint32(0), false)                     // a zeroed page
	f.Add(uint32(0), []byte{}, uint32(len(base)/2), true)                        // cut in half
	f.Add(uint32(0), make([]byte, 100), uint32(0), false)                        // zeroed header

	f.Fuzz(func(t *testing.T, pos uint32, patch []byte, cut uint32, unclean bool) {
		data := bytes.Clone(base)
		if cut > 0 {
			data = data[:int(cut%uint32(len(data)))]
		}
		if len(data) > 0 && len(patch) > 0 {
			copy(data[int(pos%uint32(len(data))):], patch)
		}
		dir, err := os.MkdirTemp("", "tandem-fuzz-") // t.TempDir's name holds "#", which Open refuses
		if err != nil {
			t.Fatal(err)
		}
		defer os.RemoveAll(dir)
		path := filepath.Join(dir, "tandem.db")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		if unclean {
			writeMarker(t, path)
		}

		db, err := sqlite.Open(context.Background(), path)
		if err != nil {
			switch e := domain.AsError(err); e.Key {
			case "db.not_database", "db.too_new":
				if got, _ := os.ReadFile(path); !bytes.Equal(got, data) {
					t.Fatalf("refused (%v) but changed the file", err)
				}
			case "db.damaged", "internal":
				if _, serr := os.Stat(path); serr != nil {
					t.Fatalf("refused (%v) and the file is gone", err)
				}
			default:
				t.Fatalf("unexpected error: %v", err)
			}
			return
		}
		defer db.Close()
		if r := db.Recovery(); r != nil {
			got, err := os.ReadFile(r.DamagedPath)
			if err != nil {
				t.Fatalf("damaged file not kept: %v", err)
			}
			if len(got) != len(data) && !(len(data) == 0 && len(got) == 0) {
				// A checkpoint of the damaged file's own WAL may rewrite pages, never drop the file.
				t.Logf("damaged file %d bytes, written %d", len(got), len(data))
			}
			if n := countPeople(t, db); n != 0 {
				t.Fatalf("new database has %d people", n)
			}
		}
		if v, err := db.SchemaVersion(context.Background()); err != nil || v != sqlite.KnownSchemaVersion() {
			t.Fatalf("opened at version %d, %v", v, err)
		}
	})
}
