//go:build !windows

package app

// AttachConsole is needed on Windows only, where the release build is a GUI
// program without standard output.
func AttachConsole() {}
