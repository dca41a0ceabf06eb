package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"tandem/internal/domain"
)

// rowsQueryer reads several rows: *sql.Tx, *Tx and *sql.DB.
type rowsQueryer interface {
	queryer
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// startMinutes is the minute of the day of sessions s's start_time ("HH:MM").
const startMinutes = `(CAST(substr(s.start_time, 1, 2) AS INTEGER) * 60 + CAST(substr(s.start_time, 4, 2) AS INTEGER))`

// placeholders returns "?, ?, …" for n values.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

func int64Args(ids []int64, first ...any) []any {
	args := append([]any{}, first...)
	for _, id := range ids {
		args = append(args, id)
	}
	return args
}

// loadSessions reads the sessions matching where (on sessions s) with their
// attendance, topics, notes and agreements, in the given order.
func loadSessions(ctx context.Context, q rowsQueryer, where, order string, args ...any) ([]domain.Session, error) {
	list := []domain.Session{}
	rows, err := q.QueryContext(ctx, `SELECT s.id, s.kind, coalesce(s.tandem_id, 0), coalesce(s.group_id, 0),
		coalesce(g.name, ''), coalesce(s.module_id, 0), coalesce(m.title, ''), s.date, s.start_time,
		s.duration_minutes, s.place, s.created_at, s.updated_at FROM sessions s
		LEFT JOIN groups g ON g.id = s.group_id LEFT JOIN course_modules m ON m.id = s.module_id
		WHERE `+where+` ORDER BY `+order, args...)
	if err != nil {
		return list, wrapf(err, "list sessions")
	}
	index := map[int64]int{}
	for rows.Next() {
		var s domain.Session
		if err := rows.Scan(&s.ID, &s.Kind, &s.TandemID, &s.GroupID, &s.GroupName, &s.ModuleID, &s.ModuleTitle, &s.Date, &s.StartTime, &s.DurationMinutes, &s.Place,
			&s.CreatedAt, &s.UpdatedAt); err != nil {
			rows.Close()
			return list, wrapf(err, "read session")
		}
		s.Participants, s.TopicItemIDs, s.Notes, s.Agreements = []domain.Attendance{}, []int64{}, []domain.Note{}, []domain.Agreement{}
		index[s.ID] = len(list)
		list = append(list, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return list, wrapf(err, "list sessions")
	}
	if len(list) == 0 {
		return list, nil
	}
	in := ` JOIN sessions s ON s.id = x.session_id WHERE ` + where

	each := func(query string, scan func(*sql.Rows) error) error {
		rows, err := q.QueryContext(ctx, query, args...)
		if err != nil {
			return wrapf(err, "list session parts")
		}
		defer rows.Close()
		for rows.Next() {
			if err := scan(rows); err != nil {
				return wrapf(err, "read session part")
			}
		}
		return wrapf(rows.Err(), "list session parts")
	}
	var sid int64
	if err := each(`SELECT x.session_id, x.person_id, p.first_name || ' ' || p.last_name, x.present
		FROM session_attendance x JOIN people p ON p.id = x.person_id`+in+` ORDER BY p.sort_key, p.id`, func(r *sql.Rows) error {
		var a domain.Attendance
		if err := r.Scan(&sid, &a.PersonID, &a.Name, &a.Present); err != nil {
			return err
		}
		s := &list[index[sid]]
		s.Participants = append(s.Participants, a)
		return nil
	}); err != nil {
		return list, err
	}
	if err := each(`SELECT x.session_id, x.item_id FROM session_topics x JOIN plan_items i ON i.id = x.item_id`+in+
		` ORDER BY i.position, i.id`, func(r *sql.Rows) error {
		var id int64
		if err := r.Scan(&sid, &id); err != nil {
			return err
		}
		s := &list[index[sid]]
		s.TopicItemIDs = append(s.TopicItemIDs, id)
		return nil
	}); err != nil {
		return list, err
	}
	if err := each(`SELECT x.id, x.session_id, x.text, x.confidential, x.updated_at FROM notes x`+in+` ORDER BY x.id`,
		func(r *sql.Rows) error {
			var n domain.Note
			if err := r.Scan(&n.ID, &n.SessionID, &n.Text, &n.Confidential, &n.UpdatedAt); err != nil {
				return err
			}
			s := &list[index[n.SessionID]]
			s.Notes = append(s.Notes, n)
			return nil
		}); err != nil {
		return list, err
	}
	if err := each(`SELECT `+agreementFields+` FROM agreements x LEFT JOIN people op ON op.id = x.owner_id`+in+` ORDER BY x.id`,
		func(r *sql.Rows) error {
			a, err := scanAgreement(r)
			if err != nil {
				return err
			}
			s := &list[index[a.SessionID]]
			s.Agreements = append(s.Agreements, a)
			return nil
		}); err != nil {
		return list, err
	}
	return list, nil
}

// agreementFields are one agreement's values (agreements x, owner people op):
// a stored owner is named as stored now, else the typed name.
const agreementFields = `x.id, x.session_id, x.text, coalesce(x.owner_id, 0),
	coalesce(op.first_name || ' ' || op.last_name, x.owner_name), coalesce(x.due_date, ''), x.done`

type scanner interface{ Scan(...any) error }

func scanAgreement(r scanner) (domain.Agreement, error) {
	var a domain.Agreement
	err := r.Scan(&a.ID, &a.SessionID, &a.Text, &a.OwnerID, &a.OwnerName, &a.DueDate, &a.Done)
	return a, err
}

func findSession(ctx context.Context, q rowsQueryer, id int64) (domain.Session, error) {
	if err := domain.ValidID(id); err != nil {
		return domain.Session{}, err
	}
	list, err := loadSessions(ctx, q, `s.id = ?`, `s.id`, id)
	if err != nil {
		return domain.Session{}, err
	}
	if len(list) == 0 {
		return domain.Session{}, domain.NotFound("session")
	}
	return list[0], nil
}

// Session returns one session with attendance, topics, notes and agreements, or ENOTFOUND.
func (db *DB) Session(ctx context.Context, id int64) (domain.Session, error) {
	var s domain.Session
	err := db.view(ctx, func(tx *sql.Tx) error {
		var err error
		s, err = findSession(ctx, tx, id)
		return err
	})
	return s, err
}

// Sessions lists a tandem's sessions, the latest first, each complete.
func (db *DB) Sessions(ctx context.Context, tandemID int64) ([]domain.Session, error) {
	if err := domain.ValidID(tandemID); err != nil {
		return []domain.Session{}, err
	}
	var list []domain.Session
	err := db.view(ctx, func(tx *sql.Tx) error {
		if err := tandemExists(ctx, tx, tandemID); err != nil {
			return err
		}
		var err error
		list, err = loadSessions(ctx, tx, `s.tandem_id = ?`, `s.date DESC, s.start_time DESC, s.id DESC`, tandemID)
		return err
	})
	if err != nil {
		return []domain.Session{}, err
	}
	return list, nil
}

func tandemExists(ctx context.Context, q queryer, id int64) error {
	var one int
	err := q.QueryRowContext(ctx, `SELECT 1 FROM tandems WHERE id = ?`, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return domain.NotFound("tandem")
	}
	return wrapf(err, "find tandem %d", id)
}

// sessionRules checks a validated input against the stored data: the
// tandem exists and is not cancelled, participants are its members, topics
// are items of its plans, no other session of the tandem (but oldID) overlaps
// in time on the same day. It returns the members (mentee first).
func sessionRules(ctx context.Context, q rowsQueryer, in domain.SessionInput, oldID int64) ([]int64, error) {
	if in.GroupID > 0 {
		_, members, err := groupSessionRules(ctx, q, in, oldID)
		return members, err
	}
	t, err := findTandem(ctx, q, in.TandemID)
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		return nil, domain.Invalid("tandemId", "session.tandem.not_found")
	} else if err != nil {
		return nil, err
	}
	if t.Status == domain.TandemCancelled {
		return nil, domain.Conflict("tandem.closed", "status", domain.TandemStatusLabel(t.Status))
	}
	members := append([]int64{t.MenteeID}, t.MentorIDs...)
	for _, p := range in.Participants {
		found := false
		for _, m := range members {
			found = found || m == p.PersonID
		}
		if !found {
			return nil, domain.Invalid("participants", "session.attendance.not_member")
		}
	}
	if len(in.TopicItemIDs) > 0 {
		var n int
		if err := q.QueryRowContext(ctx, `SELECT count(*) FROM plan_items i JOIN plans p ON p.id = i.plan_id
			WHERE p.tandem_id = ? AND i.id IN (`+placeholders(len(in.TopicItemIDs))+`)`,
			int64Args(in.TopicItemIDs, in.TandemID)...).Scan(&n); err != nil {
			return nil, wrapf(err, "check session topics")
		}
		if n != len(in.TopicItemIDs) {
			return nil, domain.Invalid("topicItemIds", "session.topic.not_in_plan")
		}
	}
	start := domain.SessionMinutes(in.StartTime)
	var date, at string
	err = q.QueryRowContext(ctx, `SELECT s.date, s.start_time FROM sessions s
		WHERE s.tandem_id = ? AND s.date = ? AND s.id <> ?
		AND `+startMinutes+` < ? AND `+startMinutes+` + s.duration_minutes > ?
		ORDER BY s.start_time LIMIT 1`, in.TandemID, in.Date, oldID, start+in.DurationMinutes, start).Scan(&date, &at)
	switch {
	case err == nil:
		return nil, domain.Conflict("session.overlap", "date", domain.DisplayDate(date), "time", at)
	case !errors.Is(err, sql.ErrNoRows):
		return nil, wrapf(err, "check session overlap")
	}
	return members, nil
}

// groupSessionRules checks a validated input of a group session: the group
// exists and is not archived, a course session names a module of that
// group (and only a course session names one), participants are members,
// no other session of the group (but oldID) overlaps. It returns the
// session kind and the members.
func groupSessionRules(ctx context.Context, q rowsQueryer, in domain.SessionInput, oldID int64) (domain.SessionKind, []int64, error) {
	var kind, name string
	var archived bool
	err := q.QueryRowContext(ctx, `SELECT kind, name, archived_at IS NOT NULL FROM groups WHERE id = ?`, in.GroupID).Scan(&kind, &name, &archived)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil, domain.Invalid("groupId", "session.group.not_found")
	} else if err != nil {
		return "", nil, wrapf(err, "get group %d", in.GroupID)
	}
	if archived {
		return "", nil, domain.Conflict("session.group.archived", "name", name)
	}
	gk := domain.GroupKind(kind)
	switch {
	case gk == domain.GroupCourse && in.ModuleID == 0:
		return "", nil, domain.Invalid("moduleId", "session.module.required")
	case gk != domain.GroupCourse && in.ModuleID != 0:
		return "", nil, domain.Invalid("moduleId", "session.module.not_in_group")
	case in.ModuleID != 0:
		var n int
		if err := q.QueryRowContext(ctx, `SELECT count(*) FROM course_modules WHERE id = ? AND group_id = ?`,
			in.ModuleID, in.GroupID).Scan(&n); err != nil {
			return "", nil, wrapf(err, "check module")
		}
		if n == 0 {
			return "", nil, domain.Invalid("moduleId", "session.module.not_in_group")
		}
	}
	members := []int64{}
	rows, err := q.QueryContext(ctx, `SELECT m.person_id FROM group_members m JOIN people p ON p.id = m.person_id
		WHERE m.group_id = ? ORDER BY p.sort_key, p.id`, in.GroupID)
	if err != nil {
		return "", nil, wrapf(err, "list group members")
	}
	isMember := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return "", nil, wrapf(err, "read group member")
		}
		members = append(members, id)
		isMember[id] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return "", nil, wrapf(err, "list group members")
	}
	for _, p := range in.Participants {
		if isMember[p.PersonID] {
			continue
		}
		person, err := findPerson(ctx, q, p.PersonID)
		if domain.ErrorCode(err) == domain.ENOTFOUND {
			return "", nil, domain.Invalid("participants", "session.participant.unknown")
		} else if err != nil {
			return "", nil, err
		}
		return "", nil, domain.Invalid("participants", "session.participant_not_member",
			"name", person.FirstName+" "+person.LastName, "group", name)
	}
	start := domain.SessionMinutes(in.StartTime)
	var date, at string
	err = q.QueryRowContext(ctx, `SELECT s.date, s.start_time FROM sessions s
		WHERE s.group_id = ? AND s.date = ? AND s.id <> ?
		AND `+startMinutes+` < ? AND `+startMinutes+` + s.duration_minutes > ?
		ORDER BY s.start_time LIMIT 1`, in.GroupID, in.Date, oldID, start+in.DurationMinutes, start).Scan(&date, &at)
	switch {
	case err == nil:
		return "", nil, domain.Conflict("session.group_overlap", "date", domain.DisplayDate(date), "time", at, "group", name)
	case !errors.Is(err, sql.ErrNoRows):
		return "", nil, wrapf(err, "check session overlap")
	}
	return domain.SessionKindOf(gk), members, nil
}

