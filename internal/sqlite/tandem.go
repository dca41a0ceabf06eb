package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"tandem/internal/domain"
)

// tandemFields are one tandem's values (tandems t, joined as in
// tandemFrom), packed into a JSON array as personFields are. A tandem has
// one or two mentors, at positions 0 and 1 (m0, m1). The progress of the
// linked plan comes as "done,total" (dropped items do not count), counted
// from the index plan_items_progress. The linked plan is the newest one
// that is not cancelled (CreatePlan allows one), else the newest.
const tandemFields = `t.id, t.run_id, r.name, tp.kind, t.mentee_id, me.first_name || ' ' || me.last_name,
	m0.mentor_id, p0.first_name || ' ' || p0.last_name, m1.mentor_id, p1.first_name || ' ' || p1.last_name,
	t.status, t.start_date, t.end_date, t.without_recommendation, t.warnings, t.override_reason, t.cancel_reason,
	pl.id,
	(SELECT count(*) FILTER (WHERE i.status = 'done') || ',' || count(*)
		FROM plan_items i WHERE i.plan_id = pl.id AND i.status <> 'dropped'),
	t.created_at, t.updated_at`

const tandemFrom = ` FROM tandems t
	JOIN runs r ON r.id = t.run_id
	JOIN templates tp ON tp.id = r.template_id
	JOIN people me ON me.id = t.mentee_id
	LEFT JOIN tandem_mentors m0 ON m0.tandem_id = t.id AND m0.position = 0
	LEFT JOIN people p0 ON p0.id = m0.mentor_id
	LEFT JOIN tandem_mentors m1 ON m1.tandem_id = t.id AND m1.position = 1
	LEFT JOIN people p1 ON p1.id = m1.mentor_id
	LEFT JOIN plans pl ON pl.id = coalesce(
		(SELECT max(p2.id) FROM plans p2 WHERE p2.tandem_id = t.id AND p2.status <> 'cancelled'),
		(SELECT max(p2.id) FROM plans p2 WHERE p2.tandem_id = t.id))`

// readTandem reads tandemFields in their order.
func readTandem(r *jsonRow) domain.Tandem {
	var t domain.Tandem
	t.ID = r.int()
	t.RunID = r.int()
	t.RunName = r.str()
	t.Kind = domain.TemplateKind(r.str())
	t.MenteeID = r.int()
	t.MenteeName = r.str()
	t.MentorIDs, t.MentorNames = []int64{}, []string{}
	for range domain.MaxMentors {
		id, name := r.int(), r.str()
		if id != 0 {
			t.MentorIDs = append(t.MentorIDs, id)
			t.MentorNames = append(t.MentorNames, name)
		}
	}
	t.Status = domain.TandemStatus(r.str())
	t.StartDate = r.str()
	t.EndDate = r.str()
	t.WithoutRecommendation = r.int() != 0
	t.Warnings = parseWarnings(r.str(), r)
	t.OverrideReason = r.str()
	t.CancelReason = r.str()
	t.PlanID = r.int()
	t.Progress = parseProgress(r.str(), r)
	t.CreatedAt = r.str()
	t.UpdatedAt = r.str()
	return t
}

// parseWarnings decodes stored warnings and fills their German messages.
func parseWarnings(s string, r *jsonRow) []domain.RuleWarning {
	warnings := []domain.RuleWarning{}
	if s == "" || s == "[]" {
		return warnings
	}
	if err := json.Unmarshal([]byte(s), &warnings); err != nil && r.err == nil {
		r.err = err
	}
	for i := range warnings {
		warnings[i].FillMessage()
	}
	return warnings
}

// parseProgress reads "done,total".
func parseProgress(s string, r *jsonRow) domain.Progress {
	d, t, ok := strings.Cut(s, ",")
	done, err1 := strconv.Atoi(d)
	total, err2 := strconv.Atoi(t)
	if (!ok || err1 != nil || err2 != nil) && r.err == nil {
		r.err = errors.New("malformed progress " + strconv.Quote(s))
	}
	return domain.NewProgress(done, total)
}

