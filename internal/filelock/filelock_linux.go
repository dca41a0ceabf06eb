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

// lockFile takes an open-file-description lock: unlike flock(2), which
// Linux emulates with process-wide POSIX locks on NFS and SMB, it is never
// mixed with or released by SQLite's own POSIX locks on the same file.
func lockFile(f *os.File) error {
	lk := unix.Flock_t{Type: unix.F_WRLCK, Whence: 0, Start: LockOffset, Len: 1}
	err := unix.FcntlFlock(f.Fd(), unix.F_OFD_SETLK, &lk)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, unix.EAGAIN) || errors.Is(err, unix.EACCES):
		return ErrLocked
	case errors.Is(err, unix.ENOLCK) || errors.Is(err, unix.EINVAL) || errors.Is(err, unix.EOPNOTSUPP):
		log.Printf("no byte-range lock on %s (%v): only the lock file guards it", f.Name(), err)
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
