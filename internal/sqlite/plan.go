package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"tandem/internal/domain"
)

// planFields are one plan's values (plans p, joined as in planFrom), packed
// into a JSON array: the header, the progress of its items as "done,total"
// (dropped items do not count) and the running total of handed-over cases.
const planFields = `p.id, p.newcomer_id, n.first_name || ' ' || n.last_name, p.template_id, t.name, p.tandem_id,
	p.start_date, p.probation_end, p.status, p.cancel_reason, p.phases, p.created_at, p.updated_at,
	(SELECT count(*) FILTER (WHERE i.status = 'done') || ',' || count(*)
		FROM plan_items i WHERE i.plan_id = p.id AND i.status <> 'dropped'),
	(SELECT coalesce(sum(h.case_count), 0) FROM handovers h WHERE h.plan_id = p.id)`

const planFrom = ` FROM plans p JOIN people n ON n.id = p.newcomer_id JOIN templates t ON t.id = p.template_id`

// readPlan reads planFields in their order.
func readPlan(r *jsonRow) domain.Plan {
	var p domain.Plan
	p.ID = r.int()
	p.NewcomerID = r.int()
	p.NewcomerName = r.str()
	p.TemplateID = r.int()
	p.TemplateName = r.str()
	p.TandemID = r.int()
	p.StartDate = r.str()
	p.ProbationEnd = r.str()
	p.Status = domain.PlanStatus(r.str())
	p.CancelReason = r.str()
	p.Phases = []domain.Phase{}
	if phases := r.str(); phases != "" && phases != "[]" {
		if err := json.Unmarshal([]byte(phases), &p.Phases); err != nil && r.err == nil {
			r.err = err
		}
	}
	p.CreatedAt = r.str()
	p.UpdatedAt = r.str()
	p.Progress = parseProgress(r.str(), r)
	p.CasesTotal = int(r.int())
	p.Items = []domain.PlanItem{}
	p.PhaseProgress = []domain.Progress{}
	p.Handovers = []domain.Handover{}
	return p
}

// itemFields are one plan item's values (plan_items i), packed.
const itemFields = `i.id, i.position, i.phase, i.title, i.description, i.legal_reference, i.checklist,
	i.start_date, i.due_date, i.responsible_id, rp.first_name || ' ' || rp.last_name,
	i.status, i.prior_knowledge, i.adjustment_note`

const itemFrom = ` FROM plan_items i LEFT JOIN people rp ON rp.id = i.responsible_id`

func readItem(r *jsonRow) domain.PlanItem {
	var it domain.PlanItem
	it.ID = r.int()
	it.Position = int(r.int())
	it.Phase = int(r.int())
	it.Title = r.str()
	it.Description = r.str()
	it.LegalReference = r.str()
	it.Checklist = parseChecklist(r.str(), r)
	it.StartDate = r.str()
	it.DueDate = r.str()
	it.ResponsibleID = r.int()
	it.ResponsibleName = r.str()
	it.Status = domain.PlanItemStatus(r.str())
	it.PriorKnowledge = domain.PriorKnowledge(r.str())
	it.AdjustmentNote = r.str()
	return it
}

func parseChecklist(s string, r *jsonRow) []string {
	list := []string{}
	if s == "" || s == "[]" {
		return list
	}
	if err := json.Unmarshal([]byte(s), &list); err != nil && r.err == nil {
		r.err = err
	}
	return list
}

// handoverFields are one handover's values (handovers h); a stored person
// is named as stored now, else the typed name.
const handoverFields = `h.id, h.date, h.case_count, h.from_id,
	coalesce(fp.first_name || ' ' || fp.last_name, h.from_name), h.note`

func readHandover(r *jsonRow) domain.Handover {
	var h domain.Handover
	h.ID = r.int()
	h.Date = r.str()
	h.CaseCount = int(r.int())
	h.FromID = r.int()
	h.FromName = r.str()
	h.Note = r.str()
	return h
}

// readLines decodes lines of packed rows with read.
func readLines[T any](packed string, read func(*jsonRow) T) ([]T, error) {
	list := []T{}
	if packed == "" {
		return list, nil
	}
	for line := range strings.SplitSeq(packed, "\n") {
		r := newJSONRow(line)
		v := read(&r)
		if err := r.end(); err != nil {
			return nil, err
		}
		list = append(list, v)
	}
	return list, nil
}