// readTandems decodes lines of packed tandems.
func readTandems(packed string) ([]domain.Tandem, error) {
	list := []domain.Tandem{}
	if packed == "" {
		return list, nil
	}
	for line := range strings.SplitSeq(packed, "\n") {
		r := newJSONRow(line)
		t := readTandem(&r)
		if err := r.end(); err != nil {
			return nil, err
		}
		list = append(list, t)
	}
	return list, nil
}

// tandemList is the query of a tandem list: the tandems matching where,
// one JSON line each, in the given order.
func tandemList(where, order string) string {
	return `SELECT coalesce(group_concat(json_array(` + tandemFields + `), char(10) ORDER BY ` + order + `), '')` +
		tandemFrom + where
}

// Tandems lists the tandems matching the filter: the latest start first,
// then by mentee.
func (db *DB) Tandems(ctx context.Context, f domain.TandemFilter) ([]domain.Tandem, error) {
	if err := f.Validate(); err != nil {
		return []domain.Tandem{}, err
	}
	var where []string
	var args []any
	if f.RunID != 0 {
		where = append(where, `t.run_id = ?`)
		args = append(args, f.RunID)
	}
	if f.Status != "" {
		where = append(where, `t.status = ?`)
		args = append(args, string(f.Status))
	}
	if f.PersonID != 0 {
		where = append(where, `(t.mentee_id = ? OR t.id IN (SELECT tandem_id FROM tandem_mentors WHERE mentor_id = ?))`)
		args = append(args, f.PersonID, f.PersonID)
	}
	clause := ""
	if len(where) > 0 {
		clause = ` WHERE ` + strings.Join(where, " AND ")
	}
	stmt, err := db.readStmt(ctx, tandemList(clause, `t.start_date DESC, me.sort_key, t.id`))
	if err != nil {
		return []domain.Tandem{}, wrapf(err, "prepare tandem list")
	}
	var list []domain.Tandem
	err = db.view(ctx, func(tx *sql.Tx) error {
		var packed string
		if err := tx.StmtContext(ctx, stmt).QueryRowContext(ctx, args...).Scan(&packed); err != nil {
			return wrapf(err, "list tandems")
		}
		list, err = readTandems(packed)
		return wrapf(err, "read tandems")
	})
	if err != nil {
		return []domain.Tandem{}, err
	}
	return list, nil
}

// Tandem returns one tandem or ENOTFOUND.
func (db *DB) Tandem(ctx context.Context, id int64) (domain.Tandem, error) {
	return findTandem(ctx, db.read, id)
}

func findTandem(ctx context.Context, q queryer, id int64) (domain.Tandem, error) {
	if err := domain.ValidID(id); err != nil {
		return domain.Tandem{}, err
	}
	var packed string
	err := q.QueryRowContext(ctx, `SELECT json_array(`+tandemFields+`)`+tandemFrom+` WHERE t.id = ?`, id).Scan(&packed)
	if errors.Is(err, sql.ErrNoRows) {
		return domain.Tandem{}, domain.NotFound("tandem")
	}
	if err != nil {
		return domain.Tandem{}, wrapf(err, "get tandem %d", id)
	}
	r := newJSONRow(packed)
	t := readTandem(&r)
	return t, wrapf(r.end(), "read tandem %d", id)
}

// CheckTandem returns the warnings a new tandem would raise (see
// domain.TandemRules), or the error that keeps it from being saved at all.
// The UI shows the warnings and asks for a reason before saving.
func (db *DB) CheckTandem(ctx context.Context, in domain.TandemInput) ([]domain.RuleWarning, error) {
	return db.checkTandem(ctx, 0, in)
}

// CheckTandemUpdate is CheckTandem for a change of tandem id: the tandem
// does not count as its own duplicate, and people who stay on it are not
// refused for having been archived since.
func (db *DB) CheckTandemUpdate(ctx context.Context, id int64, in domain.TandemInput) ([]domain.RuleWarning, error) {
	if err := domain.ValidID(id); err != nil {
		return []domain.RuleWarning{}, err
	}
	return db.checkTandem(ctx, id, in)
}

func (db *DB) checkTandem(ctx context.Context, id int64, in domain.TandemInput) ([]domain.RuleWarning, error) {
	if err := in.Validate(); err != nil {
		return []domain.RuleWarning{}, err
	}
	var warnings []domain.RuleWarning
	err := db.view(ctx, func(tx *sql.Tx) error {
		var old *domain.Tandem
		if id != 0 {
			t, err := findTandem(ctx, tx, id)
			if err != nil {
				return err
			}
			old = &t
		}
		var err error
		warnings, _, err = tandemRules(ctx, tx, in, old)
		return err
	})
	if err != nil {
		return []domain.RuleWarning{}, err
	}
	return warnings, nil
}

