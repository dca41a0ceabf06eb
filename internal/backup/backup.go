// Package backup writes, lists, checks, thins and restores copies of the
// Tandem database. Copies are made only with SQLite's VACUUM INTO (never a
// file copy), into a temporary file that is synced, checked with
// integrity_check and then renamed into place. Manual backups may be
// encrypted with age (scrypt, passphrase). It knows nothing of Wails.
package backup

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the "sqlite" driver for Check

	"tandem/internal/domain"
	"tandem/internal/sqlite"
)

// Kinds of backup, part of the file name.
const (
	KindAuto          = "auto"
	KindManual        = "manual"
	KindBeforeRestore = "before-restore"
)

// FolderName is the default backup folder beside a database named
// tandem.db; other databases get "Tandem-Sicherungen (<stem>)" (DefaultDir).
const FolderName = "Tandem-Sicherungen"

// defaultDBName is the database file whose folder is plain FolderName.
const defaultDBName = "tandem.db"

// Info describes one backup file.
type Info struct {
	Path      string    `json:"path"`
	Time      time.Time `json:"time"`
	Size      int64     `json:"size"`
	Encrypted bool      `json:"encrypted"`
	Kind      string    `json:"kind"` // "auto" | "manual" | "before-restore"
}

// timeLayout is the time part of a backup's name, local time to the minute;
// a second backup in the same minute gets a suffix "-2", "-3", ….
const timeLayout = "2006-01-02T1504"

// namePattern matches the files this package writes:
// tandem-2026-11-23T1405-auto.db, tandem-2026-11-23T1405-manual-2.db.age.
var namePattern = regexp.MustCompile(`^tandem-(\d{4}-\d{2}-\d{2}T\d{4})-(auto|manual|before-restore)(?:-(\d{1,3}))?\.db(\.age)?$`)

// DefaultDir returns the backup folder beside the database: FolderName for
// tandem.db, "Tandem-Sicherungen (test)" for test.db, so that two databases
// in one folder never share (and thin) one backup folder.
func DefaultDir(dbPath string) string {
	abs, err := filepath.Abs(dbPath)
	if err != nil {
		abs = dbPath
	}
	base := filepath.Base(abs)
	name := FolderName
	if !strings.EqualFold(base, defaultDBName) { // Windows: TANDEM.DB is tandem.db
		stem := strings.TrimSuffix(base, filepath.Ext(base))
		if stem == "" {
			stem = base
		}
		name += " (" + stem + ")"
	}
	return filepath.Join(filepath.Dir(abs), name)
}

// FileName returns the name of a backup of kind made at now.
func FileName(kind string, now time.Time, encrypted bool, n int) string {
	name := "tandem-" + now.Local().Format(timeLayout) + "-" + kind
	if n > 1 {
		name += "-" + strconv.Itoa(n)
	}
	name += ".db"
	if encrypted {
		name += ".age"
	}
	return name
}

// ParseName reports the kind, time and encryption of a backup file name;
// ok is false for files this package did not write.
func ParseName(name string) (kind string, t time.Time, encrypted bool, ok bool) {
	m := namePattern.FindStringSubmatch(name)
	if m == nil {
		return "", time.Time{}, false, false
	}
	t, err := time.ParseInLocation(timeLayout, m[1], time.Local)
	if err != nil {
		return "", time.Time{}, false, false
	}
	return m[2], t, m[4] != "", true
}

// List returns the backups in dir, newest first. Files not written by this
// package (other names, folders, temp files) are ignored; a missing folder
// is an empty list.
func List(dir string) ([]Info, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return []Info{}, nil
	}
	if err != nil {
		return nil, &domain.Error{Code: domain.EINVALID, Key: "backup.dir_unreadable", Field: "folder", Params: map[string]any{"path": dir}, Err: err}
	}
	out := []Info{}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		kind, t, enc, ok := ParseName(e.Name())
		if !ok {
			continue
		}
		fi, err := e.Info()
		if err != nil {
			continue
		}
		out = append(out, Info{Path: filepath.Join(dir, e.Name()), Time: t, Size: fi.Size(), Encrypted: enc, Kind: kind})
	}
	sort.SliceStable(out, func(i, j int) bool { return newer(out[i], out[j]) })
	return out, nil
}

