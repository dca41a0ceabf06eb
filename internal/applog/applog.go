// Package applog sends the app's log lines to a file as well as to stderr:
// a Windows GUI program has no stderr, and support needs something to read.
// The file is <UserConfigDir>/Tandem/tandem.log (%AppData%\Tandem\tandem.log
// on Windows), appended to, and moved to tandem.log.1 at start once it has
// grown past MaxSize, so at most two files of about 1 MB exist. Log lines
// name ids, paths and errors, never personal content.
package applog

import (
	"io"
	"log"
	"os"
	"path/filepath"
)

// MaxSize is the size past which the log is rotated at start.
const MaxSize = 1 << 20

// DefaultPath is where the app logs: beside the default database folder.
func DefaultPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "Tandem", "tandem.log"), nil
}

// Start rotates path when it is over MaxSize, opens it for appending
// (owner-only rights) and sends the standard logger to it and to stderr.
// When the file cannot be opened the logger stays on stderr alone and the
// error is returned. The returned function closes the file.
func Start(path string) (func(), error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return func() {}, err
	}
	if fi, err := os.Stat(path); err == nil && fi.Size() > MaxSize {
		// os.Rename replaces an older tandem.log.1, also on Windows (MoveFileEx).
		if err := os.Rename(path, path+".1"); err != nil {
			log.Printf("log %s not rotated: %v", path, err)
		}
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return func() {}, err
	}
	log.SetOutput(both{file: f, stderr: os.Stderr})
	return func() {
		log.SetOutput(os.Stderr)
		f.Close()
	}, nil
}

// both writes to the file and to stderr, and ignores stderr's errors: a GUI
// program on Windows has none, and that must not stop the file.
type both struct {
	file   io.Writer
	stderr io.Writer
}

func (b both) Write(p []byte) (int, error) {
	n, err := b.file.Write(p)
	b.stderr.Write(p) //nolint:errcheck // see the type's comment
	return n, err
}
