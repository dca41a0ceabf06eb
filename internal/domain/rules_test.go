package domain

import (
	"reflect"
	"strings"
	"testing"
)

func TestTandemRules(t *testing.T) {
	nord := int64(1)
	mentee := Person{ID: 1, FirstName: "Mia", LastName: "Neumann", DepartmentID: nord, DepartmentName: "ASD Nord", LineManagerID: 2}
	boss := Person{ID: 2, FirstName: "Petra", LastName: "Schulz", DepartmentID: 2, Roles: []Role{RoleTeamLead, RoleMentor}}
	colleague := Person{ID: 3, FirstName: "Nora", LastName: "Nord", DepartmentID: nord, Roles: []Role{RoleMentor}}
	stranger := Person{ID: 4, FirstName: "Sven", LastName: "Süd", DepartmentID: 3, Roles: []Role{RoleMentor}}
	noRole := Person{ID: 5, FirstName: "Rolf", LastName: "Rolle", DepartmentID: 3, Roles: []Role{RoleSpeaker}}
	archived := Person{ID: 6, FirstName: "Anna", LastName: "Archiv", Roles: []Role{RoleMentor}, Archived: true}
	in := TandemInput{RunID: 1, MenteeID: 1, StartDate: "2027-03-01", EndDate: "2027-09-01"}

	keys := func(ws []RuleWarning) []string {
		out := []string{}
		for _, w := range ws {
			out = append(out, w.Key)
		}
		return out
	}
	for _, c := range []struct {
		name    string
		kind    TemplateKind
		mentors []Person
		want    []string
	}{
		{"CrossDepartment", KindLeadershipMentoring, []Person{stranger}, []string{}},
		{"SameDepartment", KindLeadershipMentoring, []Person{colleague}, []string{"tandem.same_department"}},
		{"LineManager", KindLeadershipMentoring, []Person{boss}, []string{"tandem.line_manager"}},
		{"Both", KindLeadershipMentoring, []Person{stranger, colleague, boss}, []string{"tandem.same_department", "tandem.line_manager"}},
		{"OnboardingHasNoSuchRules", KindOnboarding, []Person{colleague, boss}, []string{}},
		{"CourseHasNoSuchRules", KindCertificateCourse, []Person{colleague}, []string{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			ws, err := TandemRules(in, TandemPeople{Kind: c.kind, Mentee: mentee, Mentors: c.mentors})
			if err != nil || !reflect.DeepEqual(keys(ws), c.want) {
				t.Fatalf("got %v, %v; want %v", keys(ws), err, c.want)
			}
			for _, w := range ws {
				if w.Message == "" || strings.Contains(w.Message, "{") {
					t.Errorf("message %q", w.Message)
				}
			}
		})
	}
	ws, _ := TandemRules(in, TandemPeople{Kind: KindLeadershipMentoring, Mentee: mentee, Mentors: []Person{colleague, boss}})
	if want := "„Nora Nord“ arbeitet in derselben Dienststelle wie „Mia Neumann“ (ASD Nord). Im Mentoring für künftige Führungskräfte sollen Tandems über Dienststellen hinweg gebildet werden."; ws[0].Message != want {
		t.Errorf("message %q", ws[0].Message)
	}
	if ws[1].Params["mentor"] != "Petra Schulz" || ws[1].Params["mentee"] != "Mia Neumann" {
		t.Errorf("params %v", ws[1].Params)
	}
	// A mentee without department shares none.
	loose := mentee
	loose.DepartmentID, loose.LineManagerID = 0, 0
	looseMentor := colleague
	looseMentor.DepartmentID = 0
	if ws, err := TandemRules(in, TandemPeople{Kind: KindLeadershipMentoring, Mentee: loose, Mentors: []Person{looseMentor, boss}}); err != nil || len(ws) != 0 {
		t.Errorf("no departments: %v, %v", keys(ws), err)
	}

	for _, c := range []struct {
		name     string
		pp       TandemPeople
		key, arg string
	}{
		{"MentorRole", TandemPeople{Kind: KindOnboarding, Mentee: mentee, Mentors: []Person{stranger, noRole}}, "tandem.mentor_role", "Rolf Rolle"},
		{"MentorArchived", TandemPeople{Kind: KindOnboarding, Mentee: mentee, Mentors: []Person{archived}}, "tandem.mentor.archived", "Anna Archiv"},
		{"MenteeArchived", TandemPeople{Kind: KindOnboarding, Mentee: archived, Mentors: []Person{stranger}}, "tandem.mentee.archived", "Anna Archiv"},
	} {
		_, err := TandemRules(in, c.pp)
		if e := AsError(err); err == nil || e.Key != c.key || e.Params["name"] != c.arg {
			t.Errorf("%s: got %v", c.name, err)
		}
		// People who stay on a tandem are not refused for what changed since.
		c.pp.Keep = map[int64]bool{archived.ID: true, noRole.ID: true}
		if _, err := TandemRules(in, c.pp); err != nil {
			t.Errorf("%s kept: %v", c.name, err)
		}
	}
}

