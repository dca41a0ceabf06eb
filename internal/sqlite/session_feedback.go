package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"

	"tandem/internal/domain"
)

// tandemPrompts returns the feedback prompts of the tandem's template, or
// the German defaults when it configures none.
func tandemPrompts(ctx context.Context, q queryer, tandemID int64) ([]string, error) {
	var raw string
	err := q.QueryRowContext(ctx, `SELECT tp.feedback_prompts FROM tandems t JOIN runs r ON r.id = t.run_id
		JOIN templates tp ON tp.id = r.template_id WHERE t.id = ?`, tandemID).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, domain.NotFound("tandem")
	} else if err != nil {
		return nil, wrapf(err, "get feedback prompts %d", tandemID)
	}
	var prompts []string
	if err := json.Unmarshal([]byte(raw), &prompts); err != nil {
		return nil, domain.Internal(err, "decode feedback prompts of tandem %d", tandemID)
	}
	if len(prompts) == 0 {
		prompts = append([]string{}, domain.DefaultFeedbackPrompts...)
	}
	return prompts, nil
}

// FeedbackPrompts returns the prompts a new feedback talk of the tandem
// starts with: its template's, else the German defaults.
func (db *DB) FeedbackPrompts(ctx context.Context, tandemID int64) ([]string, error) {
	if err := domain.ValidID(tandemID); err != nil {
		return []string{}, err
	}
	var prompts []string
	err := db.view(ctx, func(tx *sql.Tx) error {
		var err error
		prompts, err = tandemPrompts(ctx, tx, tandemID)
		return err
	})
	if err != nil {
		return []string{}, err
	}
	return prompts, nil
}

