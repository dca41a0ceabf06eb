//go:build unix && !linux

package filelock

import (
	"errors"
	"log"
	"os"
	"path/filepath"
	"syscall"

	"golang.org/x/sys/unix"
)

func openFile(path string, create bool) (*os.File, error) {
	flag := os.O_RDWR
	if create {
		flag |= os.O_CREATE
	}
	return os.OpenFile(path, flag, 0o600)
}

// lockFile uses flock(2): on the BSDs and macOS it is kept apart from
// SQLite's POSIX locks and bound to this descriptor.
func lockFile(f *os.File) error {
	err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, unix.EWOULDBLOCK):
		return ErrLocked
	case errors.Is(err, unix.ENOLCK) || errors.Is(err, unix.EOPNOTSUPP):
		log.Printf("no lock on %s (%v): only the lock file guards it", f.Name(), err)
		return nil
	}
	return err
}

func linkCount(f *os.File) int {
	fi, err := f.Stat()
	if err != nil {
		return 0
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return int(st.Nlink)
	}
	return 0
}

func finalPath(abs string) (string, error) { return filepath.EvalSymlinks(abs) }
