package sqlite

// Storage faults: a read-only file or folder, a full disk, a folder where
// the database should be, a missing drive. Open names them before SQLite
// touches the file (a read-only file would open and then fail every save);
// StorageError names them when a later write fails, so that the user reads
// the cause and what to do instead of "try again".

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"tandem/internal/domain"
	"tandem/internal/fsinfo"
)

// checkPath refuses a path that cannot name a database file: characters
// SQLite's file name parsing or Windows forbid, or a drive that is not
// there.
func checkPath(path string) error {
	if path == "" || strings.ContainsAny(path, "?#\x00") {
		return &domain.Error{Code: domain.EINVALID, Key: "db.path.invalid", Field: "path"}
	}
	if runtime.GOOS == "windows" {
		if bad := windowsForbidden(path); bad != "" {
			return &domain.Error{Code: domain.EINVALID, Key: "db.path.chars", Field: "path", Params: map[string]any{"path": path, "chars": bad}}
		}
		if drive := filepath.VolumeName(path); fsinfo.DriveMissing(drive) {
			return &domain.Error{Code: domain.EINVALID, Key: "db.drive_missing", Field: "path", Params: map[string]any{"path": path, "drive": drive}}
		}
	}
	return nil
}

// windowsForbidden returns the characters of path that Windows does not
// allow in file or folder names (after the drive or \\?\ prefix), each once.
func windowsForbidden(path string) string {
	rest := path
	if strings.HasPrefix(rest, `\\?\`) || strings.HasPrefix(rest, `\\.\`) {
		rest = rest[4:]
	}
	if len(rest) >= 2 && rest[1] == ':' {
		rest = rest[2:]
	}
	var bad strings.Builder
	for _, r := range rest {
		if (strings.ContainsRune(`<>:"|?*`, r) || r < 32) && !strings.ContainsRune(bad.String(), r) {
			bad.WriteRune(r)
		}
	}
	return bad.String()
}

// checkTarget refuses a folder where the database file should be.
func checkTarget(path string) error {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return &domain.Error{Code: domain.EINVALID, Key: "db.is_folder", Field: "path", Params: map[string]any{"path": path}}
	}
	return nil
}

// storageOpenError turns a failure to open or create a file at path into
// the message naming the cause, "db.lock_failed" when it names none.
// inFolder says that path does not exist yet or is a file beside the
// database, so that "not writable" concerns the folder. dbPath is named
// in the message.
func storageOpenError(err error, dbPath string, inFolder bool) error {
	var de *domain.Error
	if errors.As(err, &de) {
		return err
	}
	at := map[string]any{"path": dbPath}
	switch fsinfo.FaultOf(err) {
	case fsinfo.FaultFull:
		return &domain.Error{Code: domain.EINTERNAL, Key: "db.disk_full", Params: at, Err: err}
	case fsinfo.FaultReadOnly:
		if inFolder {
			return &domain.Error{Code: domain.EINTERNAL, Key: "db.dir_readonly", Params: map[string]any{"path": filepath.Dir(dbPath)}, Err: err}
		}
		return &domain.Error{Code: domain.EINTERNAL, Key: "db.readonly", Params: at, Err: err}
	case fsinfo.FaultIsFolder:
		return &domain.Error{Code: domain.EINVALID, Key: "db.is_folder", Field: "path", Params: at, Err: err}
	}
	return &domain.Error{Code: domain.EINTERNAL, Key: "db.lock_failed", Params: at, Err: err}
}

// StorageError returns the error to show for err when a full,
// write-protected or failing drive caused it ("storage.full",
// "storage.readonly", "storage.io"), or nil for any other error.
func StorageError(err error) *domain.Error {
	switch storageFault(err) {
	case fsinfo.FaultFull:
		return &domain.Error{Code: domain.EINTERNAL, Key: "storage.full", Err: err}
	case fsinfo.FaultReadOnly:
		return &domain.Error{Code: domain.EINTERNAL, Key: "storage.readonly", Err: err}
	case fsinfo.FaultIO:
		return &domain.Error{Code: domain.EINTERNAL, Key: "storage.io", Err: err}
	}
	return nil
}

// storageFault classifies SQLite's result codes, then the system's errors.
func storageFault(err error) fsinfo.Fault {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_FULL:
			return fsinfo.FaultFull
		case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM:
			return fsinfo.FaultReadOnly
		case sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN:
			return fsinfo.FaultIO
		}
	}
	if f := fsinfo.FaultOf(err); f != fsinfo.FaultIsFolder {
		return f
	}
	return fsinfo.FaultNone
}
