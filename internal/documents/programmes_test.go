package documents

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"tandem/internal/domain"
	"tandem/internal/wintest"
)

var keptPDFs int // DOCUMENTS_KEEP: numbers the files kept

// pdfPages returns the text of each page (pdftotext -layout -f N -l N).
func pdfPages(t *testing.T, data []byte) []string {
	t.Helper()
	wintest.LinuxTools(t, "pdfinfo", "pdftotext")
	file := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdfinfo", file).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	var n int
	for _, l := range strings.Split(string(out), "\n") {
		if f := strings.Fields(l); len(f) == 2 && f[0] == "Pages:" {
			n, _ = strconv.Atoi(f[1])
		}
	}
	pages := make([]string, n)
	for i := range pages {
		pages[i] = pageText(t, file, i+1)
	}
	if dir := os.Getenv("DOCUMENTS_KEEP"); dir != "" {
		keptPDFs++
		_ = os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%03d.pdf", strings.ReplaceAll(t.Name(), "/", "_"), keptPDFs)), data, 0o644)
	}
	return pages
}

// programmeNames are the names of the shipped templates of each kind.
var programmeNames = map[domain.TemplateKind]string{
	domain.KindOnboarding:          "Einarbeitung ASD",
	domain.KindLeadershipMentoring: "Mentoring für künftige Führungskräfte",
	domain.KindCertificateCourse:   "Zertifikatskurs Professionelles Management im ASD",
	domain.KindLearningPath:        "Lernpfad Führung / Change",
	domain.KindSecondment:          "Personalbereitstellung",
}

// neutralPlan is a plan whose own texts never say „Einarbeitung“, so that
// every such word in a document is the document's own wording.
func neutralPlan(kind domain.TemplateKind) domain.Plan {
	return domain.Plan{
		NewcomerName: "Lukas Weiß", TemplateName: programmeNames[kind], StartDate: "2027-03-01",
		Phases: []domain.Phase{{Name: "Kennenlernen und Ziele"}, {Name: "Vertiefung und Reflexion"}},
		Items: []domain.PlanItem{
			{Phase: 0, Title: "Ziele vereinbaren", StartDate: "2027-03-01", DueDate: "2027-03-14", ResponsibleName: "Jörg Schäfer", Status: domain.ItemDone},
			{Phase: 1, Title: "Stakeholder-Landkarte erstellen", StartDate: "2027-04-01", DueDate: "2027-05-09", ResponsibleName: "Anna Groß", Status: domain.ItemOpen},
		},
	}
}

