package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
)

// Which columns may hold free text that names a person. The list is taken
// from the schema: every text column of every table is searched for
// mentions (mentions.go) unless notFreeText says why it never holds one,
// so a column added later is searched from the start. A test fails when a
// searched column's table has no recordOwners entry or a mark names a
// column that no longer exists.

// notFreeText marks the text columns that never hold free text, per table.
var notFreeText = map[string]map[string]string{
	"agreements":             {"due_date": "date", "created_at": "time", "updated_at": "time"},
	"audit_log":              {"at": "time", "os_user": "the app user's account; append-only, never content", "action": "code", "record_kind": "code"},
	"course_modules":         {"date": "date"},
	"departments":            {"name_key": "folded name", "archived_at": "time", "created_at": "time", "updated_at": "time"},
	"document_register":      {"number": "number", "kind": "code", "issued_at": "time", "sha256": "hash", "status": "code", "revoked_at": "time", "superseded_by": "number"},
	"document_texts":         {"updated_at": "time"},
	"erasures":               {"kind": "code", "created_at": "time", "erased_at": "time"},
	"feedback_talks":         {"kind": "code", "date": "date", "created_at": "time", "updated_at": "time"},
	"groups":                 {"kind": "code", "name_key": "folded name", "archived_at": "time", "created_at": "time", "updated_at": "time"},
	"handovers":              {"date": "date", "created_at": "time"},
	"installation":           {"id": "random id"},
	"notes":                  {"created_at": "time", "updated_at": "time"},
	"organisation":           {"logo_mime": "code", "updated_at": "time"},
	"people":                 {"salutation": "the person's own", "first_name": "the person's own name", "last_name": "the person's own name", "email": "the person's own", "phone": "the person's own", "start_date": "date", "exit_date": "date", "sort_key": "own name, folded", "search_key": "own name, folded", "archived_at": "time", "created_at": "time", "updated_at": "time"},
	"person_roles":           {"role": "code"},
	"plan_items":             {"start_date": "date", "due_date": "date", "status": "code", "prior_knowledge": "code", "created_at": "time", "updated_at": "time"},
	"plans":                  {"start_date": "date", "probation_end": "date", "status": "code", "created_at": "time", "updated_at": "time"},
	"practice_projects":      {"status": "code", "created_at": "time", "updated_at": "time"},
	"retention_periods":      {"kind": "code"},
	"runs":                   {"start_date": "date", "end_date": "date", "archived_at": "time", "created_at": "time", "updated_at": "time"},
	"self_assessment_levels": {"competency": "code"},
	"self_assessments":       {"stage": "code", "assessed_on": "date", "created_at": "time", "updated_at": "time"},
	"sessions":               {"kind": "code", "date": "date", "start_time": "time", "created_at": "time", "updated_at": "time"},
	"tandems":                {"status": "code", "start_date": "date", "end_date": "date", "warnings": "codes (JSON)", "created_at": "time", "updated_at": "time"},
	"template_topics":        {"responsible_role": "code", "kind": "code"},
	"templates":              {"kind": "code", "name_key": "folded name", "builtin_key": "code", "archived_at": "time", "created_at": "time", "updated_at": "time"},
}

// ownerOfSession says whose a session is (the expression's ?1 is the session id).
const ownerOfSession = `coalesce(
	(SELECT 'Tandem von ' || p.first_name || ' ' || p.last_name FROM sessions s JOIN tandems t ON t.id = s.tandem_id JOIN people p ON p.id = t.mentee_id WHERE s.id = %s),
	(SELECT 'Gruppe „' || g.name || '“' FROM sessions s JOIN groups g ON g.id = s.group_id WHERE s.id = %s), '')`

func sessionOwner(expr string) string { return fmt.Sprintf(ownerOfSession, expr, expr) }

const personNameOf = `(SELECT first_name || ' ' || last_name FROM people WHERE id = %s)`