// today is the current local date (ISO), against which items are overdue.
func (db *DB) today() string { return domain.FormatDate(domain.Today(db.Now())) }

// loadPlan reads a whole plan: header, items by position with their
// overdue flags (against today), progress overall and per phase,
// handovers by date.
func loadPlan(ctx context.Context, q queryer, id int64, today string) (domain.Plan, error) {
	if err := domain.ValidID(id); err != nil {
		return domain.Plan{}, err
	}
	var packed string
	err := q.QueryRowContext(ctx, `SELECT json_array(`+planFields+`)`+planFrom+` WHERE p.id = ?`, id).Scan(&packed)
	if errors.Is(err, sql.ErrNoRows) {
		return domain.Plan{}, domain.NotFound("plan")
	}
	if err != nil {
		return domain.Plan{}, wrapf(err, "get plan %d", id)
	}
	r := newJSONRow(packed)
	p := readPlan(&r)
	if err := r.end(); err != nil {
		return domain.Plan{}, wrapf(err, "read plan %d", id)
	}

	if err := q.QueryRowContext(ctx, `SELECT coalesce(group_concat(json_array(`+itemFields+`), char(10)
		ORDER BY i.position, i.id), '')`+itemFrom+` WHERE i.plan_id = ?`, id).Scan(&packed); err != nil {
		return domain.Plan{}, wrapf(err, "get plan items %d", id)
	}
	if p.Items, err = readLines(packed, readItem); err != nil {
		return domain.Plan{}, wrapf(err, "read plan items %d", id)
	}
	for i := range p.Items {
		p.Items[i].Overdue = domain.IsOverdue(p.Items[i].Status, p.Items[i].DueDate, today)
	}
	p.Progress = domain.PlanProgress(p.Items)
	p.PhaseProgress = domain.PhaseProgress(p.Items, len(p.Phases))

	if err := q.QueryRowContext(ctx, `SELECT coalesce(group_concat(json_array(`+handoverFields+`), char(10)
		ORDER BY h.date, h.id), '') FROM handovers h LEFT JOIN people fp ON fp.id = h.from_id
		WHERE h.plan_id = ?`, id).Scan(&packed); err != nil {
		return domain.Plan{}, wrapf(err, "get handovers %d", id)
	}
	if p.Handovers, err = readLines(packed, readHandover); err != nil {
		return domain.Plan{}, wrapf(err, "read handovers %d", id)
	}
	p.CasesTotal = 0
	for _, h := range p.Handovers {
		p.CasesTotal += h.CaseCount
	}
	return p, nil
}

// Plans lists plan summaries matching the filter, the latest start first:
// header and progress, without items, phase progress and handovers
// (CasesTotal is filled).
func (db *DB) Plans(ctx context.Context, f domain.PlanFilter) ([]domain.Plan, error) {
	if err := f.Validate(); err != nil {
		return []domain.Plan{}, err
	}
	var where []string
	var args []any
	if f.NewcomerID != 0 {
		where = append(where, `p.newcomer_id = ?`)
		args = append(args, f.NewcomerID)
	}
	if f.Status != "" {
		where = append(where, `p.status = ?`)
		args = append(args, string(f.Status))
	}
	clause := ""
	if len(where) > 0 {
		clause = ` WHERE ` + strings.Join(where, " AND ")
	}
	stmt, err := db.readStmt(ctx, `SELECT coalesce(group_concat(json_array(`+planFields+`), char(10)
		ORDER BY p.start_date DESC, p.id DESC), '')`+planFrom+clause)
	if err != nil {
		return []domain.Plan{}, wrapf(err, "prepare plan list")
	}
	var list []domain.Plan
	err = db.view(ctx, func(tx *sql.Tx) error {
		var packed string
		if err := tx.StmtContext(ctx, stmt).QueryRowContext(ctx, args...).Scan(&packed); err != nil {
			return wrapf(err, "list plans")
		}
		list, err = readLines(packed, readPlan)
		return wrapf(err, "read plans")
	})
	if err != nil {
		return []domain.Plan{}, err
	}
	return list, nil
}

