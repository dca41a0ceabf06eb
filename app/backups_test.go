package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"tandem/internal/backup"
	"tandem/internal/domain"
	"tandem/internal/sqlite"
)

func peopleNames(t *testing.T, s *Services) []string {
	t.Helper()
	l, err := s.People.List(domain.PersonFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range l.People {
		out = append(out, p.LastName)
	}
	return out
}

func addPersonNamed(t *testing.T, s *Services, last string) {
	t.Helper()
	if _, err := s.People.Create(domain.PersonInput{FirstName: "Erika", LastName: last}); err != nil {
		t.Fatal(err)
	}
}

func TestRestoreAndUndo(t *testing.T) {
	s, dbPath := openServices(t)
	addPersonNamed(t, s, "Vorher")
	b := s.Backups
	clock := time.Date(2026, 11, 23, 9, 0, 0, 0, time.Local)
	b.now = func() time.Time { return clock }

	made, err := b.autoTick(clock)
	if err != nil || !made {
		t.Fatalf("first automatic backup: %v %v", made, err)
	}
	list, err := b.List()
	if err != nil || len(list.Items) != 1 || list.Folder != filepath.Join(filepath.Dir(dbPath), "Tandem-Sicherungen (t)") {
		t.Fatalf("list %+v %v", list, err)
	}
	first := list.Items[0]

	addPersonNamed(t, s, "Nachher")
	// Search works before …
	if res, err := s.Search.Search("Nachher"); err != nil || len(res.People.Hits) == 0 {
		t.Fatalf("search before restore: %+v %v", res, err)
	}

	// A path that is not ours is refused, nothing changed.
	_, err = b.Restore(dbPath, "")
	wantAppError(t, err, domain.EINVALID, "backup.path_unknown")
	_, err = b.Restore("relativ.db", "")
	wantAppError(t, err, domain.EINVALID, "backup.path_unknown")

	clock = clock.Add(time.Hour)
	res, err := b.Restore(first.Path, "")
	if err != nil {
		t.Fatal(err)
	}
	if got := peopleNames(t, s); len(got) != 1 || got[0] != "Vorher" {
		t.Fatalf("after restore: %v", got)
	}
	if res.Before == nil || res.Before.Kind != backup.KindBeforeRestore {
		t.Fatalf("no before-restore backup: %+v", res)
	}
	// … and after the reopen.
	if r, err := s.Search.Search("Nachher"); err != nil || len(r.People.Hits) != 0 {
		t.Fatalf("search after restore: %+v %v", r, err)
	}
	if r, err := s.Search.Search("Vorher"); err != nil || len(r.People.Hits) == 0 {
		t.Fatalf("search after restore: %+v %v", r, err)
	}
	list, _ = b.List()
	if len(list.Items) != 2 || list.Items[0].Path != res.Before.Path {
		t.Fatalf("before-restore not listed first: %+v", list.Items)
	}

	// Undo: restore the before-restore backup.
	clock = clock.Add(time.Minute)
	if _, err := b.Restore(res.Before.Path, ""); err != nil {
		t.Fatal(err)
	}
	if got := peopleNames(t, s); len(got) != 2 {
		t.Fatalf("after undo: %v", got)
	}
	addPersonNamed(t, s, "Danach") // writable after the swap
	if st, _ := s.System.Status(); !st.Ready {
		t.Fatalf("status %+v", st)
	}
}

func TestRestoreRefusedLeavesDatabase(t *testing.T) {
	s, dbPath := openServices(t)
	addPersonNamed(t, s, "Bleibt")
	b := s.Backups
	dir := b.folder()
	os.MkdirAll(dir, 0o700)
	// A damaged "backup" in the folder.
	bad := filepath.Join(dir, "tandem-2026-11-01T1000-auto.db")
	os.WriteFile(bad, []byte("SQLite format 3\x00 kaputt kaputt kaputt"), 0o600)
	_, err := b.Restore(bad, "")
	wantAppError(t, err, domain.EINVALID, "backup.damaged")

	// An encrypted one with the wrong passphrase.
	db, ctx, release, _ := s.People.s.use()
	release()
	enc, err := backup.CreateIn(ctx, db, dir, backup.KindManual, time.Now(), "richtiges-kennwort")
	if err != nil {
		t.Fatal(err)
	}
	res, err := b.Restore(enc.Path, "")
	if err != nil || !res.NeedsPassphrase {
		t.Fatalf("want NeedsPassphrase: %+v %v", res, err)
	}
	_, err = b.Restore(enc.Path, "falsches-kennwort")
	wantAppError(t, err, domain.EINVALID, "backup.passphrase_wrong")

	if got := peopleNames(t, s); len(got) != 1 || got[0] != "Bleibt" {
		t.Fatalf("database changed: %v", got)
	}
	list, _ := b.List()
	for _, it := range list.Items {
		if it.Kind == backup.KindBeforeRestore {
			t.Fatalf("a refused restore made a before-restore backup: %+v", it)
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(dbPath))
	for _, e := range entries {
		if filepath.Ext(e.Name()) == ".old" || filepath.Ext(e.Name()) == ".db" && e.Name() != "t.db" {
			t.Fatalf("left behind: %s", e.Name())
		}
	}

	// The right passphrase restores it.
	if _, err := b.Restore(enc.Path, "richtiges-kennwort"); err != nil {
		t.Fatal(err)
	}
	if got := peopleNames(t, s); len(got) != 1 {
		t.Fatalf("after encrypted restore: %v", got)
	}
}

func TestAutoBackupOnlyWhenChangedAndDue(t *testing.T) {
	s, _ := openServices(t)
	b := s.Backups
	t0 := time.Date(2026, 11, 23, 8, 0, 0, 0, time.Local)
	step := func(at time.Time, want bool) {
		t.Helper()
		made, err := b.autoTick(at)
		if err != nil || made != want {
			t.Fatalf("at %s: made %v (%v), want %v", at.Format("15:04"), made, err, want)
		}
	}
	step(t0, true)                   // at start
	step(t0.Add(4*time.Hour), false) // due but nothing changed
	addPersonNamed(t, s, "Neu")
	step(t0.Add(2*time.Hour), false) // changed but not due
	step(t0.Add(3*time.Hour), true)  // changed and due
	step(t0.Add(7*time.Hour), false) // nothing changed since
	list, _ := b.List()
	if len(list.Items) != 2 || list.AutoError != nil {
		t.Fatalf("list %+v", list)
	}
	// After a restore the next tick backs up the restored state, though
	// nothing changed and the last backup is fresh; then the rule again.
	b.now = func() time.Time { return t0.Add(7 * time.Hour) }
	if _, err := b.Restore(list.Items[1].Path, ""); err != nil {
		t.Fatal(err)
	}
	step(t0.Add(7*time.Hour+time.Minute), true)
	step(t0.Add(7*time.Hour+2*time.Minute), false)

	// An unwritable folder: the error is kept for the banner, no panic.
	blocker := filepath.Join(t.TempDir(), "datei")
	os.WriteFile(blocker, []byte("x"), 0o600)
	os.WriteFile(b.settingsPath(), []byte(`{"folder":"`+filepath.ToSlash(filepath.Join(blocker, "sub"))+`"}`), 0o600)
	addPersonNamed(t, s, "Noch einer")
	if _, err := b.autoTick(t0.Add(11 * time.Hour)); err == nil {
		t.Fatal("want an error")
	}
	list, _ = b.List()
	if list.AutoError == nil || list.AutoError.Key != "backup.dir_unwritable" {
		t.Fatalf("auto error %+v", list.AutoError)
	}
}

func TestBackupSettings(t *testing.T) {
	s, dbPath := openServices(t)
	b := s.Backups
	st, err := b.Settings()
	if err != nil || !st.IsDefault || st.Folder != backup.DefaultDir(dbPath) {
		t.Fatalf("%+v %v", st, err)
	}
	_, err = b.SaveSettings("relativ/ordner")
	wantAppError(t, err, domain.EINVALID, "backup.folder_invalid")
	other := filepath.Join(t.TempDir(), "Netz", "Sicherungen")
	st, err = b.SaveSettings(other)
	if err != nil || st.Folder != other || st.IsDefault {
		t.Fatalf("%+v %v", st, err)
	}
	if _, err := b.autoTick(time.Now()); err != nil {
		t.Fatal(err)
	}
	if l, _ := backup.List(other); len(l) != 1 {
		t.Fatalf("not in the chosen folder: %v", l)
	}
	st, _ = b.SaveSettings("")
	if !st.IsDefault {
		t.Fatalf("%+v", st)
	}
	_, err = b.Create("kurz")
	wantAppError(t, err, domain.EINVALID, "backup.passphrase_short")
}

// TestRestoreWaitsForCallsInFlight: people are created from several
// goroutines while the database is restored again and again. Every create
// that reported success must be found afterwards, either in the database
// or in the before-restore backup the restore made, and no call may fail
// because the database was swapped under it.
func TestRestoreWaitsForCallsInFlight(t *testing.T) {
	s, _ := openServices(t)
	addPersonNamed(t, s, "Start")
	b := s.Backups
	if made, err := b.autoTick(time.Now()); err != nil || !made {
		t.Fatalf("first backup: %v %v", made, err)
	}
	list, err := b.List()
	if err != nil || len(list.Items) != 1 {
		t.Fatalf("list %+v %v", list, err)
	}
	src := list.Items[0].Path

	const writers, rounds = 4, 6
	var (
		mu      sync.Mutex
		created []string
		failed  []error
		stop    = make(chan struct{})
		wg      sync.WaitGroup
	)
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				name := fmt.Sprintf("Schreiber%d-%d", w, i)
				_, err := s.People.Create(domain.PersonInput{FirstName: "Erika", LastName: name})
				mu.Lock()
				if err != nil {
					failed = append(failed, err)
				} else {
					created = append(created, name)
				}
				mu.Unlock()
			}
		}(w)
	}
	var befores []string
	for r := 0; r < rounds; r++ {
		time.Sleep(30 * time.Millisecond)
		res, err := b.Restore(src, "")
		if err != nil {
			t.Fatalf("restore %d: %v", r, err)
		}
		befores = append(befores, res.Before.Path)
	}
	close(stop)
	wg.Wait()
	if len(failed) > 0 {
		t.Fatalf("%d creates failed during restores, first: %v", len(failed), failed[0])
	}
	found := map[string]bool{}
	for _, n := range peopleNames(t, s) {
		found[n] = true
	}
	for _, p := range befores {
		db, err := sqlite.Open(context.Background(), p)
		if err != nil {
			t.Fatal(err)
		}
		l, err := db.People(context.Background(), domain.PersonFilter{})
		db.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range l.People {
			found[p.LastName] = true
		}
	}
	lost := 0
	for _, n := range created {
		if !found[n] {
			lost++
		}
	}
	t.Logf("%d creates during %d restores, %d lost", len(created), rounds, lost)
	if lost > 0 || len(created) == 0 {
		t.Fatalf("%d of %d successful creates are in neither the database nor a before-restore backup", lost, len(created))
	}
}

