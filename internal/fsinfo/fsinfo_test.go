package fsinfo

import (
	"path/filepath"
	"runtime"
	"testing"
)

func TestIsNetworkPathUNC(t *testing.T) {
	for _, p := range []string{
		`\\server\share\x.db`,
		`//server/share/x.db`,
		`\\?\UNC\server\share\x.db`,
		`\\?\unc\server\share\x.db`,
		`//?/UNC/server/share/x.db`,
		`\\fileserver.stadt.local\Jugendamt$\Tandem\tandem.db`,
	} {
		if !IsNetworkPath(p) {
			t.Errorf("IsNetworkPath(%q) = false, want true", p)
		}
	}
}

func TestIsNetworkPathLocal(t *testing.T) {
	local := []string{
		t.TempDir(),
		filepath.Join(t.TempDir(), "does", "not", "exist", "tandem.db"),
	}
	if runtime.GOOS == "windows" {
		// Local device paths: \\?\C:\ and \\.\ are not shares.
		local = append(local, `\\?\C:\Users\x\tandem.db`, `\\.\C:\Users\x\tandem.db`)
	}
	for _, p := range local {
		if IsNetworkPath(p) {
			t.Errorf("IsNetworkPath(%q) = true, want false", p)
		}
	}
}

func TestDevicePathsAreNotUNC(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("on Windows these go to GetDriveType")
	}
	if onNetworkFS(".") {
		t.Skip("the test runs on a network file system; relative paths would rightly count as network paths")
	}
	// \\?\C:\… and \\.\… are local Win32 device paths, not shares. On Linux
	// they are relative file names, so only the string check can call them
	// network paths, and it must not.
	for _, p := range []string{`\\?\C:\Users\x\tandem.db`, `\\.\C:\Users\x\tandem.db`} {
		if IsNetworkPath(p) {
			t.Errorf("IsNetworkPath(%q) = true, want false", p)
		}
	}
}