// Plan returns one whole plan or ENOTFOUND.
func (db *DB) Plan(ctx context.Context, id int64) (domain.Plan, error) {
	if err := domain.ValidID(id); err != nil {
		return domain.Plan{}, err
	}
	today := db.today()
	var p domain.Plan
	err := db.view(ctx, func(tx *sql.Tx) error {
		var err error
		p, err = loadPlan(ctx, tx, id, today)
		return err
	})
	return p, err
}

// loadTemplate reads a template's phases and topics with the values plans
// need; ok is false when there is no such template. Topics and phases come
// in position order; a topic's index is its place in that order.
func loadTemplate(ctx context.Context, q queryer, id int64) (domain.Template, bool, error) {
	var t domain.Template
	err := q.QueryRowContext(ctx, `SELECT id, kind, name, duration_weeks, probation_weeks, archived_at IS NOT NULL
		FROM templates WHERE id = ?`, id).Scan(&t.ID, &t.Kind, &t.Name, &t.DurationWeeks, &t.ProbationWeeks, &t.Archived)
	if errors.Is(err, sql.ErrNoRows) {
		return t, false, nil
	}
	if err != nil {
		return t, false, wrapf(err, "get template %d", id)
	}
	var packed string
	if err := q.QueryRowContext(ctx, `SELECT coalesce(group_concat(json_array(name, description), char(10)
		ORDER BY position), '') FROM template_phases WHERE template_id = ?`, id).Scan(&packed); err != nil {
		return t, false, wrapf(err, "get template phases %d", id)
	}
	if t.Phases, err = readLines(packed, func(r *jsonRow) domain.Phase {
		return domain.Phase{Name: r.str(), Description: r.str()}
	}); err != nil {
		return t, false, wrapf(err, "read template phases %d", id)
	}
	if err := q.QueryRowContext(ctx, `SELECT coalesce(group_concat(json_array(phase, title, description,
		legal_reference, start_week, end_week, responsible_role, checklist, speaker), char(10) ORDER BY position), '')
		FROM template_topics WHERE template_id = ?`, id).Scan(&packed); err != nil {
		return t, false, wrapf(err, "get template topics %d", id)
	}
	if t.Topics, err = readLines(packed, func(r *jsonRow) domain.Topic {
		return domain.Topic{Phase: int(r.int()), Title: r.str(), Description: r.str(), LegalReference: r.str(),
			StartWeek: int(r.int()), EndWeek: int(r.int()), ResponsibleRole: domain.Role(r.str()),
			Checklist: parseChecklist(r.str(), r), Speaker: r.str()}
	}); err != nil {
		return t, false, wrapf(err, "read template topics %d", id)
	}
	return t, true, nil
}

