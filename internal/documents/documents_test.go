package documents

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"tandem/internal/domain"
	"tandem/internal/wintest"
)

var issued = time.Date(2027, 9, 30, 14, 5, 0, 0, time.UTC)

func testLogo(t testing.TB) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 120, 60))
	for x := 0; x < 120; x++ {
		for y := 0; y < 60; y++ {
			img.Set(x, y, color.NRGBA{R: uint8(x * 2), G: 80, B: uint8(y * 4), A: 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func testOrg(t testing.TB, logo bool) Organisation {
	o := OrganisationFrom(domain.Organisation{
		Municipality: "Stadt Hilden", OfficeName: "Amt für Jugend, Schule und Sport",
		Street: "Am Rathaus 1", PostalCode: "40721", City: "Hilden",
		Phone: "02103 72-0", Email: "jugendamt@hilden.de",
		SignatoryName: "Dr. Jürgen Weiß", SignatoryFunction: "Leitung des Jugendamts",
	}, nil)
	if logo {
		o.Logo = testLogo(t)
	}
	return o
}

func testPlan() domain.Plan {
	return domain.Plan{
		NewcomerName: "Erika Müller-Lüdenscheidt", TemplateName: "ASD-Einarbeitung Hilden",
		StartDate: "2027-03-01", ProbationEnd: "2027-08-31",
		Phases: []domain.Phase{{Name: "Ankommen"}, {Name: "Vertiefung"}},
		Items: []domain.PlanItem{
			{Phase: 0, Title: "Ziele, Leitbild und Organisation der Stadt", StartDate: "2027-03-01", DueDate: "2027-03-14", ResponsibleName: "Jörg Schäfer", Status: domain.ItemDone},
			{Phase: 1, Title: "Hilfen zur Erziehung – Hilfeplanung nach § 36 SGB VIII", StartDate: "2027-03-15", DueDate: "2027-04-11", ResponsibleName: "Jörg Schäfer", Status: domain.ItemOpen},
			{Phase: 1, Title: "Kinderschutz: „Schutzauftrag“ nach § 8a SGB VIII", StartDate: "2027-04-12", DueDate: "2027-05-09", ResponsibleName: "Anna Groß", Status: domain.ItemInProgress, AdjustmentNote: "Verkürzt: Vorkenntnisse sicher (vorher bis 23.05.2027)"},
			{Phase: -1, Title: "Sozialraumarbeit", StartDate: "2027-05-10", DueDate: "2027-05-23", Status: domain.ItemDropped, AdjustmentNote: "Entfällt: Vorkenntnisse sicher"},
		},
	}
}

// pdfCheck writes the PDF, runs qpdf --check, pdfinfo, pdftotext and
// pdftoppm, and returns the page count and the text (-layout and -raw).
type pdfResult struct {
	pages  int
	info   string
	layout string
	raw    string
}

func checkPDF(t *testing.T, data []byte, title, subject string) pdfResult {
	t.Helper()
	wintest.LinuxTools(t, "qpdf", "pdfinfo", "pdftotext", "pdftoppm")
	for _, tool := range []string{"qpdf", "pdfinfo", "pdftotext", "pdftoppm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s not installed (apt-get install qpdf poppler-utils)", tool)
		}
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "doc.pdf")
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	run := func(name string, args ...string) string {
		t.Helper()
		out, err := exec.Command(name, args...).CombinedOutput()
		if err != nil {
			t.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
		return string(out)
	}
	if out := run("qpdf", "--check", file); !strings.Contains(out, "No syntax or stream encoding errors found") {
		t.Fatalf("qpdf --check:\n%s", out)
	}
	info := run("pdfinfo", file)
	// gofpdf writes the MediaBox with two decimals: 595.28 × 841.89 pt, which pdfinfo names A4
	if !regexp.MustCompile(`Page size:\s+595\.28? x 841\.89 pts \(A4\)`).MatchString(info) {
		t.Errorf("not A4:\n%s", info)
	}
	for _, want := range []string{"Title: " + title, "Subject: " + subject, "Author: Amt für Jugend, Schule und Sport, Stadt Hilden", "Creator: Tandem", "CreationDate: Thu Sep 30 14:05:00 2027"} {
		if !strings.Contains(pdfinfoSquash(info), want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(info)
	if m == nil {
		t.Fatalf("no page count:\n%s", info)
	}
	pages, _ := strconv.Atoi(m[1])
	if !bytes.Contains(data, []byte("/Lang (de-DE)")) {
		t.Error("catalog without /Lang (de-DE)")
	}
	layout := run("pdftotext", "-layout", file, "-")
	raw := run("pdftotext", "-raw", file, "-")
	for i, pg := range strings.Split(strings.TrimSuffix(layout, "\f"), "\f") {
		if want := "Seite " + strconv.Itoa(i+1) + " von " + strconv.Itoa(pages); !strings.Contains(pg, want) {
			t.Errorf("page %d lacks %q", i+1, want)
		}
	}
	run("pdftoppm", "-r", "50", "-png", file, filepath.Join(dir, "page"))
	pngs, _ := filepath.Glob(filepath.Join(dir, "page*.png"))
	if len(pngs) != pages {
		t.Errorf("pdftoppm made %d images for %d pages", len(pngs), pages)
	}
	if os.Getenv("DOCUMENTS_KEEP") != "" { // DOCUMENTS_KEEP=/tmp/x go test … keeps the files to look at
		keep := filepath.Join(os.Getenv("DOCUMENTS_KEEP"), strings.ReplaceAll(t.Name(), "/", "_"))
		_ = os.MkdirAll(keep, 0o755)
		_ = os.WriteFile(filepath.Join(keep, "doc.pdf"), data, 0o644)
		for _, p := range pngs {
			b, _ := os.ReadFile(p)
			_ = os.WriteFile(filepath.Join(keep, filepath.Base(p)), b, 0o644)
		}
	}
	return pdfResult{pages: pages, info: info, layout: body(layout), raw: body(raw)}
}

// body drops the page furniture (running head on pages after the first,
// "Seite x von y") so that text broken across pages reads as one; pages
// stay separated by a form feed.
func body(text string) string {
	pages := strings.Split(text, "\f")
	footer := regexp.MustCompile(`^\s*Seite \d+ von \d+\s*$`)
	for i, pg := range pages {
		var keep []string
		head := i > 0
		for _, l := range strings.Split(pg, "\n") {
			if head && strings.TrimSpace(l) != "" {
				head = false
				continue
			}
			if !footer.MatchString(l) {
				keep = append(keep, l)
			}
		}
		pages[i] = strings.Join(keep, "\n")
	}
	return strings.Join(pages, "\f")
}

// pdfinfoSquash aligns pdfinfo's output as "Key: value" lines.
func pdfinfoSquash(info string) string {
	return regexp.MustCompile(`(?m)^([A-Za-z ]+):\s+`).ReplaceAllString(info, "$1: ")
}

// squash drops all white space, so that text wrapped by the layout can be
// compared with its source.
func squash(s string) string { return strings.Join(strings.Fields(s), "") }

func wantText(t *testing.T, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(squash(text), squash(w)) {
			t.Errorf("text lacks %q", w)
		}
	}
}

func errKey(err error) string {
	var e *domain.Error
	if errors.As(err, &e) {
		return e.Key
	}
	return ""
}

func TestOnboardingPlan(t *testing.T) {
	data, err := OnboardingPlan(PlanDocFrom(testOrg(t, true), testPlan(), []string{"Jörg Schäfer", "Anna Groß"}, issued))
	if err != nil {
		t.Fatal(err)
	}
	r := checkPDF(t, data, "Einarbeitungsplan – Erika Müller-Lüdenscheidt", "Einarbeitungsplan")
	if r.pages != 1 {
		t.Errorf("pages = %d, want 1", r.pages)
	}
	wantText(t, r.layout, "Stadt Hilden", "Amt für Jugend, Schule und Sport", "Am Rathaus 1 · 40721 Hilden",
		"Einarbeitungsplan", "Erika Müller-Lüdenscheidt", "Jörg Schäfer, Anna Groß", "01.03.2027", "31.08.2027",
		"Ende der Probezeit", "Stand", "30.09.2027", "Verantwortlich", "Erledigt", "entfällt", "Unterschrift Mentor:in")
	wantText(t, r.raw, "Hilfen zur Erziehung – Hilfeplanung nach § 36 SGB VIII", "Kinderschutz: „Schutzauftrag“ nach § 8a SGB VIII",
		"Verkürzt: Vorkenntnisse sicher (vorher bis 23.05.2027)", "15.03.2027 – 11.04.2027")
}

func TestOnboardingPlanEmptyAndWithoutOrganisation(t *testing.T) {
	p := testPlan()
	p.Items = nil
	data, err := OnboardingPlan(PlanDocFrom(Organisation{}, p, nil, issued))
	if err != nil {
		t.Fatal(err)
	}
	// without an organisation the plan is still made, with Tandem as author
	file := filepath.Join(t.TempDir(), "p.pdf")
	_ = os.WriteFile(file, data, 0o600)
	wintest.LinuxTools(t, "qpdf", "pdftotext", "pdfinfo")
	if out, err := exec.Command("qpdf", "--check", file).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v %s", err, out)
	}
	text, _ := exec.Command("pdftotext", "-layout", file, "-").Output()
	wantText(t, string(text), "Dieser Plan enthält noch keine Themen.", "Mentor:innen", "Seite 1 von 1")
	info, _ := exec.Command("pdfinfo", file).Output()
	if !strings.Contains(pdfinfoSquash(string(info)), "Author: Tandem") {
		t.Errorf("author:\n%s", info)
	}

	if _, err := OnboardingPlan(PlanDoc{Org: testOrg(t, false), NewcomerName: "  "}); errKey(err) != "document.name.missing" {
		t.Errorf("no name: %v", err)
	}
}

func TestOnboardingPlanLongTableBreaksPages(t *testing.T) {
	p := testPlan()
	long := strings.Repeat("Überlänge-", 30) // 300 characters without a space
	p.NewcomerName = strings.Repeat("Ä", 300)
	for i := 0; i < 60; i++ {
		p.Items = append(p.Items, domain.PlanItem{Phase: i % 2, Title: "Thema " + strconv.Itoa(i) + " – Gefährdungseinschätzung §§ 8a, 8b SGB VIII",
			StartDate: "2027-06-01", DueDate: "2027-06-30", ResponsibleName: "Mentorin Nr. " + strconv.Itoa(i)})
	}
	p.Items = append(p.Items, domain.PlanItem{Phase: 0, Title: long, ResponsibleName: long, StartDate: "2027-07-01", DueDate: "2027-07-31"})
	data, err := OnboardingPlan(PlanDocFrom(testOrg(t, true), p, []string{long}, issued))
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := OnboardingPlan(PlanDocFrom(testOrg(t, true), p, []string{long}, issued)); !bytes.Equal(again, data) {
		t.Error("two renderings of the same plan differ")
	}
	r := checkPDF(t, data, "Einarbeitungsplan – "+p.NewcomerName, "Einarbeitungsplan")
	if r.pages < 3 {
		t.Errorf("pages = %d, want ≥ 3", r.pages)
	}
	for i, pg := range strings.Split(r.layout, "\f") {
		if strings.Contains(pg, "Mentorin Nr.") && !strings.Contains(pg, "Verantwortlich") {
			t.Errorf("page %d: table rows without the header", i+1)
		}
	}
	wantText(t, r.raw, p.NewcomerName, "Thema 59 – Gefährdungseinschätzung §§ 8a, 8b SGB VIII", "Mentorin Nr. 59")
	if strings.Count(squash(r.raw), squash(long)) < 3 { // mentors, title, responsible
		t.Errorf("the 300-character text is not printed completely three times")
	}
}

func TestConfirmation(t *testing.T) {
	tandem := domain.Tandem{MenteeName: "Zoë Weißgerber", RunName: "Einarbeitung 2027", StartDate: "2027-03-01", EndDate: "2027-09-30"}
	plan := testPlan()
	in := ConfirmationDocFrom(testOrg(t, true), tandem, "ASD-Einarbeitung Hilden", &plan, "2027-09-28", issued)
	in.Number = "JA-2027-0042"
	data, err := Confirmation(in)
	if err != nil {
		t.Fatal(err)
	}
	r := checkPDF(t, data, "Abschlussbestätigung – Zoë Weißgerber", "Abschlussbestätigung ASD-Einarbeitung Hilden")
	if r.pages != 1 {
		t.Errorf("pages = %d", r.pages)
	}
	wantText(t, r.layout, "Abschlussbestätigung", "Zoë Weißgerber",
		"Zoë Weißgerber hat vom 01.03.2027 bis zum 30.09.2027 am Programm „ASD-Einarbeitung Hilden“ teilgenommen.",
		"Abschlussgespräch am 28.09.2027 abgeschlossen", "Zeitraum", "01.03.2027 – 30.09.2027", "Registernummer", "JA-2027-0042",
		"Inhalte", "Ankommen", "Vertiefung", "Hilden, 30.09.2027", "Dr. Jürgen Weiß, Leitung des Jugendamts", "keine Bewertung")
	for _, bad := range []string{"Note:", "Punkte", "Bewertung:"} {
		if strings.Contains(r.layout, bad) {
			t.Errorf("confirmation prints %q", bad)
		}
	}

	// deterministic: the same input gives the same bytes
	again, _ := Confirmation(in)
	if !bytes.Equal(data, again) {
		t.Error("two renderings of the same confirmation differ")
	}
	in.Issued = issued.Add(time.Second)
	if later, _ := Confirmation(in); bytes.Equal(data, later) {
		t.Error("another issue time gives the same bytes")
	}
}

func TestConfirmationWording(t *testing.T) {
	in := ConfirmationDoc{Org: testOrg(t, false), Kind: Participation, Name: "Max Mustermann", Programme: "Mentoring 2027",
		StartDate: "2027-01-01", EndDate: "2027-12-31", Place: "Hilden-Nord", IssueDate: "2028-01-10", Issued: issued,
		Wording: "Hiermit bestätigen wir, dass {{ Name }} im Zeitraum {{zeitraum}} teilnahm. Ausgestellt in {{ort}} am {{datum}}."}
	data, err := Confirmation(in)
	if err != nil {
		t.Fatal(err)
	}
	r := checkPDF(t, data, "Teilnahmebestätigung – Max Mustermann", "Teilnahmebestätigung Mentoring 2027")
	wantText(t, r.layout, "Teilnahmebestätigung", "Hiermit bestätigen wir, dass Max Mustermann im Zeitraum 01.01.2027 – 31.12.2027 teilnahm. Ausgestellt in Hilden-Nord am 10.01.2028.")

	for wording, key := range map[string]string{
		"Liebe {{vorname}}":       "document.wording.placeholder.unknown",
		"Liebe {{name":            "document.wording.unclosed",
		"{{name {{ende}}":         "document.wording.unclosed",
		strings.Repeat("x", 5001): "document.wording.too_long",
	} {
		in.Wording = wording
		if _, err := Confirmation(in); errKey(err) != key {
			t.Errorf("%.30q: %v, want %s", wording, err, key)
		}
		if errKey(CheckWording(wording)) != key {
			t.Errorf("CheckWording(%.30q) != %s", wording, key)
		}
	}
	if _, err := RenderWording("Liebe {{vorname}}", nil); err == nil || !strings.Contains(err.(*domain.Error).Params["allowed"].(string), "{{name}}") {
		t.Errorf("unknown placeholder error does not list the allowed ones: %v", err)
	}
	if err := CheckWording(DefaultConfirmationWording); err != nil {
		t.Errorf("default wording: %v", err)
	}
	for key := range map[string]bool{"document.wording.placeholder.unknown": true, "document.wording.unclosed": true, "document.wording.too_long": true, "document.organisation.missing": true, "document.name.missing": true, "document.programme.missing": true, "document.number.invalid": true} {
		if MessagesDE[key] == "" {
			t.Errorf("no German message for %s", key)
		}
	}
}

func TestConfirmationBadInput(t *testing.T) {
	base := ConfirmationDoc{Org: testOrg(t, false), Name: "Max Mustermann", Programme: "Mentoring", Issued: issued}
	noOrg := base
	noOrg.Org = Organisation{City: "Hilden"}
	if _, err := Confirmation(noOrg); errKey(err) != "document.organisation.missing" {
		t.Errorf("no organisation: %v", err)
	}
	noName := base
	noName.Name = " \n"
	if _, err := Confirmation(noName); errKey(err) != "document.name.missing" {
		t.Errorf("no name: %v", err)
	}
	noProg := base
	noProg.Programme = ""
	if _, err := Confirmation(noProg); errKey(err) != "document.programme.missing" {
		t.Errorf("no programme: %v", err)
	}

	// emoji and right-to-left names: well-formed, Latin parts printed, no glyph-less characters
	odd := base
	odd.Name = "Ayşe 😀 Yılmaz محمد שרה 中文"
	odd.Covered = []string{"Phase 🚀 eins", strings.Repeat("😀", 300), strings.Repeat("محمد ", 60)}
	odd.Org.Logo = []byte("\x89PNG\r\n\x1a\nkaputt") // unreadable logo: left out
	data, err := Confirmation(odd)
	if err != nil {
		t.Fatal(err)
	}
	r := checkPDF(t, data, "Abschlussbestätigung – Ayşe � Yılmaz ���� ��� ��", "Abschlussbestätigung Mentoring")
	wantText(t, r.layout, "Ayşe", "Yılmaz", "Phase � eins")

	// 300-character name and programme
	long := base
	long.Name = strings.Repeat("Groß", 75)
	long.Programme = strings.Repeat("Programm ", 33) + "Ende"
	data, err = Confirmation(long)
	if err != nil {
		t.Fatal(err)
	}
	r = checkPDF(t, data, "Abschlussbestätigung – "+long.Name, "Abschlussbestätigung "+long.Programme)
	if strings.Count(squash(r.raw), squash(long.Name)) < 2 {
		t.Error("300-character name not printed completely")
	}
	if strings.Contains(r.layout, "Abschlussgespräch am") {
		t.Error("default wording speaks of a final talk that did not take place")
	}
}

func TestSessionMinutes(t *testing.T) {
	secret := "Vertraulich: private Belastung der Mentee, bitte nicht weitergeben."
	long := strings.Repeat("Fallbesprechung mit Jugendhilfeträger – Schutzkonzept nach § 8a SGB VIII geprüft, Rückmeldung folgt. ", 50)[:5000]
	s := domain.Session{
		Date: "2027-04-15", StartTime: "09:30", DurationMinutes: 90, Place: "Raum 2.14, Rathaus",
		Participants: []domain.Attendance{{Name: "Jörg Schäfer", Present: true}, {Name: "Erika Müller", Present: true}, {Name: "Anna Groß", Present: false}, {Name: "שרה כהן", Present: true}, {Name: "محمد 😀 Al-Sayed", Present: true}},
		Notes: []domain.Note{
			{Text: "Erste Fallübernahme besprochen: „Familie K.“ – Übergabe zum 01.05.2027."},
			{Text: secret, Confidential: true},
			{Text: long},
		},
		Agreements: []domain.Agreement{
			{Text: "Hilfeplan nach § 36 SGB VIII vorbereiten", OwnerName: "Erika Müller", DueDate: "2027-04-30"},
			{Text: "Hospitation im Sozialraumteam", OwnerName: "Jörg Schäfer", Done: true},
			{Text: long, OwnerName: strings.Repeat("Ö", 300), DueDate: "2027-05-31"},
		},
	}
	var steps []string
	for i := 1; len(strings.Join(steps, " ")) < 5000; i++ {
		steps = append(steps, "Schritt "+strconv.Itoa(i)+": Rücksprache mit dem Träger;")
	}
	s.Agreements = append(s.Agreements, domain.Agreement{Text: strings.Join(steps, " "), OwnerName: "Team Süd"})
	topics := []string{"Hilfen zur Erziehung – Hilfeplanung nach § 36 SGB VIII", "Kinderschutz nach § 8a SGB VIII"}
	data, err := SessionMinutes(MinutesDocFrom(testOrg(t, true), "Tandem Erika Müller", s, topics, false, issued))
	if err != nil {
		t.Fatal(err)
	}
	r := checkPDF(t, data, "Gesprächsprotokoll vom 15.04.2027 – Tandem Erika Müller", "Gesprächsprotokoll")
	if r.pages < 3 {
		t.Errorf("pages = %d, want ≥ 3", r.pages)
	}
	wantText(t, r.layout, "Gesprächsprotokoll vom 15.04.2027", "15.04.2027, 09:30 Uhr (90 Minuten)", "Raum 2.14, Rathaus",
		"Jörg Schäfer, Erika Müller, ��� ���, ���� � Al-Sayed", "Entschuldigt", "Anna Groß", "Kinderschutz nach § 8a SGB VIII",
		"Erste Fallübernahme besprochen: „Familie K.“ – Übergabe zum 01.05.2027.", long)
	wantText(t, r.raw, "Hilfeplan nach § 36 SGB VIII vorbereiten", "30.04.2027")
	// a table row longer than a page continues on the next: every part is there
	// (the repeated table header and the other cells of the row's first part
	// stand between the parts)
	rowText := strings.NewReplacer("Vereinbarung Wer Bis Erledigt\n", "", "Team Süd\n", "").Replace(r.raw)
	for i := range steps {
		wantText(t, rowText, strconv.Itoa(i+1)+": Rücksprache mit dem Träger;")

	}
	if n := strings.Count(r.raw, "Schritt"); n != len(steps) {
		t.Errorf("%d of %d steps printed", n, len(steps))
	}
	if n := strings.Count(r.raw, "Ö"); n < 300 {
		t.Errorf("300-character owner: %d of 300 printed", n)
	}
	for _, text := range []string{r.layout, r.raw} {
		if strings.Contains(squash(text), squash(secret)) || strings.Contains(text, "vertraulich") {
			t.Error("confidential note printed without IncludeConfidential")
		}
	}
	if bytes.Contains(data, []byte("Belastung")) {
		t.Error("confidential text in the PDF bytes")
	}

	data, err = SessionMinutes(MinutesDocFrom(testOrg(t, true), "Tandem Erika Müller", s, topics, true, issued))
	if err != nil {
		t.Fatal(err)
	}
	r = checkPDF(t, data, "Gesprächsprotokoll vom 15.04.2027 – Tandem Erika Müller", "Gesprächsprotokoll")
	wantText(t, r.layout, "Enthält vertrauliche Notizen – nicht weitergeben.", "vertraulich", secret)
}

func TestCertificate(t *testing.T) {
	in := CertificateDoc{
		Org: testOrg(t, true), Number: "JA-2027-0042", Name: "Lena Köhler", Course: "Professionelles Management im ASD",
		StartDate: "2027-01-15", EndDate: "2027-09-24", PracticeProject: "Einführung einer Fallübergabe-Checkliste im ASD Süd",
		Modules: []CertificateModule{
			{Title: "Führen im ASD – Rolle und Auftrag", Date: "2027-01-15", Speaker: "Prof. Dr. Müßig"},
			{Title: "Rechtliche Grundlagen: §§ 8a, 36 SGB VIII", Date: "2027-03-12", Speaker: "Renate Öztürk"},
		},
		Issued: issued,
	}
	data, err := Certificate(in)
	if err != nil {
		t.Fatal(err)
	}
	r := checkPDF(t, data, "Zertifikat – Lena Köhler", "Zertifikat Professionelles Management im ASD")
	wantText(t, r.layout, "Zertifikat", "Lena Köhler", "den Zertifikatskurs „Professionelles Management im ASD“ im Zeitraum 15.01.2027 – 24.09.2027 erfolgreich abgeschlossen hat.",
		"Praxisprojekt", "Einführung einer Fallübergabe-Checkliste im ASD Süd", "Registernummer", "JA-2027-0042", "Hilden, 30.09.2027")
	wantText(t, r.raw, "Rechtliche Grundlagen: §§ 8a, 36 SGB VIII", "12.03.2027", "Renate Öztürk", "Prof. Dr. Müßig")
	// A course whose name says what it is is not named twice.
	named := in
	named.Course = "Zertifikatskurs Professionelles Management im ASD"
	data, err = Certificate(named)
	if err != nil {
		t.Fatal(err)
	}
	r = checkPDF(t, data, "Zertifikat – Lena Köhler", "Zertifikat "+named.Course)
	wantText(t, r.layout, "den „Zertifikatskurs Professionelles Management im ASD“ im Zeitraum")
	if strings.Contains(squash(r.layout), squash("Zertifikatskurs „Zertifikatskurs")) {
		t.Error("course kind repeated before its name")
	}
	// A period ending after the date of issue is not certified.
	late := in
	late.EndDate = "2027-12-31"
	if _, err := Certificate(late); errKey(err) != "document.certificate.period_after_issue" {
		t.Errorf("period after issue: %v", err)
	}
	in.Number = "42"
	if _, err := Certificate(in); errKey(err) != "document.number.invalid" {
		t.Errorf("bad number: %v", err)
	}
}

func TestLogos(t *testing.T) {
	// a JPEG and a 16-bit PNG (gofpdf cannot read the latter; PrepareLogo converts it)
	img16 := image.NewNRGBA64(image.Rect(0, 0, 40, 80))
	for x := 0; x < 40; x++ {
		for y := 0; y < 80; y++ {
			img16.Set(x, y, color.NRGBA64{R: uint16(x * 1000), G: 9000, B: uint16(y * 500), A: 0xFFFF})
		}
	}
	var png16, jpg bytes.Buffer
	_ = png.Encode(&png16, img16)
	_ = jpeg.Encode(&jpg, img16, nil)
	if logoKind(png16.Bytes()) != "" {
		t.Fatal("16-bit PNG should need converting")
	}
	conv, err := PrepareLogo(png16.Bytes())
	if err != nil || logoKind(conv) != "PNG" {
		t.Fatalf("PrepareLogo: %v %q", err, logoKind(conv))
	}
	// a transparent PNG keeps its alpha channel
	rgbaImg := image.NewNRGBA(image.Rect(0, 0, 10, 10))
	for i := range rgbaImg.Pix {
		rgbaImg.Pix[i] = 255
	}
	rgbaImg.Pix[3] = 0
	var transparent bytes.Buffer
	_ = png.Encode(&transparent, rgbaImg)
	if transparent.Bytes()[25] != 6 {
		t.Fatal("test image should have an alpha channel")
	}
	if got, _ := PrepareLogo(transparent.Bytes()); !bytes.Equal(got, transparent.Bytes()) {
		t.Error("a transparent logo was changed")
	}
	if _, err := PrepareLogo([]byte("GIF89a")); errKey(err) != "logo.type" {
		t.Errorf("PrepareLogo(gif): %v", err)
	}
	for name, logo := range map[string][]byte{"jpeg": jpg.Bytes(), "png16-converted": conv, "png16-raw": png16.Bytes(), "png-alpha": transparent.Bytes()} {
		t.Run(name, func(t *testing.T) {
			o := testOrg(t, false)
			o.Logo = logo
			data, err := Confirmation(ConfirmationDoc{Org: o, Name: "Max Mustermann", Programme: "Mentoring", Issued: issued})
			if err != nil {
				t.Fatal(err)
			}
			r := checkPDF(t, data, "Abschlussbestätigung – Max Mustermann", "Abschlussbestätigung Mentoring")
			wantText(t, r.layout, "Stadt Hilden")
			hasImage := bytes.Contains(data, []byte("/Subtype /Image"))
			if hasImage != (name != "png16-raw") {
				t.Errorf("image embedded = %v", hasImage)
			}
		})
	}
}

func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"Ärger „gut“ – § 8a € ß": "Ärger „gut“ – § 8a € ß",
		"e\u0301":                "é", // NFC
		"a\tb\x00c\u200Fd\u00AD": "a bcd",
		"😀":                      "\uFFFD",
		"Пётр Ωmega":             "Пётр Ωmega",
	} {
		if got := clean(in, false); got != want {
			t.Errorf("clean(%q) = %q, want %q", in, got, want)
		}
	}
	if got := clean("a\r\nb", true); got != "a\nb" {
		t.Errorf("multiline: %q", got)
	}
	if len(coverage()) < 500 {
		t.Errorf("font covers only %d characters", len(coverage()))
	}
}

// Confirmations puts each letter on its own page with the letterhead, not
// the running head, and words a letter without final talk like Confirmation.
func TestConfirmationsBatch(t *testing.T) {
	org := testOrg(t, true)
	withTalk := ConfirmationDocFrom(org, domain.Tandem{MenteeName: "Zoë Weißgerber", StartDate: "2027-03-01", EndDate: "2027-09-30"}, "ASD-Einarbeitung", nil, "2027-09-28", issued)
	noTalk := ConfirmationDocFrom(org, domain.Tandem{MenteeName: "Jörg Maaß", StartDate: "2027-03-01", EndDate: "2027-09-30"}, "ASD-Einarbeitung", nil, "", issued)
	data, err := Confirmations([]ConfirmationDoc{withTalk, noTalk}, "Abschlussbestätigungen 2027", issued)
	if err != nil {
		t.Fatal(err)
	}
	r := checkPDF(t, data, "Abschlussbestätigungen 2027", "Abschlussbestätigungen 2027")
	if r.pages != 2 {
		t.Fatalf("pages = %d", r.pages)
	}
	file := filepath.Join(t.TempDir(), "batch.pdf")
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-f", "2", "-l", "2", "-layout", file, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	second := string(out)
	wantText(t, second, "Jörg Maaß", "Stadt Hilden")
	if strings.Contains(second, "· Abschlussbestätigungen 2027") {
		t.Errorf("second letter carries the running head:\n%s", second)
	}
	single, err := Confirmation(noTalk)
	if err != nil {
		t.Fatal(err)
	}
	alone := checkPDF(t, single, "Abschlussbestätigung – Jörg Maaß", "Abschlussbestätigung ASD-Einarbeitung")
	if squash(body(second)) != squash(alone.layout) {
		t.Errorf("batch letter differs from the single one:\n%s\n---\n%s", body(second), alone.layout)
	}
}

// ConfirmationFiles keeps the order of its inputs, stops when asked and
// reports the first bad input.
func TestConfirmationFiles(t *testing.T) {
	org := testOrg(t, false)
	var ins []ConfirmationDoc
	for _, n := range []string{"Anna Ähre", "Bernd Öz", "Cläre Uß", "Dörte Ü", "Emil Ä"} {
		ins = append(ins, ConfirmationDocFrom(org, domain.Tandem{MenteeName: n, StartDate: "2027-03-01", EndDate: "2027-09-30"}, "ASD", nil, "2027-09-28", issued))
	}
	out, stopped, err := ConfirmationFiles(ins, nil)
	if err != nil || stopped || len(out) != len(ins) {
		t.Fatalf("%d files, stopped %v, %v", len(out), stopped, err)
	}
	for i, pdf := range out {
		single, _ := Confirmation(ins[i])
		if !bytes.Equal(pdf, single) {
			t.Errorf("file %d is not the confirmation of %s", i, ins[i].Name)
		}
	}
	calls := 0
	var mu sync.Mutex
	out, stopped, err = ConfirmationFiles(ins, func() bool { mu.Lock(); defer mu.Unlock(); calls++; return calls > 2 })
	if err != nil || !stopped || len(out) >= len(ins) {
		t.Errorf("stop: %d files, stopped %v, %v", len(out), stopped, err)
	}
	ins[3].Name = ""
	if _, _, err := ConfirmationFiles(ins, nil); errKey(err) != "document.name.missing" {
		t.Errorf("bad input: %v", err)
	}
}
