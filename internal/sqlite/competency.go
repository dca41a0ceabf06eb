package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"

	"tandem/internal/domain"
)

// Competency self-assessments (Kompetenzprofil) of a tandem: one at its
// start and one at its end, each a level 1–4 per competency. The
// competencies are those of the tandem's template, else the defaults.

// tandemCompetencies returns the competency list of the tandem's template,
// or domain.DefaultCompetencies when it has none; ENOTFOUND without tandem.
func tandemCompetencies(ctx context.Context, q queryer, tandemID int64) ([]string, error) {
	var raw string
	err := q.QueryRowContext(ctx, `SELECT tp.competencies FROM tandems t JOIN runs r ON r.id = t.run_id
		JOIN templates tp ON tp.id = r.template_id WHERE t.id = ?`, tandemID).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, domain.NotFound("tandem")
	} else if err != nil {
		return nil, wrapf(err, "get competencies of tandem %d", tandemID)
	}
	var list []string
	if err := json.Unmarshal([]byte(raw), &list); err != nil {
		return nil, domain.Internal(err, "decode competencies of tandem %d", tandemID)
	}
	if len(list) == 0 {
		list = append([]string{}, domain.DefaultCompetencies...)
	}
	return list, nil
}

// readSelfAssessments reads the start and end assessments of a tandem in
// one query: one JSON line per assessment with its levels by position.
func readSelfAssessments(ctx context.Context, q queryer, tandemID int64) (start, end *domain.SelfAssessment, err error) {
	var packed string
	err = q.QueryRowContext(ctx, `SELECT coalesce(group_concat(json_array(a.stage, a.assessed_on, a.updated_at,
			json((SELECT json_group_array(json_array(l.competency, l.level))
			 FROM (SELECT competency, level FROM self_assessment_levels WHERE assessment_id = a.id ORDER BY position) l))),
			char(10)), '')
		FROM self_assessments a WHERE a.tandem_id = ?`, tandemID).Scan(&packed)
	if err != nil {
		return nil, nil, wrapf(err, "read self-assessments of tandem %d", tandemID)
	}
	if packed == "" {
		return nil, nil, nil
	}
	for _, line := range strings.Split(packed, "\n") {
		var raw []json.RawMessage
		if err := json.Unmarshal([]byte(line), &raw); err != nil || len(raw) != 4 {
			return nil, nil, domain.Internal(errors.New("bad row"), "decode self-assessment of tandem %d", tandemID)
		}
		a := domain.SelfAssessment{Levels: []domain.CompetencyLevel{}}
		var stage string
		var levels [][2]json.RawMessage
		if err := errors.Join(json.Unmarshal(raw[0], &stage), json.Unmarshal(raw[1], &a.AssessedOn),
			json.Unmarshal(raw[2], &a.UpdatedAt), json.Unmarshal(raw[3], &levels)); err != nil {
			return nil, nil, domain.Internal(err, "decode self-assessment of tandem %d", tandemID)
		}
		a.Stage = domain.CompetencyStage(stage)
		for _, l := range levels {
			var c domain.CompetencyLevel
			if err := errors.Join(json.Unmarshal(l[0], &c.Competency), json.Unmarshal(l[1], &c.Level)); err != nil {
				return nil, nil, domain.Internal(err, "decode self-assessment level of tandem %d", tandemID)
			}
			a.Levels = append(a.Levels, c)
		}
		if a.Stage == domain.StageEnd {
			end = &a
		} else {
			start = &a
		}
	}
	return start, end, nil
}

// competencyProfile reads a tandem's profile inside the caller's transaction.
func competencyProfile(ctx context.Context, q queryer, tandemID int64) (domain.CompetencyProfile, error) {
	list, err := tandemCompetencies(ctx, q, tandemID)
	if err != nil {
		return domain.CompetencyProfile{}, err
	}
	start, end, err := readSelfAssessments(ctx, q, tandemID)
	if err != nil {
		return domain.CompetencyProfile{}, err
	}
	return domain.CompetencyProfile{TandemID: tandemID, Competencies: list, Start: start, End: end}, nil
}

