package sqlite_test

import (
	"strings"
	"testing"

	"tandem/internal/domain"
	"tandem/internal/sqlite"
)

func search(t *testing.T, db *sqlite.DB, q string) domain.SearchResults {
	t.Helper()
	r, err := db.Search(ctx, q, 10)
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	return r
}

func hitIDs(g domain.SearchGroup) []int64 {
	ids := []int64{}
	for _, h := range g.Hits {
		ids = append(ids, h.RefID)
	}
	return ids
}

func hasHit(g domain.SearchGroup, id int64) bool {
	for _, h := range g.Hits {
		if h.RefID == id {
			return true
		}
	}
	return false
}

func joined(h domain.SearchHit) (all, matched string) {
	var a, m strings.Builder
	for _, s := range h.Snippet {
		a.WriteString(s.Text)
		if s.Match {
			m.WriteString("[" + s.Text + "]")
		}
	}
	return a.String(), m.String()
}

func TestSearchGerman(t *testing.T) {
	w := newSessionWorld(t)
	db := w.db
	mueller := progPerson(t, db, "Jürgen", "Müller", 0, 0, domain.RoleMentor)
	s := w.session(t, "2027-03-08", "09:30", 60)
	note, err := db.SaveNote(ctx, s.ID, 0, domain.NoteInput{Text: "Treffen an der Hauptstraße 5 mit Frau Müller-Lüdenscheidt, Akte geprüft."})
	if err != nil {
		t.Fatal(err)
	}
	secret, err := db.SaveNote(ctx, s.ID, 0, domain.NoteInput{Text: "Vertraulich: Gesundheit besprochen", Confidential: true})
	if err != nil {
		t.Fatal(err)
	}
	ag, err := db.AddAgreement(ctx, s.ID, domain.AgreementInput{Text: "Übergabeprotokoll für die Jugendhilfeplanung schreiben", OwnerID: w.mentee.ID})
	if err != nil {
		t.Fatal(err)
	}
	fb, err := db.RecordFeedbackTalk(ctx, domain.FeedbackTalkInput{TandemID: w.tandem.ID, Kind: domain.FeedbackMidTerm, Date: "2027-05-01",
		Answers:   []domain.FeedbackAnswer{{Prompt: "Was lief gut?", MenteeView: "Die Hospitation im Sozialraumteam", MentorView: "Selbstständige Fallführung"}},
		NextSteps: "Kollegiale Beratung üben"})
	if err != nil {
		t.Fatal(err)
	}

	for _, q := range []string{"mull", "müll", "MUELL", "Müller", "jurg", "juer", "  müller   jürgen "} {
		r := search(t, db, q)
		if !hasHit(r.People, mueller.ID) {
			t.Errorf("%q: people %v, want Müller %d", q, hitIDs(r.People), mueller.ID)
		}
	}
	r := search(t, db, "müll")
	if !hasHit(r.Notes, note.ID) {
		t.Errorf("müll: notes %v", hitIDs(r.Notes))
	}
	for _, h := range r.People.Hits {
		if h.RefID == mueller.ID {
			if h.Title != "Jürgen Müller" {
				t.Errorf("title %q", h.Title)
			}
			if _, m := joined(h); m != "[Müll]" {
				t.Errorf("highlight %q", m)
			}
		}
	}
	for _, q := range []string{"hauptstraße", "hauptstrasse", "HAUPTSTR"} {
		r := search(t, db, q)
		if !hasHit(r.Notes, note.ID) {
			t.Errorf("%q: notes %v, want %d", q, hitIDs(r.Notes), note.ID)
		}
	}
	r = search(t, db, "hauptstr")
	h := r.Notes.Hits[0]
	if all, m := joined(h); all != note.Text || m != "[Hauptstr]" || h.CutStart || h.CutEnd {
		t.Errorf("snippet %q %q", all, m)
	}
	if h.SessionID != s.ID || h.TandemID != w.tandem.ID || h.Date != "2027-03-08" || h.Title != "Mia Neumann – Max Mentor, Nora Nordmann" || h.Confidential {
		t.Errorf("note hit %+v", h)
	}
	// "strass" in "Hauptstraße" is not a word start: no match.
	if r := search(t, db, "strasse"); hasHit(r.Notes, note.ID) {
		t.Errorf("strasse matched inside a word")
	}
	// All words are required.
	if r := search(t, db, "akte müll"); !hasHit(r.Notes, note.ID) {
		t.Errorf("akte müll: %v", hitIDs(r.Notes))
	}
	if r := search(t, db, "akte gesundheit"); len(r.Notes.Hits) != 0 {
		t.Errorf("akte gesundheit: %v", hitIDs(r.Notes))
	}
	r = search(t, db, "gesund")
	if len(r.Notes.Hits) != 1 || r.Notes.Hits[0].RefID != secret.ID || !r.Notes.Hits[0].Confidential {
		t.Errorf("confidential: %+v", r.Notes.Hits)
	}
	r = search(t, db, "uebergabe jugendhilfe")
	if len(r.Agreements.Hits) != 1 || r.Agreements.Hits[0].RefID != ag.ID || r.Agreements.Hits[0].SessionID != s.ID {
		t.Errorf("agreement: %+v", r.Agreements)
	}
	if _, m := joined(r.Agreements.Hits[0]); m != "[Übergabe][Jugendhilfe]" {
		t.Errorf("agreement highlight %q", m)
	}
	r = search(t, db, "selbststandig")
	if len(r.Feedback.Hits) != 1 || r.Feedback.Hits[0].RefID != fb.ID || r.Feedback.Hits[0].FeedbackKind != domain.FeedbackMidTerm {
		t.Errorf("feedback: %+v", r.Feedback)
	}
	if r := search(t, db, "kollegial"); len(r.Feedback.Hits) != 1 {
		t.Errorf("next steps not found")
	}
	if r := search(t, db, "lief"); len(r.Feedback.Hits) != 0 {
		t.Errorf("prompt text is indexed: %+v", r.Feedback)
	}
	// Tandems by mentee, mentor and run name.
	r = search(t, db, "neumann nordm einarbeitung")
	if len(r.Tandems.Hits) != 1 || r.Tandems.Hits[0].RefID != w.tandem.ID {
		t.Errorf("tandem: %+v", r.Tandems)
	}

	// An updated note is found by its new words only.
	if _, err := db.SaveNote(ctx, s.ID, note.ID, domain.NoteInput{Text: "Nur noch Dienstplan"}); err != nil {
		t.Fatal(err)
	}
	if r := search(t, db, "hauptstr"); len(r.Notes.Hits) != 0 {
		t.Errorf("old words still found: %+v", r.Notes)
	}
	if r := search(t, db, "dienstpl"); !hasHit(r.Notes, note.ID) {
		t.Errorf("new words not found")
	}
	// A deleted agreement is gone.
	if err := db.DeleteAgreement(ctx, ag.ID); err != nil {
		t.Fatal(err)
	}
	if r := search(t, db, "jugendhilfe"); len(r.Agreements.Hits) != 0 {
		t.Errorf("deleted agreement found: %+v", r.Agreements)
	}
	// A renamed person, and the tandems they are in.
	in := domain.PersonInput{FirstName: "Nora", LastName: "Öztürk", Roles: []domain.Role{domain.RoleMentor}}
	if _, err := db.UpdatePerson(ctx, w.nora.ID, in); err != nil {
		t.Fatal(err)
	}
	r = search(t, db, "oztu")
	if !hasHit(r.People, w.nora.ID) || !hasHit(r.Tandems, w.tandem.ID) {
		t.Errorf("renamed: %+v %+v", r.People, r.Tandems)
	}
	if r := search(t, db, "nordmann"); len(r.People.Hits)+len(r.Tandems.Hits) != 0 {
		t.Errorf("old name found: %+v", r)
	}
}

