package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"tandem/internal/documents"
	"tandem/internal/domain"
)

// The register of issued documents (issue 5) and the organisation's
// document texts. Numbers are JA-<year>-<seq>, sequential without gaps per
// year of issue (local time). Entries are never deleted (a trigger refuses
// it); revoking and superseding only change the status.

// DocumentTexts returns the welcome text and confirmation wording (""
// where the organisation kept the default).
func (db *DB) DocumentTexts(ctx context.Context) (domain.DocumentTexts, error) {
	var t domain.DocumentTexts
	err := db.read.QueryRowContext(ctx, `SELECT welcome_text, confirmation_wording FROM document_texts WHERE singleton = 1`).
		Scan(&t.WelcomeText, &t.ConfirmationWording)
	if errors.Is(err, sql.ErrNoRows) {
		return t, nil
	}
	return t, wrapf(err, "get document texts")
}

// SaveDocumentTexts stores both texts after checking their placeholders
// (documents.CheckWording; field "welcomeText" or "confirmationWording").
func (db *DB) SaveDocumentTexts(ctx context.Context, in domain.DocumentTexts) (domain.DocumentTexts, error) {
	clean := func(field, s string) (string, error) {
		if !validUTF8(s) {
			return "", domain.Invalid(field, "text.encoding")
		}
		s = strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
		if err := documents.CheckWording(s); err != nil {
			if de := domain.AsError(err); de.Code == domain.EINVALID {
				de.Field = field
				return "", de
			}
			return "", err
		}
		return s, nil
	}
	var err error
	if in.WelcomeText, err = clean("welcomeText", in.WelcomeText); err != nil {
		return domain.DocumentTexts{}, err
	}
	if in.ConfirmationWording, err = clean("confirmationWording", in.ConfirmationWording); err != nil {
		return domain.DocumentTexts{}, err
	}
	err = db.update(ctx, func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO document_texts (singleton, welcome_text, confirmation_wording, updated_at)
			VALUES (1, ?, ?, ?) ON CONFLICT (singleton) DO UPDATE SET welcome_text = excluded.welcome_text,
			confirmation_wording = excluded.confirmation_wording, updated_at = excluded.updated_at`,
			in.WelcomeText, in.ConfirmationWording, tx.now)
		return wrapf(err, "save document texts")
	})
	if err != nil {
		return domain.DocumentTexts{}, err
	}
	return in, nil
}

func validUTF8(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }

// registerYear is the year of issue that numbers a document issued at t.
func registerYear(t time.Time) int { return t.Local().Year() }

func registerNumber(year, seq int) string { return fmt.Sprintf("JA-%d-%04d", year, seq) }

func nextSeq(ctx context.Context, q queryer, year int) (int, error) {
	var seq int
	err := q.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) + 1 FROM document_register WHERE year = ?`, year).Scan(&seq)
	return seq, wrapf(err, "next register number")
}

// NextRegisterNumber returns the number the next document issued at t
// would get. The caller prints it into the PDF and then records the
// document with RecordDocument, which fails with register.number.taken
// when another document took the number in between.
func (db *DB) NextRegisterNumber(ctx context.Context, issued time.Time) (string, error) {
	year := registerYear(issued)
	seq, err := nextSeq(ctx, db.read, year)
	if err != nil {
		return "", err
	}
	return registerNumber(year, seq), nil
}

// RecordDocument records an issued document under number (which must be
// the next free one of issued's year: ECONFLICT register.number.taken
// otherwise) in one transaction. With supersedes set, that entry (which
// must be valid and of the same kind, person and subject) is marked
// superseded by the new number in the same transaction.
func (db *DB) RecordDocument(ctx context.Context, number string, issued time.Time, in domain.RegisterInput, supersedes string) (domain.RegisterEntry, error) {
	if err := in.Validate(); err != nil {
		return domain.RegisterEntry{}, err
	}
	var e domain.RegisterEntry
	err := db.update(ctx, func(tx *Tx) error {
		var err error
		e, err = recordDocument(ctx, tx, number, issued, in, supersedes)
		return err
	})
	return e, err
}

