package documents

import (
	"math"
	"strconv"
	"strings"
	"time"

	"tandem/internal/domain"
)

// Contact is one person of the handbook's contact list.
type Contact struct {
	Role       string // "Mentor:in", "Sachgebietsleitung", "Amtsleitung", …
	Name       string
	Department string
	Phone      string
	Email      string
}

// HandbookItem is one topic of the plan: a row of the plan's table and a
// chapter of its own.
type HandbookItem struct {
	Phase          string
	Title          string
	Description    string
	LegalReference string
	Checklist      []string
	Note           string // adjustment note
	StartDate      string // ISO
	DueDate        string // ISO
	Responsible    string
	Status         domain.PlanItemStatus
}

// HandbookDoc is the input of the Einarbeitungshandbuch.
type HandbookDoc struct {
	Org          Organisation
	NewcomerName string
	Salutation   string // "Frau", "Herr" or "" (see Salutation)
	LastName     string // for the salutation; "" addresses by NewcomerName
	Programme    string
	// ProgrammeKind names the handbook, its chapters and the default
	// welcome ("" = onboarding).
	ProgrammeKind domain.TemplateKind
	Run           string
	StartDate     string // ISO
	ProbationEnd  string // ISO or ""
	Contacts      []Contact
	Phases        []domain.Phase
	Items         []HandbookItem
	// Welcome is the organisation's welcome text with the placeholders of
	// the confirmation (see Placeholders); "" = DefaultWelcomeText.
	Welcome   string
	NotePages int       // lined pages for own notes; 0 = DefaultNotePages
	Issued    time.Time // the caller's clock: date printed and PDF dates
}

// DefaultNotePages is the number of lined pages at the end of the handbook.
const DefaultNotePages = 4

// MaxNotePages bounds HandbookDoc.NotePages.
const MaxNotePages = 40

// DefaultWelcomeText is used when the organisation has not written its own.
const DefaultWelcomeText = "{{anrede}},\n\n" +
	"herzlich willkommen im {{amt}} ({{kommune}})! Wir freuen uns, dass Sie ab dem {{beginn}} unser Team verstärken.\n\n" +
	"Dieses Handbuch begleitet Sie durch Ihre Einarbeitung im Programm „{{programm}}“. Es enthält die wichtigsten " +
	"Ansprechpersonen, Ihren persönlichen Einarbeitungsplan und zu jedem Thema eine kurze Beschreibung, die " +
	"rechtlichen Grundlagen und eine Checkliste zum Abhaken. Auf den Notizseiten am Ende ist Platz für Ihre " +
	"eigenen Gedanken, Fragen und Vereinbarungen.\n\n" +
	"Ihre Mentorinnen und Mentoren nehmen sich regelmäßig Zeit für Sie. Fragen Sie nach – es gibt keine " +
	"falschen Fragen. Wir wünschen Ihnen einen guten Start!"

// HandbookDocFrom builds the input from a stored plan and its contacts
// (in the order given; the plan's responsible people who are not among
// them are added as "Verantwortlich für Themen").
func HandbookDocFrom(org Organisation, p domain.Plan, contacts []Contact, welcome string, issued time.Time) HandbookDoc {
	d := HandbookDoc{
		Org: org, NewcomerName: p.NewcomerName, Programme: p.TemplateName,
		StartDate: p.StartDate, ProbationEnd: p.ProbationEnd, Phases: p.Phases,
		Welcome: welcome, Issued: issued,
	}
	seen := map[string]bool{}
	for _, c := range contacts {
		d.Contacts = append(d.Contacts, c)
		seen[oneLine(c.Name)] = true
	}
	for _, it := range p.Items {
		phase := ""
		if it.Phase >= 0 && it.Phase < len(p.Phases) {
			phase = p.Phases[it.Phase].Name
		}
		d.Items = append(d.Items, HandbookItem{
			Phase: phase, Title: it.Title, Description: it.Description, LegalReference: it.LegalReference,
			Checklist: it.Checklist, Note: it.AdjustmentNote, StartDate: it.StartDate, DueDate: it.DueDate,
			Responsible: it.ResponsibleName, Status: it.Status,
		})
		if n := oneLine(it.ResponsibleName); n != "" && n != oneLine(p.NewcomerName) && !seen[n] {
			seen[n] = true
			d.Contacts = append(d.Contacts, Contact{Role: "Verantwortlich für Themen", Name: n})
		}
	}
	return d
}

