package wintest

import "syscall"

// IsWine tells whether the binary runs under Wine rather than Windows:
// only Wine's ntdll exports wine_get_version.
func IsWine() bool {
	return syscall.NewLazyDLL("ntdll.dll").NewProc("wine_get_version").Find() == nil
}
