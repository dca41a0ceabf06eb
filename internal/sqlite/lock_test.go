package sqlite_test

import (
	"context"
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

// TestChildProcess is not a test: it is the second process of the lock
// tests, this binary started again with TANDEM_TEST_CHILD set to a path.
// It opens the database there, writes a person and says what happened.
func TestChildProcess(t *testing.T) {
	path := os.Getenv("TANDEM_TEST_CHILD")
	if path == "" {
		t.Skip("runs only as the child of a lock test")
	}
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		os.Stdout.WriteString("child:" + domain.ErrorCode(err) + ":" + domain.AsError(err).Key + "\n")
		os.Exit(0)
	}
	if _, err := db.CreatePerson(context.Background(), domain.PersonInput{FirstName: "Zweites", LastName: "Fenster"}); err != nil {
		os.Stdout.WriteString("child:write failed " + err.Error() + "\n")
		os.Exit(0)
	}
	db.Close()
	os.Stdout.WriteString("child:wrote\n")
	os.Exit(0)
}

// runChild opens path in a second process, from folder dir ("" for the
// parent's), and returns "wrote" or "<code>:<key>".
func runChild(t *testing.T, dir, path string) string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestChildProcess$")
	cmd.Env = append(os.Environ(), "TANDEM_TEST_CHILD="+path)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(line, "child:") {
			return strings.TrimSpace(strings.TrimPrefix(line, "child:"))
		}
	}
	t.Fatalf("child said nothing: %s", out)
	return ""
}

const refused = domain.ELOCKED + ":db.locked"

// otherNames makes names for the database file at path that a second
// process might use, skipping those the system cannot make.
func otherNames(t *testing.T, path string) map[string]string {
	t.Helper()
	dir := filepath.Dir(path)
	names := map[string]string{}
	if err := os.Link(path, filepath.Join(dir, "hardlink.db")); err == nil {
		names["hard link"] = filepath.Join(dir, "hardlink.db")
	} else {
		t.Logf("no hard link: %v", err)
	}
	if err := os.Symlink(path, filepath.Join(dir, "symlink.db")); err == nil {
		names["symlink"] = filepath.Join(dir, "symlink.db")
	} else {
		t.Logf("no symlink: %v", err)
	}
	linkedDir := filepath.Join(t.TempDir(), "ordner")
	if err := os.Symlink(dir, linkedDir); err == nil {
		names["symlinked folder"] = filepath.Join(linkedDir, filepath.Base(path))
	} else {
		t.Logf("no symlinked folder: %v", err)
	}
	sub := filepath.Join(dir, "unter")
	if err := os.Mkdir(sub, 0o700); err != nil {
		t.Fatal(err)
	}
	names["dot dot"] = sub + string(filepath.Separator) + ".." + string(filepath.Separator) + filepath.Base(path)
	names["relative"] = filepath.Base(path) // the child runs in dir
	addOSNames(t, path, names)
	// Wine 8 answers CreateSymbolicLink and mklink /J with success and
	// makes nothing: only a name that reaches the file is tested.
	want, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	for name, other := range names {
		if !filepath.IsAbs(other) {
			other = filepath.Join(dir, other)
		}
		if got, err := os.Stat(other); err != nil || !os.SameFile(got, want) {
			t.Logf("%s %s does not reach the file here (%v): not tested", name, other, err)
			delete(names, name)
		}
	}
	return names
}

// TestLockSameFileOtherName: a second process is refused whatever name it
// uses for the open database, and writes nothing.
func TestLockSameFileOtherName(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tandem.db")
	db := MustOpenPath(t, path)
	mustCreatePerson(t, db, domain.PersonInput{FirstName: "Erstes", LastName: "Fenster"})
	for name, other := range otherNames(t, path) {
		t.Run(name, func(t *testing.T) {
			if got := runChild(t, filepath.Dir(path), other); got != refused {
				t.Fatalf("second process via %s: %q, want %q", other, got, refused)
			}
		})
	}
	l, err := db.People(context.Background(), domain.PersonFilter{})
	if err != nil || l.Total != 1 {
		t.Fatalf("people = %+v, %v; want only the first window's", l, err)
	}
	db.Close()
	if got := runChild(t, "", path); got != "wrote" {
		t.Fatalf("after close: %q", got)
	}
}

// TestLockAfterRestore: a restore replaces the file by a rename; the new
// file is locked before it opens and the lock file is held throughout,
// so a second process is refused after it under every name, a hard link
// (which still reaches the old file) included.
func TestLockAfterRestore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "tandem.db")
	db := MustOpenPath(t, path)
	mustCreatePerson(t, db, domain.PersonInput{FirstName: "Vor", LastName: "Sicherung"})
	saved, err := backup.Create(ctx, db, filepath.Join(dir, "sicherungen"), backup.KindManual, db.Now())
	if err != nil {
		t.Fatal(err)
	}
	names := otherNames(t, path)

	held, err := db.CloseKeepLock()
	if err != nil {
		t.Fatal(err)
	}
	prepared, err := backup.Prepare(ctx, saved.Path, "", dir, sqlite.KnownSchemaVersion())
	if err != nil {
		t.Fatal(err)
	}
	if got := runChild(t, "", path); got != refused {
		t.Fatalf("between close and swap: %q, want %q", got, refused)
	}
	_, discard, err := backup.Replace(path, prepared)
	if err != nil {
		t.Fatal(err)
	}
	if got := runChild(t, "", path); got != refused {
		t.Fatalf("between swap and reopen: %q, want %q", got, refused)
	}
	db, err = sqlite.OpenHeld(ctx, held)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	discard()
	for name, other := range names {
		t.Run(name, func(t *testing.T) {
			if got := runChild(t, dir, other); got != refused {
				t.Fatalf("second process via %s after restore: %q, want %q", other, got, refused)
			}
		})
	}
	mustCreatePerson(t, db, domain.PersonInput{FirstName: "Nach", LastName: "Sicherung"})
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if got := runChild(t, "", path); got != "wrote" {
		t.Fatalf("after close: %q", got)
	}
	if runtime.GOOS != "windows" {
		if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
			t.Fatalf("restored file mode %v, %v; want 0600", fi.Mode(), err)
		}
	}
}