// CreatePlan makes a newcomer's plan from a template: one item per topic
// (domain.BuildPlanItems) with the prior knowledge and responsible people
// given, the template's phases, and the end of probation. The newcomer
// must exist and not be archived; a linked tandem must have the newcomer
// as mentee and no other plan that is not cancelled.
func (db *DB) CreatePlan(ctx context.Context, in domain.PlanInput) (domain.Plan, error) {
	if err := in.Validate(); err != nil {
		return domain.Plan{}, err
	}
	start, _ := domain.ParseDate(in.StartDate)
	today := db.today()
	var p domain.Plan
	err := db.update(ctx, func(tx *Tx) error {
		newcomer, err := findPerson(ctx, tx, in.NewcomerID)
		if domain.ErrorCode(err) == domain.ENOTFOUND {
			return domain.Invalid("newcomerId", "plan.newcomer.not_found")
		} else if err != nil {
			return err
		}
		if newcomer.Archived {
			return domain.Invalid("newcomerId", "plan.newcomer.archived", "name", newcomer.FirstName+" "+newcomer.LastName)
		}
		tmpl, ok, err := loadTemplate(ctx, tx, in.TemplateID)
		if err != nil {
			return err
		}
		if !ok {
			return domain.Invalid("templateId", "plan.template.not_found")
		}
		if err := in.CheckTopics(len(tmpl.Topics)); err != nil {
			return err
		}
		if in.TandemID != 0 {
			if err := checkPlanTandem(ctx, tx, in); err != nil {
				return err
			}
		}
		for _, r := range domain.Roles {
			if id := in.Responsible[r]; id != 0 {
				if _, err := findPerson(ctx, tx, id); domain.ErrorCode(err) == domain.ENOTFOUND {
					return domain.Invalid("responsible", "plan.responsible.not_found")
				} else if err != nil {
					return err
				}
			}
		}

		var probation any
		if end, ok := domain.ProbationEndDate(start, tmpl.ProbationWeeks); ok {
			probation = domain.FormatDate(end)
		}
		phases, err := json.Marshal(tmpl.Phases)
		if err != nil {
			return domain.Internal(err, "encode phases")
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO plans (newcomer_id, template_id, tandem_id, start_date, probation_end,
			status, phases, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'active', ?, ?, ?)`,
			in.NewcomerID, in.TemplateID, nullID(in.TandemID), in.StartDate, probation, string(phases), tx.now, tx.now)
		if err != nil {
			return wrapf(err, "insert plan")
		}
		id, _ := res.LastInsertId()
		items := domain.BuildPlanItems(tmpl, start, in.PriorKnowledge, in.Responsible)
		if err := insertItems(ctx, tx, id, items); err != nil {
			return err
		}
		p, err = loadPlan(ctx, tx, id, today)
		return err
	})
	return p, err
}

func checkPlanTandem(ctx context.Context, tx *Tx, in domain.PlanInput) error {
	t, err := findTandem(ctx, tx, in.TandemID)
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		return domain.Invalid("tandemId", "plan.tandem.not_found")
	} else if err != nil {
		return err
	}
	if t.MenteeID != in.NewcomerID {
		return domain.Invalid("tandemId", "plan.tandem.mentee", "name", t.MenteeName)
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM plans WHERE tandem_id = ? AND status <> 'cancelled'`,
		in.TandemID).Scan(&n); err != nil {
		return wrapf(err, "check tandem plans")
	}
	if n > 0 {
		e := domain.Conflict("plan.tandem.has_plan", "name", t.MenteeName)
		e.Field = "tandemId"
		return e
	}
	return nil
}

// insertItems stores new items of a plan, up to itemBatch rows per
// INSERT statement (one statement text for all full batches).
func insertItems(ctx context.Context, tx *Tx, planID int64, items []domain.PlanItem) error {
	for len(items) > 0 {
		n := min(len(items), itemBatch)
		args := make([]any, 0, n*itemColumns)
		for _, it := range items[:n] {
			checklist, err := json.Marshal(nonNil(it.Checklist))
			if err != nil {
				return domain.Internal(err, "encode checklist")
			}
			args = append(args, planID, it.Position, it.Phase, it.Title, it.Description, it.LegalReference, string(checklist),
				it.StartDate, it.DueDate, nullID(it.ResponsibleID), string(it.Status), string(it.PriorKnowledge),
				it.AdjustmentNote, tx.now, tx.now)
		}
		if _, err := tx.ExecContext(ctx, insertItemsQuery(n), args...); err != nil {
			return wrapf(err, "insert plan items")
		}
		items = items[n:]
	}
	return nil
}

const (
	itemBatch   = 100 // rows per INSERT: 1,500 parameters, far below SQLite's limit of 32,766
	itemColumns = 15
)

func insertItemsQuery(n int) string {
	var b strings.Builder
	b.WriteString(`INSERT INTO plan_items (plan_id, position, phase, title, description, legal_reference, checklist,
		start_date, due_date, responsible_id, status, prior_knowledge, adjustment_note, created_at, updated_at) VALUES `)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
	}
	return b.String()
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// planHead is what a change of a plan needs to know of it.
type planHead struct {
	id        int64
	status    domain.PlanStatus
	startDate string
	phases    int
	template  int64
	probation string
}

// openPlan reads a plan's head and refuses a plan that is completed or
// cancelled (ECONFLICT plan.closed).
func openPlan(ctx context.Context, tx *Tx, id int64) (planHead, error) {
	h := planHead{id: id}
	var probation sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT status, start_date, json_array_length(phases), template_id, probation_end
		FROM plans WHERE id = ?`, id).Scan(&h.status, &h.startDate, &h.phases, &h.template, &probation)
	if errors.Is(err, sql.ErrNoRows) {
		return h, domain.NotFound("plan")
	}
	if err != nil {
		return h, wrapf(err, "get plan %d", id)
	}
	h.probation = probation.String
	if h.status != domain.PlanActive {
		label := "abgeschlossen"
		if h.status == domain.PlanCancelled {
			label = "abgebrochen"
		}
		return h, domain.Conflict("plan.closed", "status", label)
	}
	return h, nil
}

// findItem reads one item and its plan id.
func findItem(ctx context.Context, tx *Tx, id int64) (domain.PlanItem, int64, error) {
	var packed string
	var planID int64
	err := tx.QueryRowContext(ctx, `SELECT json_array(`+itemFields+`), i.plan_id`+itemFrom+` WHERE i.id = ?`, id).
		Scan(&packed, &planID)
	if errors.Is(err, sql.ErrNoRows) {
		return domain.PlanItem{}, 0, domain.NotFound("plan.item")
	}
	if err != nil {
		return domain.PlanItem{}, 0, wrapf(err, "get plan item %d", id)
	}
	r := newJSONRow(packed)
	it := readItem(&r)
	return it, planID, wrapf(r.end(), "read plan item %d", id)
}

// openItem reads an item whose plan is open for changes.
func openItem(ctx context.Context, tx *Tx, id int64) (domain.PlanItem, planHead, error) {
	it, planID, err := findItem(ctx, tx, id)
	if err != nil {
		return it, planHead{}, err
	}
	h, err := openPlan(ctx, tx, planID)
	return it, h, err
}

// writeItem stores an item's changeable values.
func writeItem(ctx context.Context, tx *Tx, it domain.PlanItem) error {
	checklist, err := json.Marshal(nonNil(it.Checklist))
	if err != nil {
		return domain.Internal(err, "encode checklist")
	}
	_, err = tx.ExecContext(ctx, `UPDATE plan_items SET phase = ?, title = ?, description = ?, legal_reference = ?,
		checklist = ?, start_date = ?, due_date = ?, responsible_id = ?, status = ?, prior_knowledge = ?,
		adjustment_note = ?, updated_at = ? WHERE id = ?`,
		it.Phase, it.Title, it.Description, it.LegalReference, string(checklist), it.StartDate, it.DueDate,
		nullID(it.ResponsibleID), string(it.Status), string(it.PriorKnowledge), it.AdjustmentNote, tx.now, it.ID)
	return wrapf(err, "update plan item %d", it.ID)
}

// finishPlanChange marks the plan changed and reads it whole.
func (db *DB) finishPlanChange(ctx context.Context, tx *Tx, planID int64) (domain.Plan, error) {
	if _, err := tx.ExecContext(ctx, `UPDATE plans SET updated_at = ? WHERE id = ?`, tx.now, planID); err != nil {
		return domain.Plan{}, wrapf(err, "touch plan %d", planID)
	}
	return loadPlan(ctx, tx, planID, db.today())
}

// checkResponsible refuses a responsible person who does not exist.
func checkResponsible(ctx context.Context, tx *Tx, id int64) error {
	if id == 0 {
		return nil
	}
	if _, err := findPerson(ctx, tx, id); domain.ErrorCode(err) == domain.ENOTFOUND {
		return domain.Invalid("responsibleId", "plan.item.responsible.not_found")
	} else if err != nil {
		return err
	}
	return nil
}

// ShiftPlan moves a plan to a new start date: every item's start and due
// date move by the same number of days (as domain.ShiftDates does), and
// the end of probation is reckoned anew from the new start with the
// template's probation (or, when the template no longer has one, moved by
// the same days).
func (db *DB) ShiftPlan(ctx context.Context, id int64, newStart string) (domain.Plan, error) {
	if err := domain.ValidID(id); err != nil {
		return domain.Plan{}, err
	}
	if newStart == "" {
		return domain.Plan{}, domain.Invalid("startDate", "date.required")
	}
	start, ok := domain.ParseDate(newStart)
	if !ok {
		return domain.Plan{}, domain.Invalid("startDate", "date.invalid")
	}
	var p domain.Plan
	err := db.update(ctx, func(tx *Tx) error {
		h, err := openPlan(ctx, tx, id)
		if err != nil {
			return err
		}
		old, _ := domain.ParseDate(h.startDate)
		days := domain.DaysBetween(old, start)
		var weeks int
		if err := tx.QueryRowContext(ctx, `SELECT probation_weeks FROM templates WHERE id = ?`, h.template).
			Scan(&weeks); err != nil {
			return wrapf(err, "get template probation")
		}
		var probation any
		if end, ok := domain.ProbationEndDate(start, weeks); ok {
			probation = domain.FormatDate(end)
		} else if end, ok := domain.ParseDate(h.probation); ok {
			probation = domain.FormatDate(end.AddDate(0, 0, days))
		}
		shift := fmt.Sprintf("%+d days", days)
		if _, err := tx.ExecContext(ctx, `UPDATE plan_items SET start_date = date(start_date, ?1),
			due_date = date(due_date, ?1), updated_at = ?2 WHERE plan_id = ?3`, shift, tx.now, id); err != nil {
			return wrapf(err, "shift plan items %d", id)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE plans SET start_date = ?, probation_end = ? WHERE id = ?`,
			newStart, probation, id); err != nil {
			return wrapf(err, "shift plan %d", id)
		}
		p, err = db.finishPlanChange(ctx, tx, id)
		return err
	})
	return p, err
}