// tocEntry is one line of the table of contents.
type tocEntry struct {
	number string // "1", "4.2"
	title  string
	level  int
	page   int
	link   int
}

// Geometry of the table of contents.
const (
	tocLineH = 6.5
	tocTop   = marginTop + 3
	tocHeadH = 14.0
)

func tocPagesFor(entries int) int {
	tocPageCap := int(math.Floor((pageH - marginBottom - tocTop) / tocLineH))
	first := int(math.Floor((pageH - marginBottom - tocTop - tocHeadH) / tocLineH))
	if entries <= first {
		return 1
	}
	return 1 + int(math.Ceil(float64(entries-first)/float64(tocPageCap)))
}

// Handbook renders the Einarbeitungshandbuch: cover page, table of
// contents with page numbers (and links), welcome text, organisation and
// contacts, the individual plan, one chapter per topic (description, legal
// references, checklist with boxes to tick, room for notes) and lined
// pages for own notes. It needs the organisation's municipality or office
// (document.organisation.missing) and the newcomer's name
// (document.name.missing); a wrong welcome text gives the errors of
// CheckWording.
func Handbook(in HandbookDoc) ([]byte, error) {
	if !in.Org.hasName() {
		return nil, domain.Invalid("organisation", "document.organisation.missing")
	}
	name := oneLine(in.NewcomerName)
	if name == "" {
		return nil, domain.Invalid("newcomerName", "document.name.missing")
	}
	prog := oneLine(in.Programme)
	welcome := in.Welcome
	if strings.TrimSpace(welcome) == "" {
		welcome = DefaultWelcome(in.ProgrammeKind)
	}
	dash := func(s string) string {
		if s == "" {
			return "–"
		}
		return s
	}
	place := oneLine(in.Org.City)
	welcomeText, err := RenderWording(welcome, map[string]string{
		"name": name, "programm": dash(prog), "durchgang": oneLine(in.Run),
		"beginn": dash(germanDate(in.StartDate)), "ende": dash(germanDate(in.ProbationEnd)),
		"zeitraum": dash(period(in.StartDate, in.ProbationEnd)), "abschlussgespraech": "–",
		"kommune": oneLine(in.Org.Municipality), "amt": oneLine(in.Org.OfficeName),
		"ort": place, "datum": in.Issued.Format("02.01.2006"),
		"anrede": Salutation(in.Salutation, in.LastName, name), "programmart": ProgrammeKindName(in.ProgrammeKind),
	})
	if err != nil {
		return nil, err
	}
	notes := in.NotePages
	if notes <= 0 {
		notes = DefaultNotePages
	}
	notes = min(notes, MaxNotePages)

	kt := textsFor(in.ProgrammeKind)
	d := newDoc(in.Org, kt.handbook+" – "+name, kt.handbook, in.Issued)
	p := d.pdf

	// the table of contents, its pages filled in at the end
	var toc []*tocEntry
	chapter := func(number, title string) *tocEntry {
		e := &tocEntry{number: number, title: oneLine(title), link: p.AddLink()}
		if strings.Contains(number, ".") {
			e.level = 1
		}
		toc = append(toc, e)
		return e
	}
	welcomeE := chapter("1", "Willkommen")
	orgE := chapter("2", "Organisation und Ansprechpersonen")
	planE := chapter("3", "Ihr "+kt.plan)
	topicsE := chapter("4", kt.topics)
	items := make([]*tocEntry, len(in.Items))
	for i, it := range in.Items {
		items[i] = chapter("4."+strconv.Itoa(i+1), it.Title)
	}
	notesE := chapter("5", "Eigene Notizen")

	// cover
	d.cover(name, prog, in)

	// reserve the pages of the table of contents
	tocFirst := p.PageNo() + 1
	for range tocPagesFor(len(toc)) {
		p.AddPage()
	}

	start := func(e *tocEntry, newPage bool) {
		if newPage {
			p.AddPage()
		}
		e.page = p.PageNo()
		p.SetLink(e.link, p.GetY(), e.page)
		d.heading(e.number + " " + e.title)
	}

	// 1 welcome
	start(welcomeE, true)
	d.para(welcomeText)
	if signer := strings.Join(nonEmpty(oneLine(in.Org.SignatoryName), oneLine(in.Org.SignatoryFunction)), ", "); signer != "" {
		p.Ln(6)
		d.para(signer)
	}

	// 2 organisation and contacts
	start(orgE, true)
	o := in.Org
	d.fields([][2]string{
		{"Kommune", oneLine(o.Municipality)},
		{"Amt", oneLine(o.OfficeName)},
		{"Anschrift", strings.Join(nonEmpty(oneLine(o.Street), strings.TrimSpace(oneLine(o.PostalCode)+" "+oneLine(o.City))), ", ")},
		{"Telefon", oneLine(o.Phone)},
		{"E-Mail", oneLine(o.Email)},
		{"Leitung", strings.Join(nonEmpty(oneLine(o.SignatoryName), oneLine(o.SignatoryFunction)), ", ")},
	})
	d.section("Ihre Ansprechpersonen", 20)
	if len(in.Contacts) == 0 {
		d.para("Es sind noch keine Ansprechpersonen eingetragen.")
	} else {
		rows := make([][]string, 0, len(in.Contacts))
		for _, c := range in.Contacts {
			rows = append(rows, []string{oneLine(c.Role), oneLine(c.Name), oneLine(c.Department), oneLine(c.Phone), oneLine(c.Email)})
		}
		d.table([]column{
			{title: "Funktion", width: 34, align: "L"},
			{title: "Name", width: 40, align: "L"},
			{title: "Dienststelle", width: 32, align: "L"},
			{title: "Telefon", width: 26, align: "L"},
			{title: "E-Mail", width: 38, align: "L"},
		}, rows)
	}

	// 3 the plan
	start(planE, true)
	pairs := [][2]string{{"Neue Fachkraft", name}}
	if prog != "" {
		pairs = append(pairs, [2]string{"Programm", prog})
	}
	pairs = append(pairs, [2]string{"Beginn", germanDate(in.StartDate)})
	if in.ProbationEnd != "" {
		pairs = append(pairs, [2]string{"Ende der Probezeit", germanDate(in.ProbationEnd)})
	}
	d.fields(pairs)
	if len(in.Phases) > 0 {
		d.section("Phasen", 12)
		for i, ph := range in.Phases {
			line := strconv.Itoa(i+1) + ". " + oneLine(ph.Name)
			if desc := oneLine(ph.Description); desc != "" {
				line += ": " + desc
			}
			d.bullet(line)
		}
	}
	d.section("Themen und Termine", 20)
	if len(in.Items) == 0 {
		d.para("Dieser Plan enthält noch keine Themen.")
	} else {
		rows := make([][]string, len(in.Items))
		for i, it := range in.Items {
			rows[i] = []string{"4." + strconv.Itoa(i+1), oneLine(it.Phase), itemTitle(it.Title, it.Note),
				itemDates(it.StartDate, it.DueDate), oneLine(it.Responsible), statusBox(it.Status)}
		}
		d.table([]column{
			{title: "Nr.", width: 11, align: "C"},
			{title: "Phase", width: 27, align: "L"},
			{title: "Thema", width: 56, align: "L"},
			{title: "Zeitraum", width: 24, align: "L"},
			{title: "Verantwortlich", width: 34, align: "L"},
			{title: "Erledigt", width: 18, align: "C", box: true},
		}, rows)
	}

	// 4 topics
	start(topicsE, true)
	if len(in.Items) == 0 {
		d.para("Dieser Plan enthält noch keine Themen.")
	} else {
		d.para("Zu jedem Thema Ihres Plans folgt ein eigenes Kapitel mit Beschreibung, rechtlichen Grundlagen, " +
			"einer Checkliste zum Abhaken und Platz für Notizen.")
	}
	for i, it := range in.Items {
		start(items[i], true)
		d.topic(it)
	}

	// 5 notes
	start(notesE, true)
	for i := 0; i < notes; i++ {
		if i > 0 {
			p.AddPage()
		}
		d.ruled(pageH - marginBottom - 4)
	}

	// fill in the table of contents
	last := p.PageNo()
	d.drawTOC(toc, tocFirst)
	p.SetPage(last)
	return d.bytes()
}

