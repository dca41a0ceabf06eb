package fsinfo

import (
	"errors"

	"golang.org/x/sys/windows"
)

func isFullOS(err error) bool {
	return errors.Is(err, windows.ERROR_DISK_FULL) || errors.Is(err, windows.ERROR_HANDLE_DISK_FULL) ||
		errors.Is(err, windows.ERROR_DISK_QUOTA_EXCEEDED)
}

func isReadOnlyOS(err error) bool { return errors.Is(err, windows.ERROR_WRITE_PROTECT) }

// DriveMissing reports whether drive ("X:", from filepath.VolumeName)
// names a drive letter that is not there (an unplugged stick, a network
// drive not connected).
func DriveMissing(drive string) bool {
	if len(drive) != 2 || drive[1] != ':' {
		return false
	}
	root, err := windows.UTF16PtrFromString(drive + `\`)
	if err != nil {
		return false
	}
	return windows.GetDriveType(root) == windows.DRIVE_NO_ROOT_DIR
}