// CancelPlan cancels an active plan with a reason. Nothing is deleted:
// items and handovers stay readable, but the plan takes no more changes.
func (db *DB) CancelPlan(ctx context.Context, id int64, reason string) (domain.Plan, error) {
	if err := domain.ValidID(id); err != nil {
		return domain.Plan{}, err
	}
	reason, err := domain.CleanCancelReason(reason)
	if err != nil {
		return domain.Plan{}, err
	}
	var p domain.Plan
	err = db.update(ctx, func(tx *Tx) error {
		if _, err := openPlan(ctx, tx, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE plans SET status = 'cancelled', cancel_reason = ? WHERE id = ?`,
			reason, id); err != nil {
			return wrapf(err, "cancel plan %d", id)
		}
		var err error
		p, err = db.finishPlanChange(ctx, tx, id)
		return err
	})
	return p, err
}

// AddPlanItem adds an item at the end of a plan; an empty status is open.
func (db *DB) AddPlanItem(ctx context.Context, planID int64, in domain.PlanItemInput) (domain.Plan, error) {
	if err := domain.ValidID(planID); err != nil {
		return domain.Plan{}, err
	}
	if err := in.Validate(domain.MaxPhases); err != nil {
		return domain.Plan{}, err
	}
	var p domain.Plan
	err := db.update(ctx, func(tx *Tx) error {
		h, err := openPlan(ctx, tx, planID)
		if err != nil {
			return err
		}
		if err := in.Validate(h.phases); err != nil {
			return err
		}
		if err := checkResponsible(ctx, tx, in.ResponsibleID); err != nil {
			return err
		}
		var next, count int
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(position) + 1, 0), count(*) FROM plan_items WHERE plan_id = ?`,
			planID).Scan(&next, &count); err != nil {
			return wrapf(err, "next position")
		}
		if count >= domain.MaxPlanItems {
			return domain.Conflict("plan.items.too_many", "max", domain.MaxPlanItems)
		}
		status := in.Status
		if status == "" {
			status = domain.ItemOpen
		}
		it := domain.PlanItem{Position: next, Phase: in.Phase, Title: in.Title, Description: in.Description,
			LegalReference: in.LegalReference, Checklist: in.Checklist, StartDate: in.StartDate, DueDate: in.DueDate,
			ResponsibleID: in.ResponsibleID, Status: status, PriorKnowledge: domain.KnowledgeNone}
		if err := insertItems(ctx, tx, planID, []domain.PlanItem{it}); err != nil {
			return err
		}
		p, err = db.finishPlanChange(ctx, tx, planID)
		return err
	})
	return p, err
}

