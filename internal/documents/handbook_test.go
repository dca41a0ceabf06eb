package documents

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"tandem/internal/domain"
)

func testHandbook(t testing.TB, topics int) HandbookDoc {
	p := testPlan()
	for i := 0; len(p.Items) < topics; i++ {
		it := p.Items[i%4]
		it.Title = fmt.Sprintf("Zusatzthema %d: Zusammenarbeit mit Trägern und Schulen", i+1)
		p.Items = append(p.Items, it)
	}
	for i := range p.Items {
		p.Items[i].Description = "Grundlagen, Zuständigkeiten und Abläufe im Allgemeinen Sozialen Dienst. " +
			strings.Repeat("Die neue Fachkraft lernt die Verfahren kennen und begleitet Gespräche. ", 3)
		p.Items[i].LegalReference = "§ 36 SGB VIII; § 8a SGB VIII"
		p.Items[i].Checklist = []string{"Akte lesen", "Hospitation im Hilfeplangespräch", "Gespräch mit „Team Süd“ führen"}
	}
	contacts := []Contact{
		{Role: "Mentor:in", Name: "Jörg Schäfer", Department: "ASD Nord", Phone: "02103 72-101", Email: "j.schaefer@hilden.de"},
		{Role: "Mentor:in", Name: "Anna Groß", Department: "ASD Süd"},
		{Role: "Sachgebietsleitung", Name: "Petra Weiß"},
		{Role: "Amtsleitung", Name: "Dr. Jürgen Weiß"},
	}
	return HandbookDocFrom(testOrg(t, true), p, contacts, "", issued)
}

// tocPages parses the table of contents (pages 2… of the -layout text):
// "4.2 Title ..... 12" → number → page.
func tocLines(t *testing.T, layout string) map[string]int {
	out := map[string]int{}
	re := regexp.MustCompile(`^\s*(\d+(?:\.\d+)?)\s+(.*?)[\s.·]*\s(\d+)\s*$`)
	for _, pg := range strings.Split(layout, "\f")[1:] {
		if !strings.Contains(pg, "Inhalt") && len(out) == 0 {
			break
		}
		found := false
		for _, l := range strings.Split(pg, "\n") {
			if m := re.FindStringSubmatch(l); m != nil {
				n, _ := strconv.Atoi(m[3])
				out[m[1]] = n
				found = true
			}
		}
		if !found {
			break
		}
	}
	return out
}

func pageText(t *testing.T, file string, page int) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", "-f", strconv.Itoa(page), "-l", strconv.Itoa(page), file, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	return string(out)
}

func TestHandbook(t *testing.T) {
	in := testHandbook(t, 24)
	data, err := Handbook(in)
	if err != nil {
		t.Fatal(err)
	}
	r := checkPDF(t, data, "Einarbeitungshandbuch – Erika Müller-Lüdenscheidt", "Einarbeitungshandbuch")
	if r.pages < 30 || r.pages > 80 {
		t.Errorf("pages = %d, want 30–80", r.pages)
	}
	wantText(t, r.layout, "Einarbeitungshandbuch", "Erika Müller-Lüdenscheidt", "ASD-Einarbeitung Hilden", "Beginn: 01.03.2027",
		"Inhalt", "1 Willkommen", "2 Organisation und Ansprechpersonen", "3 Ihr Einarbeitungsplan", "5 Eigene Notizen",
		"Guten Tag Erika Müller-Lüdenscheidt,", "herzlich willkommen im Amt für Jugend, Schule und Sport (Stadt Hilden)",
		"Ihre Ansprechpersonen", "Jörg Schäfer", "Sachgebietsleitung", "Petra Weiß", "Amtsleitung", "j.schaefer@hilden.de",
		"Themen und Termine", "Rechtliche Grundlagen", "§ 36 SGB VIII; § 8a SGB VIII", "Checkliste", "Gespräch mit „Team Süd“ führen",
		"Notizen", "Phasen", "Ankommen")
	wantText(t, r.raw, "Kinderschutz: „Schutzauftrag“ nach § 8a SGB VIII")
	if strings.Contains(r.raw, "☐") {
		t.Error("checklist boxes must be drawn, not glyphs")
	}

	// the page numbers of the table of contents are where the chapters start
	file := filepath.Join(t.TempDir(), "h.pdf")
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	layout, _ := exec.Command("pdftotext", "-layout", file, "-").Output()
	toc := tocLines(t, string(layout))
	if len(toc) != 5+len(in.Items) {
		t.Fatalf("table of contents has %d entries, want %d: %v", len(toc), 5+len(in.Items), toc)
	}
	titles := map[string]string{"1": "Willkommen", "2": "Organisation und Ansprechpersonen", "3": "Ihr Einarbeitungsplan",
		"4": "Themen der Einarbeitung", "5": "Eigene Notizen"}
	for i, it := range in.Items {
		titles["4."+strconv.Itoa(i+1)] = it.Title
	}
	for num, page := range toc {
		text := pageText(t, file, page)
		head := squash(num + " " + titles[num])
		if !strings.Contains(squash(text), head) {
			t.Errorf("TOC says %s %q starts on page %d; that page reads:\n%.300s", num, titles[num], page, text)
		}
	}
	if toc["5"] >= r.pages-DefaultNotePages+2 || toc["1"] != 3 {
		t.Errorf("chapters at %v of %d pages", toc, r.pages)
	}
	// a link annotation per TOC line
	if n := strings.Count(string(data), "/Subtype /Link"); n < len(toc) {
		t.Errorf("%d links, want %d", n, len(toc))
	}
}

