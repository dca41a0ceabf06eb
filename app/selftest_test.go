package app

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"tandem/internal/wintest"
)

func TestSelftestPasses(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "neu", "Ordner mit Ümlaut")
	var out bytes.Buffer
	if !Selftest(dir, &out) {
		t.Fatalf("self-test failed:\n%s", out.String())
	}
	for _, want := range []string{"Ordner prüfen: OK", "Datenbank anlegen und migrieren: OK", "Person speichern und lesen: OK",
		"Abschlussbestätigung als PDF ausstellen: OK", "Datensicherung anlegen: OK", "Datensicherung wiederherstellen: OK",
		"Datenbank schließen: OK", "Selbsttest bestanden"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	pdfs, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	if len(pdfs) != 1 {
		t.Errorf("PDFs in the folder: %v", pdfs)
	}
	if _, err := os.Stat(filepath.Join(dir, SelftestDBName)); err != nil {
		t.Error(err)
	}
}

// A second run in the same folder refuses and leaves the database as it is.
func TestSelftestNeverTouchesExistingDatabase(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, SelftestDBName)
	if err := os.WriteFile(db, []byte("keine Datenbank"), 0o600); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if Selftest(dir, &out) {
		t.Fatalf("self-test passed on a folder with a database:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "gibt es schon") {
		t.Errorf("no German refusal:\n%s", out.String())
	}
	if b, _ := os.ReadFile(db); string(b) != "keine Datenbank" {
		t.Errorf("existing file changed: %q", b)
	}
}

// Folders that cannot be used get a German line and exit status 1, never a crash.
func TestSelftestBadFolders(t *testing.T) {
	file := filepath.Join(t.TempDir(), "datei.txt")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		"":                           "kein Ordner angegeben",
		file:                         "ist eine Datei, kein Ordner",
		filepath.Join(file, "unter"): "kann nicht angelegt werden",
	}
	if runtime.GOOS == "windows" {
		cases[`C:\a<b`] = "Zeichen, die Windows in Ordnernamen nicht erlaubt (<)"
		cases[`C:\x\"ja"|nein`] = `(" |)`
		if _, err := os.Stat(`Q:\`); err != nil {
			cases[`Q:\nirgendwo`] = "das Laufwerk oder die Freigabe „Q:“ ist nicht erreichbar"
		}
		if wintest.IsWine() {
			cases[`Z:\proc\tandem-selftest`] = "kann nicht angelegt werden" // Wine's Z: is /, and /proc refuses even root
		}
	} else {
		cases["/proc/tandem-selftest"] = "kann nicht angelegt werden" // refuses even root
		if os.Getuid() != 0 {
			locked := filepath.Join(t.TempDir(), "gesperrt")
			if err := os.Mkdir(locked, 0o500); err != nil {
				t.Fatal(err)
			}
			cases[locked] = "kann keine Datei angelegt werden (keine Schreibrechte)"
		}
	}
	for dir, want := range cases {
		var out bytes.Buffer
		if Selftest(dir, &out) {
			t.Errorf("%q: self-test passed:\n%s", dir, out.String())
			continue
		}
		if !strings.Contains(out.String(), "Ordner prüfen: FEHLER – ") || !strings.Contains(out.String(), want) {
			t.Errorf("%q: want a German line with %q, got:\n%s", dir, want, out.String())
		}
	}
}

func TestFolderProblem(t *testing.T) {
	for err, want := range map[error]string{
		&os.PathError{Op: "mkdir", Path: "x", Err: os.ErrPermission}: "keine Schreibrechte",
		&os.PathError{Op: "mkdir", Path: "x", Err: os.ErrNotExist}:   "ein übergeordneter Ordner fehlt",
		&os.PathError{Op: "mkdir", Path: "x", Err: os.ErrInvalid}:    "Systemmeldung: invalid argument",
	} {
		if got := folderProblem(err); got != want {
			t.Errorf("folderProblem(%v) = %q, want %q", err, got, want)
		}
	}
}

func TestWindowsForbidden(t *testing.T) {
	for path, want := range map[string]string{
		`C:\Daten\Tandem`:        "",
		`C:\a<b`:                 "<",
		`C:\a:b`:                 ":",
		`\\server\share\x?y*`:    "? *",
		`\\?\C:\lang\pfad`:       "",
		`\\?\C:\lang\p|fad`:      "|",
		`D:\Ordner "zitiert" >x`: `> "`,
	} {
		if got := windowsForbidden(path); got != want {
			t.Errorf("windowsForbidden(%q) = %q, want %q", path, got, want)
		}
	}
}
