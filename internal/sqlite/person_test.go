package sqlite_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"

	"tandem/internal/domain"
	"tandem/internal/sqlite"
)

var ctx = context.Background()

func mustCreatePerson(tb testing.TB, db *sqlite.DB, in domain.PersonInput) domain.Person {
	tb.Helper()
	p, err := db.CreatePerson(ctx, in)
	if err != nil {
		tb.Fatalf("create person %+v: %v", in, err)
	}
	return p
}

func mustCreateDepartment(tb testing.TB, db *sqlite.DB, name string) domain.Department {
	tb.Helper()
	d, err := db.CreateDepartment(ctx, domain.DepartmentInput{Name: name})
	if err != nil {
		tb.Fatalf("create department %q: %v", name, err)
	}
	return d
}

func names(l domain.PersonList) []string {
	out := []string{}
	for _, p := range l.People {
		out = append(out, p.LastName)
	}
	return out
}

func TestPerson(t *testing.T) {
	t.Run("RoundTrip", func(t *testing.T) {
		db := MustOpenDB(t)
		dep := mustCreateDepartment(t, db, "ASD Nord")
		boss := mustCreatePerson(t, db, domain.PersonInput{FirstName: "Petra", LastName: "Schulz", Roles: []domain.Role{domain.RoleTeamLead}})
		in := domain.PersonInput{
			Salutation: "Frau", FirstName: "  Anna-Lena ", LastName: "Müller-Lüdenscheidt", Email: "a.mueller@hilden.de",
			Phone: "02103 72-123", DepartmentID: dep.ID, Roles: []domain.Role{domain.RoleMentee, domain.RoleMentor, domain.RoleMentee},
			StartDate: "2027-02-01", ExitDate: "2028-01-31", LineManagerID: boss.ID, Note: "Zeile 1\nZeile 2 – „zitiert“",
		}
		p := mustCreatePerson(t, db, in)
		got, err := db.Person(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := domain.Person{ID: p.ID, Salutation: "Frau", FirstName: "Anna-Lena", LastName: "Müller-Lüdenscheidt",
			Email: "a.mueller@hilden.de", Phone: "02103 72-123", DepartmentID: dep.ID, DepartmentName: "ASD Nord",
			Roles: []domain.Role{domain.RoleMentor, domain.RoleMentee}, StartDate: "2027-02-01", ExitDate: "2028-01-31",
			LineManagerID: boss.ID, LineManagerName: "Petra Schulz", Note: "Zeile 1\nZeile 2 – „zitiert“",
			CreatedAt: got.CreatedAt, UpdatedAt: got.UpdatedAt}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("got  %+v\nwant %+v", got, want)
		}

		in.Roles = nil
		in.DepartmentID, in.LineManagerID, in.StartDate, in.ExitDate = 0, 0, "", ""
		upd, err := db.UpdatePerson(ctx, p.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		if len(upd.Roles) != 0 || upd.DepartmentID != 0 || upd.LineManagerID != 0 || upd.StartDate != "" {
			t.Fatalf("update did not clear fields: %+v", upd)
		}
	})

	t.Run("ListedAsStored", func(t *testing.T) {
		// The list decodes people from packed JSON; it must give back exactly
		// what Person gives, escapes and all.
		db := MustOpenDB(t)
		dep := mustCreateDepartment(t, db, "Amt für \"Jugend\" \\ Familie")
		boss := mustCreatePerson(t, db, domain.PersonInput{FirstName: "Petra", LastName: "Schulz"})
		inputs := []domain.PersonInput{
			{Salutation: "Herr", FirstName: "Zoë", LastName: "Ñandú 🦤", Email: "z@stadt.de", Phone: "+49 2103 1",
				DepartmentID: dep.ID, LineManagerID: boss.ID, StartDate: "2027-01-01", ExitDate: "2027-12-31",
				Roles: []domain.Role{domain.RoleSteering, domain.RoleMentor, domain.RoleHeadOfOffice},
				Note:  "Tab\there, \"quotes\", back\\slash, / slash,\nnew line, \u00a0nbsp, <b>&amp;</b> {\"json\": [1]}"},
			{FirstName: `"]`, LastName: `\",null,"`},
			{FirstName: "0", LastName: "123"},
		}
		first := mustCreatePerson(t, db, inputs[0])
		for _, in := range inputs[1:] {
			mustCreatePerson(t, db, in)
		}
		l, err := db.People(ctx, domain.PersonFilter{})
		if err != nil || l.Total != len(inputs)+1 || len(l.People) != l.Total {
			t.Fatalf("list: %+v, %v", l, err)
		}
		found := false
		for _, got := range l.People {
			want, err := db.Person(ctx, got.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("listed %+v\nstored %+v", got, want)
			}
			if got.ID == first.ID {
				found = true
				if got.LastName != "Ñandú 🦤" || got.Note != inputs[0].Note || got.DepartmentName != dep.Name ||
					got.LineManagerName != "Petra Schulz" || len(got.Roles) != 3 {
					t.Fatalf("listed %+v", got)
				}
			}
		}
		if !found {
			t.Fatalf("%d not listed", first.ID)
		}
	})

	t.Run("HostileTextStoredVerbatim", func(t *testing.T) {
		db := MustOpenDB(t)
		for _, s := range []string{`<img src=x onerror=alert(1)>`, `'); DROP TABLE people;--`, `Robert"); --`, "%_\\"} {
			p := mustCreatePerson(t, db, domain.PersonInput{FirstName: s, LastName: s})
			got, _ := db.Person(ctx, p.ID)
			if got.FirstName != s || got.LastName != s {
				t.Fatalf("stored %q as %q", s, got.FirstName)
			}
			l, err := db.People(ctx, domain.PersonFilter{Query: s})
			if err != nil || l.Total != 1 || l.People[0].FirstName != s || l.People[0].LastName != s {
				t.Fatalf("search %q: %+v, %v", s, l, err)
			}
		}
	})

	t.Run("Invalid", func(t *testing.T) {
		db := MustOpenDB(t)
		other := mustCreatePerson(t, db, domain.PersonInput{FirstName: "A", LastName: "B"})
		cases := []struct {
			name, field, key string
			in               domain.PersonInput
		}{
			{"ErrLastNameRequired", "lastName", "text.required", domain.PersonInput{FirstName: "A", LastName: "  "}},
			{"ErrEmail", "email", "email.invalid", domain.PersonInput{FirstName: "A", LastName: "B", Email: "kein-at-zeichen"}},
			{"ErrEmailNoDot", "email", "email.invalid", domain.PersonInput{FirstName: "A", LastName: "B", Email: "a@localhost"}},
			{"ErrEmailDisplayName", "email", "email.invalid", domain.PersonInput{FirstName: "A", LastName: "B", Email: "Anna <a@b.de>"}},
			{"ErrDate", "startDate", "date.invalid", domain.PersonInput{FirstName: "A", LastName: "B", StartDate: "2027-02-30"}},
			{"ErrDateGerman", "startDate", "date.invalid", domain.PersonInput{FirstName: "A", LastName: "B", StartDate: "01.02.2027"}},
			{"ErrExitBeforeStart", "exitDate", "person.exit_before_start", domain.PersonInput{FirstName: "A", LastName: "B", StartDate: "2027-02-01", ExitDate: "2027-01-31"}},
			{"ErrRole", "roles", "person.role.invalid", domain.PersonInput{FirstName: "A", LastName: "B", Roles: []domain.Role{"admin"}}},
			{"ErrSalutation", "salutation", "person.salutation.invalid", domain.PersonInput{FirstName: "A", LastName: "B", Salutation: "Dr."}},
			{"ErrTooLong", "firstName", "text.too_long", domain.PersonInput{FirstName: strings.Repeat("ä", 101), LastName: "B"}},
			{"ErrControl", "lastName", "text.control", domain.PersonInput{FirstName: "A", LastName: "B\x00C"}},
			{"ErrBidi", "lastName", "text.control", domain.PersonInput{FirstName: "A", LastName: "B\u202eC"}},
			{"ErrInvalidUTF8", "firstName", "text.encoding", domain.PersonInput{FirstName: "\xff\xfe", LastName: "B"}},
			{"ErrPhone", "phone", "phone.invalid", domain.PersonInput{FirstName: "A", LastName: "B", Phone: "call me"}},
			{"ErrDepartmentMissing", "departmentId", "department.not_found", domain.PersonInput{FirstName: "A", LastName: "B", DepartmentID: 999}},
			{"ErrDepartmentNegative", "departmentId", "id.invalid", domain.PersonInput{FirstName: "A", LastName: "B", DepartmentID: -1}},
			{"ErrManagerMissing", "lineManagerId", "person.line_manager.not_found", domain.PersonInput{FirstName: "A", LastName: "B", LineManagerID: 999}},
			{"ErrNoteTooLong", "note", "text.too_long", domain.PersonInput{FirstName: "A", LastName: "B", Note: strings.Repeat("x", 4001)}},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				_, err := db.CreatePerson(ctx, c.in)
				wantCode(t, err, domain.EINVALID, c.key)
				if f := domain.AsError(err).Field; f != c.field {
					t.Fatalf("field = %q, want %q", f, c.field)
				}
				_, err = db.UpdatePerson(ctx, other.ID, c.in)
				wantCode(t, err, domain.EINVALID, c.key)
			})
		}
		if l, _ := db.People(ctx, domain.PersonFilter{IncludeArchived: true}); l.Total != 1 || l.People[0].FirstName != "A" {
			t.Fatalf("bad input changed data: %+v", l)
		}
	})

	t.Run("LineManagerRules", func(t *testing.T) {
		db := MustOpenDB(t)
		a := mustCreatePerson(t, db, domain.PersonInput{FirstName: "A", LastName: "A"})
		b := mustCreatePerson(t, db, domain.PersonInput{FirstName: "B", LastName: "B", LineManagerID: a.ID})
		c := mustCreatePerson(t, db, domain.PersonInput{FirstName: "C", LastName: "C", LineManagerID: b.ID})
		_, err := db.UpdatePerson(ctx, a.ID, domain.PersonInput{FirstName: "A", LastName: "A", LineManagerID: a.ID})
		wantCode(t, err, domain.EINVALID, "person.line_manager.self")
		_, err = db.UpdatePerson(ctx, a.ID, domain.PersonInput{FirstName: "A", LastName: "A", LineManagerID: c.ID})
		wantCode(t, err, domain.EINVALID, "person.line_manager.cycle")

		err = db.DeletePerson(ctx, a.ID)
		wantCode(t, err, domain.ECONFLICT, "person.in_use.line_manager")
		if _, err := db.Person(ctx, a.ID); err != nil {
			t.Fatal("refused delete removed the person")
		}
		if err := db.DeletePerson(ctx, c.ID); err != nil {
			t.Fatal(err)
		}
		_, err = db.Person(ctx, c.ID)
		wantCode(t, err, domain.ENOTFOUND, "person.not_found")
		err = db.DeletePerson(ctx, c.ID)
		wantCode(t, err, domain.ENOTFOUND, "person.not_found")
	})

	t.Run("ArchiveHidesButKeeps", func(t *testing.T) {
		db := MustOpenDB(t)
		p := mustCreatePerson(t, db, domain.PersonInput{FirstName: "A", LastName: "Archiv"})
		if a, err := db.SetPersonArchived(ctx, p.ID, true); err != nil || !a.Archived {
			t.Fatalf("archive: %+v %v", a, err)
		}
		if l, _ := db.People(ctx, domain.PersonFilter{}); l.Total != 0 {
			t.Fatalf("archived person listed: %v", names(l))
		}
		if l, _ := db.People(ctx, domain.PersonFilter{IncludeArchived: true}); l.Total != 1 {
			t.Fatalf("archived person lost: %v", names(l))
		}
		if a, _ := db.SetPersonArchived(ctx, p.ID, false); a.Archived {
			t.Fatal("restore did not restore")
		}
	})

	t.Run("ErrIDs", func(t *testing.T) {
		db := MustOpenDB(t)
		for _, id := range []int64{0, -5} {
			_, err := db.Person(ctx, id)
			wantCode(t, err, domain.EINVALID, "id.invalid")
			wantCode(t, db.DeletePerson(ctx, id), domain.EINVALID, "id.invalid")
		}
		_, err := db.SetPersonArchived(ctx, 12345, true)
		wantCode(t, err, domain.ENOTFOUND, "person.not_found")
	})
}