// RecordFeedbackTalk stores a feedback talk. Without answers the prompts
// (see FeedbackPrompts) are stored with empty views. Refused: any talk on a
// cancelled tandem (a final one with ECONFLICT feedback.final.cancelled,
// else tandem.closed), a talk before the tandem's start, a second final
// talk (feedback.final.exists), a final talk on a tandem still planned
// (feedback.final.not_active) or dated in the future. Recording the final
// talk completes the tandem (status completed, end date the talk's date)
// in the same transaction.
func (db *DB) RecordFeedbackTalk(ctx context.Context, in domain.FeedbackTalkInput) (domain.FeedbackTalk, error) {
	if err := in.Validate(); err != nil {
		return domain.FeedbackTalk{}, err
	}
	var f domain.FeedbackTalk
	err := db.update(ctx, func(tx *Tx) error {
		t, err := findTandem(ctx, tx, in.TandemID)
		if domain.ErrorCode(err) == domain.ENOTFOUND {
			return domain.Invalid("tandemId", "feedback.tandem.not_found")
		} else if err != nil {
			return err
		}
		final := in.Kind == domain.FeedbackFinal
		if t.Status == domain.TandemCancelled {
			if final {
				return domain.Conflict("feedback.final.cancelled")
			}
			return domain.Conflict("tandem.closed", "status", domain.TandemStatusLabel(t.Status))
		}
		if in.Date < t.StartDate {
			return domain.Invalid("date", "feedback.date.before_start", "start", domain.DisplayDate(t.StartDate))
		}
		if final {
			var date string
			err := tx.QueryRowContext(ctx, `SELECT date FROM feedback_talks WHERE tandem_id = ? AND kind = 'final'`, t.ID).Scan(&date)
			if err == nil {
				return domain.Conflict("feedback.final.exists", "date", domain.DisplayDate(date))
			} else if !errors.Is(err, sql.ErrNoRows) {
				return wrapf(err, "find final talk")
			}
			if t.Status == domain.TandemPlanned {
				return domain.Conflict("feedback.final.not_active")
			}
			if in.Date > db.today() {
				return domain.Invalid("date", "feedback.date.future")
			}
		}
		answers := in.Answers
		if len(answers) == 0 {
			prompts, err := tandemPrompts(ctx, tx, t.ID)
			if err != nil {
				return err
			}
			answers = make([]domain.FeedbackAnswer, len(prompts))
			for i, p := range prompts {
				answers[i].Prompt = p
			}
		}
		raw, err := json.Marshal(answers)
		if err != nil {
			return domain.Internal(err, "encode answers")
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO feedback_talks (tandem_id, kind, date, answers, next_steps, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, t.ID, string(in.Kind), in.Date, string(raw), in.NextSteps, tx.now, tx.now)
		if err != nil {
			return wrapf(err, "insert feedback talk")
		}
		id, _ := res.LastInsertId()
		if final {
			if _, err := tx.ExecContext(ctx, `UPDATE tandems SET status = 'completed', end_date = ?, updated_at = ? WHERE id = ?`,
				in.Date, tx.now, t.ID); err != nil {
				return wrapf(err, "complete tandem %d", t.ID)
			}
		}
		f = domain.FeedbackTalk{ID: id, TandemID: t.ID, Kind: in.Kind, Date: in.Date, Answers: answers,
			NextSteps: in.NextSteps, CreatedAt: tx.now}
		return nil
	})
	if err != nil {
		return domain.FeedbackTalk{}, err
	}
	return f, nil
}

// FeedbackTalks lists a tandem's feedback talks by date.
func (db *DB) FeedbackTalks(ctx context.Context, tandemID int64) ([]domain.FeedbackTalk, error) {
	if err := domain.ValidID(tandemID); err != nil {
		return []domain.FeedbackTalk{}, err
	}
	list := []domain.FeedbackTalk{}
	err := db.view(ctx, func(tx *sql.Tx) error {
		if err := tandemExists(ctx, tx, tandemID); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, tandem_id, kind, date, answers, next_steps, created_at
			FROM feedback_talks WHERE tandem_id = ? ORDER BY date, id`, tandemID)
		if err != nil {
			return wrapf(err, "list feedback talks")
		}
		defer rows.Close()
		for rows.Next() {
			var f domain.FeedbackTalk
			var raw string
			if err := rows.Scan(&f.ID, &f.TandemID, &f.Kind, &f.Date, &raw, &f.NextSteps, &f.CreatedAt); err != nil {
				return wrapf(err, "read feedback talk")
			}
			f.Answers = []domain.FeedbackAnswer{}
			if err := json.Unmarshal([]byte(raw), &f.Answers); err != nil {
				return domain.Internal(err, "decode answers of talk %d", f.ID)
			}
			list = append(list, f)
		}
		return wrapf(rows.Err(), "list feedback talks")
	})
	if err != nil {
		return []domain.FeedbackTalk{}, err
	}
	return list, nil
}

// timelineQuery unites a tandem's (?1) sessions, feedback talks, case
// handovers and done plan items. A done item is dated by the latest session
// of the tandem that covered it, else by the day it was last changed.
// Within a day sessions come first by start time, then talks, handovers
// and done items.
// Every part is read through an index on the tandem (sessions_tandem,
// feedback_talks_tandem, plans_tandem with handovers_plan and
// plan_items_progress); a session's confidential flag comes from
// notes_session alone.
const timelineQuery = `SELECT date, kind, ref, label, num, conf FROM (
	SELECT s.date AS date, 'session' AS kind, s.id AS ref, s.start_time || ' ' || s.place AS label,
		s.duration_minutes AS num,
		EXISTS (SELECT 1 FROM notes n WHERE n.session_id = s.id AND n.confidential = 1) AS conf,
		s.start_time AS tm, 0 AS ord
	FROM sessions s WHERE s.tandem_id = ?1
	UNION ALL
	SELECT f.date, 'feedback', f.id, f.kind, 0, 0, '24:00', 1 FROM feedback_talks f WHERE f.tandem_id = ?1
	UNION ALL
	SELECT h.date, 'handover', h.id, coalesce(fp.first_name || ' ' || fp.last_name, h.from_name), h.case_count, 0, '24:00', 2
	FROM plans p JOIN handovers h ON h.plan_id = p.id LEFT JOIN people fp ON fp.id = h.from_id
	WHERE p.tandem_id = ?1
	UNION ALL
	SELECT coalesce((SELECT max(s.date) FROM session_topics st JOIN sessions s ON s.id = st.session_id
			WHERE st.item_id = i.id AND s.tandem_id = ?1), date(i.updated_at, 'localtime')),
		'plan_item_done', i.id, i.title, 0, 0, '24:00', 3
	FROM plans p JOIN plan_items i ON i.plan_id = p.id AND i.status = 'done'
	WHERE p.tandem_id = ?1
) ORDER BY date, tm, ord, ref`

// Timeline returns a tandem's sessions, feedback talks, case handovers and
// done plan items in date order, each with a German title.
func (db *DB) Timeline(ctx context.Context, tandemID int64) ([]domain.TimelineEntry, error) {
	if err := domain.ValidID(tandemID); err != nil {
		return []domain.TimelineEntry{}, err
	}
	stmt, err := db.readStmt(ctx, timelineQuery)
	if err != nil {
		return []domain.TimelineEntry{}, wrapf(err, "prepare timeline")
	}
	list := []domain.TimelineEntry{}
	err = db.view(ctx, func(tx *sql.Tx) error {
		if err := tandemExists(ctx, tx, tandemID); err != nil {
			return err
		}
		rows, err := tx.StmtContext(ctx, stmt).QueryContext(ctx, tandemID)
		if err != nil {
			return wrapf(err, "timeline")
		}
		defer rows.Close()
		for rows.Next() {
			var e domain.TimelineEntry
			var label string
			var num int
			if err := rows.Scan(&e.Date, &e.Kind, &e.RefID, &label, &num, &e.Confidential); err != nil {
				return wrapf(err, "read timeline")
			}
			e.Title, e.Params = timelineTitle(e.Kind, label, num)
			list = append(list, e)
		}
		return wrapf(rows.Err(), "timeline")
	})
	if err != nil {
		return []domain.TimelineEntry{}, err
	}
	return list, nil
}

// timelineTitle words an entry in German and returns its raw values, from
// which the UI words it in the user's language.
func timelineTitle(kind domain.TimelineKind, label string, num int) (string, map[string]string) {
	switch kind {
	case domain.TimelineSession:
		at, place := label, ""
		if len(label) > 5 {
			at, place = label[:5], label[6:]
		}
		title := "Mentoring-Gespräch um " + at + " Uhr (" + strconv.Itoa(num) + " Min.)"
		if place != "" {
			title += ", " + place
		}
		return title, map[string]string{"time": at, "minutes": strconv.Itoa(num), "place": place}
	case domain.TimelineFeedback:
		return domain.FeedbackKindLabel(domain.FeedbackKind(label)), map[string]string{"feedbackKind": label}
	case domain.TimelineHandover:
		params := map[string]string{"cases": strconv.Itoa(num), "from": label}
		cases := strconv.Itoa(num) + " Fälle"
		if num == 1 {
			cases = "1 Fall"
		}
		if label == "" {
			return "Fallübernahme: " + cases, params
		}
		return "Fallübernahme: " + cases + " von " + label, params
	case domain.TimelinePlanItemDone:
		return "Thema erledigt: " + label, map[string]string{"topic": label}
	}
	return label, map[string]string{}
}
