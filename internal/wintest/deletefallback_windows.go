//go:build winetest

package wintest

import _ "unsafe" // go:linkname

// Wine gap: Wine 8 answers the delete call Go 1.26 makes first
// (NtSetInformationFile with FileDispositionInformationEx, POSIX semantics)
// with STATUS_INVALID_DEVICE_REQUEST ("Invalid function") instead of
// STATUS_INVALID_INFO_CLASS, so os.RemoveAll, and with it every t.TempDir
// cleanup, fails there, while Windows 10 1607 and later support the call.
// Under Wine only, the test binaries use the standard library's own fallback
// (the classic delete disposition that older Windows and FAT32 get), which
// Wine implements. Needs -ldflags=-checklinkname=0, so it is built only with
// the tag winetest that scripts/test-windows.sh sets.
//
//go:linkname deleteatFallback internal/syscall/windows.TestDeleteatFallback
var deleteatFallback bool

func init() {
	if IsWine() {
		deleteatFallback = true
	}
}
