package backup

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"

	"filippo.io/age"

	"tandem/internal/domain"
	"tandem/internal/sqlite"
)

// Passphrase limits (in characters).
const (
	MinPassphrase = 8
	MaxPassphrase = 200
)

// ValidatePassphrase checks an encryption passphrase; "" means no encryption.
func ValidatePassphrase(p string) error {
	if p == "" {
		return nil
	}
	if !utf8.ValidString(p) || strings.ContainsRune(p, 0) {
		return domain.Invalid("passphrase", "backup.passphrase_invalid")
	}
	n := utf8.RuneCountInString(p)
	if n < MinPassphrase {
		return domain.Invalid("passphrase", "backup.passphrase_short", "min", MinPassphrase)
	}
	if n > MaxPassphrase {
		return domain.Invalid("passphrase", "backup.passphrase_long", "max", MaxPassphrase)
	}
	return nil
}

// Create writes an unencrypted backup of db of the given kind into dir
// (created if missing) under a new name (see FileName).
func Create(ctx context.Context, db *sqlite.DB, dir string, kind string, now time.Time) (Info, error) {
	return CreateIn(ctx, db, dir, kind, now, "")
}

// CreateIn is Create with an optional passphrase (manual backups only).
func CreateIn(ctx context.Context, db *sqlite.DB, dir string, kind string, now time.Time, passphrase string) (Info, error) {
	switch kind {
	case KindAuto, KindManual, KindBeforeRestore:
	default:
		return Info{}, domain.Invalid("kind", "backup.kind_invalid")
	}
	if err := ValidatePassphrase(passphrase); err != nil {
		return Info{}, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return Info{}, dirError(dir, err)
	}
	enc := passphrase != ""
	name := func(n int) string { return filepath.Join(dir, FileName(kind, now, enc, n)) }
	path, err := write(ctx, db, name(1), passphrase, func(tmp string) (string, error) { return placeNew(tmp, name) })
	if err != nil {
		return Info{}, err
	}
	fi, err := os.Stat(path)
	if err != nil {
		return Info{}, dirError(dir, err)
	}
	t, _ := time.ParseInLocation(timeLayout, now.Local().Format(timeLayout), time.Local)
	return Info{Path: path, Time: t, Size: fi.Size(), Encrypted: enc, Kind: kind}, nil
}

// link is os.Link; tests replace it.
var link = os.Link

// placeNew gives the finished temp file tmp the first free name of
// name(1), name(2), … without ever replacing a file (another laptop may
// write into the same folder in the same minute): a hard link fails if
// the name exists. Where links are not possible (some network shares),
// it falls back to a rename after checking that the name is free.
func placeNew(tmp string, name func(n int) string) (string, error) {
	for n := 1; n <= 999; n++ { // namePattern: at most 3 digits
		path := name(n)
		if _, err := os.Lstat(path); err == nil {
			continue // taken
		}
		err := link(tmp, path)
		if err == nil {
			return path, nil // the caller removes tmp
		}
		if errors.Is(err, os.ErrExist) {
			continue
		}
		// Link refused for another reason (no hard links there; the
		// errors vary by file system and server): rename, which
		// replaces only a file made since the Lstat just now.
		if _, lerr := os.Lstat(path); lerr == nil {
			continue
		} else if !errors.Is(lerr, os.ErrNotExist) {
			return "", err
		}
		if err := os.Rename(tmp, path); err != nil {
			return "", err
		}
		return path, nil
	}
	return "", errors.New("too many backups in one minute")
}

func dirError(dir string, err error) error {
	return &domain.Error{Code: domain.EINVALID, Key: "backup.dir_unwritable", Field: "folder", Params: map[string]any{"path": dir}, Err: err}
}

// WriteTo writes a backup of db to path, replacing a file there: VACUUM
// INTO a temp file, fsync, integrity_check, (encrypt with age into a second
// temp file beside path,) rename into place and fsync the folder. The
// unencrypted temp file of an encrypted backup is made beside the database,
// never in the target folder. On failure nothing is left behind. Temp
// files of interrupted earlier runs in the target folder are removed first.
func WriteTo(ctx context.Context, db *sqlite.DB, path, passphrase string) error {
	_, err := write(ctx, db, path, passphrase, func(tmp string) (string, error) {
		return path, os.Rename(tmp, path)
	})
	return err
}