func TestSearchHostileQueries(t *testing.T) {
	w := newSessionWorld(t)
	db := w.db
	s := w.session(t, "2027-03-08", "09:30", 60)
	if _, err := db.SaveNote(ctx, s.ID, 0, domain.NoteInput{Text: `Er sagte "NEAR(a b)" OR -x * und AND NOT`}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`"`, `""`, `*`, `NEAR(`, `NEAR(a b)`, `-`, `-x`, `OR`, `a OR b`, `AND`, `NOT`, `^`, `:`, `folded:x`,
		`rank`, `(`, `)`, `{}`, `'`, `\`, `%`, `_`, `a"b`, `"*"`, `near`, `ﬁ`, `İ`, "\u0308", "ü\u0308", "x y z a b c d e f g h i j"} {
		if _, err := db.Search(ctx, q, 5); err != nil {
			t.Errorf("%q: %v", q, err)
		}
	}
	if r := search(t, db, `"near(`); len(r.Notes.Hits) != 1 {
		t.Errorf("near: %+v", r.Notes)
	}
	if r := search(t, db, `OR`); len(r.Notes.Hits) != 1 {
		t.Errorf("or: %+v", r.Notes)
	}
	for _, c := range []struct{ q, key string }{
		{strings.Repeat("ä", domain.MaxSearchQueryLen+1), "text.too_long"},
		{"a\x00b", "text.control"},
		{"a\u202eb", "text.control"},
		{"a\xffb", "text.encoding"},
	} {
		_, err := db.Search(ctx, c.q, 5)
		wantCode(t, err, domain.EINVALID, c.key)
		if domain.AsError(err).Field != "query" {
			t.Errorf("field %q", domain.AsError(err).Field)
		}
	}
	if r := search(t, db, "   "); len(r.People.Hits)+len(r.Notes.Hits) != 0 || r.People.Hits == nil {
		t.Errorf("empty query: %+v", r)
	}
}