// writeSessionParts replaces a session's attendance and topics and marks
// the topics done when asked (open or in-progress items of active plans only).
func writeSessionParts(ctx context.Context, tx *Tx, id int64, in domain.SessionInput, members []int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM session_attendance WHERE session_id = ?`, id); err != nil {
		return wrapf(err, "clear attendance")
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM session_topics WHERE session_id = ?`, id); err != nil {
		return wrapf(err, "clear topics")
	}
	participants := in.Participants
	if len(participants) == 0 {
		for _, m := range members {
			participants = append(participants, domain.AttendanceInput{PersonID: m, Present: true})
		}
	}
	for _, p := range participants {
		if _, err := tx.ExecContext(ctx, `INSERT INTO session_attendance (session_id, person_id, present) VALUES (?, ?, ?)`,
			id, p.PersonID, p.Present); err != nil {
			return wrapf(err, "add attendance")
		}
	}
	for _, item := range in.TopicItemIDs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO session_topics (session_id, item_id) VALUES (?, ?)`, id, item); err != nil {
			return wrapf(err, "add topic")
		}
	}
	if in.MarkTopicsDone && len(in.TopicItemIDs) > 0 {
		if _, err := tx.ExecContext(ctx, `UPDATE plan_items SET status = 'done', updated_at = ?
			WHERE id IN (`+placeholders(len(in.TopicItemIDs))+`) AND status IN ('open', 'in_progress')
			AND plan_id IN (SELECT id FROM plans WHERE status = 'active')`,
			int64Args(in.TopicItemIDs, tx.now)...); err != nil {
			return wrapf(err, "mark topics done")
		}
	}
	return nil
}

// CreateSession stores a session of a tandem that is not cancelled
// (ECONFLICT tandem.closed). Participants must be members of the tandem
// (EINVALID session.attendance.not_member); without participants every
// member counts as present. A session overlapping another of the same
// tandem on that day is refused (ECONFLICT session.overlap).
func (db *DB) CreateSession(ctx context.Context, in domain.SessionInput) (domain.Session, error) {
	if err := in.Validate(); err != nil {
		return domain.Session{}, err
	}
	var s domain.Session
	err := db.update(ctx, func(tx *Tx) error {
		kind := domain.SessionTandem
		var members []int64
		var err error
		if in.GroupID > 0 {
			kind, members, err = groupSessionRules(ctx, tx, in, 0)
		} else {
			members, err = sessionRules(ctx, tx, in, 0)
		}
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO sessions (kind, tandem_id, group_id, module_id, date, start_time,
			duration_minutes, place, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			kind, nullID(in.TandemID), nullID(in.GroupID), nullID(in.ModuleID), in.Date, in.StartTime, in.DurationMinutes,
			in.Place, tx.now, tx.now)
		if err != nil {
			return wrapf(err, "insert session")
		}
		id, _ := res.LastInsertId()
		if err := writeSessionParts(ctx, tx, id, in, members); err != nil {
			return err
		}
		s, err = findSession(ctx, tx, id)
		return err
	})
	return s, err
}

// UpdateSession changes a session with the rules of CreateSession; its
// tandem stays (in.TandemID must be the session's). Notes and agreements
// are kept.
func (db *DB) UpdateSession(ctx context.Context, id int64, in domain.SessionInput) (domain.Session, error) {
	if err := domain.ValidID(id); err != nil {
		return domain.Session{}, err
	}
	if err := in.Validate(); err != nil {
		return domain.Session{}, err
	}
	var s domain.Session
	err := db.update(ctx, func(tx *Tx) error {
		var tandemID, groupID int64
		err := tx.QueryRowContext(ctx, `SELECT coalesce(tandem_id, 0), coalesce(group_id, 0) FROM sessions WHERE id = ?`,
			id).Scan(&tandemID, &groupID)
		if errors.Is(err, sql.ErrNoRows) {
			return domain.NotFound("session")
		} else if err != nil {
			return wrapf(err, "get session %d", id)
		}
		if groupID != in.GroupID {
			return domain.Invalid("groupId", "session.group.changed")
		}
		if tandemID != in.TandemID {
			return domain.Invalid("tandemId", "session.tandem.changed")
		}
		var members []int64
		if in.GroupID > 0 {
			_, members, err = groupSessionRules(ctx, tx, in, id)
		} else {
			members, err = sessionRules(ctx, tx, in, id)
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE sessions SET module_id = ?, date = ?, start_time = ?, duration_minutes = ?,
			place = ?, updated_at = ? WHERE id = ?`, nullID(in.ModuleID), in.Date, in.StartTime, in.DurationMinutes, in.Place,
			tx.now, id); err != nil {
			return wrapf(err, "update session %d", id)
		}
		if err := writeSessionParts(ctx, tx, id, in, members); err != nil {
			return err
		}
		s, err = findSession(ctx, tx, id)
		return err
	})
	return s, err
}