func TestHandbookBadInput(t *testing.T) {
	in := testHandbook(t, 4)
	in.NewcomerName = strings.Repeat("Maximiliane-Ægidia ", 16) + "👩‍💻 محمد"
	in.Items[1].Description = strings.Repeat("Sehr lange Beschreibung mit Umlauten äöü ß. ", 120) // ~5,000 characters
	in.Items[1].Title = strings.Repeat("Überlanger Titel ", 20)
	in.Welcome = "Hallo {{name}}, willkommen in {{ort}} am {{datum}}."
	data, err := Handbook(in)
	if err != nil {
		t.Fatal(err)
	}
	r := checkPDF(t, data, "Einarbeitungshandbuch – "+oneLine(in.NewcomerName), "Einarbeitungshandbuch")
	wantText(t, r.raw, "willkommen in Hilden am 30.09.2027", "Sehr lange Beschreibung mit Umlauten äöü ß.")

	// empty plan, no contacts
	in = testHandbook(t, 0)
	in.Items, in.Contacts, in.Phases = nil, nil, nil
	data, err = Handbook(in)
	if err != nil {
		t.Fatal(err)
	}
	r = checkPDF(t, data, "Einarbeitungshandbuch – Erika Müller-Lüdenscheidt", "Einarbeitungshandbuch")
	wantText(t, r.layout, "Dieser Plan enthält noch keine Themen.", "Es sind noch keine Ansprechpersonen eingetragen.")

	for _, c := range []struct {
		change func(*HandbookDoc)
		key    string
	}{
		{func(d *HandbookDoc) { d.Org = Organisation{} }, "document.organisation.missing"},
		{func(d *HandbookDoc) { d.NewcomerName = " " }, "document.name.missing"},
		{func(d *HandbookDoc) { d.Welcome = "Hallo {{vorname}}" }, "document.wording.placeholder.unknown"},
	} {
		in := testHandbook(t, 2)
		c.change(&in)
		if _, err := Handbook(in); errKey(err) != c.key {
			t.Errorf("%s: got %v", c.key, err)
		}
	}
}

// BenchmarkHandbook60: a handbook of about 60 pages (goal ≤ 300 ms).
func BenchmarkHandbook60(b *testing.B) {
	in := testHandbook(b, 50)
	data, err := Handbook(in)
	if err != nil {
		b.Fatal(err)
	}
	pages := strings.Count(string(data), "/Type /Page\n")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Handbook(in); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/1e6/float64(b.N), "ms/op")
	b.ReportMetric(float64(pages), "pages")
}

var _ = domain.ItemDone
