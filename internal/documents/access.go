package documents

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// AccessDoc is the readable part of an access export (Art. 15 DSGVO):
// every stored row about one person, table by table.
type AccessDoc struct {
	Org        Organisation
	PersonID   int64
	PersonName string
	Tables     map[string][]map[string]any // table → rows (column → value)
	Issued     time.Time
	Loc        *time.Location // for times; nil: the computer's time zone
}

// AccessReport renders the access export as a PDF for the person it is
// about: one section per kind of data with a sentence saying what it is,
// German labels, dates as TT.MM.JJJJ, times in local time, yes/no in
// words. Internal numbers and checksums stand only in a short technical
// appendix; the JSON file keeps the raw columns.
func AccessReport(in AccessDoc) ([]byte, error) {
	loc := in.Loc
	if loc == nil {
		loc = time.Local
	}
	a := accessRender{in: in, loc: loc}
	title := "Auskunft nach Art. 15 DSGVO"
	d := newDoc(in.Org, title+" – "+oneLine(in.PersonName), title, in.Issued)
	d.heading(title)
	d.fields([][2]string{
		{"Person", in.PersonName},
		{"Stand", in.Issued.In(loc).Format("02.01.2006, 15:04 Uhr")},
	})
	d.para("Dieses Dokument enthält alle in Tandem gespeicherten Einträge zu Ihrer Person, nach Art geordnet. " +
		"Die beigefügte JSON-Datei enthält dieselben Daten maschinenlesbar. Interne Nummern und Prüfsummen " +
		"stehen im technischen Anhang am Ende. Namen anderer Personen gehören nicht zu dieser Auskunft; " +
		"wo ein Eintrag sie betrifft, steht „andere Person“.")
	var empty []string
	for _, k := range accessKinds {
		rows, ok := in.Tables[k.table]
		if !ok {
			continue
		}
		if len(rows) == 0 {
			empty = append(empty, k.title)
			continue
		}
		var others []string
		if k.table == "people" {
			rows, others = a.splitPeople(rows)
		}
		d.section(fmt.Sprintf("%s (%d)", k.title, len(rows)), 30) // heading, sentence and the first entry together
		d.note(k.sentence)
		if tableKinds[k.table] {
			a.table(d, k, rows)
			continue
		}
		for i, row := range rows {
			if i > 0 {
				d.rowGap()
			}
			d.fields(a.pairs(k, row))
		}
		if len(others) > 0 {
			d.rowGap()
			d.fields([][2]string{{"Mitarbeitende, für die Sie als Vorgesetzte:r eingetragen sind", strings.Join(others, ", ")}})
		}
	}
	if len(empty) > 0 {
		d.section("Keine Einträge", lineH)
		d.para("Zu folgenden Arten ist nichts über Sie gespeichert: " + strings.Join(empty, ", ") + ".")
	}
	a.appendix(d)
	return d.bytes()
}

// table prints the entries of k as the rows of a table, one column per
// printed column, equally wide.
func (a accessRender) table(d *doc, k accessKind, rows []map[string]any) {
	var defs []colDef
	for _, c := range k.cols {
		if _, ok := rows[0][c.name]; ok && c.kind != colTech && c.kind != colSkipped {
			defs = append(defs, c)
		}
	}
	if len(defs) == 0 {
		return
	}
	cols := make([]column, len(defs))
	for i, c := range defs {
		cols[i] = column{title: c.label, width: contentW / float64(len(defs)), align: "L"}
	}
	var cells [][]string
	for _, row := range rows {
		line := make([]string, len(defs))
		for i, c := range defs {
			line[i] = a.value(c.accessCol, row[c.name])
		}
		cells = append(cells, line)
	}
	d.table(cols, cells)
}

// splitPeople separates the person's own row from the people they are
// line manager of, who are exported with their names only.
func (a accessRender) splitPeople(rows []map[string]any) (own []map[string]any, others []string) {
	for _, r := range rows {
		if r["id"] == a.in.PersonID {
			own = append(own, r)
			continue
		}
		others = append(others, strings.TrimSpace(accessValue(r["first_name"])+" "+accessValue(r["last_name"])))
	}
	return own, others
}

// rowGap separates two entries of a section with a thin line.
func (d *doc) rowGap() {
	p := d.pdf
	p.Ln(1)
	p.SetDrawColor(210, 210, 210)
	p.Line(marginLeft, p.GetY(), marginLeft+contentW, p.GetY())
	p.Ln(2)
}

type accessRender struct {
	in  AccessDoc
	loc *time.Location
}

// pairs lists the printed columns of row in the reading order of its
// table, then when it was stored; empty values are left out.
func (a accessRender) pairs(k accessKind, row map[string]any) [][2]string {
	var out [][2]string
	add := func(col accessCol, v any) {
		if col.kind == colTech || col.kind == colSkipped {
			return
		}
		if s := a.value(col, v); s != "" {
			out = append(out, [2]string{col.label, s})
		}
	}
	seen := map[string]bool{}
	for _, c := range k.cols {
		if v, ok := row[c.name]; ok {
			add(c.accessCol, v)
			seen[c.name] = true
		}
	}
	for _, c := range []string{"created_at", "updated_at", "id"} {
		if v, ok := row[c]; ok {
			add(commonCols[c], v)
			seen[c] = true
		}
	}
	var rest []string // columns without label: the schema test keeps this empty
	for c := range row {
		if !seen[c] {
			rest = append(rest, c)
		}
	}
	sort.Strings(rest)
	for _, c := range rest {
		add(text(c), row[c])
	}
	return out
}

