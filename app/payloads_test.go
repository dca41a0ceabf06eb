package app

import (
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"tandem/internal/domain"
)

// The payload suite (issue 6, "Hostile input"): every hostile string of
// testdata/payloads.json (shared with frontend/e2e/payloads.e2e.mjs) goes
// through text fields of every bound method that takes text. Each call must
// either be refused with a German message and change nothing in the
// database, or succeed and store the value verbatim, apart from the
// documented normalisations (see normalised).

// payload is one hostile string; name describes it in failures.
type payload struct {
	name  string
	value string
}

// loadPayloads reads testdata/payloads.json: plain strings, {"repeat": s,
// "times": n} for generated long strings and {"bytes": "ff fe 80"} for byte
// sequences JSON cannot hold (invalid UTF-8).
func loadPayloads(t testing.TB) []payload {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "payloads.json"))
	if err != nil {
		t.Fatal(err)
	}
	var raw []json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	var out []payload
	for i, r := range raw {
		var s string
		if json.Unmarshal(r, &s) == nil {
			out = append(out, payload{fmt.Sprintf("#%d %.40q", i, s), s})
			continue
		}
		var m struct {
			Repeat string `json:"repeat"`
			Times  int    `json:"times"`
			Bytes  string `json:"bytes"`
		}
		if err := json.Unmarshal(r, &m); err != nil {
			t.Fatalf("payload %d: %v", i, err)
		}
		switch {
		case m.Bytes != "":
			b, err := hex.DecodeString(strings.ReplaceAll(m.Bytes, " ", ""))
			if err != nil {
				t.Fatalf("payload %d: %v", i, err)
			}
			out = append(out, payload{fmt.Sprintf("#%d bytes %s", i, m.Bytes), string(b)})
		case m.Times > 0:
			out = append(out, payload{fmt.Sprintf("#%d %.20q × %d", i, m.Repeat, m.Times), strings.Repeat(m.Repeat, m.Times)})
		default:
			t.Fatalf("payload %d: neither string, repeat nor bytes: %s", i, r)
		}
	}
	return out
}

// normalised lists the values a stored payload may read back as. The
// documented normalisations, and nothing else: text fields trim surrounding
// white space (strings.TrimSpace; session notes, saved while typing, do
// not); multi-line fields store CRLF line ends as LF; an empty optional
// field may be stored as NULL (see storedAs).
func normalised(p string) []string {
	s := strings.TrimSpace(p)
	return []string{p, s, strings.ReplaceAll(p, "\r\n", "\n"), strings.ReplaceAll(s, "\r\n", "\n")}
}

// storedAs reports whether a stored cell reads back as want.
func storedAs(cell, want string) bool {
	return holds(cell, want) || want == "" && cell == "<nil>"
}

// payWorld is the fixture: docWorld (organisation, onboarding run, active
// tandems Mia and Ben, Mia's plan) plus a department, a session with a note
// and an agreement, a steering group, a course group, an editable template
// and a register entry.
type payWorld struct {
	*docWorld
	dept                   domain.Department
	session                domain.Session
	note                   domain.Note
	agreement              domain.Agreement
	steering, course       domain.Group
	courseMember, moduleID int64
	template               domain.Template
	onboarding             int64
	number                 string
	maxID                  int64
	seq                    int
	raw                    *sql.DB
}