func TestSecondmentRule(t *testing.T) {
	mentor := Person{ID: 2, Roles: []Role{RoleMentor}}
	for _, c := range []struct {
		start, end string
		ok         bool
	}{
		{"2027-03-01", "2027-08-31", true},  // exactly six months
		{"2027-03-01", "2027-09-01", false}, // six months and a day
		{"2026-06-24", "2026-12-23", true},
		{"2026-06-24", "2026-12-24", false},
		{"2027-08-31", "2028-02-29", true}, // month end, leap year
		{"2027-08-31", "2028-03-01", false},
		{"2026-08-31", "2027-02-28", true},
		{"2026-08-31", "2027-03-01", false},
		{"2027-03-01", "2027-03-01", true},
	} {
		in := TandemInput{StartDate: c.start, EndDate: c.end}
		_, err := TandemRules(in, TandemPeople{Kind: KindSecondment, Mentee: Person{ID: 1}, Mentors: []Person{mentor}})
		if c.ok != (err == nil) {
			t.Errorf("%s–%s: %v", c.start, c.end, err)
		}
		if err != nil && (AsError(err).Key != "tandem.secondment_too_long" || AsError(err).Field != "endDate") {
			t.Errorf("%s–%s: %v", c.start, c.end, err)
		}
		// Other kinds have no such limit.
		if _, err := TandemRules(in, TandemPeople{Kind: KindLeadershipMentoring, Mentee: Person{ID: 1}, Mentors: []Person{mentor}}); err != nil {
			t.Errorf("leadership %s–%s: %v", c.start, c.end, err)
		}
	}
}

func TestRequireReason(t *testing.T) {
	if err := RequireReason(nil, ""); err != nil {
		t.Fatal(err)
	}
	ws := []RuleWarning{NewRuleWarning("tandem.line_manager", "mentor", "A B", "mentee", "C D")}
	err := RequireReason(ws, "")
	e := AsError(err)
	if err == nil || e.Code != ECONFLICT || e.Key != "tandem.reason_required" || e.Field != "overrideReason" ||
		!strings.Contains(e.Params["warnings"].(string), "„A B“ ist die vorgesetzte Person von „C D“") {
		t.Fatalf("got %#v", e)
	}
	if err := RequireReason(ws, "begründet"); err != nil {
		t.Fatal(err)
	}
}