// DeleteSession deletes a session entered by mistake: only while it has no
// notes and no agreements (ECONFLICT session.has_notes /
// session.has_agreements), so that nothing written is lost.
func (db *DB) DeleteSession(ctx context.Context, id int64) error {
	if err := domain.ValidID(id); err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		var notes, agreements int
		err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM notes WHERE session_id = s.id),
			(SELECT count(*) FROM agreements WHERE session_id = s.id) FROM sessions s WHERE s.id = ?`, id).Scan(&notes, &agreements)
		if errors.Is(err, sql.ErrNoRows) {
			return domain.NotFound("session")
		} else if err != nil {
			return wrapf(err, "get session %d", id)
		}
		if notes > 0 {
			return domain.Conflict("session.has_notes", "count", notes)
		}
		if agreements > 0 {
			return domain.Conflict("session.has_agreements", "count", agreements)
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM sessions WHERE id = ?`, id)
		return wrapf(err, "delete session %d", id)
	})
}

// SaveNote stores a note of a session: a new one when noteID is 0, else
// the note noteID of that session (ENOTFOUND note otherwise). It is meant
// for autosave while typing: one small transaction, the text kept exactly.
// A text over domain.MaxSessionNoteLen characters is refused
// (EINVALID note.too_long) and the stored note stays as it was.
func (db *DB) SaveNote(ctx context.Context, sessionID, noteID int64, in domain.NoteInput) (domain.Note, error) {
	if err := domain.ValidID(sessionID); err != nil {
		return domain.Note{}, err
	}
	if noteID < 0 {
		return domain.Note{}, domain.Invalid("id", "id.invalid")
	}
	if err := in.Validate(); err != nil {
		return domain.Note{}, err
	}
	n := domain.Note{ID: noteID, SessionID: sessionID, Text: in.Text, Confidential: in.Confidential}
	err := db.update(ctx, func(tx *Tx) error {
		n.UpdatedAt = tx.now
		if noteID == 0 {
			res, err := tx.ExecContext(ctx, `INSERT INTO notes (session_id, text, confidential, created_at, updated_at)
				SELECT id, ?, ?, ?, ? FROM sessions WHERE id = ?`, in.Text, in.Confidential, tx.now, tx.now, sessionID)
			if err != nil {
				return wrapf(err, "insert note")
			}
			if k, _ := res.RowsAffected(); k == 0 {
				return domain.NotFound("session")
			}
			n.ID, _ = res.LastInsertId()
			return nil
		}
		res, err := tx.ExecContext(ctx, `UPDATE notes SET text = ?, confidential = ?, updated_at = ?
			WHERE id = ? AND session_id = ?`, in.Text, in.Confidential, tx.now, noteID, sessionID)
		if err != nil {
			return wrapf(err, "update note %d", noteID)
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return domain.NotFound("note")
		}
		return nil
	})
	if err != nil {
		return domain.Note{}, err
	}
	return n, nil
}

