package sqlite

import (
	"context"
	"database/sql"
	"sort"

	"tandem/internal/domain"
)

// Access export (Art. 15 DSGVO): everything stored about one person.

// AccessTables maps every table that can hold data about a person to the
// condition that selects that person's rows (?1 = the person's id). The
// test TestAccessExportCoversSchema reads sqlite_schema and fails when a
// table refers to people (or is new) and is neither here nor in
// AccessNotPersonal; TestAccessExportCoversPersonColumns fails when a
// column that refers to a person is not named in its table's condition.
var AccessTables = map[string]string{
	"people":                 `id = ?1 OR line_manager_id = ?1`, // the people they manage: names only (accessOthers)
	"person_roles":           `person_id = ?1`,
	"tandems":                `mentee_id = ?1 OR id IN (SELECT tandem_id FROM tandem_mentors WHERE mentor_id = ?1)`,
	"tandem_mentors":         `mentor_id = ?1 OR tandem_id IN (SELECT id FROM tandems WHERE mentee_id = ?1)`,
	"sessions":               `id IN (` + accessSessions + `)`,
	"session_attendance":     `person_id = ?1`,
	"session_topics":         `session_id IN (` + accessSessions + `)`,
	"notes":                  `session_id IN (` + accessSessions + `)`,
	"agreements":             `owner_id = ?1 OR session_id IN (` + accessSessions + `) OR owner_id IS NULL AND tandem_name_key(owner_name) IN (` + personNameForms + `)`,
	"feedback_talks":         `tandem_id IN (SELECT id FROM tandems WHERE mentee_id = ?1 UNION SELECT tandem_id FROM tandem_mentors WHERE mentor_id = ?1)`,
	"self_assessments":       `tandem_id IN (SELECT id FROM tandems WHERE mentee_id = ?1)`,
	"self_assessment_levels": `assessment_id IN (SELECT id FROM self_assessments WHERE tandem_id IN (SELECT id FROM tandems WHERE mentee_id = ?1))`,
	"plans":                  `newcomer_id = ?1`,
	"plan_items":             `responsible_id = ?1 OR plan_id IN (SELECT id FROM plans WHERE newcomer_id = ?1)`,
	"handovers":              `from_id = ?1 OR plan_id IN (SELECT id FROM plans WHERE newcomer_id = ?1) OR from_id IS NULL AND tandem_name_key(from_name) IN (` + personNameForms + `)`,
	"groups":                 `id IN (SELECT group_id FROM group_members WHERE person_id = ?1)`,
	"course_modules":         `group_id IN (SELECT group_id FROM group_members WHERE person_id = ?1)`,
	"group_members":          `person_id = ?1`,
	"practice_projects":      `person_id = ?1`,
	"document_register":      `person_id = ?1`,
	"audit_log":              `record_kind IN ('person', 'practice_project') AND record_id = ?1`,
}

// accessSessions selects the sessions of the person's tandems and the
// (group) sessions they attended.
const accessSessions = `SELECT id FROM sessions WHERE tandem_id IN
		(SELECT id FROM tandems WHERE mentee_id = ?1 UNION SELECT tandem_id FROM tandem_mentors WHERE mentor_id = ?1)
	UNION SELECT session_id FROM session_attendance WHERE person_id = ?1`

// accessOthers are the columns exported of a row that is about someone
// else and only linked to the person (the people they are line manager
// of): enough to show the link, nothing more of the other person.
var accessOthers = map[string][]string{
	"people": {"id", "first_name", "last_name", "line_manager_id"},
}

// AccessNotPersonal are the tables that hold nothing about a particular
// person, with the reason.
var AccessNotPersonal = map[string]string{
	"departments":          "Dienststellen (Organisation)",
	"organisation":         "Profil der Organisation",
	"templates":            "Programmvorlagen",
	"template_phases":      "Programmvorlagen",
	"template_topics":      "Programmvorlagen",
	"runs":                 "Durchgänge",
	"installation":         "Kennung der Installation",
	"document_texts":       "Textbausteine",
	"retention_periods":    "Aufbewahrungsfristen",
	"erasures":             "nur Art, Nummer und Zeitpunkte gelöschter Einträge, nie Namen",
	"search_index":         "Suchindex (aus den exportierten Tabellen abgeleitet)",
	"search_index_config":  "Suchindex",
	"search_index_data":    "Suchindex",
	"search_index_docsize": "Suchindex",
	"search_index_idx":     "Suchindex",
}

// AccessData is everything stored about one person: per table the rows
// (column → value) in id order.
type AccessData struct {
	Person domain.Person               `json:"person"`
	Tables map[string][]map[string]any `json:"tables"`
}

// AccessExport reads everything about person id in one snapshot.
func (db *DB) AccessExport(ctx context.Context, id int64) (AccessData, error) {
	out := AccessData{Tables: map[string][]map[string]any{}}
	if err := domain.ValidID(id); err != nil {
		return out, err
	}
	names := make([]string, 0, len(AccessTables))
	for t := range AccessTables {
		names = append(names, t)
	}
	sort.Strings(names)
	err := db.view(ctx, func(tx *sql.Tx) error {
		var err error
		if out.Person, err = findPerson(ctx, tx, id); err != nil {
			return err
		}
		for _, t := range names {
			// Table names come from the constant map above, never from input.
			rows, err := tx.QueryContext(ctx, `SELECT * FROM "`+t+`" WHERE `+AccessTables[t], id)
			if err != nil {
				return wrapf(err, "export %s", t)
			}
			list, err := rowMaps(rows)
			if err != nil {
				return wrapf(err, "export %s", t)
			}
			if cols, ok := accessOthers[t]; ok {
				for i, row := range list {
					if row["id"] != id {
						list[i] = pick(row, cols)
					}
				}
			}
			out.Tables[t] = list
		}
		return nil
	})
	return out, err
}

// pick keeps the given columns of row.
func pick(row map[string]any, cols []string) map[string]any {
	out := make(map[string]any, len(cols))
	for _, c := range cols {
		out[c] = row[c]
	}
	return out
}

func rowMaps(rows *sql.Rows) ([]map[string]any, error) {
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	list := []map[string]any{}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		m := make(map[string]any, len(cols))
		for i, c := range cols {
			m[c] = vals[i]
		}
		list = append(list, m)
	}
	return list, rows.Err()
}
