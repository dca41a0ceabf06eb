package app

import (
	"os"
	"syscall"
)

// AttachConsole gives the command-line modes (--selftest) somewhere to
// print: the release build is a GUI program, which Windows starts without
// standard output unless the caller redirected it. Then the console of
// the calling cmd.exe or PowerShell is used, if there is one.
func AttachConsole() {
	if h, err := syscall.GetStdHandle(syscall.STD_OUTPUT_HANDLE); err == nil && h != 0 && h != syscall.InvalidHandle {
		return // redirected or already a console
	}
	const attachParentProcess = ^uintptr(0) // ATTACH_PARENT_PROCESS (DWORD -1)
	attach := syscall.NewLazyDLL("kernel32.dll").NewProc("AttachConsole")
	if r, _, _ := attach.Call(attachParentProcess); r == 0 {
		return
	}
	if f, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0); err == nil {
		os.Stdout, os.Stderr = f, f
	}
}
