package sqlite

import (
	"net/url"
	"path/filepath"
	"runtime"
	"strings"
	"unicode/utf16"
)

// Windows' file calls refuse a path of MAX_PATH (260 UTF-16 units, the
// terminating NUL included) or more unless it is in the extended-length
// form \\?\C:\… (or \\?\UNC\server\share\…), or the registry's
// LongPathsEnabled is set for a long-path-aware program, which Windows does
// not do by default. Go's os package writes that form by itself; SQLite
// passes our file name to CreateFileW as it is, also for its siblings
// "-wal", "-shm" and "-journal". So a database (or a backup) that deep gets
// the extended form, and in a DSN as a percent-escaped "file:" URI, since a
// plain DSN ends its file name at the first "?".

// longSuffix is the longest suffix SQLite appends to a database's name.
const longSuffix = len("-journal")

// needsExtended reports whether SQLite must get abs, an absolute Windows
// path, in the extended-length form.
func needsExtended(abs string) bool {
	return len(utf16.Encode([]rune(abs)))+longSuffix >= 260 && !strings.HasPrefix(abs, `\\?\`)
}

// extendedPath is abs in the extended-length form: \\?\C:\… or
// \\?\UNC\server\share\….
func extendedPath(abs string) string {
	abs = filepath.Clean(abs)
	if strings.HasPrefix(abs, `\\`) {
		return `\\?\UNC\` + abs[2:]
	}
	return `\\?\` + abs
}

// sqliteFileName is the file name SQLite gets for path (VACUUM INTO's
// target): the extended form where a Windows path needs it, else path.
func sqliteFileName(path string) string {
	if runtime.GOOS != "windows" {
		return path
	}
	abs, err := filepath.Abs(path)
	if err != nil || !needsExtended(abs) {
		return path
	}
	return extendedPath(abs)
}

// dsn is the DSN that opens path with params: "path?params" as ever, or,
// where Windows needs the extended form, "file:\\?\…?params"
// percent-escaped.
func dsn(path, params string) string {
	if ext := sqliteFileName(path); ext != path {
		return extendedURI(ext, params)
	}
	return path + "?" + params
}

// extendedURI is a "file:" URI of an extended-length path (no authority:
// SQLite hands the decoded path to Windows unchanged).
func extendedURI(ext, params string) string {
	u := "file:" + url.PathEscape(ext)
	if params != "" {
		u += "?" + params
	}
	return u
}
