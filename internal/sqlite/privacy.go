package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"log"
	"os"
	"os/user"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"modernc.org/sqlite"

	"tandem/internal/atomicfile"
	"tandem/internal/domain"
)

// Privacy (issue 6): erasure of a person, the erasure list that survives a
// restore, and the append-only audit log.

// OSUser is the name written into the audit log: the operating-system
// account (on Windows DOMAIN\name as os/user reports it). Tests may set it.
var OSUser = sync.OnceValue(func() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	for _, k := range []string{"USERNAME", "USER", "LOGNAME"} {
		if v := os.Getenv(k); v != "" {
			return v
		}
	}
	return "unbekannt"
})

func init() {
	// The audit triggers (migration 0013) call tandem_os_user(); like
	// tandem_fold it must be known to every connection this program opens.
	sqlite.MustRegisterScalarFunction("tandem_os_user", 0, func(_ *sqlite.FunctionContext, _ []driver.Value) (driver.Value, error) {
		return OSUser(), nil
	})
	// tandem_name_key(text) is nameKey for SQL (personNameForms).
	sqlite.MustRegisterDeterministicScalarFunction("tandem_name_key", 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		if s, ok := args[0].(string); ok {
			return nameKey(s), nil
		}
		return "", nil
	})
}

// personNameForms selects the name keys (tandem_name_key) of person ?1 as
// free text may name them: the SQL twin of nameForms, for the access
// export of agreements and handovers that name the person only by text.
const personNameForms = `SELECT tandem_name_key(first_name || ' ' || last_name) FROM people WHERE id = ?1 AND trim(first_name) <> ''
	UNION SELECT tandem_name_key(last_name || ', ' || first_name) FROM people WHERE id = ?1 AND trim(first_name) <> ''
	UNION SELECT tandem_name_key(last_name || ' ' || first_name) FROM people WHERE id = ?1 AND trim(first_name) <> ''
	UNION SELECT tandem_name_key(salutation || ' ' || last_name) FROM people WHERE id = ?1 AND trim(salutation) <> ''
	UNION SELECT tandem_name_key('Frau ' || last_name) FROM people WHERE id = ?1
	UNION SELECT tandem_name_key('Herr ' || last_name) FROM people WHERE id = ?1`

// audit appends one line to the audit log inside tx.
func (tx *Tx) audit(ctx context.Context, action, kind string, id int64) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO audit_log (at, os_user, action, record_kind, record_id) VALUES (?, ?, ?, ?, ?)`,
		tx.now, OSUser(), action, kind, nullID(id))
	return wrapf(err, "audit %s %s %d", action, kind, id)
}

// ReappliedErasures is the record kind of the audit line that opens the
// lines of erasures applied again (after a restore, or from the list kept
// beside the database): what follows it was erased before and is erased
// once more in this file, not by someone's new decision.
const ReappliedErasures = "erasure_list"

// auditKinds are the record kinds the Go side may log.
var auditKinds = map[string]bool{"person": true, "tandem": true, "session": true, "note": true, "agreement": true,
	"feedback_talk": true, "plan": true, "group": true, "document": true, "database": true, "audit_log": true,
	"retention": true, "report": true, "calendar": true, "self_assessment": true, "practice_project": true}

// Audit appends one line to the audit log in its own transaction: for
// what happens outside the database (export, print = a PDF saved, restore).
// id 0 means no single record (a whole list, the database).
func (db *DB) Audit(ctx context.Context, action, kind string, id int64) error {
	switch action {
	case domain.AuditCreate, domain.AuditChange, domain.AuditDelete, domain.AuditErase,
		domain.AuditExport, domain.AuditPrint, domain.AuditRestore:
	default:
		return domain.Invalid("action", "audit.action.invalid")
	}
	if !auditKinds[kind] || id < 0 {
		return domain.Invalid("kind", "audit.kind.invalid")
	}
	return db.update(ctx, func(tx *Tx) error { return tx.audit(ctx, action, kind, id) })
}

// maxAuditPage bounds one page of the audit log.
const maxAuditPage = 500

// AuditLog returns one page of the log, newest first.
func (db *DB) AuditLog(ctx context.Context, offset, limit int) (domain.AuditPage, error) {
	page := domain.AuditPage{Entries: []domain.AuditEntry{}}
	if offset < 0 {
		return page, domain.Invalid("offset", "audit.page.invalid")
	}
	if limit < 1 || limit > maxAuditPage {
		return page, domain.Invalid("limit", "audit.page.invalid")
	}
	err := db.view(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM audit_log`).Scan(&page.Total); err != nil {
			return wrapf(err, "count audit log")
		}
		var err error
		page.Entries, err = auditEntries(ctx, tx, `ORDER BY id DESC LIMIT ? OFFSET ?`, limit, offset)
		return err
	})
	return page, err
}