// value prints one value as its column says.
func (a accessRender) value(col accessCol, v any) string {
	if v == nil {
		return ""
	}
	s := accessValue(v)
	switch col.kind {
	case colDate:
		if len(s) == 10 {
			return germanDate(s)
		}
	case colTime:
		return localTime(s, a.loc)
	case colBool:
		switch s {
		case "1":
			return "ja"
		case "0":
			return "nein"
		}
	case colEnum:
		if w, ok := col.words[s]; ok {
			return w
		}
	case colRef:
		id, ok := v.(int64)
		if !ok {
			return s
		}
		return a.describe(col.ref, id)
	case colJSON:
		return jsonText(s)
	}
	return s
}

// localTime turns a stored UTC time into local TT.MM.JJJJ HH:MM.
func localTime(s string, loc *time.Location) string {
	for _, layout := range []string{time.RFC3339, "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.In(loc).Format("02.01.2006 15:04")
		}
	}
	return s
}

// describe names the row id of table in words: the person, a session by
// its date, a group by its name. Other people's names are not part of the
// export, so they read "andere Person".
func (a accessRender) describe(table string, id int64) string {
	if table == "people" && id == a.in.PersonID {
		return a.in.PersonName + " (Sie)"
	}
	var row map[string]any
	for _, r := range a.in.Tables[table] {
		if r["id"] == id {
			row = r
			break
		}
	}
	str := func(c string) string {
		if row == nil || row[c] == nil {
			return ""
		}
		return accessValue(row[c])
	}
	switch table {
	case "people":
		if n := strings.TrimSpace(str("first_name") + " " + str("last_name")); n != "" {
			return n
		}
		return "andere Person"
	case "tandems":
		if row != nil {
			return "Tandem " + period(str("start_date"), str("end_date"))
		}
		return "Tandem"
	case "sessions":
		if row != nil {
			return "Gespräch am " + germanDate(str("date"))
		}
		return "Gespräch"
	case "plans":
		if row != nil {
			return "Einarbeitungsplan ab " + germanDate(str("start_date"))
		}
		return "Einarbeitungsplan"
	case "self_assessments":
		if row != nil {
			return "Selbsteinschätzung vom " + germanDate(str("assessed_on"))
		}
		return "Selbsteinschätzung"
	case "groups":
		if n := str("name"); n != "" {
			return n
		}
		return "Gruppe"
	case "course_modules", "plan_items":
		if n := str("title"); n != "" {
			return n
		}
	}
	return "Eintrag"
}

// jsonText prints a JSON list (phases, checklist, answers, accepted rule
// warnings) as lines with German key names.
func jsonText(s string) string {
	var list []any
	if err := json.Unmarshal([]byte(s), &list); err != nil {
		return s
	}
	var lines []string
	for _, el := range list {
		switch x := el.(type) {
		case map[string]any:
			keys := make([]string, 0, len(x))
			for k := range x {
				if k != "key" && k != "params" {
					keys = append(keys, k)
				}
			}
			sort.Slice(keys, func(i, j int) bool { return jsonOrder(keys[i]) < jsonOrder(keys[j]) })
			var parts []string
			for _, k := range keys {
				v := fmt.Sprint(x[k])
				if b, ok := x[k].(bool); ok {
					v = map[bool]string{true: "ja", false: "nein"}[b]
				}
				if strings.TrimSpace(v) == "" {
					continue
				}
				label := jsonKeys[k]
				if label == "" {
					label = k
				}
				parts = append(parts, label+": "+v)
			}
			lines = append(lines, "• "+strings.Join(parts, "\n   "))
		default:
			lines = append(lines, "• "+fmt.Sprint(x))
		}
	}
	return strings.Join(lines, "\n")
}

// jsonOrder puts the keys of a JSON object in reading order.
func jsonOrder(k string) string {
	for i, o := range []string{"name", "prompt", "text", "message", "menteeView", "mentorView", "description", "done"} {
		if k == o {
			return strconv.Itoa(i)
		}
	}
	return "9" + k
}

// appendix lists, per section, the internal numbers of its entries and
// the checksums of issued documents: what a technical question about the
// export needs, apart from the reading.
func (a accessRender) appendix(d *doc) {
	var lines []string
	for _, k := range accessKinds {
		var ids []string
		for _, row := range a.in.Tables[k.table] {
			if id, ok := row["id"].(int64); ok {
				ids = append(ids, strconv.FormatInt(id, 10))
			}
			if k.table == "document_register" && row["sha256"] != nil {
				lines = append(lines, fmt.Sprintf("Prüfsumme (SHA-256) von %s: %s", accessValue(row["number"]), accessValue(row["sha256"])))
			}
		}
		if len(ids) > 0 {
			lines = append(lines, k.title+": Nr. "+strings.Join(ids, ", "))
		}
	}
	if len(lines) == 0 {
		return
	}
	sort.SliceStable(lines, func(i, j int) bool {
		return !strings.HasPrefix(lines[i], "Prüfsumme") && strings.HasPrefix(lines[j], "Prüfsumme")
	})
	d.section("Technischer Anhang", 3*lineH)
	d.note("Interne Nummern der Einträge, wie sie in der JSON-Datei stehen, und die Prüfsummen ausgestellter Dokumente, " +
		"mit denen sich die Echtheit eines Dokuments prüfen lässt.")
	for _, l := range lines {
		d.note(l)
	}
}

func accessValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case []byte:
		return fmt.Sprintf("(Binärdaten, %d Bytes)", len(x))
	case string:
		if len(x) > 20000 {
			return strings.ToValidUTF8(x[:20000], "") + " …"
		}
		return x
	default:
		return fmt.Sprint(x)
	}
}