// cover prints the title page below the letterhead.
func (d *doc) cover(name, prog string, in HandbookDoc) {
	p := d.pdf
	p.SetY(max(p.GetY(), 80))
	d.font("B", 28)
	p.SetX(marginLeft)
	p.MultiCell(contentW, 12, textsFor(in.ProgrammeKind).handbook, "", "C", false)
	p.Ln(10)
	d.font("B", 18)
	p.SetX(marginLeft)
	p.MultiCell(contentW, 8.5, name, "", "C", false)
	if prog != "" {
		p.Ln(4)
		d.font("", 13)
		p.SetX(marginLeft)
		p.MultiCell(contentW, 6.5, prog, "", "C", false)
	}
	p.Ln(16)
	d.font("", 11)
	var lines []string
	if s := germanDate(in.StartDate); s != "" {
		lines = append(lines, "Beginn: "+s)
	}
	if s := germanDate(in.ProbationEnd); s != "" {
		lines = append(lines, "Ende der Probezeit: "+s)
	}
	lines = append(lines, "Stand: "+in.Issued.Format("02.01.2006"))
	for _, l := range lines {
		p.SetX(marginLeft)
		p.MultiCell(contentW, 6, l, "", "C", false)
	}
	d.font("", bodySize)
}

// drawTOC prints the table of contents on the reserved pages from first
// on: number, title, dotted leader and page number, each line a link.
func (d *doc) drawTOC(toc []*tocEntry, first int) {
	p := d.pdf
	p.SetAutoPageBreak(false, marginBottom)
	defer p.SetAutoPageBreak(true, marginBottom)
	page := first
	p.SetPage(page)
	y := tocTop
	d.font("B", 16)
	p.SetXY(marginLeft, y)
	p.CellFormat(contentW, 8, "Inhalt", "", 0, "L", false, 0, "")
	y += tocHeadH
	const numW, pageW = 12.0, 12.0
	for _, e := range toc {
		if y+tocLineH > pageH-marginBottom+0.001 {
			page++
			p.SetPage(page)
			y = tocTop
		}
		indent := float64(e.level) * 8
		style := "B"
		if e.level > 0 {
			style = ""
		}
		d.font(style, bodySize)
		x := marginLeft + indent
		p.SetXY(x, y)
		p.CellFormat(numW, tocLineH, e.number, "", 0, "L", false, 0, "")
		titleW := contentW - indent - numW - pageW - 4
		title := d.fit(e.title, titleW)
		p.SetXY(x+numW, y)
		p.CellFormat(titleW, tocLineH, title, "", 0, "L", false, 0, "")
		// dotted leader from the end of the title to the page number
		from := x + numW + p.GetStringWidth(title) + 3
		to := marginLeft + contentW - pageW - 1
		d.grey(true)
		for dx := from; dx < to; dx += 1.6 {
			p.Circle(dx, y+tocLineH*0.72, 0.18, "F")
		}
		d.grey(false)
		p.SetXY(marginLeft+contentW-pageW, y)
		p.CellFormat(pageW, tocLineH, strconv.Itoa(e.page), "", 0, "R", false, 0, "")
		p.Link(x, y, contentW-indent, tocLineH, e.link)
		y += tocLineH
	}
	d.font("", bodySize)
}

