package documents

import (
	"strconv"
	"strings"
	"time"

	"tandem/internal/domain"
)

// MinutesDoc is the input of the Gesprächsprotokoll of one session.
type MinutesDoc struct {
	Org     Organisation
	Subject string // what the session belongs to, e.g. "Tandem Erika Muster" or a group's name
	// GroupKind is the kind of the group the session belongs to; "" for a
	// tandem's session. It chooses the title (see MinutesTitle).
	GroupKind domain.GroupKind
	// Plan names the tandem's plan („Einarbeitungsplan“, see PlanName);
	// "" when there is none: then no topics section unless Topics are given.
	Plan            string
	Date            string // ISO
	StartTime       string // "HH:MM" or ""
	DurationMinutes int
	Place           string
	Participants    []domain.Attendance
	Topics          []string // titles of the plan topics covered
	Notes           []domain.Note
	Agreements      []domain.Agreement
	// IncludeConfidential prints confidential notes, marked „vertraulich“;
	// without it they are left out entirely.
	IncludeConfidential bool
	Issued              time.Time
}

// MinutesDocFrom builds the input from a session; topics are the titles
// of its plan items (the caller resolves TopicItemIDs).
func MinutesDocFrom(org Organisation, subject string, s domain.Session, topics []string, includeConfidential bool, issued time.Time) MinutesDoc {
	return MinutesDoc{
		Org: org, Subject: subject, Date: s.Date, StartTime: s.StartTime,
		DurationMinutes: s.DurationMinutes, Place: s.Place,
		Participants: s.Participants, Topics: topics, Notes: s.Notes, Agreements: s.Agreements,
		IncludeConfidential: includeConfidential, Issued: issued,
	}
}

// ShowsConfidential reports whether the minutes print confidential notes:
// they are included and there is one with text.
func (in MinutesDoc) ShowsConfidential() bool {
	if !in.IncludeConfidential {
		return false
	}
	for _, n := range in.Notes {
		if n.Confidential && strings.TrimSpace(n.Text) != "" {
			return true
		}
	}
	return false
}

// MinutesTitle is the title of a session's minutes: „Gesprächsprotokoll“
// of a tandem, „Protokoll der Steuerungsgruppe“ and so on of a group.
func MinutesTitle(kind domain.GroupKind) string {
	switch kind {
	case domain.GroupSteering:
		return "Protokoll der Steuerungsgruppe"
	case domain.GroupPeerMentees:
		return "Protokoll der Peergruppe der Mentees"
	case domain.GroupPeerMentors:
		return "Protokoll der Peergruppe der Mentor:innen"
	case domain.GroupCourse:
		return "Protokoll des Kurstermins"
	}
	return "Gesprächsprotokoll"
}

// PlanName is what a tandem's plan is called in documents: the
// Einarbeitungsplan of an onboarding, the „Plan des Tandems“ otherwise.
func PlanName(kind domain.TemplateKind) string {
	if kind == domain.KindOnboarding {
		return "Einarbeitungsplan"
	}
	return "Plan des Tandems"
}