// tandemRules checks a validated input against the stored data: the run,
// mentee and mentors exist, the rules of the run's kind, no second open
// tandem of the mentee in the run. old is the tandem being changed, nil
// for a new one. It returns the warnings and the run.
func tandemRules(ctx context.Context, q queryer, in domain.TandemInput, old *domain.Tandem) ([]domain.RuleWarning, domain.Run, error) {
	run, err := findRun(ctx, q, in.RunID)
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		return nil, run, domain.Invalid("runId", "tandem.run.not_found")
	} else if err != nil {
		return nil, run, err
	}
	if run.Archived && (old == nil || old.RunID != run.ID) {
		return nil, run, domain.Invalid("runId", "tandem.run.archived", "name", run.Name)
	}
	pp := domain.TandemPeople{Kind: run.Kind, Keep: map[int64]bool{}}
	if old != nil {
		pp.Keep[old.MenteeID] = in.MenteeID == old.MenteeID
		for _, id := range old.MentorIDs {
			pp.Keep[id] = true
		}
	}
	if pp.Mentee, err = findPerson(ctx, q, in.MenteeID); domain.ErrorCode(err) == domain.ENOTFOUND {
		return nil, run, domain.Invalid("menteeId", "tandem.mentee.not_found")
	} else if err != nil {
		return nil, run, err
	}
	if old != nil && old.MenteeID != in.MenteeID {
		// A former mentor who becomes the mentee is checked as one.
		delete(pp.Keep, in.MenteeID)
	}
	for _, id := range in.MentorIDs {
		m, err := findPerson(ctx, q, id)
		if domain.ErrorCode(err) == domain.ENOTFOUND {
			return nil, run, domain.Invalid("mentorIds", "tandem.mentor.not_found")
		} else if err != nil {
			return nil, run, err
		}
		if old != nil && id == old.MenteeID {
			pp.Keep[id] = false // the former mentee was never checked as a mentor
		}
		pp.Mentors = append(pp.Mentors, m)
	}
	warnings, err := domain.TandemRules(in, pp)
	if err != nil {
		return nil, run, err
	}
	var oldID int64
	if old != nil {
		oldID = old.ID
	}
	var open int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM tandems WHERE run_id = ? AND mentee_id = ?
		AND status IN ('planned', 'active') AND id <> ?`, in.RunID, in.MenteeID, oldID).Scan(&open); err != nil {
		return nil, run, wrapf(err, "check duplicate tandem")
	}
	if open > 0 {
		return nil, run, domain.Conflict("tandem.duplicate",
			"name", pp.Mentee.FirstName+" "+pp.Mentee.LastName, "run", run.Name)
	}
	return warnings, run, nil
}

// CreateTandem stores a new, planned tandem. When the rules raise warnings
// it needs a written OverrideReason, else it fails with ECONFLICT
// tandem.reason_required and changes nothing; the accepted warnings are
// stored with the reason. Without warnings no reason is stored.
func (db *DB) CreateTandem(ctx context.Context, in domain.TandemInput) (domain.Tandem, error) {
	if err := in.Validate(); err != nil {
		return domain.Tandem{}, err
	}
	var t domain.Tandem
	err := db.update(ctx, func(tx *Tx) error {
		warnings, _, err := tandemRules(ctx, tx, in, nil)
		if err != nil {
			return err
		}
		if err := domain.RequireReason(warnings, in.OverrideReason); err != nil {
			return err
		}
		stored, reason, err := storedWarnings(warnings, in.OverrideReason)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO tandems (run_id, mentee_id, status, start_date, end_date,
			without_recommendation, warnings, override_reason, created_at, updated_at)
			VALUES (?, ?, 'planned', ?, ?, ?, ?, ?, ?, ?)`, in.RunID, in.MenteeID, in.StartDate, in.EndDate,
			in.WithoutRecommendation, stored, reason, tx.now, tx.now)
		if err != nil {
			return wrapf(err, "insert tandem")
		}
		id, _ := res.LastInsertId()
		if err := setMentors(ctx, tx, id, in.MentorIDs); err != nil {
			return err
		}
		t, err = findTandem(ctx, tx, id)
		return err
	})
	return t, err
}