// TestRestoreKeepsAuditLog: what was logged after the backup (here an
// export) is still in the log after restoring it, followed by the restore.
func TestRestoreKeepsAuditLog(t *testing.T) {
	s, _ := openServices(t)
	addPersonNamed(t, s, "Alt")
	b := s.Backups
	if made, err := b.autoTick(time.Now()); err != nil || !made {
		t.Fatalf("backup: %v %v", made, err)
	}
	list, _ := b.List()
	db, ctx, release, _ := s.People.s.use()
	release()
	if err := db.Audit(ctx, domain.AuditExport, "audit_log", 0); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Restore(list.Items[0].Path, ""); err != nil {
		t.Fatal(err)
	}
	page, err := s.Privacy.AuditLog(0, 3)
	if err != nil || len(page.Entries) < 2 {
		t.Fatalf("log %+v %v", page, err)
	}
	if e := page.Entries[0]; e.Action != domain.AuditRestore {
		t.Fatalf("newest line %+v, want the restore", e)
	}
	if e := page.Entries[1]; e.Action != domain.AuditExport || e.RecordKind != "audit_log" {
		t.Fatalf("line before the restore %+v, want the export made after the backup", e)
	}
}

// TestBackupLocksNoDeadlock: 20 restores in a loop while other calls of the
// backup service and of the others run all the time. A lock taken in the
// wrong order (SaveSettings held its own lock while asking for the
// store's) hangs this test.
func TestBackupLocksNoDeadlock(t *testing.T) {
	s, _ := openServices(t)
	addPersonNamed(t, s, "Start")
	b := s.Backups
	if made, err := b.autoTick(time.Now()); err != nil || !made {
		t.Fatal(made, err)
	}
	list, _ := b.List()
	src := list.Items[0].Path
	restores := 20
	if testing.Short() {
		restores = 5 // the Windows run under Wine, where each restore takes seconds
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < restores; i++ {
			if _, err := b.Restore(src, ""); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for _, call := range []func(){
		func() { b.SaveSettings(b.defaultFolder()) },
		func() { b.Settings() },
		func() { b.List() },
		func() { b.autoTick(time.Now().Add(4 * time.Hour)) },
		func() { s.People.List(domain.PersonFilter{}) },
		func() { s.System.Status() },
	} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
					call()
				}
			}
		}()
	}
	select {
	case <-done:
	case <-time.After(180 * time.Second): // about 5 s without, 60 s with -race
		// Not t.Fatal: the cleanup's close would wait for the locks forever.
		panic("deadlock: 20 restores did not finish while other calls ran")
	}
	close(stop)
	wg.Wait()
}

