package atomicfile_test

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"tandem/internal/atomicfile"
)

// Replacing a file another program holds open (a PDF viewer that keeps the
// last saved letter open). Linux renames over it. Windows refuses the
// rename while a handle without FILE_SHARE_DELETE is open (Go's os.Open
// shares read and write only, as most viewers do): then Write fails with
// ErrInUse, the open file keeps its old content whole and no temp file is
// left. Under Wine the same holds.
func TestWriteOverFileOpenElsewhere(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "Abschlussbestätigung Müller Mia.pdf")
	if err := atomicfile.Write(path, []byte("alt")); err != nil {
		t.Fatal(err)
	}
	held, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	err = atomicfile.Write(path, []byte("neu"))
	got, _ := os.ReadFile(path)
	held.Close()
	switch {
	case runtime.GOOS == "windows" && err == nil:
		t.Logf("the rename replaced a file open elsewhere (content %q)", got)
	case runtime.GOOS == "windows":
		if !atomicfile.InUse(err) {
			t.Errorf("error %v is not reported as in use", err)
		}
		if string(got) != "alt" {
			t.Errorf("the open file holds %q after a refused write", got)
		}
	case err != nil || string(got) != "neu":
		t.Errorf("write over an open file: %v, content %q", err, got)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), atomicfile.TempPrefix) {
			t.Errorf("temp file left: %s", e.Name())
		}
	}
	// Once the other program has let go, the write goes through.
	if err := atomicfile.Write(path, []byte("neu")); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "neu" {
		t.Errorf("content %q", got)
	}
}
