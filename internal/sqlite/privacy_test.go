package sqlite_test

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"tandem/internal/domain"
	"tandem/internal/sqlite"
)

const marker = "zqxmarkerq"

func hits(r domain.SearchResults) int {
	return len(r.People.Hits) + len(r.Tandems.Hits) + len(r.Notes.Hits) + len(r.Agreements.Hits) + len(r.Feedback.Hits)
}

// fileHasMarker reads the database, -wal and -shm files raw.
func filesWithMarker(t *testing.T, path string) []string {
	t.Helper()
	var found []string
	for _, suffix := range []string{"", "-wal", "-shm"} {
		b, err := os.ReadFile(path + suffix)
		if os.IsNotExist(err) {
			continue
		} else if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(bytes.ToLower(b), []byte(marker)) {
			found = append(found, path+suffix)
		}
	}
	return found
}

// markedWorld fills a session world with the marker in the mentee's name
// and note, a session note, an agreement and a feedback answer.
func markedWorld(t *testing.T) *sessionWorld {
	t.Helper()
	w := newSessionWorld(t)
	db := w.db
	mentee, err := db.UpdatePerson(ctx, w.mentee.ID, domain.PersonInput{FirstName: "Mia", LastName: "Neumann-" + strings.ToUpper(marker[:1]) + marker[1:],
		Email: marker + "@example.org", Note: "Notiz " + marker, Roles: []domain.Role{domain.RoleMentee}})
	if err != nil {
		t.Fatal(err)
	}
	w.mentee = mentee
	s := w.session(t, "2027-03-08", "09:30", 60)
	if _, err := db.SaveNote(ctx, s.ID, 0, domain.NoteInput{Text: "Gesprächsnotiz " + marker + " vertraulich", Confidential: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddAgreement(ctx, s.ID, domain.AgreementInput{Text: "Vereinbarung " + marker, OwnerID: w.mentee.ID, DueDate: "2027-03-20"}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.RecordFeedbackTalk(ctx, domain.FeedbackTalkInput{TandemID: w.tandem.ID, Kind: domain.FeedbackMidTerm, Date: "2027-03-05",
		Answers: []domain.FeedbackAnswer{{Prompt: "Was ist gut gelungen?", MenteeView: "Antwort " + marker, MentorView: "ok"}}}); err != nil {
		t.Fatal(err)
	}
	return w
}

func TestErasePersonLeavesNoTrace(t *testing.T) {
	w := markedWorld(t)
	db := w.db
	// The outsider's agreement names the mentee as owner: link removed, name „gelöscht“.
	os2 := w.outsiderSession(t)
	ag, err := db.AddAgreement(ctx, os2.ID, domain.AgreementInput{Text: "Fremde Vereinbarung", OwnerID: w.mentee.ID})
	if err != nil {
		t.Fatal(err)
	}
	if res, err := db.Search(ctx, marker, 10); err != nil || hits(res) == 0 {
		t.Fatalf("marker not found before erasure: %+v %v", res, err)
	}
	if err := db.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	if got := filesWithMarker(t, db.Path()); len(got) == 0 {
		t.Fatal("marker not in the files before erasure: the test would prove nothing")
	}

	// A wrong name changes nothing.
	wantCode(t, db.ErasePerson(ctx, w.mentee.ID, "Mia Neumann"), domain.EINVALID, "person.erase.confirm_mismatch")
	if _, err := db.Person(ctx, w.mentee.ID); err != nil {
		t.Fatal(err)
	}
	// Case, umlauts and spaces do not matter.
	if err := db.ErasePerson(ctx, w.mentee.ID, "  mia   NEUMANN-"+marker+" "); err != nil {
		t.Fatal(err)
	}
	wantCode(t, func() error { _, err := db.Person(ctx, w.mentee.ID); return err }(), domain.ENOTFOUND, "person.not_found")
	wantCode(t, func() error { _, err := db.Tandem(ctx, w.tandem.ID); return err }(), domain.ENOTFOUND, "tandem.not_found")
	if res, err := db.Search(ctx, marker, 10); err != nil || hits(res) != 0 {
		t.Fatalf("search after erasure: %+v %v", res, err)
	}
	if got := filesWithMarker(t, db.Path()); len(got) != 0 {
		t.Fatalf("marker still in %v", got)
	}
	// Someone else's records stay, without the link.
	s2, err := db.Session(ctx, os2.ID)
	if err != nil || len(s2.Participants) != 2 {
		t.Fatalf("other session %+v %v", s2, err)
	}
	for _, a := range s2.Agreements {
		if a.ID == ag.ID && (a.OwnerID != 0 || a.OwnerName != sqlite.ErasedName) {
			t.Fatalf("agreement %+v", a)
		}
	}
	list, err := db.ErasureList(ctx)
	if err != nil || len(list) != 2 || list[0].Kind != "person" || list[0].ID != w.mentee.ID || list[0].CreatedAt == "" ||
		list[1].Kind != "tandem" || list[1].ID != w.tandem.ID {
		t.Fatalf("erasure list %+v %v: want the person and their tandem", list, err)
	}
	// The audit log has the erasure, without content.
	log, err := db.AuditLog(ctx, 0, 500)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range log.Entries {
		found = found || e.Action == "erase" && e.RecordKind == "person" && e.RecordID == w.mentee.ID
		if strings.Contains(strings.ToLower(e.OSUser+e.RecordKind+e.Action), marker) {
			t.Fatalf("content in audit log: %+v", e)
		}
		if e.OSUser == "" || e.At == "" {
			t.Fatalf("entry %+v", e)
		}
	}
	if !found {
		t.Fatalf("no erase entry in %+v", log.Entries)
	}
}

func TestReapplyErasuresAfterRestore(t *testing.T) {
	w := markedWorld(t)
	db := w.db
	path := db.Path()
	old := path + ".old"
	// An "older backup": a copy taken before the erasure.
	if err := db.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := progWriter(t, db).Exec(`VACUUM INTO ?`, old); err != nil {
		t.Fatal(err)
	}
	if err := db.ErasePerson(ctx, w.mentee.ID, "Mia Neumann-Zqxmarkerq"); err != nil {
		t.Fatal(err)
	}
	carried, err := db.ErasureList(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Opening the old file erases again what its own list holds (nothing),
	// the carried list brings the erasure.
	restored := MustOpenPath(t, old)
	if _, err := restored.Person(ctx, w.mentee.ID); err != nil {
		t.Fatal("the old file should still hold the person")
	}
	n, err := restored.ReapplyErasures(ctx, carried...)
	if err != nil || n != 1 {
		t.Fatalf("reapply %d %v", n, err)
	}
	if _, err := restored.Person(ctx, w.mentee.ID); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Fatalf("person back after reapply: %v", err)
	}
	if got := filesWithMarker(t, old); len(got) != 0 {
		if os.Getenv("PRIVACY_KEEP") != "" {
			restored.Close()
			b, _ := os.ReadFile(old)
			os.WriteFile("/tmp/privacy/old.db", b, 0o600)
		}
		t.Fatalf("marker in %v", got)
	}
	// A new person who gets the same id later is not erased.
	p := progPerson(t, restored, "Neu", "Person", 0, 0)
	if n, err := restored.ReapplyErasures(ctx); err != nil || n != 0 {
		t.Fatalf("reapply again %d %v (new person %d)", n, err, p.ID)
	}
}

func TestAuditLogAppendOnly(t *testing.T) {
	db := MustOpenDB(t)
	p := progPerson(t, db, "Anna", "Audit", 0, 0)
	if _, err := db.UpdatePerson(ctx, p.ID, domain.PersonInput{FirstName: "Anna", LastName: "Audit2"}); err != nil {
		t.Fatal(err)
	}
	if err := db.Audit(ctx, domain.AuditExport, "person", p.ID); err != nil {
		t.Fatal(err)
	}
	wantCode(t, db.Audit(ctx, "hack", "person", p.ID), domain.EINVALID, "audit.action.invalid")
	wantCode(t, db.Audit(ctx, "export", "<script>", p.ID), domain.EINVALID, "audit.kind.invalid")
	page, err := db.AuditLog(ctx, 0, 2)
	if err != nil || page.Total != 3 || len(page.Entries) != 2 || page.Entries[0].Action != "export" || page.Entries[1].Action != "change" {
		t.Fatalf("page %+v %v", page, err)
	}
	if page.Entries[0].OSUser != sqlite.OSUser() {
		t.Fatalf("user %q", page.Entries[0].OSUser)
	}
	wantCode(t, func() error { _, err := db.AuditLog(ctx, -1, 2); return err }(), domain.EINVALID, "audit.page.invalid")
	wantCode(t, func() error { _, err := db.AuditLog(ctx, 0, 0); return err }(), domain.EINVALID, "audit.page.invalid")
	raw := progWriter(t, db)
	for _, q := range []string{`UPDATE audit_log SET os_user = 'x'`, `DELETE FROM audit_log`} {
		if _, err := raw.Exec(q); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

func TestRetention(t *testing.T) {
	w := markedWorld(t)
	db := w.db
	// Completing with the final talk ends the tandem on 2027-03-09.
	if _, err := db.RecordFeedbackTalk(ctx, domain.FeedbackTalkInput{TandemID: w.tandem.ID, Kind: domain.FeedbackFinal, Date: "2027-03-09"}); err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return time.Date(2029, 3, 8, 12, 0, 0, 0, time.UTC) }
	if due, err := db.RetentionDue(ctx); err != nil || len(due) != 0 {
		t.Fatalf("due too early %+v %v", due, err)
	}
	db.Now = func() time.Time { return time.Date(2029, 3, 10, 12, 0, 0, 0, time.UTC) }
	due, err := db.RetentionDue(ctx)
	if err != nil || len(due) != 1 || due[0].Kind != "tandem" || due[0].ID != w.tandem.ID || due[0].Ended != "2027-03-09" || due[0].DueOn != "2029-03-09" {
		t.Fatalf("due %+v %v", due, err)
	}
	// Periods: invalid refused, nothing changed; a longer period: nothing due.
	wantCode(t, func() error {
		_, err := db.SetRetentionPeriods(ctx, []domain.RetentionPeriod{{Kind: "tandem", Months: 36}, {Kind: "plan", Months: 0}})
		return err
	}(), domain.EINVALID, "retention.months.invalid")
	wantCode(t, func() error {
		_, err := db.SetRetentionPeriods(ctx, []domain.RetentionPeriod{{Kind: "x", Months: 3}})
		return err
	}(),
		domain.EINVALID, "retention.kind.invalid")
	if got, _ := db.RetentionPeriods(ctx); got[0].Months != 24 {
		t.Fatalf("periods changed %+v", got)
	}
	if _, err := db.SetRetentionPeriods(ctx, []domain.RetentionPeriod{{Kind: "tandem", Months: 36}}); err != nil {
		t.Fatal(err)
	}
	if n, err := db.EraseDue(ctx, due); err != nil || n != 0 {
		t.Fatalf("erase not due %d %v", n, err)
	}
	if _, err := db.SetRetentionPeriods(ctx, []domain.RetentionPeriod{{Kind: "tandem", Months: 24}}); err != nil {
		t.Fatal(err)
	}
	if n, err := db.EraseDue(ctx, due); err != nil || n != 1 {
		t.Fatalf("erase due %d %v", n, err)
	}
	if _, err := db.Tandem(ctx, w.tandem.ID); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Fatalf("tandem still there: %v", err)
	}
	// The person and the plan stay (the plan is still active).
	if _, err := db.Person(ctx, w.mentee.ID); err != nil {
		t.Fatal(err)
	}
	if res, err := db.Search(ctx, "vertraulich", 10); err != nil || hits(res) != 0 {
		t.Fatalf("note still found %+v %v", res, err)
	}
	// An archived person without records is due after 24 months.
	p := progPerson(t, db, "Alt", "Archiv", 0, 0)
	if _, err := db.SetPersonArchived(ctx, p.ID, true); err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return time.Date(2031, 4, 1, 12, 0, 0, 0, time.UTC) }
	due, err = db.RetentionDue(ctx)
	if err != nil || len(due) != 1 || due[0].Kind != "person" || due[0].ID != p.ID {
		t.Fatalf("due %+v %v", due, err)
	}
}

// personColumn names columns that refer to a person even without a foreign key.
var personColumn = regexp.MustCompile(`^(person_id|.*_person_id|mentee_id|mentor_id|owner_id|responsible_id|newcomer_id|from_id|line_manager_id|.*_by_id)$`)

func TestAccessExportCoversSchema(t *testing.T) {
	db := MustOpenDB(t)
	raw := rawDB(t, db.Path())
	rows, err := raw.Query(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		tables = append(tables, n)
	}
	rows.Close()
	inSchema := map[string]bool{}
	for _, tbl := range tables {
		inSchema[tbl] = true
		personal := tbl == "people"
		fks, err := raw.Query(`SELECT "table" FROM pragma_foreign_key_list(?)`, tbl)
		if err != nil {
			t.Fatal(err)
		}
		for fks.Next() {
			var target string
			fks.Scan(&target)
			personal = personal || target == "people"
		}
		fks.Close()
		cols, err := raw.Query(`SELECT name FROM pragma_table_info(?)`, tbl)
		if err != nil {
			t.Fatal(err)
		}
		for cols.Next() {
			var c string
			cols.Scan(&c)
			personal = personal || personColumn.MatchString(c)
		}
		cols.Close()
		_, exported := sqlite.AccessTables[tbl]
		_, excluded := sqlite.AccessNotPersonal[tbl]
		switch {
		case personal && !exported:
			t.Errorf("table %s refers to people but is not in the access export (sqlite.AccessTables)", tbl)
		case !exported && !excluded:
			t.Errorf("table %s is new: add it to sqlite.AccessTables or sqlite.AccessNotPersonal", tbl)
		}
	}
	for tbl := range sqlite.AccessTables {
		if !inSchema[tbl] {
			t.Errorf("access export names table %s that does not exist", tbl)
		}
	}
	for tbl := range sqlite.AccessNotPersonal {
		if !inSchema[tbl] {
			t.Errorf("AccessNotPersonal names table %s that does not exist", tbl)
		}
	}
}

func TestAccessExportContent(t *testing.T) {
	w := markedWorld(t)
	data, err := w.db.AccessExport(ctx, w.mentee.ID)
	if err != nil {
		t.Fatal(err)
	}
	for tbl, min := range map[string]int{"people": 1, "tandems": 1, "notes": 1, "agreements": 1, "feedback_talks": 1, "plans": 1, "sessions": 1} {
		if len(data.Tables[tbl]) < min {
			t.Errorf("%s: %d rows", tbl, len(data.Tables[tbl]))
		}
	}
	if data.Person.ID != w.mentee.ID {
		t.Fatal(data.Person)
	}
	other, err := w.db.AccessExport(ctx, w.outsider.ID)
	if err != nil || len(other.Tables["notes"]) != 0 || len(other.Tables["tandems"]) != 0 {
		t.Fatalf("outsider sees %+v %v", other.Tables, err)
	}
	wantCode(t, func() error { _, err := w.db.AccessExport(ctx, 0); return err }(), domain.EINVALID, "id.invalid")
	wantCode(t, func() error { _, err := w.db.AccessExport(ctx, 99999); return err }(), domain.ENOTFOUND, "person.not_found")
}