// UpdatePlanItem replaces an item's phase, texts, checklist, dates,
// responsible person and (unless empty) status. Its prior knowledge and
// adjustment note stay; taking an item back from dropped clears the note
// that said why it was dropped.
func (db *DB) UpdatePlanItem(ctx context.Context, itemID int64, in domain.PlanItemInput) (domain.Plan, error) {
	if err := domain.ValidID(itemID); err != nil {
		return domain.Plan{}, err
	}
	if err := in.Validate(domain.MaxPhases); err != nil {
		return domain.Plan{}, err
	}
	var p domain.Plan
	err := db.update(ctx, func(tx *Tx) error {
		it, h, err := openItem(ctx, tx, itemID)
		if err != nil {
			return err
		}
		if err := in.Validate(h.phases); err != nil {
			return err
		}
		if err := checkResponsible(ctx, tx, in.ResponsibleID); err != nil {
			return err
		}
		it.Phase, it.Title, it.Description, it.LegalReference = in.Phase, in.Title, in.Description, in.LegalReference
		it.Checklist, it.StartDate, it.DueDate, it.ResponsibleID = in.Checklist, in.StartDate, in.DueDate, in.ResponsibleID
		if in.Status != "" {
			it = domain.SetItemStatus(it, in.Status)
		}
		if err := writeItem(ctx, tx, it); err != nil {
			return err
		}
		p, err = db.finishPlanChange(ctx, tx, h.id)
		return err
	})
	return p, err
}

