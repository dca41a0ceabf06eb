//go:build !windows

package app

import "syscall"

const syscallENOSPC = syscall.ENOSPC