func TestSearchSnippets(t *testing.T) {
	w := newSessionWorld(t)
	db := w.db
	s := w.session(t, "2027-03-08", "09:30", 60)
	texts := []string{
		"Müller, MÜLLER, müller und Mueller: alle gefunden. Straße!",
		"A\u0308rger mit der Mu\u0308llabfuhr (zerlegte Umlaute)",
		"<script>alert('Müller')</script> & ß ẞ",
		"Emoji 👩‍💼 Müllerin 🧑🏽‍🤝‍🧑🏻 ende",
	}
	for _, text := range texts {
		if _, err := db.SaveNote(ctx, s.ID, 0, domain.NoteInput{Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	long := strings.Repeat("Wort ", 2000) + "Müllermeister " + strings.Repeat("Satz ", 2000)
	longNote, err := db.SaveNote(ctx, s.ID, 0, domain.NoteInput{Text: long})
	if err != nil {
		t.Fatal(err)
	}
	r := search(t, db, "müll")
	if len(r.Notes.Hits) != 5 {
		t.Fatalf("hits %d", len(r.Notes.Hits))
	}
	for _, h := range r.Notes.Hits {
		all, m := joined(h)
		if h.RefID == longNote.ID {
			if !h.CutStart || !h.CutEnd || !strings.Contains(long, all) || m != "[Müll]" || len([]rune(all)) > 220 {
				t.Errorf("long snippet %q %q %v %v", all, m, h.CutStart, h.CutEnd)
			}
			continue
		}
		if h.CutStart || h.CutEnd {
			t.Errorf("cut %q", all)
		}
		found := false
		for _, text := range texts {
			found = found || all == text
		}
		if !found || m == "" {
			t.Errorf("snippet %q does not reproduce a text (marks %q)", all, m)
		}
		switch all {
		case texts[0]:
			if m != "[Müll][MÜLL][müll]" { // "müll" is not "muell"
				t.Errorf("marks %q", m)
			}
		case texts[1]:
			if m != "[Mu\u0308ll]" {
				t.Errorf("marks %q", m)
			}
		}
	}
	for q, want := range map[string]string{"strasse": "[Straße]", "strass": "[Straß]", "STRAß": "[Straß]", "stra": "[Stra]"} {
		r = search(t, db, q)
		if len(r.Notes.Hits) != 1 {
			t.Fatalf("%q: %+v", q, r.Notes)
		}
		if _, m := joined(r.Notes.Hits[0]); m != want {
			t.Errorf("%q: marks %q, want %q", q, m, want)
		}
	}
}

// Words longer than the index's longest prefix (twenty letters) are looked
// up by their first twenty and checked against the text: texts that share
// only the start are not hits, even when hundreds of them are newer.
func TestSearchLongWords(t *testing.T) {
	w := newSessionWorld(t)
	db := w.db
	s := w.session(t, "2027-03-08", "09:30", 60)
	want, err := db.AddAgreement(ctx, s.ID, domain.AgreementInput{Text: "Kindertagesstättenbedarfsplanung prüfen"})
	if err != nil {
		t.Fatal(err)
	}
	wr := progWriter(t, db)
	// 300 newer agreements share the first 25 letters but not the word.
	if _, err := wr.Exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
		INSERT INTO agreements (session_id, text, created_at, updated_at)
		SELECT ?, 'Kindertagesstättenbedarfsermittlung ' || i, 'x', 'x' FROM n`, s.ID); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"kindertagesstättenbedarfsplanung", "KINDERTAGESSTAETTENBEDARFSPLAN", "kindertagesstattenbedarfsplan prüf"} {
		r := search(t, db, q)
		if len(r.Agreements.Hits) != 1 || r.Agreements.Hits[0].RefID != want.ID || r.Agreements.More {
			t.Errorf("%q: %v more=%v, want only %d", q, hitIDs(r.Agreements), r.Agreements.More, want.ID)
		}
	}
	if _, m := joined(search(t, db, "kindertagesstättenbedarfsplan").Agreements.Hits[0]); m != "[Kindertagesstättenbedarfsplan]" {
		t.Errorf("highlight %q", m)
	}
	r := search(t, db, "kindertagesstättenbedarfserm")
	if len(r.Agreements.Hits) != 10 || !r.Agreements.More || hasHit(r.Agreements, want.ID) {
		t.Errorf("near miss: %d hits, more=%v", len(r.Agreements.Hits), r.Agreements.More)
	}
	if r := search(t, db, "kindertagesstättenbedarfsplanungen"); len(r.Agreements.Hits) != 0 {
		t.Errorf("longer word matched: %v", hitIDs(r.Agreements))
	}
}

// Notes and agreements of a group session are found with the group's name
// as their title and no tandem.
func TestSearchGroupSessions(t *testing.T) {
	w := newGroupWorld(t)
	g := w.group(t, domain.GroupInput{Kind: domain.GroupSteering, Name: "Steuerungsgruppe ASD", MemberIDs: []int64{w.dora.ID, w.cem.ID}})
	s, err := w.db.CreateSession(ctx, groupSession(g, 0, "2027-02-03", "10:00"))
	if err != nil {
		t.Fatal(err)
	}
	note, err := w.db.SaveNote(ctx, s.ID, 0, domain.NoteInput{Text: "Protokoll: Bedarfsanalyse für Fachcontrolling besprochen"})
	if err != nil {
		t.Fatal(err)
	}
	ag, err := w.db.AddAgreement(ctx, s.ID, domain.AgreementInput{Text: "Fachcontrolling liefert Zahlen", OwnerID: w.dora.ID})
	if err != nil {
		t.Fatal(err)
	}
	r := search(t, w.db, "fachcontr")
	if len(r.Notes.Hits) != 1 || r.Notes.Hits[0].RefID != note.ID || r.Notes.Hits[0].Title != "Steuerungsgruppe ASD" ||
		r.Notes.Hits[0].TandemID != 0 || r.Notes.Hits[0].SessionID != s.ID {
		t.Errorf("note hits %+v", r.Notes.Hits)
	}
	if len(r.Agreements.Hits) != 1 || r.Agreements.Hits[0].RefID != ag.ID || r.Agreements.Hits[0].Title != "Steuerungsgruppe ASD" {
		t.Errorf("agreement hits %+v", r.Agreements.Hits)
	}
}
