package sqlite_test

import (
	"database/sql"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"tandem/internal/domain"
	"tandem/internal/sqlite"
)

// Erasure, second round (issue 6 review): names typed as text, ids used
// again, a checkpoint that a reader holds up, the copy of the erasure list
// beside the database, and tandems erased by retention after a restore.

// snapshot copies the database with VACUUM INTO: an "older backup".
func snapshot(t *testing.T, db *sqlite.DB, to string) {
	t.Helper()
	if err := db.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	w := progWriter(t, db)
	defer w.Close() // an open handle would keep Windows from replacing the file
	if _, err := w.Exec(`VACUUM INTO ?`, to); err != nil {
		t.Fatal(err)
	}
}

// outsiderSession makes a tandem of the world's outsider with Max as mentor
// and a session of it: someone else's records that may name the mentee.
func (w *sessionWorld) outsiderSession(t *testing.T) domain.Session {
	t.Helper()
	other := progTandem(t, w.db, domain.TandemInput{RunID: w.run.ID, MenteeID: w.outsider.ID, MentorIDs: []int64{w.max.ID},
		StartDate: "2027-03-01", EndDate: "2027-08-31"})
	s, err := w.db.CreateSession(ctx, domain.SessionInput{TandemID: other.ID, Date: "2027-04-01", StartTime: "10:00", DurationMinutes: 30})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestEraseTypedNames(t *testing.T) {
	w := markedWorld(t)
	db := w.db
	s := w.outsiderSession(t)
	name := "Mia Neumann-Zqxmarkerq"
	typed := map[string]bool{ // owner typed as text: which must go
		"  mia   neumann-ZQXMARKERQ ": true,
		"Neumann-Zqxmarkerq, Mia":     true,
		"Neumann-Zqxmarkerq Mia":      true,
		"Frau Neumann-Zqxmarkerq":     true,
		"Mia":                         false, // a first name alone is somebody else's too
		"Max Mentor":                  false,
	}
	ids := map[int64]string{}
	for owner := range typed {
		a, err := db.AddAgreement(ctx, s.ID, domain.AgreementInput{Text: "Aufgabe", OwnerName: owner})
		if err != nil {
			t.Fatal(err)
		}
		ids[a.ID] = owner
	}
	tmpl := w.plan.TemplateID
	plan := progPlan(t, db, domain.PlanInput{NewcomerID: w.outsider.ID, TemplateID: tmpl, StartDate: "2027-03-01"})
	if _, err := db.AddHandover(ctx, plan.ID, domain.HandoverInput{Date: "2027-03-02", CaseCount: 4, FromName: name}); err != nil {
		t.Fatal(err)
	}
	if err := db.ErasePerson(ctx, w.mentee.ID, name); err != nil {
		t.Fatal(err)
	}
	got, err := db.Session(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range got.Agreements {
		owner, ok := ids[a.ID]
		if !ok {
			continue
		}
		if gone := a.OwnerName == sqlite.ErasedName; gone != typed[owner] {
			t.Errorf("owner %q: now %q, want erased = %v", owner, a.OwnerName, typed[owner])
		}
	}
	p, err := db.Plan(ctx, plan.ID)
	if err != nil || len(p.Handovers) != 1 || p.Handovers[0].FromName != sqlite.ErasedName {
		t.Fatalf("handover %+v %v", p.Handovers, err)
	}
	if files := filesWithMarker(t, db.Path()); len(files) != 0 {
		t.Fatalf("marker still in %v", files)
	}
}

// TestErasureListWithReusedID: A is the newest person, a backup holds A,
// A is erased, B gets A's id and is erased too. Restoring the backup must
// erase A again: B's entry does not replace A's.
func TestErasureListWithReusedID(t *testing.T) {
	db := MustOpenDB(t)
	progPerson(t, db, "Erste", "Person", 0, 0)
	a := progPerson(t, db, "Anna", "Alt", 0, 0)
	backup := db.Path() + ".backup"
	snapshot(t, db, backup)
	if err := db.ErasePerson(ctx, a.ID, "Anna Alt"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1100 * time.Millisecond) // created_at has seconds: B is created in a later one
	b := progPerson(t, db, "Bert", "Neu", 0, 0)
	if b.ID != a.ID {
		t.Skipf("id not reused (%d, %d): the case does not arise", a.ID, b.ID)
	}
	if err := db.ErasePerson(ctx, b.ID, "Bert Neu"); err != nil {
		t.Fatal(err)
	}
	carried, err := db.ErasureList(ctx)
	if err != nil || len(carried) != 2 {
		t.Fatalf("erasure list %+v %v: want A and B", carried, err)
	}
	restored := MustOpenPath(t, backup)
	if n, err := restored.ReapplyErasures(ctx, carried...); err != nil || n != 1 {
		t.Fatalf("reapply %d %v", n, err)
	}
	if _, err := restored.Person(ctx, a.ID); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Fatalf("A is back after the restore: %v", err)
	}
}

// TestErasureCheckpointWithReader: a reader holding a snapshot keeps the
// checkpoint from completing; the erasure still returns at once, and the
// data leaves the file as soon as the reader is done.
func TestErasureCheckpointWithReader(t *testing.T) {
	w := markedWorld(t)
	db := w.db
	if err := db.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	reader, err := sql.Open("sqlite", db.Path()+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	tx, err := reader.Begin()
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := tx.QueryRow(`SELECT count(*) FROM people`).Scan(&n); err != nil { // the snapshot starts here
		t.Fatal(err)
	}
	start := time.Now()
	if err := db.ErasePerson(ctx, w.mentee.ID, "Mia Neumann-Zqxmarkerq"); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Fatalf("erasing waited %v for the reader", d)
	}
	tx.Rollback()
	deadline := time.Now().Add(15 * time.Second)
	for {
		files := filesWithMarker(t, db.Path())
		if len(files) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("marker still in %v after the reader ended", files)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// TestErasureFileOutlivesDatabase: the database is lost (damaged, moved
// aside) and a new one started; a backup from before an erasure is put in
// place. Opening it erases the person again from the copy of the list.
func TestErasureFileOutlivesDatabase(t *testing.T) {
	w := markedWorld(t)
	db := w.db
	path := db.Path()
	backup := path + ".backup"
	snapshot(t, db, backup)
	if err := db.ErasePerson(ctx, w.mentee.ID, "Mia Neumann-Zqxmarkerq"); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(sqlite.ErasureFile(path))
	if err != nil {
		t.Fatal(err)
	}
	var list []domain.Erasure
	if err := json.Unmarshal(data, &list); err != nil || len(list) == 0 {
		t.Fatalf("erasure file %s: %v", data, err)
	}
	if strings.Contains(strings.ToLower(string(data)), "neumann") || strings.Contains(string(data), marker) {
		t.Fatalf("the erasure file holds a name: %s", data)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"", "-wal", "-shm"} {
		os.Remove(path + s)
	}
	fresh := MustOpenPath(t, path) // a new, empty database: the list comes from the file
	if l, err := fresh.ErasureList(ctx); err != nil || len(l) != len(list) {
		t.Fatalf("new database's list %+v %v, want %d entries", l, err, len(list))
	}
	fresh.Close()
	for _, s := range []string{"", "-wal", "-shm"} {
		os.Remove(path + s)
	}
	if err := os.Rename(backup, path); err != nil {
		t.Fatal(err)
	}
	restored := MustOpenPath(t, path)
	if _, err := restored.Person(ctx, w.mentee.ID); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Fatalf("erased person back in the restored file: %v", err)
	}
	if files := filesWithMarker(t, path); len(files) != 0 {
		t.Fatalf("marker in %v", files)
	}
}

// TestRetentionErasureSurvivesRestore: a tandem and a plan erased when
// their retention period ran out are erased again when an older backup
// comes back.
func TestRetentionErasureSurvivesRestore(t *testing.T) {
	w := newSessionWorld(t)
	db := w.db
	if _, err := db.SetTandemStatus(ctx, w.tandem.ID, domain.TandemCancelled, "Stelle gewechselt"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.CancelPlan(ctx, w.plan.ID, "Stelle gewechselt"); err != nil {
		t.Fatal(err)
	}
	backup := db.Path() + ".backup"
	snapshot(t, db, backup)
	db.Now = func() time.Time { return time.Date(2031, 1, 15, 10, 0, 0, 0, time.Local) }
	due, err := db.RetentionDue(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var items []domain.RetentionDue
	for _, d := range due {
		if d.Kind == "tandem" && d.ID == w.tandem.ID || d.Kind == "plan" && d.ID == w.plan.ID {
			items = append(items, d)
		}
	}
	if len(items) != 2 {
		t.Fatalf("tandem and plan not due: %+v", due)
	}
	if n, err := db.EraseDue(ctx, items); err != nil || n != 2 {
		t.Fatalf("erase due %d %v", n, err)
	}
	carried, err := db.ErasureList(ctx)
	if err != nil {
		t.Fatal(err)
	}
	restored := MustOpenPath(t, backup)
	if _, err := restored.Tandem(ctx, w.tandem.ID); err != nil {
		t.Fatalf("the backup should hold the tandem: %v", err)
	}
	if n, err := restored.ReapplyErasures(ctx, carried...); err != nil || n != 2 {
		t.Fatalf("reapply %d %v", n, err)
	}
	if _, err := restored.Tandem(ctx, w.tandem.ID); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Fatalf("tandem back after the restore: %v", err)
	}
	if _, err := restored.Plan(ctx, w.plan.ID); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Fatalf("plan back after the restore: %v", err)
	}
	if _, err := restored.Person(ctx, w.mentee.ID); err != nil {
		t.Fatalf("the mentee was erased with the tandem: %v", err)
	}
}

// TestCarryAuditOverRestore: the lines written after a backup was taken
// are carried into the restored file, once, with their time and user.
func TestCarryAuditOverRestore(t *testing.T) {
	db := MustOpenDB(t)
	p := progPerson(t, db, "Anna", "Audit", 0, 0)
	backup := db.Path() + ".backup"
	snapshot(t, db, backup)
	before, err := db.AuditLogAll(ctx)
	if err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return time.Now().Add(time.Hour) }
	if err := db.Audit(ctx, domain.AuditExport, "person", p.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.ErasePerson(ctx, p.ID, "Anna Audit"); err != nil {
		t.Fatal(err)
	}
	trail, err := db.AuditLogAll(ctx)
	if err != nil {
		t.Fatal(err)
	}
	restored := MustOpenPath(t, backup)
	n, err := restored.CarryAudit(ctx, trail)
	if err != nil || n != len(trail)-len(before) || n < 2 {
		t.Fatalf("carried %d %v, want %d", n, err, len(trail)-len(before))
	}
	if n, err := restored.CarryAudit(ctx, trail); err != nil || n != 0 {
		t.Fatalf("carried again %d %v", n, err)
	}
	got, err := restored.AuditLogAll(ctx)
	if err != nil || len(got) != len(trail) {
		t.Fatalf("restored log %d lines %v, want %d", len(got), err, len(trail))
	}
	for i := range got {
		a, b := got[i], trail[i]
		if a.At != b.At || a.OSUser != b.OSUser || a.Action != b.Action || a.RecordKind != b.RecordKind || a.RecordID != b.RecordID {
			t.Fatalf("line %d: %+v, want %+v", i, a, b)
		}
	}
}

// TestAccessExportTypedNames: agreements and handovers that name the
// person only as text are in their access export.
func TestAccessExportTypedNames(t *testing.T) {
	w := newSessionWorld(t)
	db := w.db
	s := w.outsiderSession(t)
	if _, err := db.AddAgreement(ctx, s.ID, domain.AgreementInput{Text: "Akte holen", OwnerName: "Neumann, Mia"}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddAgreement(ctx, s.ID, domain.AgreementInput{Text: "Fremd", OwnerName: "Mia"}); err != nil {
		t.Fatal(err)
	}
	plan := progPlan(t, db, domain.PlanInput{NewcomerID: w.outsider.ID, TemplateID: w.plan.TemplateID, StartDate: "2027-03-01"})
	if _, err := db.AddHandover(ctx, plan.ID, domain.HandoverInput{Date: "2027-03-02", CaseCount: 2, FromName: "frau  NEUMANN"}); err != nil {
		t.Fatal(err)
	}
	data, err := db.AccessExport(ctx, w.mentee.ID)
	if err != nil {
		t.Fatal(err)
	}
	js, _ := json.Marshal(data)
	for _, want := range []string{"Akte holen", "frau  NEUMANN"} {
		if !strings.Contains(string(js), want) {
			t.Errorf("access export lacks %q", want)
		}
	}
	if strings.Contains(string(js), `"Fremd"`) {
		t.Error("access export holds an agreement of a first name only")
	}
}
