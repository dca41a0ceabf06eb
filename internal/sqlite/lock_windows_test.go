package sqlite_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/windows"

	"tandem/internal/wintest"
)

// addOSNames adds the names Windows has for the same file: its 8.3 short
// name, a drive letter mapped onto its folder (what subst and a mapped
// network drive do) and a junction to the folder.
func addOSNames(t *testing.T, path string, names map[string]string) {
	t.Helper()
	long, err := windows.UTF16PtrFromString(path)
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]uint16, windows.MAX_LONG_PATH)
	if n, err := windows.GetShortPathName(long, &buf[0], uint32(len(buf))); err == nil && n > 0 {
		short := windows.UTF16ToString(buf[:n])
		if !strings.EqualFold(short, path) {
			names["8.3 short name"] = short
		} else {
			t.Logf("no short name for %s", path)
		}
	} else {
		t.Logf("GetShortPathName: %v", err)
	}
	dir := filepath.Dir(path)
	if wintest.IsWine() {
		// Wine keeps a drive made by DefineDosDevice to the process that
		// made it; its Z: drive (the Unix root) is another drive letter
		// for the same file, as a mapped drive is for a UNC path.
		if unix := wineUnixName(path); unix != "" {
			names["other drive letter"] = `Z:` + strings.ReplaceAll(unix, "/", `\`)
		}
	} else {
		addSubst(t, path, names)
	}
	junction := filepath.Join(t.TempDir(), "verbindung")
	if out, err := exec.Command("cmd", "/c", "mklink", "/J", junction, dir).CombinedOutput(); err == nil {
		names["junction"] = filepath.Join(junction, filepath.Base(path))
	} else {
		t.Logf("mklink /J: %v %s", err, out)
	}
}

// addSubst maps a free drive letter onto the database's folder, as subst does.
func addSubst(t *testing.T, path string, names map[string]string) {
	dir := filepath.Dir(path)
	for _, letter := range "QRSTUVWXYZ" {
		drive := string(letter) + ":"
		if root, _ := windows.UTF16PtrFromString(drive + `\`); windows.GetDriveType(root) != windows.DRIVE_NO_ROOT_DIR {
			continue
		}
		d, _ := windows.UTF16PtrFromString(drive)
		target, _ := windows.UTF16PtrFromString(dir)
		if err := windows.DefineDosDevice(0, d, target); err != nil {
			t.Logf("subst %s: %v", drive, err)
			break
		}
		t.Cleanup(func() { windows.DefineDosDevice(windows.DDD_REMOVE_DEFINITION, d, target) })
		names["subst drive"] = drive + `\` + filepath.Base(path)
		break
	}
}

// wineUnixName is the Unix path of path under Wine, for a path on C:
// (the prefix's drive_c), or "".
func wineUnixName(path string) string {
	prefix := os.Getenv("WINEPREFIX")
	if prefix == "" || !strings.HasPrefix(strings.ToUpper(path), `C:\`) {
		return ""
	}
	return prefix + "/drive_c/" + filepath.ToSlash(path[3:])
}
