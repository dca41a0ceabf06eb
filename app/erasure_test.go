package app

import (
	"strings"
	"testing"

	"tandem/internal/domain"
)

// The erasure dialog's two calls: the mentions of the person in others'
// free text, and the erasure that redacts the chosen ones. An id that is
// not a mention of this person is refused in German and nothing changes.
func TestEraseWithMentions(t *testing.T) {
	s, _ := openServices(t)
	mira, err := s.People.Create(domain.PersonInput{Salutation: "Frau", FirstName: "Mira", LastName: "Müller"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.People.Create(domain.PersonInput{FirstName: "Ole", LastName: "Ohm", Note: "Übernahme von Mira Müller, Rückfragen an Frau Mueller."}); err != nil {
		t.Fatal(err)
	}
	list, err := s.Privacy.Mentions(mira.ID)
	if err != nil || len(list) != 2 {
		t.Fatalf("mentions %+v %v, want 2", list, err)
	}
	for _, m := range list {
		if m.Owner != "Ole Ohm" || m.Kind == "" || !m.Suggested {
			t.Fatalf("mention %+v", m)
		}
	}
	if _, err := s.Privacy.Mentions(0); err == nil {
		t.Fatal("mentions of person 0 not refused")
	}
	err = s.Privacy.ErasePerson(mira.ID, "Mira Müller", []string{list[0].ID, "people|note|1|0|4"})
	if got := toAppError(err); got.Key != "person.erase.mention_unknown" || !strings.Contains(got.Message, "nichts gelöscht") {
		t.Fatalf("unknown mention: %+v", got)
	}
	if _, err := s.People.Get(mira.ID); err != nil {
		t.Fatalf("person erased after a refused call: %v", err)
	}
	if err := s.Privacy.ErasePerson(mira.ID, "Mira Müller", []string{list[0].ID, list[1].ID}); err != nil {
		t.Fatal(err)
	}
	res, err := s.Search.Search("Müller")
	if err != nil || len(res.People.Hits) != 0 {
		t.Fatalf("search after erasure %+v %v", res, err)
	}
	if res, err := s.Search.Search("Ohm"); err != nil || len(res.People.Hits) != 1 {
		t.Fatalf("Ole not found any more %+v %v", res, err)
	}
}