func TestTandemInputValidate(t *testing.T) {
	ok := TandemInput{RunID: 1, MenteeID: 1, MentorIDs: []int64{2, 3}, StartDate: "2027-03-01", EndDate: "2027-03-01", OverrideReason: "  weil  "}
	in := ok
	if err := in.Validate(); err != nil || in.OverrideReason != "weil" {
		t.Fatalf("%v %q", err, in.OverrideReason)
	}
	for _, c := range []struct {
		edit       func(*TandemInput)
		key, field string
	}{
		{func(in *TandemInput) { in.MentorIDs = []int64{1} }, "tandem.self", "mentorIds"},
		{func(in *TandemInput) { in.MentorIDs = []int64{2, 1} }, "tandem.self", "mentorIds"},
		{func(in *TandemInput) { in.MentorIDs = []int64{2, 2} }, "tandem.mentors.duplicate", "mentorIds"},
		{func(in *TandemInput) { in.MentorIDs = []int64{} }, "tandem.mentors.count", "mentorIds"},
		{func(in *TandemInput) { in.MentorIDs = []int64{2, 3, 4} }, "tandem.mentors.count", "mentorIds"},
		{func(in *TandemInput) { in.MentorIDs = []int64{-2} }, "id.invalid", "mentorIds"},
		{func(in *TandemInput) { in.MenteeID = 0 }, "tandem.mentee.required", "menteeId"},
		{func(in *TandemInput) { in.RunID = -1 }, "tandem.run.required", "runId"},
		{func(in *TandemInput) { in.EndDate = "2027-02-28" }, "date.end_before_start", "endDate"},
		{func(in *TandemInput) { in.EndDate = "" }, "date.required", "endDate"},
		{func(in *TandemInput) { in.StartDate = "2027-02-29" }, "date.invalid", "startDate"},
		{func(in *TandemInput) { in.OverrideReason = strings.Repeat("ß", 2001) }, "text.too_long", "overrideReason"},
		{func(in *TandemInput) { in.OverrideReason = "a\u202eb" }, "text.control", "overrideReason"},
	} {
		in := ok
		in.MentorIDs = append([]int64{}, ok.MentorIDs...)
		c.edit(&in)
		e := AsError(in.Validate())
		if e.Key != c.key || e.Field != c.field {
			t.Errorf("%+v: got %v, want %s (%s)", in, e, c.key, c.field)
		}
	}
	in = ok
	in.OverrideReason = strings.Repeat("ß", 2000)
	if err := in.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestTandemStatusChange(t *testing.T) {
	all := []TandemStatus{TandemPlanned, TandemActive, TandemCompleted, TandemCancelled}
	allowed := map[[2]TandemStatus]bool{
		{TandemPlanned, TandemActive}: true, {TandemPlanned, TandemCancelled}: true,
		{TandemActive, TandemCompleted}: true, {TandemActive, TandemCancelled}: true,
	}
	for _, from := range all {
		for _, to := range all {
			reason, err := CheckTandemStatusChange(from, to, " Grund ")
			if allowed[[2]TandemStatus{from, to}] != (err == nil) {
				t.Errorf("%s → %s: %v", from, to, err)
			}
			if err != nil && AsError(err).Key != "tandem.status_transition" {
				t.Errorf("%s → %s: %v", from, to, err)
			}
			if err == nil && reason != map[bool]string{true: "Grund", false: ""}[to == TandemCancelled] {
				t.Errorf("%s → %s: reason %q", from, to, reason)
			}
		}
	}
	if _, err := CheckTandemStatusChange(TandemActive, TandemCancelled, ""); AsError(err).Key != "text.required" || AsError(err).Field != "cancelReason" {
		t.Errorf("cancel without reason: %v", err)
	}
	if _, err := CheckTandemStatusChange(TandemActive, "paused", "x"); AsError(err).Key != "tandem.status.invalid" {
		t.Errorf("unknown status: %v", err)
	}
	if e := AsError(func() error { _, err := CheckTandemStatusChange(TandemCompleted, TandemActive, ""); return err }()); e.Params["from"] != "abgeschlossen" || e.Params["to"] != "aktiv" {
		t.Errorf("params %v", e.Params)
	}
}

func TestRunInputValidate(t *testing.T) {
	in := RunInput{TemplateID: 1, Name: " Mentoring 2027 ", StartDate: "2027-01-01", EndDate: "2027-01-01", Note: " a\r\nb "}
	if err := in.Validate(); err != nil || in.Name != "Mentoring 2027" || in.Note != "a\nb" {
		t.Fatalf("%v %+v", err, in)
	}
	in.EndDate = "2026-12-31"
	if e := AsError(in.Validate()); e.Key != "date.end_before_start" || e.Field != "endDate" {
		t.Fatalf("got %v", e)
	}
}