// AuditLogAll returns the whole log, oldest first (for the CSV export).
func (db *DB) AuditLogAll(ctx context.Context) ([]domain.AuditEntry, error) {
	var list []domain.AuditEntry
	err := db.view(ctx, func(tx *sql.Tx) error {
		var err error
		list, err = auditEntries(ctx, tx, `ORDER BY id`)
		return err
	})
	return list, err
}

func auditEntries(ctx context.Context, tx *sql.Tx, tail string, args ...any) ([]domain.AuditEntry, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, at, os_user, action, record_kind, coalesce(record_id, 0) FROM audit_log `+tail, args...)
	if err != nil {
		return nil, wrapf(err, "read audit log")
	}
	defer rows.Close()
	list := []domain.AuditEntry{}
	for rows.Next() {
		var e domain.AuditEntry
		if err := rows.Scan(&e.ID, &e.At, &e.OSUser, &e.Action, &e.RecordKind, &e.RecordID); err != nil {
			return nil, wrapf(err, "read audit log")
		}
		list = append(list, e)
	}
	return list, wrapf(rows.Err(), "read audit log")
}

// ErasedName replaces a person's name where a record that belongs to
// someone else keeps a reference to an erased person.
const ErasedName = "gelöscht"

// maxConfirmName bounds the typed confirmation (first and last name have
// at most domain.MaxNameLen characters each; room for stray spaces).
const maxConfirmName = 4 * domain.MaxNameLen

// ErasePerson removes the person everywhere in one transaction (see
// erasePerson), keeps their id in the erasure list, and then checkpoints the
// WAL so that nothing of them is left in the -wal file. confirmName must be
// the person's name as shown ("Vorname Nachname"; case, umlauts and spaces
// do not matter): a safeguard against erasing the wrong person.
func (db *DB) ErasePerson(ctx context.Context, id int64, confirmName string) error {
	return db.ErasePersonRedacting(ctx, id, confirmName, nil)
}

// ErasePersonRedacting erases the person as ErasePerson does and, in the
// same transaction, replaces each listed mention of them in others' free
// text (ids from Mentions, mentions.go) by „[gelöscht]“. An id that is not
// a current mention of this person is refused and nothing changes.
func (db *DB) ErasePersonRedacting(ctx context.Context, id int64, confirmName string, redact []string) error {
	if err := domain.ValidID(id); err != nil {
		return err
	}
	if len(confirmName) > 4*maxConfirmName || utf8.RuneCountInString(confirmName) > maxConfirmName {
		return domain.Invalid("confirmName", "person.erase.confirm_too_long", "max", maxConfirmName)
	}
	if err := validMentionIDs(redact); err != nil {
		return err
	}
	err := db.update(ctx, func(tx *Tx) error {
		p, err := findPerson(ctx, tx, id)
		if err != nil {
			return err
		}
		if strings.Join(strings.Fields(fold(confirmName)), " ") != strings.Join(strings.Fields(fold(p.FirstName+" "+p.LastName)), " ") {
			return domain.Invalid("confirmName", "person.erase.confirm_mismatch", "name", p.FirstName+" "+p.LastName)
		}
		found, err := erasedMentions(ctx, tx, id) // erases, then scans what stays
		if err != nil {
			return err
		}
		if err := redactChosen(ctx, tx, found, redact); err != nil {
			return err
		}
		return purgeSearchIndex(ctx, tx)
	})
	if err != nil {
		return err
	}
	db.afterErasure(ctx)
	return nil
}

// afterErasure runs after an erasure committed: the WAL checkpoint, and
// the copy of the erasure list beside the database.
func (db *DB) afterErasure(ctx context.Context) {
	db.checkpoint(ctx)
	if err := db.saveErasureFile(ctx); err != nil {
		log.Printf("erasure list beside the database not saved: %v", err)
	}
}

// checkpoint copies the WAL into the database file and truncates it, so
// that deleted content (zeroed in the file by secure_delete) does not live
// on in old WAL frames. A reader holding an old snapshot (a backup being
// written, a long report) keeps it from completing: then it is tried
// again in the background every few seconds until it completes or the
// database is closed (Close checkpoints once more).
func (db *DB) checkpoint(ctx context.Context) {
	if db.tryCheckpoint(ctx) {
		return
	}
	db.cpMu.Lock()
	defer db.cpMu.Unlock()
	if db.cpRetry != nil {
		return // already retrying
	}
	stop := make(chan struct{})
	db.cpRetry = stop
	go func() {
		t := time.NewTicker(checkpointRetry)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
			}
			if db.tryCheckpoint(context.Background()) {
				db.cpMu.Lock()
				if db.cpRetry == stop {
					db.cpRetry = nil
				}
				db.cpMu.Unlock()
				return
			}
		}
	}()
}

// checkpointRetry is how often an incomplete checkpoint is tried again.
var checkpointRetry = 3 * time.Second

// tryCheckpoint runs one TRUNCATE checkpoint on the writer connection and
// reports whether it completed. It waits for readers at most a moment:
// busy_timeout is lowered for it, so writes are not held up for long.
func (db *DB) tryCheckpoint(ctx context.Context) bool {
	conn, err := db.write.Conn(ctx)
	if err != nil {
		return false
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA busy_timeout = 300`); err != nil {
		return false
	}
	defer conn.ExecContext(context.Background(), `PRAGMA busy_timeout = 10000`)
	var busy, logFrames, done int
	if err := conn.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logFrames, &done); err != nil {
		return false
	}
	return busy == 0
}