// topic prints one topic's chapter body.
func (d *doc) topic(it HandbookItem) {
	p := d.pdf
	pairs := [][2]string{}
	if ph := oneLine(it.Phase); ph != "" {
		pairs = append(pairs, [2]string{"Phase", ph})
	}
	pairs = append(pairs,
		[2]string{"Zeitraum", period(it.StartDate, it.DueDate)},
		[2]string{"Verantwortlich", oneLine(it.Responsible)},
		[2]string{"Stand", statusText(it.Status)})
	if n := multiLine(it.Note); n != "" {
		pairs = append(pairs, [2]string{"Anpassung", n})
	}
	d.fields(pairs)
	d.section("Beschreibung", 10)
	if desc := multiLine(it.Description); desc != "" {
		d.para(desc)
	} else {
		d.para("–")
	}
	if ref := multiLine(it.LegalReference); ref != "" {
		d.section("Rechtliche Grundlagen", 10)
		d.para(ref)
	}
	var list []string
	for _, c := range it.Checklist {
		if c = multiLine(c); c != "" {
			list = append(list, c)
		}
	}
	if len(list) > 0 {
		d.section("Checkliste", 10)
		for _, c := range list {
			d.checkbox(c)
		}
	}
	d.ensure(30)
	d.section("Notizen", 20)
	d.ruled(pageH - marginBottom - 2)
	p.SetY(pageH - marginBottom - 1)
}

