//go:build !windows

package sqlite_test

import "testing"

// addOSNames adds the names only Windows has (lock_windows_test.go).
func addOSNames(t *testing.T, path string, names map[string]string) {}