// SetPlanItemStatus sets an item's status (open, in progress, done, dropped).
func (db *DB) SetPlanItemStatus(ctx context.Context, itemID int64, status domain.PlanItemStatus) (domain.Plan, error) {
	if err := domain.ValidID(itemID); err != nil {
		return domain.Plan{}, err
	}
	if err := domain.ValidateItemStatus(status); err != nil {
		return domain.Plan{}, err
	}
	var p domain.Plan
	err := db.update(ctx, func(tx *Tx) error {
		it, h, err := openItem(ctx, tx, itemID)
		if err != nil {
			return err
		}
		if err := writeItem(ctx, tx, domain.SetItemStatus(it, status)); err != nil {
			return err
		}
		p, err = db.finishPlanChange(ctx, tx, h.id)
		return err
	})
	return p, err
}

// DeletePlanItem removes an item; the others close ranks.
func (db *DB) DeletePlanItem(ctx context.Context, itemID int64) (domain.Plan, error) {
	if err := domain.ValidID(itemID); err != nil {
		return domain.Plan{}, err
	}
	var p domain.Plan
	err := db.update(ctx, func(tx *Tx) error {
		_, h, err := openItem(ctx, tx, itemID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM plan_items WHERE id = ?`, itemID); err != nil {
			return wrapf(err, "delete plan item %d", itemID)
		}
		ids, err := itemOrder(ctx, tx, h.id)
		if err != nil {
			return err
		}
		if err := renumber(ctx, tx, ids); err != nil {
			return err
		}
		p, err = db.finishPlanChange(ctx, tx, h.id)
		return err
	})
	return p, err
}

// MovePlanItem moves an item to newPosition (0 = first) and numbers all
// items of the plan densely from 0.
func (db *DB) MovePlanItem(ctx context.Context, itemID int64, newPosition int) (domain.Plan, error) {
	if err := domain.ValidID(itemID); err != nil {
		return domain.Plan{}, err
	}
	if newPosition < 0 {
		return domain.Plan{}, domain.Invalid("position", "plan.item.position.invalid")
	}
	var p domain.Plan
	err := db.update(ctx, func(tx *Tx) error {
		_, h, err := openItem(ctx, tx, itemID)
		if err != nil {
			return err
		}
		ids, err := itemOrder(ctx, tx, h.id)
		if err != nil {
			return err
		}
		if newPosition >= len(ids) {
			return domain.Invalid("position", "plan.item.position.invalid")
		}
		ids = slices.DeleteFunc(ids, func(id int64) bool { return id == itemID })
		ids = slices.Insert(ids, newPosition, itemID)
		if err := renumber(ctx, tx, ids); err != nil {
			return err
		}
		p, err = db.finishPlanChange(ctx, tx, h.id)
		return err
	})
	return p, err
}

// itemOrder returns the ids of a plan's items in position order.
func itemOrder(ctx context.Context, tx *Tx, planID int64) ([]int64, error) {
	var packed string
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(group_concat(id, ',' ORDER BY position, id), '')
		FROM plan_items WHERE plan_id = ?`, planID).Scan(&packed); err != nil {
		return nil, wrapf(err, "get item order")
	}
	ids := []int64{}
	for s := range strings.SplitSeq(packed, ",") {
		if s == "" {
			continue
		}
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, domain.Internal(err, "read item order")
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// renumber gives the items their index in ids as position, touching only
// those whose position changes.
func renumber(ctx context.Context, tx *Tx, ids []int64) error {
	for i, id := range ids {
		if _, err := tx.ExecContext(ctx, `UPDATE plan_items SET position = ?1, updated_at = ?2
			WHERE id = ?3 AND position <> ?1`, i, tx.now, id); err != nil {
			return wrapf(err, "renumber plan item %d", id)
		}
	}
	return nil
}

// SetPriorKnowledge records the newcomer's prior knowledge of an item and
// applies action: "" only records it, "shorten" halves the item's duration
// (at least one week stays), "drop" drops it; both write an adjustment
// note saying why (domain.ApplyPriorKnowledge).
func (db *DB) SetPriorKnowledge(ctx context.Context, itemID int64, k domain.PriorKnowledge, action string) (domain.Plan, error) {
	if err := domain.ValidID(itemID); err != nil {
		return domain.Plan{}, err
	}
	if err := domain.ValidateKnowledgeAction(k, action); err != nil {
		return domain.Plan{}, err
	}
	var p domain.Plan
	err := db.update(ctx, func(tx *Tx) error {
		it, h, err := openItem(ctx, tx, itemID)
		if err != nil {
			return err
		}
		if it, err = domain.ApplyPriorKnowledge(it, k, action); err != nil {
			return err
		}
		if err := writeItem(ctx, tx, it); err != nil {
			return err
		}
		p, err = db.finishPlanChange(ctx, tx, h.id)
		return err
	})
	return p, err
}

// AddHandover records a case handover to the newcomer.
func (db *DB) AddHandover(ctx context.Context, planID int64, in domain.HandoverInput) (domain.Plan, error) {
	if err := domain.ValidID(planID); err != nil {
		return domain.Plan{}, err
	}
	if err := in.Validate(); err != nil {
		return domain.Plan{}, err
	}
	var p domain.Plan
	err := db.update(ctx, func(tx *Tx) error {
		if _, err := openPlan(ctx, tx, planID); err != nil {
			return err
		}
		if in.FromID != 0 {
			if _, err := findPerson(ctx, tx, in.FromID); domain.ErrorCode(err) == domain.ENOTFOUND {
				return domain.Invalid("fromId", "handover.from.not_found")
			} else if err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO handovers (plan_id, date, case_count, from_id, from_name, note, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, planID, in.Date, in.CaseCount, nullID(in.FromID), in.FromName, in.Note, tx.now); err != nil {
			return wrapf(err, "insert handover")
		}
		var err error
		p, err = db.finishPlanChange(ctx, tx, planID)
		return err
	})
	return p, err
}

// DeleteHandover removes a handover recorded by mistake.
func (db *DB) DeleteHandover(ctx context.Context, id int64) (domain.Plan, error) {
	if err := domain.ValidID(id); err != nil {
		return domain.Plan{}, err
	}
	var p domain.Plan
	err := db.update(ctx, func(tx *Tx) error {
		var planID int64
		err := tx.QueryRowContext(ctx, `SELECT plan_id FROM handovers WHERE id = ?`, id).Scan(&planID)
		if errors.Is(err, sql.ErrNoRows) {
			return domain.NotFound("handover")
		} else if err != nil {
			return wrapf(err, "get handover %d", id)
		}
		if _, err := openPlan(ctx, tx, planID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM handovers WHERE id = ?`, id); err != nil {
			return wrapf(err, "delete handover %d", id)
		}
		p, err = db.finishPlanChange(ctx, tx, planID)
		return err
	})
	return p, err
}
