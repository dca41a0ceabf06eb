package sqlite_test

import (
	"fmt"
	"testing"

	"tandem/internal/domain"
	"tandem/internal/sqlite"
)

var firstNames = []string{"Anna", "Jörg", "Gül", "Maximilian", "Sören", "Elif", "Thomas", "Zoë", "Björn", "Marie"}
var lastNames = []string{"Müller", "Schmidt", "Weiß", "Özdemir", "Groß", "Krüger", "Hoffmann", "Schäfer", "Nowak", "Becker"}

// seedPeople fills db with n people across 20 departments, a third of them mentees.
func seedPeople(tb testing.TB, db *sqlite.DB, n int) {
	tb.Helper()
	var deps []int64
	for i := 0; i < 20; i++ {
		deps = append(deps, mustCreateDepartment(tb, db, fmt.Sprintf("Dienststelle %02d", i)).ID)
	}
	roles := [][]domain.Role{{domain.RoleMentee}, {domain.RoleMentor}, {domain.RoleMentee, domain.RoleSpeaker}, nil}
	for i := 0; i < n; i++ {
		mustCreatePerson(tb, db, domain.PersonInput{
			FirstName:    firstNames[i%len(firstNames)],
			LastName:     fmt.Sprintf("%s%d", lastNames[(i/10)%len(lastNames)], i),
			Email:        fmt.Sprintf("person%d@stadt.de", i),
			DepartmentID: deps[i%len(deps)],
			Roles:        roles[i%len(roles)],
			StartDate:    "2027-01-01",
		})
	}
}

// BenchmarkPeople measures the queries behind the people list with 5,000
// people in the database. Goal: ≤ 5 ms per query, reported as ms/op;
// people/op is how many people the query returned (ListAll5000 asks for
// the largest page allowed, 1,000, of all 5,000).
func BenchmarkPeople(b *testing.B) {
	db := MustOpenDB(b)
	seedPeople(b, db, 5000)
	for _, bc := range []struct {
		name   string
		filter domain.PersonFilter
		total  int // expected Total, -1: not checked
	}{
		{"ListFirstPage", domain.PersonFilter{}, 5000},
		{"ListAll5000", domain.PersonFilter{Limit: 1000}, 5000},
		{"SearchOneLetter", domain.PersonFilter{Query: "m"}, -1},
		{"SearchUmlaut", domain.PersonFilter{Query: "müll"}, 500},
		{"SearchTwoWords", domain.PersonFilter{Query: "jörg schmidt1"}, -1},
		{"SearchNoMatch", domain.PersonFilter{Query: "xyzzy"}, 0},
		{"FilterRoleAndDepartment", domain.PersonFilter{Role: domain.RoleMentee, DepartmentID: 3}, -1},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var l domain.PersonList
			for i := 0; i < b.N; i++ {
				var err error
				if l, err = db.People(ctx, bc.filter); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			limit := bc.filter.Limit
			if limit == 0 {
				limit = 200
			}
			if len(l.People) != min(l.Total, limit) || (bc.total >= 0 && l.Total != bc.total) {
				b.Fatalf("got %d people of %d", len(l.People), l.Total)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/1e6/float64(b.N), "ms/op")
			b.ReportMetric(float64(len(l.People)), "people/op")
		})
	}
}