// RecordDocuments records several documents issued together (one combined
// PDF of a batch) under consecutive numbers starting at first, all or none,
// in one transaction.
func (db *DB) RecordDocuments(ctx context.Context, first string, issued time.Time, ins []domain.RegisterInput) ([]domain.RegisterEntry, error) {
	for _, in := range ins {
		if err := in.Validate(); err != nil {
			return nil, err
		}
	}
	year := registerYear(issued)
	var seq int
	if _, err := fmt.Sscanf(first, "JA-%d-%d", new(int), &seq); err != nil || seq <= 0 {
		return nil, domain.Invalid("number", "register.number.invalid")
	}
	var out []domain.RegisterEntry
	err := db.update(ctx, func(tx *Tx) error {
		for i, in := range ins {
			e, err := recordDocument(ctx, tx, registerNumber(year, seq+i), issued, in, "")
			if err != nil {
				return err
			}
			out = append(out, e)
		}
		return nil
	})
	return out, err
}

func recordDocument(ctx context.Context, tx *Tx, number string, issued time.Time, in domain.RegisterInput, supersedes string) (domain.RegisterEntry, error) {
	year := registerYear(issued)
	seq, err := nextSeq(ctx, tx, year)
	if err != nil {
		return domain.RegisterEntry{}, err
	}
	if registerNumber(year, seq) != number {
		return domain.RegisterEntry{}, domain.Conflict("register.number.taken", "number", number)
	}
	if err := checkRegisterRefs(ctx, tx, in); err != nil {
		return domain.RegisterEntry{}, err
	}
	if supersedes == "" {
		if err := checkNoValidDocument(ctx, tx, in); err != nil {
			return domain.RegisterEntry{}, err
		}
	} else {
		old, err := registerEntry(ctx, tx, `d.number = ?`, supersedes)
		if err != nil {
			return domain.RegisterEntry{}, err
		}
		if old.Status != domain.RegisterValid {
			return domain.RegisterEntry{}, domain.NotValidEntry(old)
		}
		if old.Kind != in.Kind || old.PersonID != in.PersonID || old.TandemID != in.TandemID || old.GroupID != in.GroupID {
			return domain.RegisterEntry{}, domain.Invalid("number", "register.reissue.mismatch")
		}
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO document_register (number, year, seq, kind, person_id, tandem_id, group_id, issued_at, sha256)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, number, year, seq, string(in.Kind), in.PersonID,
		nullID(in.TandemID), nullID(in.GroupID), issued.UTC().Format(time.RFC3339), in.SHA256)
	if err != nil {
		if isConstraint(err) {
			return domain.RegisterEntry{}, domain.Conflict("register.number.taken", "number", number)
		}
		return domain.RegisterEntry{}, wrapf(err, "record document")
	}
	if supersedes != "" {
		if _, err := tx.ExecContext(ctx, `UPDATE document_register SET status = 'superseded', superseded_by = ? WHERE number = ?`,
			number, supersedes); err != nil {
			return domain.RegisterEntry{}, wrapf(err, "supersede %s", supersedes)
		}
	}
	id, _ := res.LastInsertId()
	return registerEntry(ctx, tx, `d.id = ?`, id)
}

// ValidDocument returns the valid entry that already stands for what in
// names (a tandem's confirmation, a participant's certificate of a course),
// or false when there is none.
func (db *DB) ValidDocument(ctx context.Context, in domain.RegisterInput) (domain.RegisterEntry, bool, error) {
	return validDocument(ctx, db.read, in)
}