// TestWordingPerProgrammeKind renders every document for every programme
// kind, with and without a plan, and reads the wording back: nothing
// speaks of an onboarding that was none, nothing refers to a list that is
// not printed, and the person is addressed by the recorded salutation.
func TestWordingPerProgrammeKind(t *testing.T) {
	org := testOrg(t, false)
	for _, kind := range domain.TemplateKinds {
		for _, withPlan := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s/plan=%v", kind, withPlan), func(t *testing.T) {
				var plan *domain.Plan
				if withPlan {
					p := neutralPlan(kind)
					plan = &p
				}
				check := func(doc, text string) {
					t.Helper()
					flat := strings.Join(strings.Fields(text), " ")
					if kind != domain.KindOnboarding && strings.Contains(flat, "Einarbeitung") {
						t.Errorf("%s speaks of „Einarbeitung“:\n%s", doc, text)
					}
					if strings.Contains(flat, "unten aufgeführten") && !strings.Contains(flat, "Inhalte") {
						t.Errorf("%s refers to a list that is not printed:\n%s", doc, text)
					}
					if strings.Contains(flat, "Liebe:r") {
						t.Errorf("%s addresses the person as „Liebe:r“", doc)
					}
				}
				tandem := domain.Tandem{Kind: kind, MenteeName: "Lukas Weiß", RunName: "Durchgang 2027", StartDate: "2027-03-01", EndDate: "2027-09-24"}
				for _, talk := range []string{"2027-09-24", ""} {
					in := ConfirmationDocFrom(org, tandem, programmeNames[kind], plan, talk, issued)
					data, err := Confirmation(in)
					if err != nil {
						t.Fatal(err)
					}
					text := strings.Join(pdfPages(t, data), "\f")
					check("confirmation", text)
					flat := strings.Join(strings.Fields(text), " ")
					if withPlan != strings.Contains(flat, "Die Teilnahme umfasste die unten aufgeführten Inhalte.") ||
						withPlan != strings.Contains(flat, "Kennenlernen und Ziele") {
						t.Errorf("confirmation (plan %v): list sentence and list disagree:\n%s", withPlan, text)
					}
					if (talk != "") != strings.Contains(flat, "mit dem Abschlussgespräch am 24.09.2027 abgeschlossen") {
						t.Errorf("confirmation (talk %q): final talk sentence wrong:\n%s", talk, text)
					}
				}
				minutes := MinutesDoc{Org: org, Subject: "Tandem Lukas Weiß", Date: "2027-04-15", Issued: issued}
				if withPlan {
					minutes.Plan = PlanName(kind)
				}
				data, err := SessionMinutes(minutes)
				if err != nil {
					t.Fatal(err)
				}
				text := strings.Join(pdfPages(t, data), "\f")
				check("minutes", text)
				if withPlan != strings.Contains(text, "Themen") {
					t.Errorf("minutes (plan %v): topics section wrong:\n%s", withPlan, text)
				}
				if !strings.Contains(text, "Gesprächsprotokoll vom 15.04.2027") {
					t.Errorf("minutes title:\n%s", text)
				}
				if kind == domain.KindCertificateCourse {
					data, err := Certificate(CertificateDoc{Org: org, Number: "JA-2027-0042", Name: "Lukas Weiß", Course: programmeNames[kind],
						StartDate: "2027-01-15", EndDate: "2027-09-24", Issued: issued,
						Modules: []CertificateModule{{Title: "Modul 1: Auftakt", Date: "2027-01-15", Speaker: "Kursleitung"}}})
					if err != nil {
						t.Fatal(err)
					}
					text := strings.Join(strings.Fields(strings.Join(pdfPages(t, data), " ")), " ")
					if strings.Contains(text, "Zertifikatskurs „Zertifikatskurs") || !strings.Contains(text, "den „Zertifikatskurs Professionelles Management im ASD“") {
						t.Errorf("certificate names the course wrongly:\n%s", text)
					}
				}
				if !withPlan {
					return // plan and handbook exist only with a plan
				}
				data, err = OnboardingPlan(PlanDocFrom(org, *plan, []string{"Jörg Schäfer"}, issued).withKind(kind))
				if err != nil {
					t.Fatal(err)
				}
				text = strings.Join(pdfPages(t, data), "\f")
				check("plan", text)
				if !strings.Contains(text, textsFor(kind).plan) {
					t.Errorf("plan not titled %q:\n%s", textsFor(kind).plan, text)
				}
				hb := HandbookDocFrom(org, *plan, nil, "", issued)
				hb.ProgrammeKind, hb.Salutation, hb.LastName = kind, "Herr", "Weiß"
				data, err = Handbook(hb)
				if err != nil {
					t.Fatal(err)
				}
				text = strings.Join(pdfPages(t, data), "\f")
				check("handbook", text)
				if !strings.Contains(text, "Lieber Herr Weiß,") {
					t.Errorf("handbook does not address „Lieber Herr Weiß“:\n%.600s", text)
				}
			})
		}
	}
}

func (in PlanDoc) withKind(kind domain.TemplateKind) PlanDoc {
	in.ProgrammeKind = kind
	return in
}

// TestGroupMinutesTitles: the minutes of every group kind are titled for
// the group and never speak of a plan the group does not have.
func TestGroupMinutesTitles(t *testing.T) {
	for _, kind := range domain.GroupKinds {
		data, err := SessionMinutes(MinutesDoc{Org: testOrg(t, false), GroupKind: kind, Subject: "Gruppe", Date: "2027-04-15", Issued: issued})
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(strings.Fields(strings.Join(pdfPages(t, data), " ")), " ")
		if !strings.Contains(text, MinutesTitle(kind)+" vom 15.04.2027") || strings.Contains(text, "Gesprächsprotokoll") {
			t.Errorf("%s: title wrong:\n%s", kind, text)
		}
		if strings.Contains(text, "Einarbeitungsplan") || strings.Contains(text, "Themen") {
			t.Errorf("%s: speaks of plan topics:\n%s", kind, text)
		}
	}
	if MinutesTitle(domain.GroupSteering) != "Protokoll der Steuerungsgruppe" {
		t.Error(MinutesTitle(domain.GroupSteering))
	}
}

