package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"os"
	"os/user"
	"strings"
	"sync"

	"modernc.org/sqlite"

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
}

// audit appends one line to the audit log inside tx.
func (tx *Tx) audit(ctx context.Context, action, kind string, id int64) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO audit_log (at, os_user, action, record_kind, record_id) VALUES (?, ?, ?, ?, ?)`,
		tx.now, OSUser(), action, kind, nullID(id))
	return wrapf(err, "audit %s %s %d", action, kind, id)
}

// auditKinds are the record kinds the Go side may log.
var auditKinds = map[string]bool{"person": true, "tandem": true, "session": true, "note": true, "agreement": true,
	"feedback_talk": true, "plan": true, "group": true, "document": true, "database": true, "audit_log": true,
	"retention": true, "report": true, "calendar": true}

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

// ErasePerson removes the person everywhere in one transaction (see
// erasePerson), keeps their id in the erasure list, and then checkpoints the
// WAL so that nothing of them is left in the -wal file. confirmName must be
// the person's name as shown ("Vorname Nachname"; case, umlauts and spaces
// do not matter): a safeguard against erasing the wrong person.
func (db *DB) ErasePerson(ctx context.Context, id int64, confirmName string) error {
	if err := domain.ValidID(id); err != nil {
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
		if err := erasePerson(ctx, tx, id); err != nil {
			return err
		}
		return purgeSearchIndex(ctx, tx)
	})
	if err != nil {
		return err
	}
	db.checkpoint(ctx)
	return nil
}

// checkpoint copies the WAL into the database file and truncates it, so
// that deleted content (zeroed in the file by secure_delete) does not live
// on in old WAL frames. A reader holding an old snapshot can make it
// partial; the next checkpoint completes it.
func (db *DB) checkpoint(ctx context.Context) {
	_, _ = db.write.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
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
	var createdAt string
	if err := tx.QueryRowContext(ctx, `SELECT created_at FROM people WHERE id = ?`, id).Scan(&createdAt); err != nil {
		return wrapf(err, "read person %d", id)
	}
	rows, err := tx.QueryContext(ctx, `SELECT id FROM tandems WHERE mentee_id = ?`, id)
	if err != nil {
		return wrapf(err, "find tandems")
	}
	var tandems []int64
	for rows.Next() {
		var t int64
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return wrapf(err, "find tandems")
		}
		tandems = append(tandems, t)
	}
	rows.Close()
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
	if _, err := tx.ExecContext(ctx, `INSERT INTO erased_people (id, created_at, erased_at) VALUES (?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET created_at = excluded.created_at, erased_at = excluded.erased_at`, id, createdAt, tx.now); err != nil {
		return wrapf(err, "list erasure %d", id)
	}
	return tx.audit(ctx, domain.AuditErase, "person", id)
}

// eraseTandem deletes a tandem with its sessions, notes, agreements,
// attendance, feedback talks and self-assessments. A plan that pointed to
// it stays (it belongs to its newcomer) without the link.
func eraseTandem(ctx context.Context, tx *Tx, id int64) error {
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
	return nil
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
	rows, err := db.read.QueryContext(ctx, `SELECT id, created_at, erased_at FROM erased_people ORDER BY id`)
	if err != nil {
		return list, wrapf(err, "read erasure list")
	}
	defer rows.Close()
	for rows.Next() {
		var e domain.Erasure
		if err := rows.Scan(&e.ID, &e.CreatedAt, &e.ErasedAt); err != nil {
			return list, wrapf(err, "read erasure list")
		}
		list = append(list, e)
	}
	return list, wrapf(rows.Err(), "read erasure list")
}

// ReapplyErasures first adds carried (the erasure list of the database
// that was replaced, see ErasureList) to this database's list, then erases
// again every listed person that exists here with the same id and the same
// created_at, all in one transaction, and checkpoints. It returns how many
// people it erased. Open calls it after migrating; after a restore from an
// older backup call it with the list read from the replaced database
// before anything is shown.
func (db *DB) ReapplyErasures(ctx context.Context, carried ...domain.Erasure) (int, error) {
	n := 0
	err := db.update(ctx, func(tx *Tx) error {
		n = 0
		for _, e := range carried {
			if e.ID <= 0 {
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO erased_people (id, created_at, erased_at) VALUES (?, ?, ?)
				ON CONFLICT (id) DO UPDATE SET created_at = excluded.created_at, erased_at = excluded.erased_at
				WHERE excluded.erased_at > erased_people.erased_at`, e.ID, e.CreatedAt, e.ErasedAt); err != nil {
				return wrapf(err, "carry erasure %d", e.ID)
			}
		}
		rows, err := tx.QueryContext(ctx, `SELECT p.id FROM erased_people e JOIN people p ON p.id = e.id
			WHERE e.created_at = '' OR e.created_at = p.created_at`)
		if err != nil {
			return wrapf(err, "find erased people")
		}
		var ids []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return wrapf(err, "find erased people")
			}
			ids = append(ids, id)
		}
		rows.Close()
		for _, id := range ids {
			if err := erasePerson(ctx, tx, id); err != nil {
				return err
			}
		}
		n = len(ids)
		if n == 0 {
			return nil
		}
		return purgeSearchIndex(ctx, tx)
	})
	if err == nil && n > 0 {
		db.checkpoint(ctx)
	}
	return n, err
}

// Checkpoint copies the WAL into the database file and truncates the WAL.
func (db *DB) Checkpoint(ctx context.Context) error {
	_, err := db.write.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
	return wrapf(err, "checkpoint")
}