func validDocument(ctx context.Context, q queryer, in domain.RegisterInput) (domain.RegisterEntry, bool, error) {
	where, args := `d.kind = ? AND d.status = 'valid' AND d.person_id = ? AND d.group_id = ?`, []any{string(in.Kind), in.PersonID, in.GroupID}
	if in.Kind == domain.DocConfirmation {
		where, args = `d.kind = ? AND d.status = 'valid' AND d.tandem_id = ?`, []any{string(in.Kind), in.TandemID}
	}
	e, err := scanRegisterEntry(q.QueryRowContext(ctx, registerSelect+` WHERE `+where+` ORDER BY d.id DESC LIMIT 1`, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return e, false, nil
	}
	return e, err == nil, wrapf(err, "find valid document")
}

// checkNoValidDocument refuses a second valid document for one completion
// (ECONFLICT register.already_issued): a new one must supersede the old.
func checkNoValidDocument(ctx context.Context, tx *Tx, in domain.RegisterInput) error {
	e, found, err := validDocument(ctx, tx, in)
	if err != nil || !found {
		return err
	}
	return AlreadyIssued(e)
}

// AlreadyIssued is the error for a document that already stands valid.
func AlreadyIssued(e domain.RegisterEntry) error {
	if e.Kind == domain.DocCertificate {
		return domain.Conflict("register.already_issued.certificate", "number", e.Number, "name", e.PersonName)
	}
	return domain.Conflict("register.already_issued.confirmation", "number", e.Number, "name", e.PersonName)
}

// NextRegisterNumbers returns the count numbers the next documents issued
// at t would get.
func (db *DB) NextRegisterNumbers(ctx context.Context, issued time.Time, count int) ([]string, error) {
	year := registerYear(issued)
	seq, err := nextSeq(ctx, db.read, year)
	if err != nil {
		return nil, err
	}
	out := make([]string, count)
	for i := range out {
		out[i] = registerNumber(year, seq+i)
	}
	return out, nil
}

// checkRegisterRefs makes sure person, tandem and group exist (and belong
// together) so a missing one gives a German message, not a constraint error.
func checkRegisterRefs(ctx context.Context, tx *Tx, in domain.RegisterInput) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM people WHERE id = ?`, in.PersonID).Scan(&n); err != nil {
		return wrapf(err, "check person")
	}
	if n == 0 {
		return domain.NotFound("person")
	}
	switch in.Kind {
	case domain.DocConfirmation:
		var mentee int64
		err := tx.QueryRowContext(ctx, `SELECT mentee_id FROM tandems WHERE id = ?`, in.TandemID).Scan(&mentee)
		if errors.Is(err, sql.ErrNoRows) {
			return domain.NotFound("tandem")
		}
		if err != nil {
			return wrapf(err, "check tandem")
		}
		if mentee != in.PersonID {
			return domain.Invalid("personId", "register.person.mismatch")
		}
	case domain.DocCertificate:
		err := tx.QueryRowContext(ctx, `SELECT count(*) FROM group_members WHERE group_id = ? AND person_id = ?`, in.GroupID, in.PersonID).Scan(&n)
		if err != nil {
			return wrapf(err, "check group")
		}
		if n == 0 {
			return domain.Invalid("personId", "register.person.mismatch")
		}
	}
	return nil
}

const registerSelect = `SELECT d.id, d.number, d.kind, coalesce(d.person_id, 0),
	coalesce(p.first_name || ' ' || p.last_name, ''), coalesce(d.tandem_id, 0), coalesce(d.group_id, 0),
	coalesce(r.name, g.name, ''), d.issued_at, d.sha256, d.status, coalesce(d.revoked_at, ''), d.revoke_reason,
	coalesce(d.superseded_by, ''), coalesce((SELECT o.number FROM document_register o WHERE o.superseded_by = d.number), '')
	FROM document_register d
	LEFT JOIN people p ON p.id = d.person_id
	LEFT JOIN tandems t ON t.id = d.tandem_id
	LEFT JOIN runs r ON r.id = t.run_id
	LEFT JOIN groups g ON g.id = d.group_id`

type rowScanner interface{ Scan(dest ...any) error }

func scanRegisterEntry(s rowScanner) (domain.RegisterEntry, error) {
	var e domain.RegisterEntry
	var kind, status string
	err := s.Scan(&e.ID, &e.Number, &kind, &e.PersonID, &e.PersonName, &e.TandemID, &e.GroupID, &e.About,
		&e.IssuedAt, &e.SHA256, &status, &e.RevokedAt, &e.RevokeReason, &e.SupersededBy, &e.Supersedes)
	e.Kind, e.Status = domain.DocumentKind(kind), domain.RegisterStatus(status)
	return e, err
}

func registerEntry(ctx context.Context, q queryer, where string, arg any) (domain.RegisterEntry, error) {
	e, err := scanRegisterEntry(q.QueryRowContext(ctx, registerSelect+` WHERE `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return e, domain.NotFound("register")
	}
	return e, wrapf(err, "get register entry")
}

// RegisterEntry looks up a number (ENOTFOUND register.not_found).
func (db *DB) RegisterEntry(ctx context.Context, number string) (domain.RegisterEntry, error) {
	n, err := domain.NormalizeRegisterNumber(number)
	if err != nil {
		return domain.RegisterEntry{}, err
	}
	return registerEntry(ctx, db.read, `d.number = ?`, n)
}

// RegisterEntriesByHash returns the entries whose PDF has this SHA-256
// (lower-case hex): one for a single document, several for a combined
// batch PDF; empty when the file is not in the register.
func (db *DB) RegisterEntriesByHash(ctx context.Context, sha string) ([]domain.RegisterEntry, error) {
	if !validHash(sha) {
		return nil, domain.Invalid("sha256", "register.hash.invalid")
	}
	rows, err := db.read.QueryContext(ctx, registerSelect+` WHERE d.sha256 = ? ORDER BY d.seq, d.id`, sha)
	if err != nil {
		return nil, wrapf(err, "find by hash")
	}
	defer rows.Close()
	list := []domain.RegisterEntry{}
	for rows.Next() {
		e, err := scanRegisterEntry(rows)
		if err != nil {
			return nil, wrapf(err, "read register entry")
		}
		list = append(list, e)
	}
	return list, wrapf(rows.Err(), "find by hash")
}

func validHash(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// RegisterEntries lists the register, newest first.
func (db *DB) RegisterEntries(ctx context.Context, f domain.RegisterFilter) ([]domain.RegisterEntry, error) {
	f, err := f.Validate()
	if err != nil {
		return []domain.RegisterEntry{}, err
	}
	var where []string
	var args []any
	if f.Kind != "" {
		where = append(where, `d.kind = ?`)
		args = append(args, string(f.Kind))
	}
	if f.Status != "" {
		where = append(where, `d.status = ?`)
		args = append(args, string(f.Status))
	}
	if f.Year != 0 {
		where = append(where, `d.year = ?`)
		args = append(args, f.Year)
	}
	terms := strings.Fields(fold(f.Query))
	if len(terms) > maxSearchTerms {
		terms = terms[:maxSearchTerms]
	}
	for _, t := range terms {
		where = append(where, `(lower(d.number) LIKE ? ESCAPE '\' OR p.search_key LIKE ? ESCAPE '\')`)
		args = append(args, likePattern(t), likePattern(t))
	}
	q := registerSelect
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, ` AND `)
	}
	q += ` ORDER BY d.issued_at DESC, d.id DESC LIMIT ?`
	args = append(args, f.Limit)
	rows, err := db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return []domain.RegisterEntry{}, wrapf(err, "list register")
	}
	defer rows.Close()
	list := []domain.RegisterEntry{}
	for rows.Next() {
		e, err := scanRegisterEntry(rows)
		if err != nil {
			return []domain.RegisterEntry{}, wrapf(err, "read register entry")
		}
		list = append(list, e)
	}
	return list, wrapf(rows.Err(), "list register")
}

// RevokeDocument marks a valid entry revoked with the reason (required),
// in one transaction. A revoked or superseded entry gives ECONFLICT
// register.not_valid.
func (db *DB) RevokeDocument(ctx context.Context, number, reason string) (domain.RegisterEntry, error) {
	n, err := domain.NormalizeRegisterNumber(number)
	if err != nil {
		return domain.RegisterEntry{}, err
	}
	reason, err = domain.CleanRevokeReason(reason)
	if err != nil {
		return domain.RegisterEntry{}, err
	}
	var e domain.RegisterEntry
	err = db.update(ctx, func(tx *Tx) error {
		old, err := registerEntry(ctx, tx, `d.number = ?`, n)
		if err != nil {
			return err
		}
		if old.Status != domain.RegisterValid {
			return domain.NotValidEntry(old)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE document_register SET status = 'revoked', revoked_at = ?, revoke_reason = ? WHERE id = ?`,
			tx.now, reason, old.ID); err != nil {
			return wrapf(err, "revoke %s", n)
		}
		e, err = registerEntry(ctx, tx, `d.id = ?`, old.ID)
		return err
	})
	return e, err
}