// stopCheckpointRetry ends a background retry (Close) and reports whether
// one was pending.
func (db *DB) stopCheckpointRetry() bool {
	db.cpMu.Lock()
	defer db.cpMu.Unlock()
	if db.cpRetry == nil {
		return false
	}
	close(db.cpRetry)
	db.cpRetry = nil
	return true
}

// erasePerson deletes person id and everything that is theirs:
//   - tandems where they are the mentee, with sessions, notes, agreements,
//     attendance, feedback talks, self-assessments (eraseTandem);
//   - onboarding plans where they are the newcomer (items and handovers cascade);
//   - group memberships, practice projects, attendance, roles;
//
// and removes the link where they only appear in someone else's record:
// mentor of a tandem (the mentor link goes), owner of an agreement and
// giver of a handover (name becomes „gelöscht“), responsible for a plan
// item, line manager. Document register entries keep their number; the
// foreign key sets their person to NULL and the register shows „gelöscht“.
// The search index follows by its triggers (FTS5 secure-delete).
func erasePerson(ctx context.Context, tx *Tx, id int64) error {
	var createdAt, salutation, first, last string
	if err := tx.QueryRowContext(ctx, `SELECT created_at, salutation, first_name, last_name FROM people WHERE id = ?`, id).
		Scan(&createdAt, &salutation, &first, &last); err != nil {
		return wrapf(err, "read person %d", id)
	}
	if err := eraseNameMentions(ctx, tx, nameForms(salutation, first, last)); err != nil {
		return err
	}
	tandems, err := queryIDs(ctx, tx, `SELECT id FROM tandems WHERE mentee_id = ?`, id)
	if err != nil {
		return wrapf(err, "find tandems")
	}
	for _, t := range tandems {
		if err := eraseTandem(ctx, tx, t); err != nil {
			return err
		}
	}
	steps := []string{
		`DELETE FROM plans WHERE newcomer_id = ?1`,
		`DELETE FROM tandem_mentors WHERE mentor_id = ?1`,
		`DELETE FROM practice_projects WHERE person_id = ?1`,
		`DELETE FROM group_members WHERE person_id = ?1`,
		`DELETE FROM session_attendance WHERE person_id = ?1`,
		`UPDATE agreements SET owner_id = NULL, owner_name = '` + ErasedName + `' WHERE owner_id = ?1`,
		`UPDATE handovers SET from_id = NULL, from_name = '` + ErasedName + `' WHERE from_id = ?1`,
		`UPDATE plan_items SET responsible_id = NULL WHERE responsible_id = ?1`,
		`UPDATE people SET line_manager_id = NULL WHERE line_manager_id = ?1`,
		`DELETE FROM people WHERE id = ?1`,
	}
	for _, s := range steps {
		if _, err := tx.ExecContext(ctx, s, id); err != nil {
			return wrapf(err, "erase person %d", id)
		}
	}
	if err := listErasure(ctx, tx, domain.Erasure{Kind: "person", ID: id, CreatedAt: createdAt, ErasedAt: tx.now}); err != nil {
		return err
	}
	return tx.audit(ctx, domain.AuditErase, "person", id)
}

