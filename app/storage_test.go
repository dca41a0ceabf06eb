package app

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tandem/internal/backup"
	"tandem/internal/domain"
)

// TestStartProblemNamesStorageFault: a database that cannot be written is
// refused at start with a message that names the cause and what helps.
func TestStartProblemNamesStorageFault(t *testing.T) {
	t.Run("Folder", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "tandem.db")
		if err := os.Mkdir(path, 0o700); err != nil {
			t.Fatal(err)
		}
		s, closeDB := Open(context.Background(), Config{DBPath: path})
		defer closeDB()
		st, _ := s.System.Status()
		if st.Ready || st.Problem == nil || st.Problem.Key != "db.is_folder" || !strings.Contains(st.Problem.Message, "Ordner") {
			t.Fatalf("status = %+v, problem %+v", st, st.Problem)
		}
	})
	t.Run("ReadOnlyFile", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "tandem.db")
		s, closeDB := Open(context.Background(), Config{DBPath: path})
		closeDB()
		_ = s
		if os.Geteuid() == 0 {
			if out, err := exec.Command("chattr", "+i", path).CombinedOutput(); err != nil {
				t.Skipf("chattr: %v %s", err, out)
			}
			defer exec.Command("chattr", "-i", path).Run()
		} else if err := os.Chmod(path, 0o444); err != nil {
			t.Fatal(err)
		}
		readOnlyOrSkip(t, path)
		s, closeDB = Open(context.Background(), Config{DBPath: path})
		defer closeDB()
		st, _ := s.System.Status()
		if st.Ready || st.Problem == nil || st.Problem.Key != "db.readonly" || !strings.Contains(st.Problem.Message, "schreibgeschützt") {
			t.Fatalf("status = %+v, problem %+v", st, st.Problem)
		}
	})
}

// TestStorageErrorsNamed: an error that reaches the UI as "internal" but
// was caused by a full or write-protected drive says so.
func TestStorageErrorsNamed(t *testing.T) {
	_, err := os.OpenFile(filepath.Join(t.TempDir(), "x", "y"), os.O_CREATE|os.O_WRONLY, 0o600)
	if e := toAppError(domain.Internal(err, "write")); e.Key != "internal" {
		t.Fatalf("a missing folder became %s", e.Key)
	}
	full := &os.PathError{Op: "write", Path: "tandem.db-wal", Err: syscallENOSPC}
	e := wantAppError(t, domain.Internal(full, "commit"), domain.EINTERNAL, "storage.full")
	if strings.Contains(e.Message, "versuchen Sie es erneut") {
		t.Fatalf("message %q", e.Message)
	}
}

// TestEmptyDatabaseFile: a 0-byte database with backups beside it is set
// aside and the newest backup offered; with none, Tandem starts with a new
// database without a notice.
func TestEmptyDatabaseFile(t *testing.T) {
	ctx := context.Background()
	t.Run("WithBackup", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "tandem.db")
		s, closeDB := Open(ctx, Config{DBPath: path})
		addPersonNamed(t, s, "Gesichert")
		db, _, release, _ := s.People.s.use()
		release()
		good, err := backup.Create(ctx, db, backup.DefaultDir(path), backup.KindAuto, time.Now().Add(-time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		closeDB()
		if err := os.Truncate(path, 0); err != nil {
			t.Fatal(err)
		}
		s, closeDB = Open(ctx, Config{DBPath: path})
		defer closeDB()
		st, _ := s.System.Status()
		if !st.Ready || st.Recovery == nil || st.Recovery.Backup == nil || st.Recovery.Backup.Path != good.Path {
			t.Fatalf("status = %+v, recovery %+v", st, st.Recovery)
		}
	})
	t.Run("WithoutBackup", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "tandem.db")
		if err := os.WriteFile(path, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		s, closeDB := Open(ctx, Config{DBPath: path})
		defer closeDB()
		st, _ := s.System.Status()
		if !st.Ready || st.Recovery != nil {
			t.Fatalf("status = %+v, recovery %+v", st, st.Recovery)
		}
		addPersonNamed(t, s, "Neu")
	})
}