func findAgreement(ctx context.Context, q queryer, id int64) (domain.Agreement, error) {
	a, err := scanAgreement(q.QueryRowContext(ctx, `SELECT `+agreementFields+`
		FROM agreements x LEFT JOIN people op ON op.id = x.owner_id WHERE x.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, domain.NotFound("agreement")
	}
	return a, wrapf(err, "get agreement %d", id)
}

// agreementValues checks the owner and returns the stored owner id, owner
// name and due date (NULL when empty).
func agreementValues(ctx context.Context, q queryer, in domain.AgreementInput) (any, string, any, error) {
	var owner, due any
	name := in.OwnerName
	if in.OwnerID != 0 {
		if _, err := findPerson(ctx, q, in.OwnerID); domain.ErrorCode(err) == domain.ENOTFOUND {
			return nil, "", nil, domain.Invalid("ownerId", "agreement.owner.not_found")
		} else if err != nil {
			return nil, "", nil, err
		}
		owner, name = in.OwnerID, ""
	}
	if in.DueDate != "" {
		due = in.DueDate
	}
	return owner, name, due, nil
}

// AddAgreement adds an agreement to a session.
func (db *DB) AddAgreement(ctx context.Context, sessionID int64, in domain.AgreementInput) (domain.Agreement, error) {
	if err := domain.ValidID(sessionID); err != nil {
		return domain.Agreement{}, err
	}
	if err := in.Validate(); err != nil {
		return domain.Agreement{}, err
	}
	var a domain.Agreement
	err := db.update(ctx, func(tx *Tx) error {
		owner, name, due, err := agreementValues(ctx, tx, in)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO agreements (session_id, text, owner_id, owner_name, due_date, done,
			created_at, updated_at) SELECT id, ?, ?, ?, ?, ?, ?, ? FROM sessions WHERE id = ?`,
			in.Text, owner, name, due, in.Done, tx.now, tx.now, sessionID)
		if err != nil {
			return wrapf(err, "insert agreement")
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return domain.NotFound("session")
		}
		id, _ := res.LastInsertId()
		a, err = findAgreement(ctx, tx, id)
		return err
	})
	return a, err
}

