package filelock

import (
	"errors"
	"log"
	"os"
	"strings"

	"golang.org/x/sys/windows"
)

// openFile opens path with FILE_SHARE_DELETE, which os.OpenFile leaves
// out: the lock stays held while a restore renames the file away.
func openFile(path string, create bool) (*os.File, error) {
	p, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return nil, err
	}
	disp := uint32(windows.OPEN_EXISTING)
	if create {
		disp = windows.OPEN_ALWAYS
	}
	h, err := windows.CreateFile(p, windows.GENERIC_READ|windows.GENERIC_WRITE,
		windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE|windows.FILE_SHARE_DELETE,
		nil, disp, windows.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	return os.NewFile(uintptr(h), path), nil
}

func lockFile(f *os.File) error {
	off := uint64(LockOffset)
	ol := windows.Overlapped{Offset: uint32(off), OffsetHigh: uint32(off >> 32)}
	err := windows.LockFileEx(windows.Handle(f.Fd()),
		windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ol)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, windows.ERROR_LOCK_VIOLATION) || errors.Is(err, windows.ERROR_IO_PENDING):
		return ErrLocked
	case errors.Is(err, windows.ERROR_NOT_SUPPORTED) || errors.Is(err, windows.ERROR_INVALID_FUNCTION):
		log.Printf("no byte-range lock on %s (%v): only the lock file guards it", f.Name(), err)
		return nil
	}
	return err
}

func linkCount(f *os.File) int {
	var info windows.ByHandleFileInformation
	if err := windows.GetFileInformationByHandle(windows.Handle(f.Fd()), &info); err != nil {
		return 0
	}
	return int(info.NumberOfLinks)
}

// finalPath asks Windows for the name it opens abs under: mapped drives
// become \\server\share\…, subst drives, junctions and symlinks their
// target, 8.3 names long names. Where Windows cannot say (a volume
// without a drive letter), abs is kept.
func finalPath(abs string) (string, error) {
	p, err := windows.UTF16PtrFromString(abs)
	if err != nil {
		return "", err
	}
	h, err := windows.CreateFile(p, 0, windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE|windows.FILE_SHARE_DELETE,
		nil, windows.OPEN_EXISTING, windows.FILE_FLAG_BACKUP_SEMANTICS, 0)
	if err != nil {
		return "", &os.PathError{Op: "open", Path: abs, Err: err}
	}
	defer windows.CloseHandle(h)
	buf := make([]uint16, windows.MAX_LONG_PATH)
	n, err := windows.GetFinalPathNameByHandle(h, &buf[0], uint32(len(buf)), volumeNameDOS)
	if err != nil || int(n) >= len(buf) {
		return abs, nil
	}
	s := windows.UTF16ToString(buf[:n])
	switch {
	case strings.HasPrefix(s, `\\?\UNC\`):
		return `\\` + s[len(`\\?\UNC\`):], nil
	case strings.HasPrefix(s, `\\?\`) && len(s) >= 6 && s[5] == ':':
		return s[4:], nil
	}
	return s, nil
}

// volumeNameDOS is FILE_NAME_NORMALIZED|VOLUME_NAME_DOS (both 0): a name
// with a drive letter or \\?\UNC\.
const volumeNameDOS = 0
