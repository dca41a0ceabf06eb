package documents

import (
	"strconv"
	"time"

	"tandem/internal/domain"
)

// PlanDoc is the input of the Einarbeitungsplan.
type PlanDoc struct {
	Org          Organisation
	NewcomerName string
	Programme    string // template name
	// ProgrammeKind names the plan: Einarbeitungsplan, Mentoringplan … ("" = onboarding)
	ProgrammeKind domain.TemplateKind
	Mentors       []string // names of the tandem's mentors; none: "–"
	StartDate     string   // ISO
	ProbationEnd  string   // ISO or ""
	Items         []PlanDocItem
	Issued        time.Time // the caller's clock: print date and PDF dates
}

// PlanDocItem is one row of the plan's table.
type PlanDocItem struct {
	Phase       string
	Title       string
	Note        string // adjustment note ("Verkürzt: …", "Entfällt: …")
	StartDate   string // ISO
	DueDate     string // ISO
	Responsible string
	Status      domain.PlanItemStatus
}

// PlanDocFrom builds the input from a stored plan and the names of the
// tandem's mentors.
func PlanDocFrom(org Organisation, p domain.Plan, mentors []string, issued time.Time) PlanDoc {
	d := PlanDoc{
		Org: org, NewcomerName: p.NewcomerName, Programme: p.TemplateName,
		Mentors: mentors, StartDate: p.StartDate, ProbationEnd: p.ProbationEnd, Issued: issued,
	}
	for _, it := range p.Items {
		phase := ""
		if it.Phase >= 0 && it.Phase < len(p.Phases) {
			phase = p.Phases[it.Phase].Name
		}
		d.Items = append(d.Items, PlanDocItem{
			Phase: phase, Title: it.Title, Note: it.AdjustmentNote,
			StartDate: it.StartDate, DueDate: it.DueDate,
			Responsible: it.ResponsibleName, Status: it.Status,
		})
	}
	return d
}

// OnboardingPlan renders the Einarbeitungsplan: who, mentors, start, end of
// probation, the table of plan items with a box to tick by hand, and
// signature lines. An empty plan gives a page saying so. The newcomer's
// name is required (document.name.missing).
func OnboardingPlan(in PlanDoc) ([]byte, error) {
	name := oneLine(in.NewcomerName)
	if name == "" {
		return nil, domain.Invalid("newcomerName", "document.name.missing")
	}
	kt := textsFor(in.ProgrammeKind)
	d := newDoc(in.Org, kt.plan+" – "+name, kt.plan, in.Issued)
	d.heading(kt.plan)
	mentors := ""
	for i, m := range in.Mentors {
		if m = oneLine(m); m != "" {
			if i > 0 && mentors != "" {
				mentors += ", "
			}
			mentors += m
		}
	}
	pairs := [][2]string{
		{"Neue Fachkraft", name},
		{"Mentor:innen", mentors},
	}
	if prog := oneLine(in.Programme); prog != "" {
		pairs = append(pairs, [2]string{"Programm", prog})
	}
	pairs = append(pairs, [2]string{"Beginn", germanDate(in.StartDate)})
	if in.ProbationEnd != "" {
		pairs = append(pairs, [2]string{"Ende der Probezeit", germanDate(in.ProbationEnd)})
	}
	pairs = append(pairs, [2]string{"Stand", in.Issued.Format("02.01.2006")})
	d.fields(pairs)

	d.section("Themen und Termine", 20)
	if len(in.Items) == 0 {
		d.para("Dieser Plan enthält noch keine Themen.")
	} else {
		cols := []column{
			{title: "Nr.", width: 9, align: "C"},
			{title: "Phase", width: 28, align: "L"},
			{title: "Thema", width: 57, align: "L"},
			{title: "Zeitraum", width: 24, align: "L"},
			{title: "Verantwortlich", width: 34, align: "L"},
			{title: "Erledigt", width: 18, align: "C", box: true},
		}
		rows := make([][]string, len(in.Items))
		for i, it := range in.Items {
			title := oneLine(it.Title)
			if note := oneLine(it.Note); note != "" {
				title += "\n" + note
			}
			dates := germanDate(it.StartDate)
			if due := germanDate(it.DueDate); due != "" {
				if dates != "" {
					dates += " –\n"
				}
				dates += due
			}
			box := ""
			switch it.Status {
			case domain.ItemDone:
				box = "x"
			case domain.ItemDropped:
				box = "entfällt"
			}
			rows[i] = []string{strconv.Itoa(i + 1), oneLine(it.Phase), title, dates, oneLine(it.Responsible), box}
		}
		d.table(cols, rows)
		d.font("", 8.5)
		d.grey(true)
		d.pdf.SetX(marginLeft)
		d.pdf.MultiCell(contentW, 4, "Erledigte Themen sind angekreuzt; die übrigen Kästchen werden von Hand abgehakt.", "", "L", false)
		d.grey(false)
	}
	d.signatures([]string{"Ort, Datum, Unterschrift " + kt.mentee, "Ort, Datum, Unterschrift Mentor:in"})
	return d.bytes()
}