// listErasure adds e to the erasure list (once per kind, id and created_at).
func listErasure(ctx context.Context, tx *Tx, e domain.Erasure) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO erasures (kind, id, created_at, erased_at) VALUES (?, ?, ?, ?)
		ON CONFLICT DO NOTHING`, e.Kind, e.ID, e.CreatedAt, e.ErasedAt)
	return wrapf(err, "list erasure %s %d", e.Kind, e.ID)
}

// nameForms are the ways free text names a person: „Vorname Nachname“,
// „Nachname, Vorname“, „Nachname Vorname“ and „Frau/Herr Nachname“,
// folded (case, umlauts, spaces) as nameKey does. The last name alone is
// not among them: it would take the name of a colleague with the same one.
func nameForms(salutation, first, last string) map[string]bool {
	forms := map[string]bool{}
	add := func(s string) {
		if k := nameKey(s); k != "" {
			forms[k] = true
		}
	}
	if strings.TrimSpace(first) != "" {
		add(first + " " + last)
		add(last + ", " + first)
		add(last + " " + first)
	}
	if strings.TrimSpace(salutation) != "" {
		add(salutation + " " + last)
	}
	for _, s := range []string{"Frau", "Herr"} {
		add(s + " " + last)
	}
	return forms
}

// nameKey folds a name for comparison: case, umlauts and spacing do not
// matter, nor a comma's spacing.
func nameKey(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(fold(s), ",", " , ")), " ")
}

// eraseNameMentions replaces free-text names that refer to the person
// without an id: the owner of an agreement typed as text and the giver of
// a handover typed as text become „gelöscht“ when they name the person
// (see nameForms).
func eraseNameMentions(ctx context.Context, tx *Tx, forms map[string]bool) error {
	for _, c := range []struct{ table, idCol, nameCol string }{
		{"agreements", "owner_id", "owner_name"},
		{"handovers", "from_id", "from_name"},
	} {
		rows, err := tx.QueryContext(ctx, `SELECT id, `+c.nameCol+` FROM `+c.table+` WHERE `+c.idCol+` IS NULL AND `+c.nameCol+` <> '' AND `+c.nameCol+` <> ?`, ErasedName)
		if err != nil {
			return wrapf(err, "find names in %s", c.table)
		}
		var ids []int64
		for rows.Next() {
			var id int64
			var name string
			if err := rows.Scan(&id, &name); err != nil {
				rows.Close()
				return wrapf(err, "find names in %s", c.table)
			}
			if forms[nameKey(name)] {
				ids = append(ids, id)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return wrapf(err, "find names in %s", c.table)
		}
		for _, id := range ids {
			if _, err := tx.ExecContext(ctx, `UPDATE `+c.table+` SET `+c.nameCol+` = ? WHERE id = ?`, ErasedName, id); err != nil {
				return wrapf(err, "erase name in %s", c.table)
			}
		}
	}
	return nil
}

// eraseTandem deletes a tandem with its sessions, notes, agreements,
// attendance, feedback talks and self-assessments. A plan that pointed to
// it stays (it belongs to its newcomer) without the link.
func eraseTandem(ctx context.Context, tx *Tx, id int64) error {
	var createdAt string
	if err := tx.QueryRowContext(ctx, `SELECT created_at FROM tandems WHERE id = ?`, id).Scan(&createdAt); err != nil {
		return wrapf(err, "read tandem %d", id)
	}
	steps := []string{
		`DELETE FROM notes WHERE session_id IN (SELECT id FROM sessions WHERE tandem_id = ?1)`,
		`DELETE FROM sessions WHERE tandem_id = ?1`,
		`DELETE FROM feedback_talks WHERE tandem_id = ?1`,
		`DELETE FROM self_assessments WHERE tandem_id = ?1`,
		`UPDATE plans SET tandem_id = NULL WHERE tandem_id = ?1`,
		`DELETE FROM tandems WHERE id = ?1`,
	}
	for _, s := range steps {
		if _, err := tx.ExecContext(ctx, s, id); err != nil {
			return wrapf(err, "erase tandem %d", id)
		}
	}
	return listErasure(ctx, tx, domain.Erasure{Kind: "tandem", ID: id, CreatedAt: createdAt, ErasedAt: tx.now})
}

// erasePlan deletes a plan (items and handovers cascade) and lists it.
func erasePlan(ctx context.Context, tx *Tx, id int64) error {
	var createdAt string
	if err := tx.QueryRowContext(ctx, `SELECT created_at FROM plans WHERE id = ?`, id).Scan(&createdAt); err != nil {
		return wrapf(err, "read plan %d", id)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM plans WHERE id = ?`, id); err != nil {
		return wrapf(err, "erase plan %d", id)
	}
	return listErasure(ctx, tx, domain.Erasure{Kind: "plan", ID: id, CreatedAt: createdAt, ErasedAt: tx.now})
}

