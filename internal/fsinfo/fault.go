package fsinfo

import (
	"errors"
	"io/fs"
	"syscall"
)

// Fault is what an operating-system error says about the storage, where
// trying again does not help until someone acts.
type Fault int

const (
	FaultNone     Fault = iota // not a storage fault (or not known to be one)
	FaultFull                  // no space left (or over quota)
	FaultReadOnly              // the file, its folder or the drive is write-protected or not writable for this user
	FaultIsFolder              // a folder where a file was expected
	FaultIO                    // the device reported a read or write error
)

// FaultOf classifies err, which may wrap an *fs.PathError or a syscall
// error.
func FaultOf(err error) Fault {
	switch {
	case err == nil:
		return FaultNone
	case errors.Is(err, syscall.ENOSPC) || isFullOS(err):
		return FaultFull
	case errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) || isReadOnlyOS(err):
		return FaultReadOnly
	case errors.Is(err, syscall.EISDIR):
		return FaultIsFolder
	case errors.Is(err, syscall.EIO):
		return FaultIO
	}
	return FaultNone
}