// newer reports whether a was made after b: by time, then (same minute) by
// the name's suffix n ("-2" after none, "-10" after "-9").
func newer(a, b Info) bool {
	if !a.Time.Equal(b.Time) {
		return a.Time.After(b.Time)
	}
	if na, nb := seq(a.Path), seq(b.Path); na != nb {
		return na > nb
	}
	return a.Path > b.Path
}

// seq returns the suffix n of a backup's name, 0 for none.
func seq(path string) int {
	m := namePattern.FindStringSubmatch(filepath.Base(path))
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[3]) // "" (the first) → 0
	return n
}

// IsEncrypted reports whether path names an age-encrypted backup.
func IsEncrypted(path string) bool { return strings.HasSuffix(strings.ToLower(path), ".age") }

// Check verifies an unencrypted backup: it must open read-only as a SQLite
// database and PRAGMA integrity_check must say "ok". An encrypted file
// needs its passphrase (see CheckEncrypted). Errors are German-keyed.
func Check(path string) error {
	if IsEncrypted(path) {
		return domain.Invalid("passphrase", "backup.passphrase_required")
	}
	return checkFile(context.Background(), path, 0)
}

// CheckRestorable is Check plus what a restore requires (Prepare): a
// Tandem database no newer than maxVersion. For offering a backup.
func CheckRestorable(ctx context.Context, path string, maxVersion int) error {
	if IsEncrypted(path) {
		return domain.Invalid("passphrase", "backup.passphrase_required")
	}
	return checkFile(ctx, path, maxVersion)
}

// checkFile runs integrity_check on path; with maxVersion > 0 it also
// refuses a schema newer than maxVersion.
func checkFile(ctx context.Context, path string, maxVersion int) error {
	fi, err := os.Stat(path)
	if err != nil || !fi.Mode().IsRegular() {
		return &domain.Error{Code: domain.EINVALID, Key: "backup.not_found", Field: "path", Params: map[string]any{"path": path}, Err: err}
	}
	damaged := func(err error) error {
		return &domain.Error{Code: domain.EINVALID, Key: "backup.damaged", Field: "path", Params: map[string]any{"path": path}, Err: err}
	}
	if fi.Size() == 0 {
		return damaged(errors.New("empty file"))
	}
	db, err := sql.Open("sqlite", roDSN(path)+"&_pragma=query_only(1)")
	if err != nil {
		return damaged(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	rows, err := db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return damaged(err)
	}
	var msgs []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return damaged(err)
		}
		msgs = append(msgs, s)
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return damaged(err)
	}
	rows.Close()
	if len(msgs) != 1 || msgs[0] != "ok" {
		return damaged(errors.New(strings.Join(msgs, "; ")))
	}
	var version, tables int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return damaged(err)
	}
	if maxVersion > 0 {
		if version > maxVersion {
			return &domain.Error{Code: domain.ETOONEW, Key: "backup.too_new", Field: "path", Params: map[string]any{"path": path, "version": version, "known": maxVersion}}
		}
		// Our schema: a Tandem database has its people table.
		if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE type='table' AND name='people'").Scan(&tables); err != nil {
			return damaged(err)
		}
		if version < 1 || tables != 1 {
			return &domain.Error{Code: domain.EINVALID, Key: "backup.not_tandem", Field: "path", Params: map[string]any{"path": path}}
		}
	}
	return nil
}

// roDSN opens path read-only (never creating it).
func roDSN(path string) string { return sqlite.ReadOnlyDSN(path, "_pragma=busy_timeout(5000)") }

// vacuumFile copies the database at src into dst with VACUUM INTO.
func vacuumFile(ctx context.Context, src, dst string) error {
	if err := sqlite.CreatePrivate(dst); err != nil {
		return err
	}
	db, err := sql.Open("sqlite", roDSN(src))
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	_, err = db.ExecContext(ctx, "VACUUM INTO ?", dst)
	return err
}
