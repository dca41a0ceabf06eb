package app

import (
	"context"
	"encoding/json"
	"errors"
	"log"
	"os"
	"path/filepath"
	goruntime "runtime"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"tandem/internal/atomicfile"
	"tandem/internal/backup"
	"tandem/internal/domain"
	"tandem/internal/filelock"
	"tandem/internal/sqlite"
)

// Backups (issue 6): automatic backups at start and every few hours while
// data changed, manual ones to a chosen file (optionally encrypted), and
// restore from the list or a chosen file. The current database is always
// backed up first, so a restore can be undone.

// autoEvery is how long an automatic backup waits after the last one
// before the next, and only when data changed in between.
const autoEvery = 3 * time.Hour

// autoStartDelay lets the window come up before the first automatic backup.
var autoStartDelay = 5 * time.Second

// maxFolderPath bounds a backup folder given by the UI.
const maxFolderPath = 1024

// BackupService is bound to the UI as Backups.
type BackupService struct {
	s   *store
	cfg Config
	now func() time.Time

	// Locks, always taken in this order: restoreMu, then the store's
	// (read for a backup, write for the swap of a restore), then mu.
	restoreMu sync.Mutex // one restore at a time
	mu        sync.Mutex // one backup at a time; guards the fields below

	// automatic backups, guarded by mu
	lastAuto    time.Time
	lastChanges int64
	autoDue     bool // after a restore: the next tick backs up, due or not
	autoErr     error

	chosen map[string]bool // files picked in the open dialog, guarded by mu
}

func newBackupService(s *store, cfg Config) *BackupService {
	return &BackupService{s: s, cfg: cfg, now: time.Now, chosen: map[string]bool{}}
}

// BackupItem is one backup for the list.
type BackupItem struct {
	Path      string `json:"path"`
	Name      string `json:"name"`
	Time      string `json:"time"` // RFC 3339, local time
	Size      int64  `json:"size"`
	Encrypted bool   `json:"encrypted"`
	Kind      string `json:"kind"`
	// Foreign: the backup holds another database (a shared folder); it
	// can still be restored, the UI says so first.
	Foreign bool `json:"foreign"`
}

// BackupList is the backup folder with its backups, newest first.
type BackupList struct {
	Folder      string       `json:"folder"`
	Items       []BackupItem `json:"items"`
	LastAuto    string       `json:"lastAuto"`    // RFC 3339 or ""
	AutoError   *AppError    `json:"autoError"`   // the last automatic backup failed
	FolderError *AppError    `json:"folderError"` // the folder cannot be read
}

// BackupSettings is where backups go.
type BackupSettings struct {
	Folder        string `json:"folder"`
	DefaultFolder string `json:"defaultFolder"`
	IsDefault     bool   `json:"isDefault"`
}

// CreateResult tells where a manual backup went; Path is "" when the
// user cancelled the dialog.
type CreateResult struct {
	Path string      `json:"path"`
	Item *BackupItem `json:"item"`
}

// RestoreResult reports a restore. NeedsPassphrase: the chosen file is
// encrypted; ask for the passphrase and call Restore(Path, passphrase).
type RestoreResult struct {
	Path            string      `json:"path"`
	Cancelled       bool        `json:"cancelled"`
	NeedsPassphrase bool        `json:"needsPassphrase"`
	Before          *BackupItem `json:"before"` // the backup of the state before the restore
}

func toItem(i backup.Info) BackupItem {
	return BackupItem{Path: i.Path, Name: filepath.Base(i.Path), Time: i.Time.Local().Format(time.RFC3339), Size: i.Size, Encrypted: i.Encrypted, Kind: i.Kind}
}

// --- settings: a small JSON file beside the database ---------------------

type backupSettingsFile struct {
	Folder string `json:"folder"`
}

func (b *BackupService) settingsPath() string { return b.cfg.DBPath + ".backup.json" }

func (b *BackupService) defaultFolder() string { return backup.DefaultDir(b.cfg.DBPath) }

