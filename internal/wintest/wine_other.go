//go:build !windows

package wintest

// IsWine is false off Windows.
func IsWine() bool { return false }
