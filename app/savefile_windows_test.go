package app

import (
	"os"
	"path/filepath"
	"testing"

	"tandem/internal/domain"
)

// Saving over a PDF that a viewer holds open: Windows refuses to replace
// it, and the message says why instead of asking for another place.
func TestSaveOverFileOpenInViewer(t *testing.T) {
	dir := t.TempDir()
	old := devSaveDir
	devSaveDir = func() string { return dir }
	t.Cleanup(func() { devSaveDir = old })
	path, err := saveFile("Speichern", "Zertifikat Müller Mia", pdfFile, []byte("alt"))
	if err != nil {
		t.Fatal(err)
	}
	held, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	_, err = saveFile("Speichern", "Zertifikat Müller Mia", pdfFile, []byte("neu"))
	wantAppError(t, err, domain.EINVALID, "export.in_use")
	if got, _ := os.ReadFile(filepath.Join(dir, "Zertifikat Müller Mia.pdf")); string(got) != "alt" {
		t.Errorf("content %q", got)
	}
}
