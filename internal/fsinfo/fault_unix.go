//go:build !windows

package fsinfo

import (
	"errors"
	"syscall"
)

func isFullOS(err error) bool     { return errors.Is(err, syscall.EDQUOT) }
func isReadOnlyOS(err error) bool { return false }

// DriveMissing reports whether drive ("X:") names no drive; Unix has none.
func DriveMissing(drive string) bool { return false }