// purgeSearchIndex rebuilds the search index from the tables. The index is
// contentless with contentless_delete, so a deleted row only becomes a
// tombstone and its words stay in the segment pages until a merge, which
// 'optimize' does not always do; 'delete-all' drops every segment row
// (secure_delete zeroes them) and the index is filled again as in
// migration 0010. Erasure is rare; a full rebuild takes well under a
// second for tens of thousands of records.
func purgeSearchIndex(ctx context.Context, tx *Tx) error {
	for _, q := range []string{
		`INSERT INTO search_index (search_index) VALUES ('delete-all')`,
		`INSERT INTO search_index (rowid, folded) SELECT 1099511627776 * 1 + id, tandem_fold(body) FROM search_person_text`,
		`INSERT INTO search_index (rowid, folded) SELECT 1099511627776 * 2 + id, tandem_fold(body) FROM search_tandem_text`,
		`INSERT INTO search_index (rowid, folded) SELECT 1099511627776 * 3 + id, tandem_fold(body) FROM search_note_text`,
		`INSERT INTO search_index (rowid, folded) SELECT 1099511627776 * 4 + id, tandem_fold(body) FROM search_agreement_text`,
		`INSERT INTO search_index (rowid, folded) SELECT 1099511627776 * 5 + id, tandem_fold(body) FROM search_feedback_text`,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return wrapf(err, "rebuild search index")
		}
	}
	return nil
}

