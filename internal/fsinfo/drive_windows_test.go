package fsinfo

import (
	"os"
	"path/filepath"
	"testing"
)

// On Windows a local drive (here the one of the temp folder, C: under
// Wine) is not a network path, written plainly, as \\?\C:\… or with
// forward slashes; UNC paths and \\?\UNC\… are, whatever GetDriveType
// says of the local drives.
func TestDriveLettersAndUNC(t *testing.T) {
	tmp := t.TempDir()
	vol := filepath.VolumeName(tmp)
	if vol == "" {
		t.Fatalf("temp dir %q has no drive", tmp)
	}
	for _, p := range []string{
		filepath.Join(tmp, "Jürgen Müller", "tandem.db"),
		vol + `\Users\Jürgen Müller\AppData\Roaming\Tandem\tandem.db`,
		`\\?\` + vol + `\Users\x\tandem.db`,
		filepath.ToSlash(vol + `\Users\x\tandem.db`),
		`\\.\` + vol + `\Users\x\tandem.db`,
	} {
		if IsNetworkPath(p) {
			t.Errorf("IsNetworkPath(%q) = true on a local drive", p)
		}
	}
	for _, p := range []string{`\\server\share\Tandem\tandem.db`, `\\?\UNC\server\share\tandem.db`, `//server/share/tandem.db`} {
		if !IsNetworkPath(p) {
			t.Errorf("IsNetworkPath(%q) = false", p)
		}
	}
	if _, err := os.Stat(vol + `\`); err != nil {
		t.Fatal(err)
	}
}