// SessionMinutes renders the minutes: date, place, participants, topics
// (of the tandem's plan, only where there is one), notes and agreements.
// Confidential notes appear only with IncludeConfidential, each marked
// „vertraulich“, and the document then says so at the top.
func SessionMinutes(in MinutesDoc) ([]byte, error) {
	subject := oneLine(in.Subject)
	kind := MinutesTitle(in.GroupKind)
	title := kind
	if d := germanDate(in.Date); d != "" {
		title += " vom " + d
	}
	d := newDoc(in.Org, strings.Join(nonEmpty(title, subject), " – "), kind, in.Issued)
	p := d.pdf
	d.heading(title)
	var confidential []domain.Note
	var open []domain.Note
	for _, n := range in.Notes {
		if strings.TrimSpace(n.Text) == "" {
			continue
		}
		if n.Confidential {
			confidential = append(confidential, n)
		} else {
			open = append(open, n)
		}
	}
	if in.ShowsConfidential() {
		d.font("B", bodySize)
		p.SetTextColor(160, 0, 0)
		p.SetX(marginLeft)
		p.MultiCell(contentW, lineH, "Enthält vertrauliche Notizen – nicht weitergeben.", "", "L", false)
		p.SetTextColor(0, 0, 0)
		p.Ln(2)
	}
	when := germanDate(in.Date)
	if t := oneLine(in.StartTime); t != "" {
		when += ", " + t + " Uhr"
	}
	if in.DurationMinutes > 0 {
		when += " (" + strconv.Itoa(in.DurationMinutes) + " Minuten)"
	}
	pairs := [][2]string{}
	if subject != "" {
		pairs = append(pairs, [2]string{"Betrifft", subject})
	}
	pairs = append(pairs, [2]string{"Datum", when}, [2]string{"Ort", oneLine(in.Place)})
	var present, absent []string
	for _, a := range in.Participants {
		n := oneLine(a.Name)
		if n == "" {
			continue
		}
		if a.Present {
			present = append(present, n)
		} else {
			absent = append(absent, n)
		}
	}
	pairs = append(pairs, [2]string{"Anwesend", strings.Join(present, ", ")})
	if len(absent) > 0 {
		pairs = append(pairs, [2]string{"Entschuldigt", strings.Join(absent, ", ")})
	}
	d.fields(pairs)

	d.topics(in.Topics, in.Plan)

	d.section("Notizen", 10)
	notes := open
	if in.IncludeConfidential {
		notes = append(append([]domain.Note{}, open...), confidential...)
	}
	if len(notes) == 0 {
		d.para("Keine Notizen.")
	}
	for _, n := range notes {
		d.ensure(2 * lineH)
		if n.Confidential {
			d.font("B", 8.5)
			p.SetTextColor(160, 0, 0)
			p.SetX(marginLeft)
			p.CellFormat(contentW, 4.5, "vertraulich", "", 1, "L", false, 0, "")
			p.SetTextColor(0, 0, 0)
		}
		d.para(n.Text)
		p.Ln(2)
	}

	d.section("Vereinbarungen", 15)
	if len(in.Agreements) == 0 {
		d.para("Keine Vereinbarungen.")
	} else {
		cols := []column{
			{title: "Vereinbarung", width: 92, align: "L"},
			{title: "Wer", width: 36, align: "L"},
			{title: "Bis", width: 24, align: "L"},
			{title: "Erledigt", width: 18, align: "C", box: true},
		}
		rows := make([][]string, 0, len(in.Agreements))
		for _, a := range in.Agreements {
			done := ""
			if a.Done {
				done = "x"
			}
			rows = append(rows, []string{a.Text, a.OwnerName, germanDate(a.DueDate), done})
		}
		d.table(cols, rows)
	}
	d.signatures([]string{"Ort, Datum, Unterschrift", "Ort, Datum, Unterschrift"})
	return d.bytes()
}

// topics prints the plan topics of a session: without a plan and
// without topics nothing, not even a sentence about a plan.
func (d *doc) topics(topics []string, plan string) {
	if len(topics) == 0 && plan == "" {
		return
	}
	d.section("Themen", 10)
	if len(topics) == 0 {
		d.para("Keine Themen aus dem " + plan + " zugeordnet.")
	}
	for _, t := range topics {
		if t = oneLine(t); t != "" {
			d.bullet(t)
		}
	}
}

// bulletH is the height bullet takes for s.
func (d *doc) bulletH(s string) float64 {
	d.font("", bodySize)
	return float64(max(1, len(d.pdf.SplitText(s, contentW-6)))) * lineH
}

// bullet prints one wrapped list entry with a dash.
func (d *doc) bullet(s string) {
	p := d.pdf
	d.ensure(lineH)
	p.SetX(marginLeft)
	p.CellFormat(6, lineH, "–", "", 0, "L", false, 0, "")
	p.MultiCell(contentW-6, lineH, s, "", "L", false)
}