// recordOwners gives, per table with searched columns, the record's kind
// and a query for whose it is (alias x; describeRecord adds the row), both
// German, for the list of mentions.
var recordOwners = map[string]struct{ kind, owner string }{
	"agreements":        {"Vereinbarung", `SELECT ` + sessionOwner(`x.session_id`) + ` FROM agreements x`},
	"notes":             {"Notiz", `SELECT ` + sessionOwner(`x.session_id`) + ` FROM notes x`},
	"sessions":          {"Gespräch (Ort)", `SELECT ` + sessionOwner(`x.id`) + ` FROM sessions x`},
	"feedback_talks":    {"Feedbackgespräch", `SELECT 'Tandem von ' || ` + fmt.Sprintf(personNameOf, `t.mentee_id`) + ` FROM feedback_talks x JOIN tandems t ON t.id = x.tandem_id`},
	"tandems":           {"Tandem", `SELECT 'Tandem von ' || ` + fmt.Sprintf(personNameOf, `x.mentee_id`) + ` FROM tandems x`},
	"people":            {"Person (Notiz)", `SELECT ` + fmt.Sprintf(personNameOf, `x.id`) + ` FROM people x`},
	"plans":             {"Einarbeitungsplan", `SELECT 'Plan von ' || ` + fmt.Sprintf(personNameOf, `x.newcomer_id`) + ` FROM plans x`},
	"plan_items":        {"Thema eines Einarbeitungsplans", `SELECT 'Plan von ' || ` + fmt.Sprintf(personNameOf, `p.newcomer_id`) + ` FROM plan_items x JOIN plans p ON p.id = x.plan_id`},
	"handovers":         {"Fallübergabe", `SELECT 'Plan von ' || ` + fmt.Sprintf(personNameOf, `p.newcomer_id`) + ` FROM handovers x JOIN plans p ON p.id = x.plan_id`},
	"groups":            {"Gruppe", `SELECT 'Gruppe „' || x.name || '“' FROM groups x`},
	"course_modules":    {"Kursmodul", `SELECT 'Gruppe „' || g.name || '“' FROM course_modules x JOIN groups g ON g.id = x.group_id`},
	"practice_projects": {"Praxisprojekt", `SELECT ` + fmt.Sprintf(personNameOf, `x.person_id`) + ` FROM practice_projects x`},
	"runs":              {"Durchgang", `SELECT 'Durchgang „' || x.name || '“' FROM runs x`},
	"templates":         {"Vorlage", `SELECT 'Vorlage „' || x.name || '“' FROM templates x`},
	"template_phases":   {"Phase einer Vorlage", `SELECT 'Vorlage „' || t.name || '“' FROM template_phases x JOIN templates t ON t.id = x.template_id`},
	"template_topics":   {"Thema einer Vorlage", `SELECT 'Vorlage „' || t.name || '“' FROM template_topics x JOIN templates t ON t.id = x.template_id`},
	"departments":       {"Abteilung", `SELECT x.name FROM departments x`},
	"document_register": {"Ausgestelltes Dokument (Grund des Widerrufs)", `SELECT 'Nr. ' || x.number FROM document_register x`},
	"document_texts":    {"Dokumenttexte", `SELECT 'Organisation' FROM document_texts x`},
	"organisation":      {"Organisationsprofil", `SELECT 'Organisation' FROM organisation x`},
}

// textColumn names a searched column; keyCols are the columns that find a
// row (nil: the rowid; a table WITHOUT ROWID: its primary key).
type textColumn struct {
	table, column string
	keyCols       []string
}

// keyExpr is the text that finds a row of c's table under alias (may be "").
func (c textColumn) keyExpr(alias string) string {
	if alias != "" {
		alias += "."
	}
	if len(c.keyCols) == 0 {
		return `CAST(` + alias + `rowid AS TEXT)`
	}
	parts := make([]string, len(c.keyCols))
	for i, k := range c.keyCols {
		parts[i] = alias + quoteIdent(k)
	}
	return `json_array(` + strings.Join(parts, ", ") + `)`
}

// freeTextColumns lists the text columns of the schema's tables (not the
// search index: it is rebuilt from the tables) that notFreeText does not
// mark, in a fixed order.
func freeTextColumns(ctx context.Context, q *Tx) ([]textColumn, error) {
	all, err := textColumns(ctx, q)
	if err != nil {
		return nil, err
	}
	var out []textColumn
	for _, c := range all {
		if _, marked := notFreeText[c.table][c.column]; !marked {
			out = append(out, c)
		}
	}
	return out, nil
}

// textColumns lists every column with text affinity of the ordinary
// tables (pragma table_list leaves out virtual and shadow tables).
func textColumns(ctx context.Context, q *Tx) ([]textColumn, error) {
	rows, err := q.QueryContext(ctx, `SELECT t.name, t.wr, c.name, upper(c.type), c.pk FROM pragma_table_list t, pragma_table_info(t.name) c
		WHERE t.schema = 'main' AND t.type = 'table' AND t.name NOT LIKE 'sqlite_%' ORDER BY t.name, c.cid`)
	if err != nil {
		return nil, wrapf(err, "read schema")
	}
	defer rows.Close()
	var out []textColumn
	keys := map[string][]string{} // primary keys of the tables WITHOUT ROWID
	pks := map[string]map[int]string{}
	for rows.Next() {
		var c textColumn
		var typ string
		var wr, pk int
		if err := rows.Scan(&c.table, &wr, &c.column, &typ, &pk); err != nil {
			return nil, wrapf(err, "read schema")
		}
		if wr == 1 && pk > 0 {
			if pks[c.table] == nil {
				pks[c.table] = map[int]string{}
			}
			pks[c.table][pk] = c.column
		}
		if strings.Contains(typ, "TEXT") || strings.Contains(typ, "CHAR") || strings.Contains(typ, "CLOB") {
			out = append(out, c)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, wrapf(err, "read schema")
	}
	for t, m := range pks {
		for i := 1; i <= len(m); i++ {
			keys[t] = append(keys[t], m[i])
		}
	}
	for i := range out {
		out[i].keyCols = keys[out[i].table]
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].table != out[j].table {
			return out[i].table < out[j].table
		}
		return out[i].column < out[j].column
	})
	return out, nil
}

// describeRecord returns the kind and owner of the record of c with key;
// a table without a recordOwners entry is named by its table.
func describeRecord(ctx context.Context, q *Tx, c textColumn, key string) (string, string) {
	d, ok := recordOwners[c.table]
	if !ok {
		return c.table, ""
	}
	var owner sql.NullString
	if err := q.QueryRowContext(ctx, d.owner+` WHERE `+c.keyExpr("x")+` = ?`, key).Scan(&owner); err != nil {
		return d.kind, ""
	}
	return d.kind, owner.String
}