// TestBackupListMarksOtherDatabase: two databases share a backup folder;
// each list marks the other's backups (they can still be restored).
func TestBackupListMarksOtherDatabase(t *testing.T) {
	a, _ := openServices(t)
	b, _ := openServices(t)
	shared := filepath.Join(t.TempDir(), "geteilt")
	for _, s := range []*Services{a, b} {
		if _, err := s.Backups.SaveSettings(shared); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := a.Backups.autoTick(time.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Backups.autoTick(time.Now().Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	for name, s := range map[string]*Services{"a": a, "b": b} {
		l, err := s.Backups.List()
		if err != nil || len(l.Items) != 2 {
			t.Fatalf("%s: list %+v %v", name, l, err)
		}
		foreign := 0
		for _, it := range l.Items {
			if it.Foreign {
				foreign++
			}
		}
		if foreign != 1 {
			t.Fatalf("%s: %d marked as another database's, want 1: %+v", name, foreign, l.Items)
		}
	}
}

// TestRestoreKeepsEveryLaterAuditLine: a backup, then 46 logged actions
// (people created and changed, exports, erasures of people the backup
// still holds), then the backup restored. Every one of the 46 lines is in
// the restored log, in order, with its original time, followed by the
// restore line; the erasures re-applied to the restored file come after
// it, behind the line that marks them as re-applied.
func TestRestoreKeepsEveryLaterAuditLine(t *testing.T) {
	s, _ := openServices(t)
	var early []domain.Person
	for _, n := range []string{"Erst", "Zweit", "Dritt"} {
		p, err := s.People.Create(domain.PersonInput{FirstName: "Mira", LastName: n})
		if err != nil {
			t.Fatal(err)
		}
		early = append(early, p)
	}
	b := s.Backups
	if made, err := b.autoTick(time.Now()); err != nil || !made {
		t.Fatalf("backup: %v %v", made, err)
	}
	list, _ := b.List()
	db, ctx, release, _ := s.People.s.use()
	release()
	before, err := db.AuditLogAll(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// The actions happened earlier than the restore, as in real use.
	db.Now = func() time.Time { return time.Now().Add(-2 * time.Hour) }
	for i := 0; len(mustAuditLog(t, db))-len(before) < 40; i++ {
		addPersonNamed(t, s, fmt.Sprintf("Neu%02d", i))
		if i%3 == 0 {
			if err := db.Audit(ctx, domain.AuditExport, "person", early[0].ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, p := range early[:2] {
		if err := s.Privacy.ErasePerson(p.ID, p.FirstName+" "+p.LastName, nil); err != nil {
			t.Fatal(err)
		}
	}
	for len(mustAuditLog(t, db))-len(before) < 45 {
		addPersonNamed(t, s, "Spät")
	}
	if err := db.Audit(ctx, domain.AuditExport, "audit_log", 0); err != nil {
		t.Fatal(err)
	}
	trail := mustAuditLog(t, db)
	later := trail[len(before):]
	if len(later) != 46 {
		t.Fatalf("%d lines after the backup, the scenario wants 46", len(later))
	}

	if _, err := b.Restore(list.Items[0].Path, ""); err != nil {
		t.Fatal(err)
	}
	db, ctx, release, _ = s.People.s.use()
	release()
	got := mustAuditLog(t, db)
	same := func(a, b domain.AuditEntry) bool {
		return a.At == b.At && a.OSUser == b.OSUser && a.Action == b.Action && a.RecordKind == b.RecordKind && a.RecordID == b.RecordID
	}
	if len(got) < len(trail)+1 {
		t.Fatalf("restored log has %d lines, want the %d of the replaced file and the restore", len(got), len(trail))
	}
	for i := range trail {
		if !same(got[i], trail[i]) {
			t.Fatalf("line %d after the restore: %+v, want %+v", i+1, got[i], trail[i])
		}
	}
	if e := got[len(trail)]; e.Action != domain.AuditRestore || e.RecordKind != "database" {
		t.Fatalf("line after the carried ones: %+v, want the restore", e)
	}
	rest := got[len(trail)+1:]
	if len(rest) == 0 || rest[0].Action != domain.AuditErase || rest[0].RecordKind != sqlite.ReappliedErasures {
		t.Fatalf("after the restore line %+v, want the mark of the re-applied erasures", rest)
	}
	erased := map[int64]bool{}
	for _, e := range rest[1:] {
		if e.Action != domain.AuditErase && e.Action != domain.AuditDelete {
			t.Fatalf("re-applied erasure wrote %+v", e)
		}
		if e.Action == domain.AuditErase && e.RecordKind == "person" {
			erased[e.RecordID] = true
		}
	}
	if !erased[early[0].ID] || !erased[early[1].ID] || erased[early[2].ID] {
		t.Fatalf("re-erased %v, want %d and %d", erased, early[0].ID, early[1].ID)
	}
}

func mustAuditLog(t *testing.T, db *sqlite.DB) []domain.AuditEntry {
	t.Helper()
	l, err := db.AuditLogAll(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return l
}
