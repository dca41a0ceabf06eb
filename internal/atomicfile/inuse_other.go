//go:build !windows

package atomicfile

func inUseOS(error) bool { return false }
