package sqlite_test

import (
	"bytes"
	"database/sql"
	"os"
	"sort"
	"strings"
	"testing"

	"tandem/internal/domain"
	"tandem/internal/sqlite"
)

// miraWorld: the session world's mentee is „Mira Müller“; the outsider
// Ole has a tandem with a session, a note, an agreement, a feedback talk,
// a plan with a handover, a group with a course module and his practice
// project; a department, a revoked document, the organisation profile and
// the document texts exist. Everything of Ole's stays after Mira's erasure.
func miraWorld(t *testing.T) *sessionWorld {
	t.Helper()
	w := newSessionWorld(t)
	db := w.db
	m, err := db.UpdatePerson(ctx, w.mentee.ID, domain.PersonInput{Salutation: "Frau", FirstName: "Mira", LastName: "Müller", Roles: []domain.Role{domain.RoleMentee}})
	if err != nil {
		t.Fatal(err)
	}
	w.mentee = m
	s := w.outsiderSession(t)
	if _, err := db.SaveNote(ctx, s.ID, 0, domain.NoteInput{Text: "Notiz zu Ole"}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddAgreement(ctx, s.ID, domain.AgreementInput{Text: "Akte holen", OwnerName: "Müller, Mira"}); err != nil {
		t.Fatal(err)
	}
	var other int64
	if err := rawDB(t, db.Path()).QueryRow(`SELECT tandem_id FROM sessions WHERE id = ?`, s.ID).Scan(&other); err != nil {
		t.Fatal(err)
	}
	if _, err := db.RecordFeedbackTalk(ctx, domain.FeedbackTalkInput{TandemID: other, Kind: domain.FeedbackMidTerm, Date: "2027-04-05",
		Answers: []domain.FeedbackAnswer{{Prompt: "Was ist gut gelungen?", MenteeView: "Antwort", MentorView: "ok"}}}); err != nil {
		t.Fatal(err)
	}
	pl := progPlan(t, db, domain.PlanInput{NewcomerID: w.outsider.ID, TemplateID: w.plan.TemplateID, StartDate: "2027-03-01"})
	if _, err := db.AddHandover(ctx, pl.ID, domain.HandoverInput{Date: "2027-03-02", CaseCount: 3, FromName: "Frau Müller", Note: "Übergabe"}); err != nil {
		t.Fatal(err)
	}
	now := "2027-01-01T00:00:00Z"
	raw := progWriter(t, db)
	for _, q := range []string{
		`INSERT INTO departments (id, name, name_key, created_at, updated_at) VALUES (900, 'ASD', 'asd', '` + now + `', '` + now + `')`,
		`INSERT INTO groups (id, kind, name, name_key, description, created_at, updated_at) VALUES (900, 'peer_mentees', 'Peers', 'peers', 'Gruppe', '` + now + `', '` + now + `')`,
		`INSERT INTO course_modules (group_id, position, title, speaker) VALUES (900, 0, 'Modul', 'Referent')`,
		`INSERT INTO group_members (group_id, person_id) VALUES (900, ` + itoa(w.outsider.ID) + `)`,
		`INSERT INTO practice_projects (group_id, person_id, title, description, status, created_at, updated_at) VALUES (900, ` + itoa(w.outsider.ID) + `, 'Projekt', 'Beschreibung', 'planned', '` + now + `', '` + now + `')`,
		`INSERT INTO document_register (number, year, seq, kind, person_id, issued_at, sha256, status, revoked_at, revoke_reason) VALUES ('JA-2027-0001', 2027, 1, 'certificate', ` + itoa(w.outsider.ID) + `, '` + now + `', '` + strings.Repeat("0", 64) + `', 'revoked', '` + now + `', 'Tippfehler')`,
		`INSERT OR IGNORE INTO organisation (id) VALUES (1)`,
		`INSERT OR IGNORE INTO document_texts (singleton) VALUES (1)`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	return w
}

// mentionText names Mira in every way the dialog lists, also in capitals
// and with „ue“ for „ü“.
const mentionText = "Rückfrage bei Mira Müller, Frau MUELLER, Mueller Mira."

// nameAllFreeText writes mentionText into every searched column of every
// row (appended; into JSON as one more element or member), from the list
// the erasure uses, so a new text column is covered the day it is added.
func nameAllFreeText(t *testing.T, db *sqlite.DB) []string {
	t.Helper()
	cols, err := sqlite.FreeTextColumnsOf(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	// secure_delete as the app has it: else the fixture's own rewrites
	// would leave copies of the names in free space of the pages.
	raw, err := sql.Open("sqlite", db.Path()+"?_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=secure_delete(1)")
	if err != nil {
		t.Fatal(err)
	}
	raw.SetMaxOpenConns(1)
	defer raw.Close()
	for _, tc := range cols {
		table, col, _ := strings.Cut(tc, ".")
		c := `"` + col + `"`
		// Names from the schema.
		for _, q := range []string{
			`UPDATE "` + table + `" SET ` + c + ` = json_set(` + c + `, '$[0].zz', ?1) WHERE CASE WHEN json_valid(` + c + `) THEN json_type(` + c + `, '$[0]') END = 'object'`,
			`UPDATE "` + table + `" SET ` + c + ` = json_insert(` + c + `, '$[#]', ?1) WHERE CASE WHEN json_valid(` + c + `) THEN json_type(` + c + `) = 'array' AND coalesce(json_type(` + c + `, '$[0]'), '') <> 'object' END`,
			`UPDATE "` + table + `" SET ` + c + ` = json_set(` + c + `, '$.zz', ?1) WHERE CASE WHEN json_valid(` + c + `) THEN json_type(` + c + `) END = 'object'`,
			`UPDATE "` + table + `" SET ` + c + ` = trim(coalesce(` + c + `, '') || ' ' || ?1) WHERE coalesce(CASE WHEN json_valid(` + c + `) THEN json_type(` + c + `) END, '') NOT IN ('array', 'object')`,
		} {
			if _, err := raw.Exec(q, mentionText); err != nil {
				// A CHECK may want the column empty in some rows (a reason only
				// when cancelled): those rows keep it.
				if _, err := raw.Exec(strings.Replace(q, " WHERE ", " WHERE "+c+" <> '' AND ", 1), mentionText); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
		}
	}
	// name_key is the folded name, as the app keeps it.
	for _, table := range []string{"groups", "templates", "departments"} {
		if _, err := raw.Exec(`UPDATE ` + table + ` SET name_key = lower(name)`); err != nil {
			t.Fatal(err)
		}
	}
	return cols
}

// namesInFiles counts the names of Mira, case-insensitive, in the
// database, -wal and -shm files read raw.
func namesInFiles(t *testing.T, path string) map[string]int {
	t.Helper()
	found := map[string]int{}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		b, err := os.ReadFile(path + suffix)
		if os.IsNotExist(err) {
			continue
		} else if err != nil {
			t.Fatal(err)
		}
		b = bytes.ToLower(b)
		for _, n := range []string{"müller", "mueller", "muller", "mira"} {
			if k := bytes.Count(b, []byte(n)); k > 0 {
				found[n+" in "+suffix] += k
			}
		}
	}
	return found
}

// TestErasureRedactsMentionsEverywhere: Mira's names in every free-text
// column of records that stay are listed before the erasure with their
// context, and after the erasure with all of them redacted not one byte
// of her names is left in the files, nor does search find her.
func TestErasureRedactsMentionsEverywhere(t *testing.T) {
	w := miraWorld(t)
	db := w.db
	cols := nameAllFreeText(t, db)
	if res, err := db.Search(ctx, "Müller", 10); err != nil || hits(res) < 3 {
		t.Fatalf("search before erasure: %+v %v", res, err)
	}
	list, err := db.Mentions(ctx, w.mentee.ID)
	if err != nil {
		t.Fatal(err)
	}
	covered := map[string]bool{}
	var ids []string
	for _, m := range list {
		parts := strings.Split(m.ID, "|")
		covered[parts[0]+"."+parts[1]] = true
		ids = append(ids, m.ID)
		if m.Kind == "" || m.Owner == "" || m.Match == "" || !strings.Contains(strings.ToLower(m.Before+m.Match+m.After), "rückfrage") {
			t.Errorf("mention without context: %+v", m)
		}
		if strings.HasSuffix(m.Owner, "Mira Müller") {
			t.Errorf("mention in a record of Mira's own, which the erasure deletes: %+v", m)
		}
		if m.Suggested != (m.Form == "full" || m.Form == "salutation") || m.Form == "" {
			t.Errorf("suggested %+v", m)
		}
	}
	for _, c := range cols {
		if !covered[c] {
			t.Errorf("no mention found in %s: the fixture (miraWorld) needs a record that stays, or the search misses the column", c)
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	// The agreement's owner typed as text is among them with its context.
	found := false
	for _, m := range list {
		found = found || strings.HasPrefix(m.ID, "agreements|owner_name|") && m.Kind == "Vereinbarung" && m.Owner == "Tandem von Ole Ohm"
	}
	if !found {
		t.Fatalf("agreement owner not listed as Ole's agreement: %+v", list)
	}
	if err := db.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	if got := namesInFiles(t, db.Path()); len(got) == 0 {
		t.Fatal("the names are not in the files before erasure: the test would prove nothing")
	}

	// An id that is not a mention of Mira changes nothing.
	bad := append([]string{}, ids...)
	bad = append(bad, "notes|text|1|0|4")
	before := lastAuditID(t, db)
	wantCode(t, db.ErasePersonRedacting(ctx, w.mentee.ID, "Mira Müller", bad), domain.EINVALID, "person.erase.mention_unknown")
	if _, err := db.Person(ctx, w.mentee.ID); err != nil {
		t.Fatalf("person erased although an id was refused: %v", err)
	}
	if again, err := db.Mentions(ctx, w.mentee.ID); err != nil || len(again) != len(list) {
		t.Fatalf("mentions after the refusal %d %v, want %d", len(again), err, len(list))
	}
	if n := len(auditLines(t, db, before)); n != 0 {
		t.Fatalf("%d audit lines after a refused erasure", n)
	}

	if err := db.ErasePersonRedacting(ctx, w.mentee.ID, "Mira Müller", ids); err != nil {
		t.Fatal(err)
	}
	if got := namesInFiles(t, db.Path()); len(got) != 0 {
		keys := make([]string, 0, len(got))
		for k, n := range got {
			keys = append(keys, k+": "+itoa(int64(n)))
		}
		sort.Strings(keys)
		dumpNames(t, db.Path())
		t.Fatalf("after erasing with all mentions redacted, names are left: %v", keys)
	}
	for _, q := range []string{"Müller", "Mueller", "Mira"} {
		if res, err := db.Search(ctx, q, 10); err != nil || hits(res) != 0 {
			t.Fatalf("search %q after erasure: %+v %v", q, res, err)
		}
	}
	var note string
	if err := rawDB(t, db.Path()).QueryRow(`SELECT text FROM notes ORDER BY id DESC LIMIT 1`).Scan(&note); err != nil ||
		!strings.Contains(note, sqlite.RedactedName) {
		t.Fatalf("note after redaction %q %v", note, err)
	}
	auditHasNoContent(t, db, "Mira", "Müller")
}

// TestMentionsLeaveDataAlone: listing mentions changes nothing (it erases
// in a transaction that is rolled back) and a colleague's last name alone
// is listed but not suggested.
func TestMentionsLeaveDataAlone(t *testing.T) {
	w := miraWorld(t)
	db := w.db
	progPerson(t, db, "Jonas", "Müller", 0, 0, domain.RoleMentor)
	var sid int64
	if err := rawDB(t, db.Path()).QueryRow(`SELECT s.id FROM sessions s JOIN tandems t ON t.id = s.tandem_id WHERE t.mentee_id = ?`, w.outsider.ID).Scan(&sid); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveNote(ctx, sid, 0, domain.NoteInput{Text: "Herr Müller (Jonas) übernimmt, nicht Mira Müller."}); err != nil {
		t.Fatal(err)
	}
	before := lastAuditID(t, db)
	list, err := db.Mentions(ctx, w.mentee.ID)
	if err != nil {
		t.Fatal(err)
	}
	forms := map[string]bool{}
	for _, m := range list {
		forms[m.Form+":"+m.Match+":"+strings.TrimSpace(m.Before)] = m.Suggested
	}
	if s, ok := forms["other_salutation:Herr Müller:"]; !ok || s || !forms["full:Mira Müller:Herr Müller (Jonas) übernimmt, nicht"] {
		t.Fatalf("mentions %v", forms)
	}
	if _, err := db.Person(ctx, w.mentee.ID); err != nil {
		t.Fatalf("listing mentions erased the person: %v", err)
	}
	if n := len(auditLines(t, db, before)); n != 0 {
		t.Fatalf("listing mentions wrote %d audit lines", n)
	}
	wantCode(t, func() error { _, err := db.Mentions(ctx, 0); return err }(), domain.EINVALID, "")
	wantCode(t, db.ErasePersonRedacting(ctx, w.mentee.ID, "Mira Müller", []string{"kein|id"}), domain.EINVALID, "person.erase.mention_unknown")
	var raw *sql.DB = rawDB(t, db.Path())
	var n int
	if err := raw.QueryRow(`SELECT count(*) FROM people WHERE id = ?`, w.mentee.ID).Scan(&n); err != nil || n != 1 {
		t.Fatalf("person %d %v", n, err)
	}
}

// dumpNames logs which columns still hold one of the names, to tell a
// missed column from stale bytes in free space.
func dumpNames(t *testing.T, path string) {
	t.Helper()
	raw := rawDB(t, path)
	rows, err := raw.Query(`SELECT t.name, c.name FROM pragma_table_list t, pragma_table_info(t.name) c WHERE t.schema = 'main' AND t.name NOT LIKE 'sqlite_%'`)
	if err != nil {
		t.Fatal(err)
	}
	var cols [][2]string
	for rows.Next() {
		var a, b string
		if err := rows.Scan(&a, &b); err != nil {
			t.Fatal(err)
		}
		cols = append(cols, [2]string{a, b})
	}
	rows.Close()
	for _, c := range cols {
		var n int
		v := `lower(CAST("` + c[1] + `" AS TEXT))`
		if err := raw.QueryRow(`SELECT count(*) FROM "` + c[0] + `" WHERE ` + v + ` LIKE '%mira%' OR ` + v + ` LIKE '%mueller%' OR ` + v + ` LIKE '%muller%'`).Scan(&n); err == nil && n > 0 {
			t.Logf("%s.%s: %d rows", c[0], c[1], n)
		}
	}
}
