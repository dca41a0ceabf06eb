package atomicfile_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tandem/internal/atomicfile"
)

func TestWriteReplacesWholeAndLeavesNoTemp(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "Einstellungen.json")
	for _, content := range []string{"erste Fassung", "zweite"} {
		if err := atomicfile.Write(path, []byte(content)); err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(path); string(got) != content {
			t.Fatalf("file holds %q, want %q", got, content)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), atomicfile.TempPrefix) {
			t.Fatalf("temp file left: %s", e.Name())
		}
	}
	// A folder that does not exist: an error, nothing written.
	if err := atomicfile.Write(filepath.Join(dir, "fehlt", "x.json"), []byte("x")); err == nil {
		t.Fatal("no error for a missing folder")
	}
}