// UpdateTandem changes a planned or active tandem (completed and cancelled
// ones are final: ECONFLICT tandem.closed), with the rules of CreateTandem.
func (db *DB) UpdateTandem(ctx context.Context, id int64, in domain.TandemInput) (domain.Tandem, error) {
	if err := domain.ValidID(id); err != nil {
		return domain.Tandem{}, err
	}
	if err := in.Validate(); err != nil {
		return domain.Tandem{}, err
	}
	var t domain.Tandem
	err := db.update(ctx, func(tx *Tx) error {
		old, err := findTandem(ctx, tx, id)
		if err != nil {
			return err
		}
		if old.Status.Final() {
			return domain.Conflict("tandem.closed", "status", domain.TandemStatusLabel(old.Status))
		}
		warnings, _, err := tandemRules(ctx, tx, in, &old)
		if err != nil {
			return err
		}
		if err := domain.RequireReason(warnings, in.OverrideReason); err != nil {
			return err
		}
		stored, reason, err := storedWarnings(warnings, in.OverrideReason)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE tandems SET run_id = ?, mentee_id = ?, start_date = ?, end_date = ?,
			without_recommendation = ?, warnings = ?, override_reason = ?, updated_at = ? WHERE id = ?`,
			in.RunID, in.MenteeID, in.StartDate, in.EndDate, in.WithoutRecommendation, stored, reason, tx.now, id); err != nil {
			return wrapf(err, "update tandem %d", id)
		}
		if err := setMentors(ctx, tx, id, in.MentorIDs); err != nil {
			return err
		}
		t, err = findTandem(ctx, tx, id)
		return err
	})
	return t, err
}

// storedWarnings returns the warnings as stored (key and params; the
// message is filled when read) and the reason to store with them: none
// without warnings.
func storedWarnings(warnings []domain.RuleWarning, reason string) (string, string, error) {
	if len(warnings) == 0 {
		return "[]", "", nil
	}
	b, err := json.Marshal(warnings)
	if err != nil {
		return "", "", domain.Internal(err, "encode warnings")
	}
	return string(b), reason, nil
}

func setMentors(ctx context.Context, tx *Tx, id int64, mentors []int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM tandem_mentors WHERE tandem_id = ?`, id); err != nil {
		return wrapf(err, "clear mentors")
	}
	for i, m := range mentors {
		if _, err := tx.ExecContext(ctx, `INSERT INTO tandem_mentors (tandem_id, mentor_id, position) VALUES (?, ?, ?)`,
			id, m, i); err != nil {
			return wrapf(err, "add mentor")
		}
	}
	return nil
}

// SetTandemStatus moves a tandem on: planned → active or cancelled, active
// → completed or cancelled. A cancellation needs a reason; completed and
// cancelled are final (ECONFLICT tandem.status_transition). Cancelling
// keeps everything: the tandem, its mentors and any linked plan with its
// items stay as they are and readable.
func (db *DB) SetTandemStatus(ctx context.Context, id int64, status domain.TandemStatus, reason string) (domain.Tandem, error) {
	if err := domain.ValidID(id); err != nil {
		return domain.Tandem{}, err
	}
	if !domain.ValidTandemStatus(status) {
		return domain.Tandem{}, domain.Invalid("status", "tandem.status.invalid")
	}
	if status == domain.TandemCancelled {
		// Check the reason before the transaction; the transition needs the stored status.
		if _, err := domain.CleanCancelReason(reason); err != nil {
			return domain.Tandem{}, err
		}
	}
	var t domain.Tandem
	err := db.update(ctx, func(tx *Tx) error {
		old, err := findTandem(ctx, tx, id)
		if err != nil {
			return err
		}
		clean, err := domain.CheckTandemStatusChange(old.Status, status, reason)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE tandems SET status = ?, cancel_reason = ?, updated_at = ? WHERE id = ?`,
			string(status), clean, tx.now, id); err != nil {
			return wrapf(err, "set tandem status %d", id)
		}
		t, err = findTandem(ctx, tx, id)
		return err
	})
	return t, err
}