// CompetencyProfile returns the tandem's competency list and its start and
// end self-assessments (nil when not recorded), or ENOTFOUND.
func (db *DB) CompetencyProfile(ctx context.Context, tandemID int64) (domain.CompetencyProfile, error) {
	if err := domain.ValidID(tandemID); err != nil {
		return domain.CompetencyProfile{}, err
	}
	var p domain.CompetencyProfile
	err := db.view(ctx, func(tx *sql.Tx) error {
		var err error
		p, err = competencyProfile(ctx, tx, tandemID)
		return err
	})
	return p, err
}

// SaveSelfAssessment records the start or end self-assessment of a tandem,
// or replaces it when one of that stage exists (a correction), in one
// transaction. Refused, changing nothing:
//   - input problems (stage, date, levels outside 1–4, a competency twice);
//   - a competency not in the tandem's list, or one of the list left out
//     (competency.unknown, competency.missing): every competency is rated;
//   - a cancelled tandem (ECONFLICT competency.cancelled);
//   - a date in the future (competency.date.future);
//   - an end assessment before a start one exists (ECONFLICT
//     competency.end.without_start) or dated before it
//     (competency.date.before_start); a start assessment dated after an
//     existing end one (competency.date.after_end).
func (db *DB) SaveSelfAssessment(ctx context.Context, tandemID int64, in domain.SelfAssessmentInput) (domain.CompetencyProfile, error) {
	if err := domain.ValidID(tandemID); err != nil {
		return domain.CompetencyProfile{}, err
	}
	in.Levels = append([]domain.CompetencyLevel{}, in.Levels...)
	if err := in.Validate(); err != nil {
		return domain.CompetencyProfile{}, err
	}
	var out domain.CompetencyProfile
	err := db.update(ctx, func(tx *Tx) error {
		in := in
		in.Levels = append([]domain.CompetencyLevel{}, in.Levels...)
		t, err := findTandem(ctx, tx, tandemID)
		if err != nil {
			return err
		}
		if t.Status == domain.TandemCancelled {
			return domain.Conflict("competency.cancelled")
		}
		list, err := tandemCompetencies(ctx, tx, tandemID)
		if err != nil {
			return err
		}
		if err := in.ValidateFor(list); err != nil {
			return err
		}
		if in.AssessedOn > db.today() {
			return domain.Invalid("assessedOn", "competency.date.future")
		}
		start, end, err := readSelfAssessments(ctx, tx, tandemID)
		if err != nil {
			return err
		}
		switch in.Stage {
		case domain.StageEnd:
			if start == nil {
				return domain.Conflict("competency.end.without_start")
			}
			if in.AssessedOn < start.AssessedOn {
				return domain.Invalid("assessedOn", "competency.date.before_start", "date", domain.DisplayDate(start.AssessedOn))
			}
		default:
			if end != nil && in.AssessedOn > end.AssessedOn {
				return domain.Invalid("assessedOn", "competency.date.after_end", "date", domain.DisplayDate(end.AssessedOn))
			}
		}
		var id int64
		err = tx.QueryRowContext(ctx, `INSERT INTO self_assessments (tandem_id, stage, assessed_on, created_at, updated_at)
			VALUES (?1, ?2, ?3, ?4, ?4)
			ON CONFLICT (tandem_id, stage) DO UPDATE SET assessed_on = excluded.assessed_on, updated_at = excluded.updated_at
			RETURNING id`, tandemID, string(in.Stage), in.AssessedOn, tx.now).Scan(&id)
		if err != nil {
			return wrapf(err, "store self-assessment of tandem %d", tandemID)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM self_assessment_levels WHERE assessment_id = ?`, id); err != nil {
			return wrapf(err, "clear self-assessment levels %d", id)
		}
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO self_assessment_levels (assessment_id, position, competency, level) VALUES (?, ?, ?, ?)`)
		if err != nil {
			return wrapf(err, "prepare self-assessment levels")
		}
		defer stmt.Close()
		for i, l := range in.Levels {
			if _, err := stmt.ExecContext(ctx, id, i, l.Competency, l.Level); err != nil {
				return wrapf(err, "insert self-assessment level")
			}
		}
		out, err = competencyProfile(ctx, tx, tandemID)
		return err
	})
	if err != nil {
		return domain.CompetencyProfile{}, err
	}
	return out, nil
}