// checkbox prints a drawn box to tick by hand and the wrapped text beside it.
func (d *doc) checkbox(s string) {
	p := d.pdf
	const box = 3.8
	const indent = 8.0
	d.font("", bodySize)
	d.ensure(lineH + 2)
	y := p.GetY()
	p.SetDrawColor(0, 0, 0)
	p.SetLineWidth(0.25)
	p.Rect(marginLeft+1, y+(lineH-box)/2, box, box, "D")
	p.SetLineWidth(0.2)
	p.SetXY(marginLeft+indent, y)
	p.MultiCell(contentW-indent, lineH, s, "", "L", false)
	p.Ln(1.5)
}

// ruled draws writing lines from the current position down to bottom.
func (d *doc) ruled(bottom float64) {
	p := d.pdf
	const gap = 8.0
	p.SetDrawColor(190, 190, 190)
	y := p.GetY() + gap
	for ; y <= bottom; y += gap {
		p.Line(marginLeft, y, marginLeft+contentW, y)
	}
	p.SetDrawColor(0, 0, 0)
	p.SetY(min(y, bottom))
}

func itemTitle(title, note string) string {
	t := oneLine(title)
	if n := oneLine(note); n != "" {
		t += "\n" + n
	}
	return t
}

func itemDates(start, due string) string {
	dates := germanDate(start)
	if d := germanDate(due); d != "" {
		if dates != "" {
			dates += " –\n"
		}
		dates += d
	}
	return dates
}

func statusBox(s domain.PlanItemStatus) string {
	switch s {
	case domain.ItemDone:
		return "x"
	case domain.ItemDropped:
		return "entfällt"
	}
	return ""
}

func statusText(s domain.PlanItemStatus) string {
	switch s {
	case domain.ItemDone:
		return "erledigt"
	case domain.ItemInProgress:
		return "in Arbeit"
	case domain.ItemDropped:
		return "entfällt"
	}
	return "offen"
}