func TestPeopleSearch(t *testing.T) {
	db := MustOpenDB(t)
	nord := mustCreateDepartment(t, db, "ASD Nord")
	sued := mustCreateDepartment(t, db, "ASD Süd")
	for _, p := range []domain.PersonInput{
		{FirstName: "Jörg", LastName: "Müller", DepartmentID: nord.ID, Roles: []domain.Role{domain.RoleMentor}},
		{FirstName: "Anna", LastName: "Mueller", DepartmentID: sued.ID, Roles: []domain.Role{domain.RoleMentee}},
		{FirstName: "Gustav", LastName: "Strauß", Email: "gustav@stadt.de", Roles: []domain.Role{domain.RoleMentee, domain.RoleSpeaker}},
		{FirstName: "Élodie", LastName: "Özdemir", DepartmentID: sued.ID},
		{FirstName: "Zoe", LastName: "Adler"},
	} {
		mustCreatePerson(t, db, p)
	}
	cases := []struct {
		filter domain.PersonFilter
		want   []string
	}{
		{domain.PersonFilter{}, []string{"Adler", "Mueller", "Müller", "Özdemir", "Strauß"}},
		{domain.PersonFilter{Query: "mull"}, []string{"Müller"}},
		{domain.PersonFilter{Query: "müll"}, []string{"Müller"}},
		{domain.PersonFilter{Query: "MUELL"}, []string{"Mueller", "Müller"}},
		{domain.PersonFilter{Query: "strauss"}, []string{"Strauß"}},
		{domain.PersonFilter{Query: "straß"}, nil},
		{domain.PersonFilter{Query: "strauß"}, []string{"Strauß"}},
		{domain.PersonFilter{Query: "elodie ozd"}, []string{"Özdemir"}},
		{domain.PersonFilter{Query: "süd"}, []string{"Mueller", "Özdemir"}},
		{domain.PersonFilter{Query: "stadt.de"}, []string{"Strauß"}},
		{domain.PersonFilter{Query: "%"}, nil},
		{domain.PersonFilter{Role: domain.RoleMentee}, []string{"Mueller", "Strauß"}},
		{domain.PersonFilter{Role: domain.RoleMentee, Query: "gus"}, []string{"Strauß"}},
		{domain.PersonFilter{DepartmentID: nord.ID}, []string{"Müller"}},
		{domain.PersonFilter{Limit: 2}, []string{"Adler", "Mueller"}},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%+v", c.filter), func(t *testing.T) {
			l, err := db.People(ctx, c.filter)
			if err != nil {
				t.Fatal(err)
			}
			got := names(l)
			if c.want == nil {
				c.want = []string{}
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Fatalf("got %v, want %v", got, c.want)
			}
		})
	}
	// Total counts every match, whether the page is cut short or not.
	for _, c := range []struct {
		filter      domain.PersonFilter
		total, page int
	}{
		{domain.PersonFilter{Limit: 2}, 5, 2},
		{domain.PersonFilter{Limit: 4}, 5, 4},
		{domain.PersonFilter{Limit: 5}, 5, 5},
		{domain.PersonFilter{Limit: 6}, 5, 5},
		{domain.PersonFilter{Limit: 1, Query: "asd"}, 3, 1},
		{domain.PersonFilter{Limit: 3, Query: "asd"}, 3, 3},
		{domain.PersonFilter{Limit: 1, Role: domain.RoleMentee}, 2, 1},
		{domain.PersonFilter{Limit: 1, Query: "nobody"}, 0, 0},
	} {
		if l, err := db.People(ctx, c.filter); err != nil || l.Total != c.total || len(l.People) != c.page {
			t.Fatalf("%+v: total %d, page %d, %v; want %d, %d", c.filter, l.Total, len(l.People), err, c.total, c.page)
		}
	}
	_, err := db.People(ctx, domain.PersonFilter{Role: "boss"})
	wantCode(t, err, domain.EINVALID, "person.role.invalid")
	_, err = db.People(ctx, domain.PersonFilter{Query: strings.Repeat("a", 101)})
	wantCode(t, err, domain.EINVALID, "text.too_long")
}

// TestPeopleConcurrent lists while people are added: every list is
// consistent in itself (run with -race to check the store for data races).
func TestPeopleConcurrent(t *testing.T) {
	db := MustOpenDB(t)
	var wg sync.WaitGroup
	for g := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 30 {
				f := domain.PersonFilter{Query: []string{"", "jörg", "mül weiß", "x"}[(g+i)%4], Limit: 1 + i%3}
				l, err := db.People(ctx, f)
				if err != nil || len(l.People) > l.Total || len(l.People) > f.Limit {
					t.Errorf("%+v: %d of %d, %v", f, len(l.People), l.Total, err)
					return
				}
			}
		}()
	}
	for i := range 20 {
		mustCreatePerson(t, db, domain.PersonInput{FirstName: "Jörg", LastName: fmt.Sprintf("Müller-Weiß %d", i)})
	}
	wg.Wait()
	if l, err := db.People(ctx, domain.PersonFilter{Query: "joerg mueller-weiss"}); err != nil || l.Total != 20 {
		t.Fatalf("after: total %d, %v", l.Total, err)
	}
}
