package applog

import (
	"bytes"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestStartAppendsAndRotates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "Tandem", "tandem.log")
	stop, err := Start(path)
	if err != nil {
		t.Fatal(err)
	}
	log.Printf("erste Zeile")
	stop()
	stop, err = Start(path)
	if err != nil {
		t.Fatal(err)
	}
	log.Printf("zweite Zeile")
	stop()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "erste Zeile") || !strings.Contains(string(b), "zweite Zeile") {
		t.Fatalf("log not appended:\n%s", b)
	}
	if fi, _ := os.Stat(path); runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("log rights %v, want 0600", fi.Mode().Perm())
	}

	// Past MaxSize the old log becomes tandem.log.1 (replacing an older one).
	if err := os.WriteFile(path+".1", []byte("ganz alt"), 0o600); err != nil {
		t.Fatal(err)
	}
	big := bytes.Repeat([]byte("x"), MaxSize+1)
	if err := os.WriteFile(path, big, 0o600); err != nil {
		t.Fatal(err)
	}
	stop, err = Start(path)
	if err != nil {
		t.Fatal(err)
	}
	log.Printf("nach dem Wechsel")
	stop()
	if old, _ := os.ReadFile(path + ".1"); len(old) != len(big) {
		t.Errorf("tandem.log.1 has %d bytes, want the rotated %d", len(old), len(big))
	}
	if b, _ := os.ReadFile(path); len(b) > 200 || !strings.Contains(string(b), "nach dem Wechsel") {
		t.Errorf("new log: %q", b)
	}
}

// A log that cannot be opened leaves the logger on stderr and says why.
func TestStartUnwritable(t *testing.T) {
	file := filepath.Join(t.TempDir(), "datei")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	stop, err := Start(filepath.Join(file, "tandem.log"))
	defer stop()
	if err == nil {
		t.Fatal("a log below a file opened")
	}
	if log.Writer() != os.Stderr {
		t.Error("logger moved away from stderr")
	}
}

// The file gets every line even when stderr fails, as on a Windows GUI program.
func TestBothIgnoresStderr(t *testing.T) {
	var file bytes.Buffer
	w := both{file: &file, stderr: failing{}}
	if n, err := w.Write([]byte("zeile\n")); n != 6 || err != nil {
		t.Fatalf("Write = %d, %v", n, err)
	}
	if file.String() != "zeile\n" {
		t.Errorf("file got %q", file.String())
	}
}

type failing struct{}

func (failing) Write([]byte) (int, error) { return 0, os.ErrInvalid }

func TestDefaultPath(t *testing.T) {
	p, err := DefaultPath()
	if err != nil {
		t.Skip("no user config folder here:", err)
	}
	if filepath.Base(p) != "tandem.log" || filepath.Base(filepath.Dir(p)) != "Tandem" {
		t.Errorf("DefaultPath = %s", p)
	}
}
