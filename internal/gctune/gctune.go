// Package gctune sets the garbage collector for Tandem's workload: a small
// live heap and documents that allocate about 10 MB each (gofpdf keeps a
// 65,536-entry width table per embedded font). With Go's default GOGC=100
// the collector then runs two or three times per PDF and a confirmation
// takes 14 ms instead of 6 on two cores. GOGC=400 lets the heap grow to
// five times what is live (a few tens of MB here); the soft memory limit
// keeps it well below what an office laptop has.
package gctune

import (
	"os"
	"runtime/debug"
)

const (
	Percent     = 400
	MemoryLimit = 1 << 30 // 1 GiB
)

// Apply sets Percent and MemoryLimit unless GOGC or GOMEMLIMIT are set in
// the environment (then Go already applied those).
func Apply() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(Percent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(MemoryLimit)
	}
}