// ErasureList returns the erasure list, for carrying it over a restore.
func (db *DB) ErasureList(ctx context.Context) ([]domain.Erasure, error) {
	list := []domain.Erasure{}
	q := db.read
	if q == nil { // during Open, before the readers exist
		q = db.write
	}
	rows, err := q.QueryContext(ctx, `SELECT kind, id, created_at, erased_at FROM erasures ORDER BY kind, id, created_at`)
	if err != nil {
		return list, wrapf(err, "read erasure list")
	}
	defer rows.Close()
	for rows.Next() {
		var e domain.Erasure
		if err := rows.Scan(&e.Kind, &e.ID, &e.CreatedAt, &e.ErasedAt); err != nil {
			return list, wrapf(err, "read erasure list")
		}
		list = append(list, e)
	}
	return list, wrapf(rows.Err(), "read erasure list")
}

// ReapplyErasures first adds carried (the erasure list of the database
// that was replaced, see ErasureList, or the copy beside the database) to
// this database's list, then erases again every listed person, tandem and
// plan that exists here with the same id and the same created_at, all in
// one transaction, and checkpoints. It returns how many records it erased.
// Their audit lines follow one line of kind ReappliedErasures.
// Open calls it after migrating; OpenRestored with the list read from the
// replaced database too, after carrying that database's audit log.
func (db *DB) ReapplyErasures(ctx context.Context, carried ...domain.Erasure) (int, error) {
	n, added := 0, 0
	err := db.update(ctx, func(tx *Tx) error {
		n, added = 0, 0
		marked := false // the audit line that says what follows is re-applied
		for _, e := range carried {
			if e.ID <= 0 || (e.Kind != "person" && e.Kind != "tandem" && e.Kind != "plan") {
				continue
			}
			res, err := tx.ExecContext(ctx, `INSERT INTO erasures (kind, id, created_at, erased_at) VALUES (?, ?, ?, ?)
				ON CONFLICT DO NOTHING`, e.Kind, e.ID, e.CreatedAt, e.ErasedAt)
			if err != nil {
				return wrapf(err, "carry erasure %s %d", e.Kind, e.ID)
			}
			if k, _ := res.RowsAffected(); k > 0 {
				added++
			}
		}
		for _, k := range []struct{ kind, table string }{{"person", "people"}, {"tandem", "tandems"}, {"plan", "plans"}} {
			ids, err := queryIDs(ctx, tx, `SELECT DISTINCT r.id FROM erasures e JOIN `+k.table+` r ON r.id = e.id
				WHERE e.kind = ? AND (e.created_at = '' OR e.created_at = r.created_at)`, k.kind)
			if err != nil {
				return wrapf(err, "find erased %s", k.table)
			}
			for _, id := range ids {
				if !marked {
					if err := tx.audit(ctx, domain.AuditErase, ReappliedErasures, 0); err != nil {
						return err
					}
					marked = true
				}
				switch k.kind {
				case "person":
					err = erasePerson(ctx, tx, id) // logs itself
				case "tandem":
					if err = eraseTandem(ctx, tx, id); err == nil {
						err = tx.audit(ctx, domain.AuditErase, "tandem", id)
					}
				case "plan":
					if err = erasePlan(ctx, tx, id); err == nil {
						err = tx.audit(ctx, domain.AuditErase, "plan", id)
					}
				}
				if err != nil {
					return err
				}
			}
			n += len(ids)
		}
		if n == 0 {
			return nil
		}
		return purgeSearchIndex(ctx, tx)
	})
	if err == nil && n > 0 {
		db.checkpoint(ctx)
	}
	if err == nil && (n > 0 || added > 0) {
		if err := db.saveErasureFile(ctx); err != nil {
			log.Printf("erasure list beside the database not saved: %v", err)
		}
	}
	return n, err
}

// queryIDs runs a query that returns one id per row.
func queryIDs(ctx context.Context, tx *Tx, q string, args ...any) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// The erasure list lives in the database and, as a copy, in a small file
// beside it („<db>.erasures.json“: kinds, ids and times, never names). The
// copy outlives the database file: when a damaged database was moved
// aside and a new one started, or a backup is restored onto a new
// installation's folder, Open merges it in and erased records stay erased.