// write is WriteTo with the last step, putting the finished temp file in
// place, done by place, which returns the path it used. path names the
// target folder and the backup in error messages.
func write(ctx context.Context, db *sqlite.DB, path, passphrase string, place func(tmp string) (string, error)) (string, error) {
	if err := ValidatePassphrase(passphrase); err != nil {
		return "", err
	}
	dir := filepath.Dir(path)
	removeStaleTemps(dir, time.Now())
	plainDir := dir
	if passphrase != "" {
		plainDir = filepath.Dir(db.Path())
	}
	plain, err := tempName(plainDir, ".db")
	if err != nil {
		return "", dirError(plainDir, err)
	}
	defer os.Remove(plain)
	if err := db.VacuumInto(ctx, plain); err != nil {
		if _, serr := os.Stat(plainDir); serr != nil {
			return "", dirError(plainDir, serr)
		}
		return "", &domain.Error{Code: domain.EINVALID, Key: "backup.write_failed", Field: "folder", Params: map[string]any{"path": path}, Err: err}
	}
	if err := syncFile(plain); err != nil {
		return "", dirError(plainDir, err)
	}
	if err := checkFile(ctx, plain, sqlite.KnownSchemaVersion()); err != nil {
		return "", &domain.Error{Code: domain.EINTERNAL, Key: "backup.check_failed", Params: map[string]any{"path": path}, Err: err}
	}
	final := plain
	if passphrase != "" {
		sealed, err := tempName(dir, ".age")
		if err != nil {
			return "", dirError(dir, err)
		}
		defer os.Remove(sealed)
		if err := encryptFile(plain, sealed, passphrase); err != nil {
			return "", dirError(dir, err)
		}
		final = sealed
	}
	placed, err := place(final)
	if err != nil {
		return "", dirError(dir, err)
	}
	if err := syncDir(dir); err != nil {
		return "", dirError(dir, err)
	}
	return placed, nil
}

// tempName returns a fresh name in dir that List ignores.
func tempName(dir, ext string) (string, error) {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return filepath.Join(dir, sqlite.TempPrefix+hex.EncodeToString(b[:])+ext), nil
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir makes a rename durable (a no-op where folders cannot be synced).
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !isUnsupportedSync(err) {
		return err
	}
	return nil
}

// isUnsupportedSync reports whether a folder's fsync failed only because
// the system cannot do it: Windows cannot fsync a directory handle, some
// (network) file systems refuse with EINVAL, ENOTSUP or EBADF.
func isUnsupportedSync(err error) bool {
	return runtime.GOOS == "windows" || errors.Is(err, os.ErrInvalid) ||
		errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOTSUP) || errors.Is(err, syscall.EBADF)
}

func encryptFile(src, dst, passphrase string) error {
	r, err := age.NewScryptRecipient(passphrase)
	if err != nil {
		return err
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	w, err := age.Encrypt(out, r)
	if err == nil {
		_, err = io.Copy(w, in)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
	}
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return err
}

// decryptFile writes the plaintext of the age file src to dst. A wrong
// passphrase and a damaged file are told apart.
func decryptFile(src, dst, passphrase string) error {
	id, err := age.NewScryptIdentity(passphrase)
	if err != nil {
		return domain.Invalid("passphrase", "backup.passphrase_invalid")
	}
	in, err := os.Open(src)
	if err != nil {
		return &domain.Error{Code: domain.EINVALID, Key: "backup.not_found", Field: "path", Params: map[string]any{"path": src}, Err: err}
	}
	defer in.Close()
	damaged := func(err error) error {
		return &domain.Error{Code: domain.EINVALID, Key: "backup.damaged", Field: "path", Params: map[string]any{"path": src}, Err: err}
	}
	r, err := age.Decrypt(in, id)
	if err != nil {
		var nomatch *age.NoIdentityMatchError
		if errors.As(err, &nomatch) {
			return domain.Invalid("passphrase", "backup.passphrase_wrong")
		}
		return damaged(err)
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return dirError(filepath.Dir(dst), err)
	}
	_, err = io.Copy(out, r)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return damaged(err)
	}
	return nil
}
