package backup

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"tandem/internal/sqlite"
)

func openTestDB(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "tandem.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// A file that appears under the chosen name after the check (another
// laptop, same minute) is never replaced: the backup takes the next name,
// with hard links and, where links fail, with the rename fallback.
func TestCreateInNeverReplaces(t *testing.T) {
	now := time.Date(2026, 11, 23, 14, 5, 0, 0, time.Local)
	other := []byte("the other laptop's backup")
	for _, c := range []struct {
		name    string
		linkErr error // nil: real os.Link
	}{
		{"link", nil},
		{"no links", syscall.EPERM},
		{"no links (windows share)", syscall.ENOTSUP},
	} {
		t.Run(c.name, func(t *testing.T) {
			db := openTestDB(t)
			dir := t.TempDir()
			first := filepath.Join(dir, FileName(KindAuto, now, false, 1))
			calls := 0
			link = func(oldname, newname string) error {
				calls++
				if calls == 1 { // the race: someone else writes the name now
					if err := os.WriteFile(newname, other, 0o600); err != nil {
						t.Fatal(err)
					}
				}
				if c.linkErr != nil {
					return &os.LinkError{Op: "link", Old: oldname, New: newname, Err: c.linkErr}
				}
				return os.Link(oldname, newname)
			}
			defer func() { link = os.Link }()
			info, err := CreateIn(context.Background(), db, dir, KindAuto, now, "")
			if err != nil {
				t.Fatal(err)
			}
			if filepath.Base(info.Path) != FileName(KindAuto, now, false, 2) {
				t.Fatalf("placed at %s", info.Path)
			}
			if got, _ := os.ReadFile(first); !bytes.Equal(got, other) {
				t.Fatalf("existing file replaced: %q", got)
			}
			if err := Check(info.Path); err != nil {
				t.Fatal(err)
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), sqlite.TempPrefix) {
					t.Errorf("temp file left: %s", e.Name())
				}
			}
			if len(entries) != 2 {
				t.Fatalf("files %v", entries)
			}
		})
	}
}

// WriteTo (a path the user chose in the save dialog) still replaces.
func TestWriteToReplaces(t *testing.T) {
	db := openTestDB(t)
	path := filepath.Join(t.TempDir(), "meine-sicherung.db")
	os.WriteFile(path, []byte("old"), 0o600)
	if err := WriteTo(context.Background(), db, path, ""); err != nil {
		t.Fatal(err)
	}
	if err := Check(path); err != nil {
		t.Fatal(err)
	}
}