// ErasureFile is the path of the copy of the erasure list for the database at dbPath.
func ErasureFile(dbPath string) string { return dbPath + ".erasures.json" }

// saveErasureFile writes the copy of the erasure list (whole or not at all).
func (db *DB) saveErasureFile(ctx context.Context) error {
	list, err := db.ErasureList(ctx)
	if err != nil {
		return err
	}
	data, err := json.MarshalIndent(list, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.Write(ErasureFile(db.path), data)
}

// loadErasureFile reads the copy of the erasure list; nil when there is none
// or it cannot be read (the list in the database is the original).
func loadErasureFile(dbPath string) []domain.Erasure {
	data, err := os.ReadFile(ErasureFile(dbPath))
	if err != nil {
		return nil
	}
	var list []domain.Erasure
	if err := json.Unmarshal(data, &list); err != nil {
		log.Printf("erasure list %s not readable: %v", ErasureFile(dbPath), err)
		return nil
	}
	return list
}

// Checkpoint copies the WAL into the database file and truncates the WAL.
func (db *DB) Checkpoint(ctx context.Context) error {
	_, err := db.write.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
	return wrapf(err, "checkpoint")
}

// Restored is what a restore carries from the file it replaces into the
// restored one (OpenRestored): that file's audit log and erasure list.
type Restored struct {
	Trail    []domain.AuditEntry // AuditLogAll of the replaced file
	Erasures []domain.Erasure    // ErasureList of the replaced file
}

// reapplyAtOpen erases again what the erasure lists name. After a restore
// the replaced file's audit log is carried first and the restore logged,
// so that every line of it keeps its place and time and the re-applied
// erasures follow, marked (ReappliedErasures); a carry after them would
// take their time for the newest and skip what was logged since the backup.
func (db *DB) reapplyAtOpen(ctx context.Context) error {
	carried := loadErasureFile(db.path)
	if r := db.restored; r != nil && db.recovery == nil {
		if _, err := db.CarryAudit(ctx, r.Trail); err != nil {
			return err
		}
		if err := db.update(ctx, func(tx *Tx) error { return tx.audit(ctx, domain.AuditRestore, "database", 0) }); err != nil {
			return err
		}
		carried = append(carried, r.Erasures...)
	}
	_, err := db.ReapplyErasures(ctx, carried...)
	return err
}

// CarryAudit appends to this database's audit log the lines of trail (the
// log of the database a restore replaces, see AuditLogAll) that it lacks,
// in their order, with their time and user: a restore never takes back
// the record of what happened since the backup (erasures, exports,
// prints). A line counts as present when this log has one with the same
// number and content: the backup's lines are the replaced log's first
// ones, with the same numbers. Times say nothing here: lines of the same
// second, or written with another clock, must all survive. It returns how
// many it appended.
func (db *DB) CarryAudit(ctx context.Context, trail []domain.AuditEntry) (int, error) {
	n := 0
	err := db.update(ctx, func(tx *Tx) error {
		n = 0
		type line struct {
			id                     int64
			at, user, action, kind string
			record                 int64
		}
		have := map[line]bool{}
		rows, err := tx.QueryContext(ctx, `SELECT id, at, os_user, action, record_kind, coalesce(record_id, 0) FROM audit_log`)
		if err != nil {
			return wrapf(err, "read audit log")
		}
		for rows.Next() {
			var l line
			if err := rows.Scan(&l.id, &l.at, &l.user, &l.action, &l.kind, &l.record); err != nil {
				rows.Close()
				return wrapf(err, "read audit log")
			}
			have[l] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return wrapf(err, "read audit log")
		}
		for _, e := range trail {
			if have[line{e.ID, e.At, e.OSUser, e.Action, e.RecordKind, e.RecordID}] {
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO audit_log (at, os_user, action, record_kind, record_id) VALUES (?, ?, ?, ?, ?)`,
				e.At, e.OSUser, e.Action, e.RecordKind, nullID(e.RecordID)); err != nil {
				return wrapf(err, "carry audit line")
			}
			n++
		}
		return nil
	})
	return n, err
}
