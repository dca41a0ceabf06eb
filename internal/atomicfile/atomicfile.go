// Package atomicfile writes a file whole or not at all: the data goes into
// a temp file beside the target, is synced, and the temp file is renamed
// into place, so a crash never leaves half a file. It knows nothing of
// Wails or of the database.
package atomicfile

import (
	"os"
	"path/filepath"
)

// TempPrefix starts the names of Tandem's temp files, here and for
// backups; sqlite.Open and the backup thinning remove stale ones.
const TempPrefix = ".tandem-tmp-"

// Write writes data to path: temp file in the same folder, sync, rename,
// then a best-effort sync of the folder (Windows cannot sync folders).
func Write(path string, data []byte) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, TempPrefix+"*"+filepath.Ext(path))
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp) // gone after the rename; removes what a failure left
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	SyncDir(dir)
	return nil
}

// SyncDir makes renames and new files in dir durable where the system
// allows it (not on Windows, where folders cannot be synced).
func SyncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}
