package backup

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"time"

	"tandem/internal/domain"
	"tandem/internal/sqlite"
)

// Prepare makes a checked working copy of the backup src for a restore:
// an encrypted file is decrypted with passphrase, a plain one is copied
// with VACUUM INTO from a read-only connection, into a temp file in
// workDir (the database's folder, so that the final rename stays on one
// file system). The copy must pass integrity_check and be a Tandem
// database no newer than maxVersion. Nothing outside the temp file is
// touched; on failure it is removed. The caller removes it after use.
func Prepare(ctx context.Context, src, passphrase, workDir string, maxVersion int) (string, error) {
	fi, err := os.Stat(src)
	if err != nil || !fi.Mode().IsRegular() {
		return "", &domain.Error{Code: domain.EINVALID, Key: "backup.not_found", Field: "path", Params: map[string]any{"path": src}, Err: err}
	}
	tmp, err := tempName(workDir, ".db")
	if err != nil {
		return "", dirError(workDir, err)
	}
	ok := false
	defer func() {
		if !ok {
			os.Remove(tmp)
		}
	}()
	if IsEncrypted(src) {
		if passphrase == "" {
			return "", domain.Invalid("passphrase", "backup.passphrase_required")
		}
		if err := decryptFile(src, tmp, passphrase); err != nil {
			return "", err
		}
	} else {
		if err := checkFile(ctx, src, maxVersion); err != nil {
			return "", err
		}
		if err := vacuumFile(ctx, src, tmp); err != nil {
			return "", &domain.Error{Code: domain.EINVALID, Key: "backup.damaged", Field: "path", Params: map[string]any{"path": src}, Err: err}
		}
		if err := syncFile(tmp); err != nil {
			return "", dirError(workDir, err)
		}
	}
	if err := checkFile(ctx, tmp, maxVersion); err != nil {
		var de *domain.Error
		if errors.As(err, &de) && de.Params != nil {
			de.Params["path"] = src
		}
		return "", err
	}
	ok = true
	return tmp, nil
}

// Replace puts the prepared file in place of the (closed) database at
// dbPath. The old file and its -wal/-shm are moved aside, not deleted, to
// ".tandem-tmp-<hex>.<db name>.old" with the time of the move (so that
// sqlite.Open, which sweeps such files once they are an hour old or moves
// them back when the database is missing, sees them as fresh); undo moves
// them back, discard deletes them. On error nothing changed.
func Replace(dbPath, prepared string) (undo func() error, discard func(), err error) {
	type move struct{ from, to string }
	var done []move
	back := func() error {
		var errs []error
		for i := len(done) - 1; i >= 0; i-- {
			errs = append(errs, os.Rename(done[i].to, done[i].from))
		}
		return errors.Join(errs...)
	}
	aside, err := tempName(filepath.Dir(dbPath), "."+filepath.Base(dbPath)+".old")
	if err != nil {
		return nil, nil, err
	}
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		from := dbPath + suffix
		if _, err := os.Lstat(from); errors.Is(err, os.ErrNotExist) {
			continue
		}
		to := aside + suffix
		if err := os.Rename(from, to); err != nil {
			_ = back()
			return nil, nil, err
		}
		done = append(done, move{from, to})
		now := time.Now()
		_ = os.Chtimes(to, now, now)
	}
	if err := os.Rename(prepared, dbPath); err != nil {
		_ = back()
		return nil, nil, err
	}
	_ = syncDir(filepath.Dir(dbPath))
	undo = func() error {
		for _, suffix := range []string{"-wal", "-shm", "-journal"} {
			os.Remove(dbPath + suffix) // made by the failed open of the new file
		}
		if err := os.Rename(dbPath, prepared); err != nil {
			return err
		}
		return back()
	}
	discard = func() {
		for _, m := range done {
			os.Remove(m.to)
		}
		_ = syncDir(filepath.Dir(dbPath))
	}
	return undo, discard, nil
}

// Verify checks a backup before it is offered or restored: unencrypted
// ones fully (integrity_check and schema version), encrypted ones need
// the passphrase and are decrypted to a temp file in workDir first.
func Verify(ctx context.Context, path, passphrase, workDir string) error {
	tmp, err := Prepare(ctx, path, passphrase, workDir, sqlite.KnownSchemaVersion())
	if err != nil {
		return err
	}
	return os.Remove(tmp)
}