// TestSalutation: by the recorded salutation, neutral without one.
func TestSalutation(t *testing.T) {
	for _, c := range [][4]string{
		{"Herr", "Weiß", "Lukas Weiß", "Lieber Herr Weiß"},
		{"Frau", "Groß", "Anna Groß", "Liebe Frau Groß"},
		{"", "Weiß", "Lukas Weiß", "Guten Tag Lukas Weiß"},
		{"Herr", "", "Lukas", "Guten Tag Lukas"},
	} {
		if got := Salutation(c[0], c[1], c[2]); got != c[3] {
			t.Errorf("Salutation(%q, %q, %q) = %q, want %q", c[0], c[1], c[2], got, c[3])
		}
	}
}

// TestSignatureNeverAlone: however many modules and however long their
// titles, the page with the signature also holds the sentence it signs;
// so does the confirmation's with a long list of contents.
func TestSignatureNeverAlone(t *testing.T) {
	signer := "Dr. Jürgen Weiß, Leitung des Jugendamts"
	for _, n := range []int{9, 10, 12, 20, 40} {
		for _, long := range []bool{false, true} {
			in := CertificateDoc{Org: testOrg(t, true), Number: "JA-2027-0042", Name: "Lena Köhler",
				Course: "Zertifikatskurs Professionelles Management im ASD", StartDate: "2027-01-15", EndDate: "2027-09-24",
				PracticeProject: "Einführung einer Fallübergabe-Checkliste im ASD Süd", Issued: issued}
			for i := range n {
				title := fmt.Sprintf("Modul %d: Kinderschutz als Leitungsaufgabe", i+1)
				if long {
					title += " – Verfahrensstandards, Fallverantwortung, Vier-Augen-Prinzip und Umgang mit öffentlicher Aufmerksamkeit"
				}
				in.Modules = append(in.Modules, CertificateModule{Title: title, Date: "2027-03-12", Speaker: "Fachberatung Kinderschutz eines Landesjugendamts"})
			}
			data, err := Certificate(in)
			if err != nil {
				t.Fatal(err)
			}
			pages := pdfPages(t, data)
			for i, pg := range pages {
				flat := strings.Join(strings.Fields(pg), " ")
				if strings.Contains(flat, signer) && !strings.Contains(flat, "erfolgreich abgeschlossen") {
					t.Errorf("%d modules (long %v): the signature on page %d of %d stands without the text it signs:\n%s", n, long, i+1, len(pages), pg)
				}
			}
			if n <= 10 && !long && len(pages) != 1 {
				t.Errorf("%d short modules take %d pages, want 1", n, len(pages))
			}
		}
	}
	conf := ConfirmationDoc{Org: testOrg(t, true), Name: "Lukas Weiß", Programme: "Einarbeitung ASD", ProgrammeKind: domain.KindOnboarding,
		StartDate: "2027-03-01", EndDate: "2027-09-24", FinalTalkDate: "2027-09-24", Issued: issued}
	for lines := 20; lines <= 60; lines += 2 {
		conf.Covered = nil
		for i := range lines {
			conf.Covered = append(conf.Covered, fmt.Sprintf("Thema %d", i+1))
		}
		data, err := Confirmation(conf)
		if err != nil {
			t.Fatal(err)
		}
		for i, pg := range pdfPages(t, data) {
			if flat := strings.Join(strings.Fields(pg), " "); strings.Contains(flat, signer) && !strings.Contains(flat, "– Thema") {
				t.Errorf("confirmation with %d topics: the signature on page %d stands alone:\n%s", lines, i+1, pg)
			}
		}
	}
}