// folder is the configured backup folder (the default when none is set or
// the file is unreadable).
func (b *BackupService) folder() string {
	data, err := os.ReadFile(b.settingsPath())
	if err != nil {
		return b.defaultFolder()
	}
	var f backupSettingsFile
	if json.Unmarshal(data, &f) != nil || f.Folder == "" || !filepath.IsAbs(f.Folder) {
		return b.defaultFolder()
	}
	return filepath.Clean(f.Folder)
}

// Settings returns the backup folder.
func (b *BackupService) Settings() (BackupSettings, error) {
	if err := b.s.ready(); err != nil {
		return BackupSettings{}, err
	}
	f := b.folder()
	return BackupSettings{Folder: f, DefaultFolder: b.defaultFolder(), IsDefault: f == b.defaultFolder()}, nil
}

// SaveSettings sets the backup folder; "" means the default beside the
// database. The folder must be an absolute path that can be created and
// written to.
func (b *BackupService) SaveSettings(folder string) (BackupSettings, error) {
	if err := b.s.ready(); err != nil {
		return BackupSettings{}, err
	}
	folder = strings.TrimSpace(folder)
	if folder != "" {
		if len(folder) > maxFolderPath || !utf8.ValidString(folder) || strings.ContainsAny(folder, "\x00\r\n") || !filepath.IsAbs(folder) {
			return BackupSettings{}, domain.Invalid("folder", "backup.folder_invalid")
		}
		folder = filepath.Clean(folder)
		if err := probeFolder(folder); err != nil {
			return BackupSettings{}, &domain.Error{Code: domain.EINVALID, Key: "backup.dir_unwritable", Field: "folder", Params: map[string]any{"path": folder}, Err: err}
		}
		if folder == b.defaultFolder() {
			folder = ""
		}
	}
	data, _ := json.MarshalIndent(backupSettingsFile{Folder: folder}, "", "  ")
	b.mu.Lock()
	err := atomicfile.Write(b.settingsPath(), data)
	b.mu.Unlock() // before Settings: the store's lock is never taken while holding mu
	if err != nil {
		return BackupSettings{}, &domain.Error{Code: domain.EINVALID, Key: "backup.settings_unwritable", Field: "folder", Params: map[string]any{"path": b.settingsPath()}, Err: err}
	}
	return b.Settings()
}

// ChooseFolder shows the folder dialog; "" when cancelled. The choice is
// not saved: the UI passes it to SaveSettings.
func (b *BackupService) ChooseFolder() (string, error) {
	if err := b.s.ready(); err != nil {
		return "", err
	}
	return saveFolder("Ordner für Datensicherungen wählen")
}

// isDatabaseFile reports whether path is the database at dbPath or one of
// its -wal/-shm/-journal files or its lock: by name (any case on Windows)
// or as the same file (a link, another spelling of the folder).
func isDatabaseFile(path, dbPath string) bool {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal", ".lock"} {
		p := dbPath + suffix
		if filepath.Clean(path) == filepath.Clean(p) || goruntime.GOOS == "windows" && strings.EqualFold(filepath.Clean(path), filepath.Clean(p)) {
			return true
		}
		a, errA := os.Stat(path)
		b, errB := os.Stat(p)
		if errA == nil && errB == nil && os.SameFile(a, b) {
			return true
		}
	}
	return false
}

