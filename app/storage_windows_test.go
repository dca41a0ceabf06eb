package app

import "golang.org/x/sys/windows"

const syscallENOSPC = windows.ERROR_DISK_FULL
