package app

import (
	"context"
	"encoding/json"
	"errors"
	"log"
	"os"
	"time"

	"tandem/internal/atomicfile"
	"tandem/internal/backup"
	"tandem/internal/sqlite"
)

// Recovery from a damaged database (issue 6). sqlite.Open moves a damaged
// file aside ("<db>.damaged-<time>", with its -wal/-shm) and opens a new,
// empty database. Open then picks the newest backup a restore would take
// (backup.CheckRestorable) and writes both into "<db>.recovery.json", so the notice
// (a banner in the UI: what happened, where the damaged file is, which
// backup can be restored) stays until the user restores or dismisses it,
// even across restarts. While it stays, automatic backups of the empty
// database are made but nothing is thinned (backups.go autoTick), so the
// offered backup and the others from before the damage are all kept.

// RecoveryInfo is the notice the UI shows after a damaged database was moved aside.
type RecoveryInfo struct {
	DamagedPath  string      `json:"damagedPath"`  // the damaged file, moved aside, never deleted
	MovedAt      string      `json:"movedAt"`      // RFC 3339, local time
	Unclean      bool        `json:"unclean"`      // the previous run had not ended normally
	BackupFolder string      `json:"backupFolder"` // where backups were looked for
	Backup       *BackupItem `json:"backup"`       // the newest backup that passed the check; nil when none
}

func recoveryFile(dbPath string) string { return dbPath + ".recovery.json" }

// noteRecovery records what sqlite.Open did with a damaged file, with the
// backup to offer. It runs before anything else uses the new database.
func noteRecovery(ctx context.Context, db *sqlite.DB, cfg Config) {
	r := db.Recovery()
	if r == nil {
		return
	}
	log.Printf("database %s was damaged (%s); moved to %s, started with a new database", db.Path(), r.Cause, r.DamagedPath)
	info := RecoveryInfo{DamagedPath: r.DamagedPath, MovedAt: r.MovedAt.Local().Format(time.RFC3339), Unclean: r.Unclean}
	info.BackupFolder = (&BackupService{cfg: Config{DBPath: db.Path()}}).folder()
	if b, ok := newestGoodBackup(ctx, info.BackupFolder); ok {
		it := toItem(b)
		info.Backup = &it
		log.Printf("offering backup %s", b.Path)
	} else if r.Empty {
		// An empty file held nothing, and no backup holds more: a new
		// database is all there is to offer, so no notice (the 0-byte file
		// stays beside it all the same).
		return
	}
	data, _ := json.MarshalIndent(info, "", "  ")
	if err := atomicfile.Write(recoveryFile(db.Path()), data); err != nil {
		log.Printf("recovery notice not saved: %v", err)
	}
}

// newestGoodBackup returns the newest unencrypted backup in dir that a
// restore would take (backup.CheckRestorable). Encrypted ones need a passphrase to be checked, so
// they are left to the backup list in the settings. A before-restore
// backup holds a state the user chose to leave (after an earlier
// recovery: the empty database), so it is offered only when no other
// backup passes.
func newestGoodBackup(ctx context.Context, dir string) (backup.Info, bool) {
	list, err := backup.List(dir)
	if err != nil {
		log.Printf("backups in %s not readable: %v", dir, err)
		return backup.Info{}, false
	}
	var fallback *backup.Info
	for _, b := range list {
		if ctx.Err() != nil {
			break
		}
		if b.Encrypted || b.Kind == backup.KindBeforeRestore && fallback != nil {
			continue
		}
		if err := backup.CheckRestorable(ctx, b.Path, sqlite.KnownSchemaVersion()); err != nil { // what a restore would refuse is not offered
			log.Printf("backup %s fails the check: %v", b.Path, err)
			continue
		}
		if b.Kind == backup.KindBeforeRestore {
			fallback = &b
			continue
		}
		return b, true
	}
	if fallback != nil {
		return *fallback, true
	}
	return backup.Info{}, false
}

// loadRecovery returns the saved notice for the database at dbPath, or nil.
// An offered backup that is gone is dropped from it.
func loadRecovery(dbPath string) *RecoveryInfo {
	data, err := os.ReadFile(recoveryFile(dbPath))
	if err != nil {
		return nil
	}
	var info RecoveryInfo
	if json.Unmarshal(data, &info) != nil || info.DamagedPath == "" {
		return nil
	}
	if info.Backup != nil {
		if _, err := os.Stat(info.Backup.Path); err != nil {
			info.Backup = nil
		}
	}
	return &info
}

// DismissRecovery removes the notice about a damaged database (after the
// user restored the offered backup or chose to go on with the new one).
// The damaged file itself stays where it is.
func (y *SystemService) DismissRecovery() error {
	db, _, release, err := y.s.use()
	defer release()
	if err != nil {
		return err
	}
	if err := os.Remove(recoveryFile(db.Path())); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}