// probeFolder creates folder if needed and checks that a file can be written there.
func probeFolder(folder string) error {
	if err := os.MkdirAll(folder, 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(folder, ".tandem-probe-*")
	if err != nil {
		return err
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

// --- list and create -----------------------------------------------------

// List returns the backups in the backup folder, newest first, and the
// state of the automatic backups.
func (b *BackupService) List() (BackupList, error) {
	db, ctx, release, err := b.s.use()
	defer release()
	if err != nil {
		return BackupList{}, err
	}
	dir := b.folder()
	out := BackupList{Folder: dir, Items: []BackupItem{}}
	infos, err := backup.List(dir)
	if err != nil {
		e := toAppError(err) // shown in the panel; the folder can be changed there
		out.FolderError = &e
	}
	own := "" // this database's installation id; unknown after a damaged one was replaced
	if loadRecovery(b.cfg.DBPath) == nil {
		own, _ = db.InstallationID(ctx)
	}
	for _, i := range infos {
		it := toItem(i)
		if own != "" && !i.Encrypted {
			if id, err := backup.InstallationID(ctx, i.Path); err == nil && id != own {
				it.Foreign = true
			}
		}
		out.Items = append(out.Items, it)
	}
	b.mu.Lock()
	if !b.lastAuto.IsZero() {
		out.LastAuto = b.lastAuto.Local().Format(time.RFC3339)
	}
	if b.autoErr != nil {
		e := toAppError(b.autoErr)
		out.AutoError = &e
	}
	b.mu.Unlock()
	return out, nil
}

// Create writes a manual backup to a file chosen in the save dialog
// (suggested: the backup folder), encrypted when passphrase is not "".
// The passphrase is never stored.
func (b *BackupService) Create(passphrase string) (CreateResult, error) {
	if err := backup.ValidatePassphrase(passphrase); err != nil {
		return CreateResult{}, err
	}
	db, ctx, release, err := b.s.use()
	defer release()
	if err != nil {
		return CreateResult{}, err
	}
	enc := passphrase != ""
	name := backup.FileName(backup.KindManual, b.now(), enc, 1)
	filter := runtime.FileFilter{DisplayName: "Tandem-Datensicherung (*.db)", Pattern: "*.db"}
	if enc {
		filter = runtime.FileFilter{DisplayName: "Verschlüsselte Tandem-Datensicherung (*.age)", Pattern: "*.age"}
	}
	dir := b.folder()
	_ = os.MkdirAll(dir, 0o700)
	path, err := chooseSavePath("Datensicherung speichern", name, dir, filter)
	if err != nil || path == "" {
		return CreateResult{}, err
	}
	if enc && !strings.HasSuffix(strings.ToLower(path), ".age") {
		path += ".age"
	}
	if isDatabaseFile(path, db.Path()) {
		return CreateResult{}, domain.Invalid("path", "backup.target_is_database")
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if err := backup.WriteTo(ctx, db, path, passphrase); err != nil {
		return CreateResult{}, err
	}
	rememberSaved(path)
	auditSaved(ctx, db, path, domain.AuditExport, "database", 0)
	res := CreateResult{Path: path}
	if fi, err := os.Stat(path); err == nil {
		it := BackupItem{Path: path, Name: filepath.Base(path), Time: b.now().Local().Format(time.RFC3339), Size: fi.Size(), Encrypted: enc, Kind: backup.KindManual}
		res.Item = &it
	}
	return res, nil
}

// --- automatic backups ---------------------------------------------------

// autoTick makes an automatic backup when none was made in this run yet,
// or when the last is at least autoEvery old and data changed since. It
// thins the folder afterwards. The error is kept for the UI, never fatal.
func (b *BackupService) autoTick(now time.Time) (made bool, err error) {
	db, ctx, release, err := b.s.use()
	defer release()
	if err != nil {
		return false, nil // no database: nothing to back up
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	changes, err := db.ChangeCount(ctx)
	if err != nil {
		b.autoErr = err
		return false, err
	}
	if !b.autoDue && !b.lastAuto.IsZero() && (now.Sub(b.lastAuto) < autoEvery || changes == b.lastChanges) {
		return false, nil
	}
	dir := b.folder()
	if _, err := backup.Create(ctx, db, dir, backup.KindAuto, now); err != nil {
		b.autoErr = err
		return false, err
	}
	b.lastAuto, b.lastChanges, b.autoErr, b.autoDue = now, changes, nil, false
	// While a damaged database's notice is open, nothing is thinned: the
	// backups of the new, empty database would push out the good ones from
	// before the damage, the offered one among them (recovery.go).
	if loadRecovery(b.cfg.DBPath) != nil {
		return true, nil
	}
	// Thinning touches only this database's backups: the folder may be
	// shared with other databases or laptops.
	id, err := db.InstallationID(ctx)
	if err != nil {
		log.Printf("thinning backups in %s: no installation id: %v", dir, err)
		return true, nil
	}
	if _, err := backup.Thin(ctx, dir, id, now); err != nil {
		log.Printf("thinning backups in %s: %v", dir, err)
	}
	return true, nil
}

// startAuto runs automatic backups until ctx ends: one now, then checks
// every few minutes. A failure is logged and shown as a banner.
func (b *BackupService) startAuto(ctx context.Context) {
	go func() {
		lastAnnounced := ""
		tick := func() {
			if _, err := b.autoTick(b.now()); err != nil {
				log.Printf("automatic backup failed: %v", err)
				// The banner once per kind of failure, not every five minutes;
				// the backup panel shows the current one all the time.
				if e := toAppError(err); appCtx != nil && e.Message != lastAnnounced {
					lastAnnounced = e.Message
					runtime.EventsEmit(appCtx, "backup:auto-failed", e)
				}
			} else {
				lastAnnounced = ""
			}
		}
		// The first one a little after start, so the window comes up first.
		select {
		case <-ctx.Done():
			return
		case <-time.After(autoStartDelay):
		}
		tick()
		t := time.NewTicker(5 * time.Minute)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				tick()
			}
		}
	}()
}

// --- restore -------------------------------------------------------------

// Restore replaces the database with the backup at path, which must be in
// the backup list, written by this run, or chosen in the open dialog.
// The current state is backed up first (kind "before-restore"). On any
// failure the current database stays in place and open.
func (b *BackupService) Restore(path, passphrase string) (RestoreResult, error) {
	if err := b.s.ready(); err != nil {
		return RestoreResult{}, err
	}
	if len(passphrase) > backup.MaxPassphrase*4 || !utf8.ValidString(passphrase) {
		return RestoreResult{}, domain.Invalid("passphrase", "backup.passphrase_invalid")
	}
	if !b.allowed(path) {
		return RestoreResult{}, domain.Invalid("path", "backup.path_unknown")
	}
	path = filepath.Clean(path)
	if backup.IsEncrypted(path) && passphrase == "" {
		return RestoreResult{Path: path, NeedsPassphrase: true}, nil
	}
	before, err := b.restore(path, passphrase)
	if err != nil {
		return RestoreResult{}, err
	}
	it := toItem(before)
	return RestoreResult{Path: path, Before: &it}, nil
}

// ChooseAndRestore shows the open dialog and restores the chosen file. An
// encrypted file without passphrase answers NeedsPassphrase (the file is
// remembered, so Restore(path, passphrase) may follow).
func (b *BackupService) ChooseAndRestore(passphrase string) (RestoreResult, error) {
	if err := b.s.ready(); err != nil {
		return RestoreResult{}, err
	}
	if len(passphrase) > backup.MaxPassphrase*4 || !utf8.ValidString(passphrase) {
		return RestoreResult{}, domain.Invalid("passphrase", "backup.passphrase_invalid")
	}
	path, err := openFile("Datensicherung wählen", b.folder(), []runtime.FileFilter{{DisplayName: "Tandem-Datensicherung (*.db, *.age)", Pattern: "*.db;*.age"}})
	if err != nil {
		return RestoreResult{}, err
	}
	if path == "" {
		return RestoreResult{Cancelled: true}, nil
	}
	path = filepath.Clean(path)
	b.mu.Lock()
	b.chosen[path] = true
	b.mu.Unlock()
	return b.Restore(path, passphrase)
}

// allowed reports whether path may be restored from.
func (b *BackupService) allowed(path string) bool {
	if strings.TrimSpace(path) == "" || len(path) > 4096 || !filepath.IsAbs(path) || strings.ContainsRune(path, 0) {
		return false
	}
	path = filepath.Clean(path)
	b.mu.Lock()
	chosen := b.chosen[path]
	b.mu.Unlock()
	if chosen || wasSaved(path) {
		return true
	}
	if r := loadRecovery(b.cfg.DBPath); r != nil && r.Backup != nil && filepath.Clean(r.Backup.Path) == path {
		return true // offered by the banner, even if the backup folder changed since
	}
	list, err := backup.List(b.folder())
	if err != nil {
		return false
	}
	for _, i := range list {
		if filepath.Clean(i.Path) == path {
			return true
		}
	}
	return false
}

// restore does the work of Restore; it returns the before-restore backup.
func (b *BackupService) restore(src, passphrase string) (backup.Info, error) {
	b.restoreMu.Lock()
	defer b.restoreMu.Unlock()
	ctx := b.s.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	// The file's one name (sqlite.Open locks and swaps under it): for a
	// symlinked path the file must be replaced, not the symlink.
	dbPath, err := filelock.Canonical(b.cfg.DBPath)
	if err != nil {
		return backup.Info{}, domain.Internal(err, "resolve %s", b.cfg.DBPath)
	}
	// 1. A checked working copy beside the database; nothing else touched.
	tmp, err := backup.Prepare(ctx, src, passphrase, filepath.Dir(dbPath), sqlite.KnownSchemaVersion())
	if err != nil {
		return backup.Info{}, err
	}
	defer os.Remove(tmp)

	// 2. From here no call may use the database: the write lock waits for
	// every call in flight (store.use) and holds off new ones.
	b.s.mu.Lock()
	defer b.s.mu.Unlock()
	b.mu.Lock() // no automatic backup meanwhile
	defer b.mu.Unlock()
	old := b.s.db
	if old == nil {
		return backup.Info{}, b.s.problem
	}
	before, err := backup.Create(ctx, old, b.folder(), backup.KindBeforeRestore, b.now())
	if err != nil {
		return backup.Info{}, err
	}
	// People erased here stay erased in the restored file, and the audit
	// log keeps what happened since the backup (privacy.go).
	erased, err := old.ErasureList(ctx)
	if err != nil {
		return backup.Info{}, err
	}
	trail, err := old.AuditLogAll(ctx)
	if err != nil {
		return backup.Info{}, err
	}
	// The locks stay held until the swapped file is open: no other
	// process, under any name for the file, gets in between (sqlite/lock.go).
	held, err := old.CloseKeepLock()
	if err != nil {
		log.Printf("close database before restore: %v", err)
	}
	reopenOld := func(cause error) (backup.Info, error) {
		db, err := sqlite.OpenHeld(ctx, held)
		if err != nil {
			// Should not happen: the old file is back in place untouched.
			held.Release()
			b.s.db, b.s.problem = nil, err
			return backup.Info{}, errors.Join(cause, err)
		}
		b.s.db = db
		return backup.Info{}, cause
	}
	// 3. Swap the files; the old ones are only moved aside.
	undo, discard, err := backup.Replace(dbPath, tmp)
	if err != nil {
		return reopenOld(domain.Internal(err, "replace %s", dbPath))
	}
	// Open carries the audit log, logs the restore and erases again (in
	// that order, see sqlite.OpenRestored).
	db, err := sqlite.OpenRestored(ctx, held, sqlite.Restored{Trail: trail, Erasures: erased})
	if err == nil && db.Recovery() != nil {
		// Open found the restored file damaged and started an empty one.
		held, _ = db.CloseKeepLock()
		err = &domain.Error{Code: domain.EINVALID, Key: "backup.damaged", Field: "path", Params: map[string]any{"path": src}}
	}
	if err != nil {
		if uerr := undo(); uerr != nil {
			log.Printf("undo restore: %v", uerr)
		}
		return reopenOld(err)
	}
	discard()
	b.s.db, b.s.problem = db, nil
	// A notice about a damaged database (recovery.go) is over: the new,
	// empty database it describes has just been replaced. The damaged
	// file itself stays.
	if err := os.Remove(recoveryFile(dbPath)); err != nil && !errors.Is(err, os.ErrNotExist) {
		log.Printf("remove recovery notice: %v", err)
	}
	seedTemplates(ctx, db)
	// The next tick (within minutes) backs up the restored state, so the
	// newest automatic backup is never older than what is in use.
	b.autoDue = true
	log.Printf("restored %s from %s (before: %s)", dbPath, src, before.Path)
	return before, nil
}