// UpdateAgreement changes an agreement's text, owner, due date and done flag.
func (db *DB) UpdateAgreement(ctx context.Context, id int64, in domain.AgreementInput) (domain.Agreement, error) {
	if err := domain.ValidID(id); err != nil {
		return domain.Agreement{}, err
	}
	if err := in.Validate(); err != nil {
		return domain.Agreement{}, err
	}
	var a domain.Agreement
	err := db.update(ctx, func(tx *Tx) error {
		owner, name, due, err := agreementValues(ctx, tx, in)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE agreements SET text = ?, owner_id = ?, owner_name = ?, due_date = ?, done = ?,
			updated_at = ? WHERE id = ?`, in.Text, owner, name, due, in.Done, tx.now, id)
		if err != nil {
			return wrapf(err, "update agreement %d", id)
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return domain.NotFound("agreement")
		}
		a, err = findAgreement(ctx, tx, id)
		return err
	})
	return a, err
}

// SetAgreementDone ticks an agreement off or opens it again.
func (db *DB) SetAgreementDone(ctx context.Context, id int64, done bool) (domain.Agreement, error) {
	if err := domain.ValidID(id); err != nil {
		return domain.Agreement{}, err
	}
	var a domain.Agreement
	err := db.update(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE agreements SET done = ?, updated_at = ? WHERE id = ?`, done, tx.now, id)
		if err != nil {
			return wrapf(err, "set agreement done %d", id)
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return domain.NotFound("agreement")
		}
		a, err = findAgreement(ctx, tx, id)
		return err
	})
	return a, err
}

// DeleteAgreement deletes an agreement.
func (db *DB) DeleteAgreement(ctx context.Context, id int64) error {
	if err := domain.ValidID(id); err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM agreements WHERE id = ?`, id)
		if err != nil {
			return wrapf(err, "delete agreement %d", id)
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return domain.NotFound("agreement")
		}
		return nil
	})
}

// DeleteNote deletes one note of a session (ENOTFOUND note when there is
// none), for example so that a session entered by mistake can be deleted.
// The UI asks first; nothing else changes.
func (db *DB) DeleteNote(ctx context.Context, id int64) error {
	if err := domain.ValidID(id); err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM notes WHERE id = ?`, id)
		if err != nil {
			return wrapf(err, "delete note %d", id)
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return domain.NotFound("note")
		}
		return nil
	})
}