func newPayWorld(t *testing.T) *payWorld {
	t.Helper()
	w := &payWorld{docWorld: newDocWorld(t)}
	s := w.s
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	var err error
	w.dept, err = s.Departments.Create(domain.DepartmentInput{Name: "Allgemeiner Sozialer Dienst", ShortName: "ASD"})
	must(err)
	w.maxID = w.mia.MentorIDs[0]
	w.session, err = s.Sessions.Create(domain.SessionInput{TandemID: w.mia.ID, Date: "2027-03-01", StartTime: "10:00", DurationMinutes: 60, Place: "Raum 1"})
	must(err)
	w.note, err = s.Sessions.SaveNote(w.session.ID, 0, domain.NoteInput{Text: "Notiz"})
	must(err)
	w.agreement, err = s.Sessions.AddAgreement(w.session.ID, domain.AgreementInput{Text: "Vereinbarung", OwnerName: "Mia", DueDate: "2027-03-15"})
	must(err)
	w.steering, err = s.Groups.Create(domain.GroupInput{Kind: domain.GroupSteering, Name: "Steuerungsgruppe", MemberIDs: []int64{w.maxID}})
	must(err)
	tpls, err := s.Templates.List(false)
	must(err)
	var courseTpl int64
	for _, tp := range tpls {
		switch tp.Kind {
		case domain.KindCertificateCourse:
			courseTpl = tp.ID
		case domain.KindOnboarding:
			w.onboarding = tp.ID
		}
	}
	courseRun, err := s.Runs.Create(domain.RunInput{TemplateID: courseTpl, Name: "Kurs 2027", StartDate: "2027-01-01", EndDate: "2027-12-31"})
	must(err)
	w.courseMember = w.miaID
	w.course, err = s.Groups.Create(domain.GroupInput{Kind: domain.GroupCourse, Name: "Zertifikatskurs 2027", RunID: courseRun.ID, MemberIDs: []int64{w.miaID}})
	must(err)
	if len(w.course.Modules) == 0 {
		t.Fatal("course without modules")
	}
	w.moduleID = w.course.Modules[0].ID
	w.template, err = s.Templates.Copy(w.onboarding)
	must(err)
	w.finalTalk(t, w.ben.ID)
	res, err := s.Documents.IssueConfirmation(w.ben.ID)
	must(err)
	w.number = res.Entry.Number

	w.raw, err = sql.Open("sqlite", w.db.Path()+"?_pragma=query_only(1)&_pragma=busy_timeout(10000)")
	must(err)
	w.raw.SetMaxOpenConns(1) // data_version is per connection
	t.Cleanup(func() { w.raw.Close() })
	// The detector works: a commit on the app's connection changes data_version.
	v := w.dataVersion(t)
	if _, err := s.Departments.Create(domain.DepartmentInput{Name: "Probe"}); err != nil || w.dataVersion(t) == v {
		t.Fatalf("data_version does not see the app's commits (%v)", err)
	}
	return w
}

// next returns a number unique within the world, for names that must be unique.
func (w *payWorld) next() int { w.seq++; return w.seq }

func (w *payWorld) person(t *testing.T, role domain.Role) int64 {
	t.Helper()
	p, err := w.s.People.Create(domain.PersonInput{FirstName: "Fixture", LastName: fmt.Sprintf("Person %d", w.next()), Roles: []domain.Role{role}})
	if err != nil {
		t.Fatal(err)
	}
	return p.ID
}

// dataVersion changes whenever another connection commits: a refused call
// must leave it as it was.
func (w *payWorld) dataVersion(t *testing.T) int64 {
	t.Helper()
	var v int64
	if err := w.raw.QueryRow("PRAGMA data_version").Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// dump returns every row of every ordinary table (FTS index tables left
// out), each as table name and its cells as text.
func (w *payWorld) dump(t *testing.T) map[string][]string {
	t.Helper()
	rows, err := w.raw.Query(`SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
	if err != nil {
		t.Fatal(err)
	}
	var tables, virtual []string
	for rows.Next() {
		var name, ddl string
		if err := rows.Scan(&name, &ddl); err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(strings.ToUpper(ddl), "CREATE VIRTUAL") {
			virtual = append(virtual, name)
		}
		tables = append(tables, name)
	}
	rows.Close()
	out := map[string][]string{}
next:
	for _, tb := range tables {
		if tb == "audit_log" { // one line per change, never content: it would hide an unchanged row
			continue
		}
		for _, v := range virtual {
			if tb == v || strings.HasPrefix(tb, v+"_") {
				continue next
			}
		}
		rs, err := w.raw.Query(`SELECT * FROM "` + tb + `"`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rs.Columns()
		for rs.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rs.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			cells := make([]string, len(cols))
			for i, v := range vals {
				switch x := v.(type) {
				case []byte:
					cells[i] = string(x)
				case string:
					cells[i] = x
				default:
					cells[i] = fmt.Sprint(x)
				}
			}
			out[tb] = append(out[tb], strings.Join(cells, "\x00\x01"))
		}
		rs.Close()
	}
	return out
}

// changedCells returns the cells of rows that after has and before had not.
func changedCells(before, after map[string][]string) []string {
	var cells []string
	for tb, rows := range after {
		had := map[string]int{}
		for _, r := range before[tb] {
			had[r]++
		}
		for _, r := range rows {
			if had[r] > 0 {
				had[r]--
				continue
			}
			cells = append(cells, strings.Split(r, "\x00\x01")...)
		}
	}
	return cells
}

// holds reports whether a cell is want, or is JSON holding the string want.
func holds(cell, want string) bool {
	if cell == want {
		return true
	}
	if !strings.ContainsAny(cell[:min(len(cell), 1)], "[{\"") {
		return false
	}
	var v any
	if json.Unmarshal([]byte(cell), &v) != nil {
		return false
	}
	var walk func(any) bool
	walk = func(v any) bool {
		switch x := v.(type) {
		case string:
			return x == want
		case []any:
			for _, e := range x {
				if walk(e) {
					return true
				}
			}
		case map[string]any:
			for _, e := range x {
				if walk(e) {
					return true
				}
			}
		}
		return false
	}
	return walk(v)
}

// textPaths lists setters for the string values inside args by path, e.g.
// "arg1.Topics[0].Checklist[0]". Maps are walked too: a string value is
// set in place ("arg1.PriorKnowledge[0]"), a string key is replaced by the
// payload with its value kept ("arg1.Responsible{mentor}").
func textPaths(args []reflect.Value) map[string]func(string) {
	out := map[string]func(string){}
	var walk func(string, reflect.Value)
	walk = func(path string, v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			out[path] = func(s string) { v.SetString(s) }
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				if v.Type().Field(i).IsExported() {
					walk(path+"."+v.Type().Field(i).Name, v.Field(i))
				}
			}
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				walk(fmt.Sprintf("%s[%d]", path, i), v.Index(i))
			}
		case reflect.Pointer:
			if !v.IsNil() {
				walk(path, v.Elem())
			}
		case reflect.Map:
			for _, k := range v.MapKeys() {
				if k.Kind() == reflect.String {
					out[fmt.Sprintf("%s{%s}", path, k)] = func(s string) {
						val := v.MapIndex(k)
						v.SetMapIndex(k, reflect.Value{})
						v.SetMapIndex(reflect.ValueOf(s).Convert(k.Type()), val)
					}
				}
				if v.Type().Elem().Kind() == reflect.String {
					out[fmt.Sprintf("%s[%v]", path, k)] = func(s string) {
						v.SetMapIndex(k, reflect.ValueOf(s).Convert(v.Type().Elem()))
					}
				} else if hasText(v.Type().Elem(), map[reflect.Type]bool{}) {
					panic(path + ": map values with text inside are not walked; extend textPaths")
				}
			}
		}
	}
	for i, a := range args {
		walk(fmt.Sprintf("arg%d", i+1), a)
	}
	return out
}

// hasText reports whether values of type t can carry text.
func hasText(t reflect.Type, seen map[reflect.Type]bool) bool {
	if seen[t] {
		return false
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.String:
		return true
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			if t.Field(i).IsExported() && hasText(t.Field(i).Type, seen) {
				return true
			}
		}
	case reflect.Slice, reflect.Array, reflect.Pointer:
		return hasText(t.Elem(), seen)
	case reflect.Map:
		return hasText(t.Key(), seen) || hasText(t.Elem(), seen)
	}
	return false
}

// payloadCase is one bound method with valid arguments.
type payloadCase struct {
	method string // "PeopleService.Create"
	// args returns valid arguments for one call; it may write (e.g. make a
	// fresh plan to cancel), before the call's state is taken.
	args func(t *testing.T, w *payWorld) []any
	// stores: a successful call must store each text verbatim. False for
	// lookups, filters and checks, which must change nothing at all.
	stores bool
	// full: every payload into every field; otherwise a rotating subset.
	full bool
	// notStored are text paths a successful call does not keep (with why).
	notStored map[string]string
	// exempt says why a method is not run here: its text is a path or a
	// passphrase that never reaches the database, and its own tests cover
	// them: the test named here (app/payloads_backup_test.go).
	exempt string
}

func payloadCases() []payloadCase {
	person := func(w *payWorld, last string) domain.PersonInput {
		return domain.PersonInput{Salutation: "Frau", FirstName: "Erika", LastName: last, Email: "erika@stadt.de", Phone: "0211 12345",
			DepartmentID: w.dept.ID, Roles: []domain.Role{domain.RoleMentee}, StartDate: "2027-01-01", ExitDate: "2027-12-31", Note: "Notiz"}
	}
	tandem := func(w *payWorld, mentee int64) domain.TandemInput {
		return domain.TandemInput{RunID: w.run.ID, MenteeID: mentee, MentorIDs: []int64{w.maxID}, StartDate: "2027-02-01", EndDate: "2027-07-31", OverrideReason: "Begründung"}
	}
	session := func(w *payWorld) domain.SessionInput {
		return domain.SessionInput{TandemID: w.mia.ID, Date: "2027-03-08", StartTime: "09:30", DurationMinutes: 60, Place: "Raum 2"}
	}
	item := domain.PlanItemInput{Phase: 0, Title: "Thema", Description: "Beschreibung", LegalReference: "§ 8a SGB VIII", Checklist: []string{"Punkt"},
		StartDate: "2027-02-01", DueDate: "2027-02-15", Status: domain.ItemOpen}
	template := func(t *testing.T, w *payWorld, name string) domain.Template {
		tp, err := w.s.Templates.Get(w.template.ID)
		if err != nil {
			t.Fatal(err)
		}
		tp.Name = name
		tp.Topics = tp.Topics[:2]
		tp.Topics[0].Checklist = []string{"Punkt"}
		tp.Topics[0].Speaker = ""
		tp.FeedbackPrompts = []string{"Was lief gut?"}
		tp.Competencies = []string{"Gesprächsführung"}
		return tp
	}
	plan := func(t *testing.T, w *payWorld) int64 {
		p, err := w.s.Plans.Create(domain.PlanInput{NewcomerID: w.person(t, domain.RoleMentee), TemplateID: w.onboarding, StartDate: "2027-03-01"})
		if err != nil {
			t.Fatal(err)
		}
		return p.ID
	}
	firstItem := func(w *payWorld) int64 { return w.plan.Items[0].ID }
	return []payloadCase{
		// Paths and passphrases never reach the database: TestBackupPayloads
		// runs every payload through these with their own checks.
		{method: "BackupService.Create", exempt: "TestBackupPayloads, TestBackupPassphraseRoundTrip"},
		{method: "BackupService.Restore", exempt: "TestBackupPayloads (path and passphrase)"},
		{method: "BackupService.ChooseAndRestore", exempt: "TestBackupPayloads"},
		{method: "BackupService.SaveSettings", exempt: "TestBackupPayloads (as typed and below a folder)"},
		// Erasing needs the person's exact name: a payload never is, so nothing may change.
		{method: "PrivacyService.ErasePerson", args: func(t *testing.T, w *payWorld) []any {
			p, err := w.s.People.Create(domain.PersonInput{FirstName: "Erika", LastName: fmt.Sprintf("Lösch %d", w.next()), Roles: []domain.Role{domain.RoleMentee}})
			if err != nil {
				t.Fatal(err)
			}
			return []any{p.ID, p.FirstName + " " + p.LastName, []string{}}
		}},
		{method: "PrivacyService.SetRetentionPeriods", args: func(t *testing.T, w *payWorld) []any {
			return []any{[]domain.RetentionPeriod{{Kind: "tandem", Months: 24}}}
		}},
		// Nothing is due in the fixture: whatever the labels say, nothing is erased.
		{method: "PrivacyService.EraseDue", args: func(t *testing.T, w *payWorld) []any {
			return []any{[]domain.RetentionDue{{Kind: "tandem", ID: w.mia.ID, Label: "Mia", Ended: "2027-01-01", DueOn: "2029-01-01"}}}
		}},
		{method: "PeopleService.Create", stores: true, full: true, args: func(t *testing.T, w *payWorld) []any {
			return []any{person(w, fmt.Sprintf("Muster %d", w.next()))}
		}},
		{method: "PeopleService.Update", stores: true, args: func(t *testing.T, w *payWorld) []any { return []any{w.miaID, person(w, "Müller")} }},
		{method: "PeopleService.List", full: true, args: func(t *testing.T, w *payWorld) []any {
			return []any{domain.PersonFilter{Query: "Mia", Role: domain.RoleMentee}}
		}},
		{method: "DepartmentService.Create", stores: true, args: func(t *testing.T, w *payWorld) []any {
			return []any{domain.DepartmentInput{Name: fmt.Sprintf("Dienststelle %d", w.next()), ShortName: "DS"}}
		}},
		{method: "DepartmentService.Update", stores: true, args: func(t *testing.T, w *payWorld) []any {
			return []any{w.dept.ID, domain.DepartmentInput{Name: fmt.Sprintf("Dienststelle %d", w.next()), ShortName: "DS"}}
		}},
		{method: "OrganisationService.Save", stores: true, args: func(t *testing.T, w *payWorld) []any {
			return []any{domain.OrganisationInput{Municipality: "Stadt Hilden", OfficeName: "Jugendamt", Street: "Am Rathaus 1", PostalCode: "40721", City: "Hilden",
				Phone: "02103 72-0", Email: "jugendamt@hilden.de", SignatoryName: "Dr. Anna Amt", SignatoryFunction: "Amtsleitung"}}
		}},
		{method: "OrganisationService.SetLogo", args: func(t *testing.T, w *payWorld) []any {
			return []any{dataURL("image/png", encodeImage(t, "png"))}
		}},
		{method: "TemplateService.Create", stores: true, args: func(t *testing.T, w *payWorld) []any {
			tp := template(t, w, fmt.Sprintf("Vorlage %d", w.next()))
			tp.ID = 0
			return []any{tp}
		}, notStored: map[string]string{
			"arg1.CreatedAt": "timestamps are the store's", "arg1.UpdatedAt": "timestamps are the store's",
		}},
		{method: "TemplateService.Update", stores: true, args: func(t *testing.T, w *payWorld) []any {
			return []any{w.template.ID, template(t, w, fmt.Sprintf("Vorlage %d", w.next()))}
		}, notStored: map[string]string{
			"arg2.CreatedAt": "timestamps are the store's", "arg2.UpdatedAt": "timestamps are the store's",
		}},
		{method: "TemplateService.Import", args: func(t *testing.T, w *payWorld) []any {
			js, err := w.s.Templates.ExportJSON(w.template.ID)
			if err != nil {
				t.Fatal(err)
			}
			return []any{js}
		}},
		{method: "RunService.Create", stores: true, args: func(t *testing.T, w *payWorld) []any {
			return []any{domain.RunInput{TemplateID: w.onboarding, Name: fmt.Sprintf("Durchgang %d", w.next()), StartDate: "2027-01-01", EndDate: "2027-12-31", Note: "Notiz"}}
		}},
		{method: "RunService.Update", stores: true, args: func(t *testing.T, w *payWorld) []any {
			return []any{w.run.ID, domain.RunInput{TemplateID: w.onboarding, Name: fmt.Sprintf("Durchgang %d", w.next()), StartDate: "2027-01-01", EndDate: "2027-12-31", Note: "Notiz"}}
		}},
		{method: "TandemService.Check", args: func(t *testing.T, w *payWorld) []any { return []any{tandem(w, w.person(t, domain.RoleMentee))} }},
		{method: "TandemService.CheckUpdate", args: func(t *testing.T, w *payWorld) []any { return []any{w.mia.ID, tandem(w, w.miaID)} }},
		{method: "TandemService.Create", stores: true, args: func(t *testing.T, w *payWorld) []any {
			return []any{tandem(w, w.person(t, domain.RoleMentee))}
		}, notStored: map[string]string{"arg1.OverrideReason": "kept only when the rules raise warnings; these tandems raise none"}},
		{method: "TandemService.Update", stores: true, args: func(t *testing.T, w *payWorld) []any { return []any{w.mia.ID, tandem(w, w.miaID)} },
			notStored: map[string]string{"arg2.OverrideReason": "kept only when the rules raise warnings; this tandem raises none"}},
		{method: "TandemService.List", args: func(t *testing.T, w *payWorld) []any {
			return []any{domain.TandemFilter{Status: domain.TandemActive}}
		}},
		{method: "TandemService.SetStatus", stores: true, args: func(t *testing.T, w *payWorld) []any {
			tt, err := w.s.Tandems.Create(tandem(w, w.person(t, domain.RoleMentee)))
			if err != nil {
				t.Fatal(err)
			}
			return []any{tt.ID, string(domain.TandemCancelled), "Abbruch auf Wunsch"}
		}},
		{method: "TandemService.SaveSelfAssessment", stores: true, args: func(t *testing.T, w *payWorld) []any {
			prof, err := w.s.Tandems.Competencies(w.mia.ID)
			if err != nil {
				t.Fatal(err)
			}
			var levels []domain.CompetencyLevel
			for _, c := range prof.Competencies {
				levels = append(levels, domain.CompetencyLevel{Competency: c, Level: 2})
			}
			return []any{w.mia.ID, domain.SelfAssessmentInput{Stage: domain.StageStart, AssessedOn: "2027-02-02", Levels: levels}}
		}},
		{method: "PlanService.Create", stores: true, args: func(t *testing.T, w *payWorld) []any {
			return []any{domain.PlanInput{NewcomerID: w.person(t, domain.RoleMentee), TemplateID: w.onboarding, StartDate: "2027-03-01",
				PriorKnowledge: map[int]domain.PriorKnowledge{0: domain.KnowledgeBasic},
				Responsible:    map[domain.Role]int64{domain.RoleMentor: w.person(t, domain.RoleMentor)}}}
		}},
		{method: "PlanService.List", args: func(t *testing.T, w *payWorld) []any { return []any{domain.PlanFilter{Status: "active"}} }},
		{method: "PlanService.AddItem", stores: true, args: func(t *testing.T, w *payWorld) []any { return []any{w.plan.ID, freshItem(item)} }},
		{method: "PlanService.UpdateItem", stores: true, args: func(t *testing.T, w *payWorld) []any { return []any{firstItem(w), freshItem(item)} }},
		{method: "PlanService.AddHandover", stores: true, args: func(t *testing.T, w *payWorld) []any {
			return []any{w.plan.ID, domain.HandoverInput{Date: "2027-03-01", CaseCount: 3, FromName: "Frau Alt", Note: "Übergabe"}}
		}},
		{method: "PlanService.Cancel", stores: true, args: func(t *testing.T, w *payWorld) []any { return []any{plan(t, w), "Stelle nicht angetreten"} }},
		{method: "PlanService.SetItemStatus", stores: true, args: func(t *testing.T, w *payWorld) []any { return []any{firstItem(w), string(domain.ItemInProgress)} }},
		{method: "PlanService.SetPriorKnowledge", stores: true, args: func(t *testing.T, w *payWorld) []any {
			return []any{firstItem(w), string(domain.KnowledgeBasic), domain.KnowledgeRecord}
		}},
		{method: "PlanService.Shift", stores: true, args: func(t *testing.T, w *payWorld) []any { return []any{w.plan.ID, "2027-02-08"} }},
		{method: "SessionService.Create", stores: true, args: func(t *testing.T, w *payWorld) []any { return []any{session(w)} }},
		{method: "SessionService.Update", stores: true, args: func(t *testing.T, w *payWorld) []any { return []any{w.session.ID, session(w)} }},
		{method: "SessionService.SaveNote", stores: true, full: true, args: func(t *testing.T, w *payWorld) []any {
			return []any{w.session.ID, w.note.ID, domain.NoteInput{Text: "Notiz"}}
		}},
		{method: "SessionService.AddAgreement", stores: true, full: true, args: func(t *testing.T, w *payWorld) []any {
			return []any{w.session.ID, domain.AgreementInput{Text: "Vereinbarung", OwnerName: "Mia", DueDate: "2027-03-15"}}
		}},
		{method: "SessionService.UpdateAgreement", stores: true, args: func(t *testing.T, w *payWorld) []any {
			return []any{w.agreement.ID, domain.AgreementInput{Text: "Vereinbarung", OwnerName: "Mia", DueDate: "2027-03-15"}}
		}},
		{method: "SessionService.RecordFeedbackTalk", stores: true, args: func(t *testing.T, w *payWorld) []any {
			return []any{domain.FeedbackTalkInput{TandemID: w.mia.ID, Kind: domain.FeedbackMidTerm, Date: "2027-04-01",
				Answers:   []domain.FeedbackAnswer{{Prompt: "Was ist gut gelungen?", MenteeView: "Vieles", MentorView: "Einiges"}},
				NextSteps: "Weiter so"}}
		}},
		{method: "SearchService.Search", full: true, args: func(t *testing.T, w *payWorld) []any { return []any{"Mia"} }},
		{method: "GroupService.Create", stores: true, full: true, args: func(t *testing.T, w *payWorld) []any {
			return []any{domain.GroupInput{Kind: domain.GroupSteering, Name: fmt.Sprintf("Gruppe %d", w.next()), Description: "Beschreibung", MemberIDs: []int64{w.maxID}}}
		}},
		{method: "GroupService.Update", stores: true, args: func(t *testing.T, w *payWorld) []any {
			return []any{w.steering.ID, domain.GroupInput{Kind: domain.GroupSteering, Name: fmt.Sprintf("Gruppe %d", w.next()), Description: "Beschreibung", MemberIDs: []int64{w.maxID}}}
		}},
		{method: "GroupService.List", args: func(t *testing.T, w *payWorld) []any { return []any{domain.GroupFilter{Kind: domain.GroupCourse}} }},
		{method: "GroupService.UpdateModule", stores: true, args: func(t *testing.T, w *payWorld) []any {
			return []any{w.moduleID, domain.CourseModuleInput{Title: "Modul", Speaker: "Dr. Rede", Date: "2027-05-05"}}
		}},
		{method: "GroupService.SaveProject", stores: true, args: func(t *testing.T, w *payWorld) []any {
			return []any{w.course.ID, w.courseMember, domain.PracticeProjectInput{Title: "Projekt", Description: "Beschreibung", Status: domain.ProjectPlanned}}
		}},
		{method: "DocumentService.LookupNumber", args: func(t *testing.T, w *payWorld) []any { return []any{w.number} }},
		{method: "DocumentService.OpenFile", args: func(t *testing.T, w *payWorld) []any {
			path, err := w.s.Documents.SaveStatusReportCSV("2027-01-01", "2027-12-31")
			if err != nil || path == "" {
				t.Fatalf("%q, %v", path, err)
			}
			return []any{path}
		}},
		{method: "DocumentService.Register", args: func(t *testing.T, w *payWorld) []any {
			return []any{domain.RegisterFilter{Kind: domain.DocConfirmation, Status: domain.RegisterValid, Query: "Ben"}}
		}},
		{method: "DocumentService.Reissue", stores: true, args: func(t *testing.T, w *payWorld) []any { return []any{w.number} }},
		{method: "DocumentService.Revoke", stores: true, args: func(t *testing.T, w *payWorld) []any {
			// A refused revoke leaves Ben's confirmation valid, and a second
			// valid one is refused: revoke that one, else issue a new one.
			var de *domain.Error
			res, err := w.s.Documents.IssueConfirmation(w.ben.ID)
			if errors.As(err, &de) && de.Key == "register.already_issued.confirmation" {
				return []any{de.Params["number"], "Fehler im Text"}
			}
			if err != nil {
				t.Fatal(err)
			}
			return []any{res.Entry.Number, "Fehler im Text"}
		}},
		{method: "DocumentService.SaveDocumentTexts", stores: true, args: func(t *testing.T, w *payWorld) []any {
			return []any{domain.DocumentTexts{WelcomeText: "Willkommen", ConfirmationWording: "{{name}} hat teilgenommen."}}
		}},
		{method: "DocumentService.SaveStatusReport", args: func(t *testing.T, w *payWorld) []any { return []any{"2027-01-01", "2027-12-31"} }},
		{method: "DocumentService.SaveStatusReportCSV", args: func(t *testing.T, w *payWorld) []any { return []any{"2027-01-01", "2027-12-31"} }},
		{method: "DocumentService.VerifyFile", args: func(t *testing.T, w *payWorld) []any { return []any{b64([]byte("%PDF-1.4"))} }},
	}
}

// TestPayloadCasesComplete: every bound method that takes text is in payloadCases.
func TestPayloadCasesComplete(t *testing.T) {
	s, _ := openServices(t)
	have := map[string]bool{}
	for _, c := range payloadCases() {
		have[c.method] = true
	}
	for _, svc := range s.Bind() {
		typ := reflect.TypeOf(svc)
		for i := 0; i < typ.NumMethod(); i++ {
			m := typ.Method(i)
			name := typ.Elem().Name() + "." + m.Name
			text := false
			for j := 1; j < m.Type.NumIn(); j++ {
				text = text || hasText(m.Type.In(j), map[reflect.Type]bool{})
			}
			if text && !have[name] {
				t.Errorf("%s takes text but is not in payloadCases", name)
			}
			delete(have, name)
		}
	}
	for name := range have {
		t.Errorf("payloadCases names %s, which is not bound", name)
	}
}

// goErrorText is what must never reach the user.
var goErrorText = []string{"sql:", "sqlite", "runtime error", "panic", "nil pointer", "invalid memory", "SQL logic", "constraint failed", "%!", "{", "}"}

func TestPayloads(t *testing.T) {
	payloads := loadPayloads(t)
	if len(payloads) < 200 {
		t.Fatalf("%d payloads, want at least 200", len(payloads))
	}
	const subset = 20
	rot := 0 // rotates the subset over the payloads, so each is used
	used := make([]bool, len(payloads))
	calls, refused, stored := 0, 0, 0
	start := time.Now()
	ran := 0
	for _, c := range payloadCases() {
		if c.exempt != "" {
			continue
		}
		t.Run(c.method, func(t *testing.T) {
			ran++
			w := newPayWorld(t)
			dot := strings.IndexByte(c.method, '.')
			var svc reflect.Value
			for _, b := range w.s.Bind() {
				if reflect.TypeOf(b).Elem().Name() == c.method[:dot] {
					svc = reflect.ValueOf(b)
				}
			}
			m := svc.MethodByName(c.method[dot+1:])
			if !m.IsValid() {
				t.Fatalf("no method %s", c.method)
			}
			build := func() ([]reflect.Value, map[string]func(string)) {
				raw := c.args(t, w)
				if len(raw) != m.Type().NumIn() {
					t.Fatalf("%d args, method takes %d", len(raw), m.Type().NumIn())
				}
				args := make([]reflect.Value, len(raw))
				for i, a := range raw {
					v := reflect.New(m.Type().In(i)).Elem()
					v.Set(reflect.ValueOf(a).Convert(m.Type().In(i)))
					args[i] = v
				}
				return args, textPaths(args)
			}
			// The base arguments must be valid.
			args, paths := build()
			names := make([]string, 0, len(paths))
			for p := range paths {
				names = append(names, p)
			}
			sort.Strings(names)
			if len(names) == 0 {
				t.Fatal("no text in the arguments")
			}
			if out := m.Call(args); !out[len(out)-1].IsNil() {
				t.Fatalf("valid arguments refused: %v", out[len(out)-1].Interface())
			}
			var last map[string][]string
			if c.stores {
				last = w.dump(t)
			}
			for _, path := range names {
				var pick []int
				if c.full {
					for i := range payloads {
						pick = append(pick, i)
					}
				} else {
					for k := 0; k < subset; k++ {
						pick = append(pick, rot%len(payloads))
						rot++
					}
				}
				for _, i := range pick {
					p := payloads[i]
					used[i] = true
					dv := w.dataVersion(t)
					args, paths := build()
					before := w.dataVersion(t)
					if before != dv && c.stores { // the builder wrote
						last = w.dump(t)
					}
					paths[path](p.value)
					calls++
					var out []reflect.Value
					func() {
						defer func() {
							if r := recover(); r != nil {
								t.Fatalf("%s = %s: panic %v", path, p.name, r)
							}
						}()
						out = m.Call(args)
					}()
					if errV := out[len(out)-1]; !errV.IsNil() {
						refused++
						err := errV.Interface().(error)
						e := toAppError(err)
						if e.Code == domain.EINTERNAL {
							t.Errorf("%s = %s: internal error %v", path, p.name, err)
						}
						if e.Message == "" || e.Message != strings.TrimSpace(e.Message) {
							t.Errorf("%s = %s: message %q", path, p.name, e.Message)
						}
						msg := e.Message
						for _, v := range e.Params { // params may quote the payload
							if v != "" {
								msg = strings.ReplaceAll(msg, v, "")
							}
						}
						for _, g := range goErrorText {
							if strings.Contains(msg, g) {
								t.Errorf("%s = %s: message %q contains %q", path, p.name, e.Message, g)
							}
						}
						if after := w.dataVersion(t); after != before {
							t.Errorf("%s = %s: refused (%s) but the database changed", path, p.name, e.Key)
						}
						continue
					}
					if !c.stores {
						if w.dataVersion(t) != before {
							t.Errorf("%s = %s: a %s changed the database", path, p.name, c.method)
						}
						continue
					}
					now := w.dump(t)
					stored++
					if _, skip := c.notStored[path]; !skip {
						cells := changedCells(last, now)
						if len(cells) == 0 { // the same value again (updated_at is per second): no row changed
							for _, rows := range now {
								for _, r := range rows {
									cells = append(cells, strings.Split(r, "\x00\x01")...)
								}
							}
						}
						found := false
						for _, want := range normalised(p.value) {
							for _, cell := range cells {
								found = found || storedAs(cell, want)
							}
						}
						if !found {
							t.Errorf("%s = %s: accepted but not stored verbatim (nor trimmed)", path, p.name)
						}
					}
					last = now
				}
			}
		})
	}
	runnable := 0
	for _, c := range payloadCases() {
		if c.exempt == "" {
			runnable++
		}
	}
	for i, u := range used {
		if !u && ran == runnable { // not when -run picks some methods
			t.Errorf("payload %s was never used", payloads[i].name)
		}
	}
	t.Logf("%d payloads, %d calls (%d refused, %d stored) in %v", len(payloads), calls, refused, stored, time.Since(start).Round(time.Millisecond))
}

// freshItem copies a plan item with its own checklist: the payload walk
// writes into the arguments' slices, which must not reach the next case.
func freshItem(in domain.PlanItemInput) domain.PlanItemInput {
	in.Checklist = append([]string(nil), in.Checklist...)
	return in
}
