package documents

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"tandem/internal/domain"
)

// CertificateDoc is the input of the Zertifikat of a certificate course.
type CertificateDoc struct {
	Org             Organisation
	Number          string // register number, e.g. JA-2027-0042 (required)
	Name            string
	Course          string // course (template) name
	StartDate       string // ISO
	EndDate         string // ISO
	Modules         []CertificateModule
	PracticeProject string // title of the practice project, "" when none
	Place           string // "" = Org.City
	IssueDate       string // ISO; "" = Issued's date
	Issued          time.Time
}

// CertificateModule is one module of the course.
type CertificateModule struct {
	Title   string
	Date    string // ISO
	Speaker string
}

var numberPattern = regexp.MustCompile(`^[A-Z]{1,6}-\d{4}-\d{4,6}$`)

// ValidNumber reports whether s looks like a register number (JA-2027-0042).
func ValidNumber(s string) bool { return numberPattern.MatchString(s) }

// Certificate renders the Zertifikat: name, course, period, the modules
// with dates and speakers, the practice project and the register number.
// It needs the organisation's name, the participant's name, the course
// and a register number (document.number.invalid), and refuses a period
// ending after the issue date (document.certificate.period_after_issue).
// No grades. The signature never stands alone: the certificate is fitted
// on one page (with a denser module table if needed); when even that
// takes more, the confirming sentence is repeated above the signature.
func Certificate(in CertificateDoc) ([]byte, error) {
	c, err := in.checked()
	if err != nil {
		return nil, err
	}
	d := c.render(false, false)
	if d.pdf.PageNo() > 1 {
		d = c.render(true, false)
	}
	if d.pdf.PageNo() > 1 {
		d = c.render(true, true)
	}
	return d.bytes()
}

// certificate is a checked CertificateDoc with its printed values.
type certificate struct {
	CertificateDoc
	name, course, number, place, issueDate string
}

func (in CertificateDoc) checked() (certificate, error) {
	c := certificate{CertificateDoc: in, name: oneLine(in.Name), course: oneLine(in.Course), number: strings.TrimSpace(in.Number)}
	switch {
	case !in.Org.hasName():
		return c, domain.Invalid("organisation", "document.organisation.missing")
	case c.name == "":
		return c, domain.Invalid("name", "document.name.missing")
	case c.course == "":
		return c, domain.Invalid("programme", "document.programme.missing")
	case !ValidNumber(c.number):
		return c, domain.Invalid("number", "document.number.invalid", "number", oneLine(c.number))
	}
	issue := in.Issued.Format("2006-01-02")
	if _, ok := domain.ParseDate(in.IssueDate); ok {
		issue = in.IssueDate
	}
	if _, ok := domain.ParseDate(in.EndDate); ok && in.EndDate > issue {
		return c, domain.Invalid("endDate", "document.certificate.period_after_issue",
			"end", germanDate(in.EndDate), "date", germanDate(issue))
	}
	c.issueDate = germanDate(issue)
	c.place = oneLine(in.Place)
	if c.place == "" {
		c.place = oneLine(in.Org.City)
	}
	return c, nil
}

// statement is the sentence the certificate confirms.
func (c certificate) statement() string {
	text := "den " + namedAs("Zertifikatskurs", c.course)
	if per := period(c.StartDate, c.EndDate); per != "" {
		text += " im Zeitraum " + per
	}
	return text + " erfolgreich abgeschlossen hat."
}

func (c certificate) render(compact, restate bool) *doc {
	d := newDoc(c.Org, "Zertifikat – "+c.name, "Zertifikat "+c.course, c.Issued)
	d.compact = compact
	p := d.pdf
	p.Ln(4)
	d.font("B", 24)
	p.SetX(marginLeft)
	p.MultiCell(contentW, 11, "Zertifikat", "", "C", false)
	p.Ln(3)
	d.centred("", 11, 6, "Hiermit wird bestätigt, dass")
	p.Ln(2)
	d.centred("B", 15, 7.5, c.name)
	p.Ln(2)
	d.centred("", 11, 6, c.statement())
	p.Ln(4)
	d.section("Module", 15)
	if len(c.Modules) == 0 {
		d.para("Keine Module angegeben.")
	} else {
		cols := []column{
			{title: "Nr.", width: 10, align: "C"},
			{title: "Modul", width: 90, align: "L"},
			{title: "Datum", width: 24, align: "L"},
			{title: "Referent:in", width: 46, align: "L"},
		}
		rows := make([][]string, len(c.Modules))
		for i, m := range c.Modules {
			rows[i] = []string{strconv.Itoa(i + 1), m.Title, germanDate(m.Date), m.Speaker}
		}
		d.table(cols, rows)
	}
	// below the table: the practice project, the register number and the
	// signature as one block; on a second page it opens with the sentence
	// the signature confirms
	pp := oneLine(c.PracticeProject)
	closing := c.name + " hat " + strings.TrimSuffix(c.statement(), " hat.") + "."
	d.font("", bodySize)
	h := lineH + 9 // the register number and the space around it
	if pp != "" {
		h += 10 + float64(len(p.SplitText(pp, contentW)))*lineH
	}
	if restate {
		h += float64(len(p.SplitText(closing, contentW)))*lineH + 2
	}
	d.keepWithSignature(h)
	if restate {
		p.Ln(3)
		d.para(closing)
	}
	if pp != "" {
		d.section("Praxisprojekt", 6)
		d.para(pp)
	}
	p.Ln(4)
	d.fields([][2]string{{"Registernummer", c.number}})
	p.Ln(4)
	d.signature(c.place, c.issueDate)
	return d
}

// centred prints a centred paragraph.
func (d *doc) centred(style string, size, h float64, s string) {
	d.font(style, size)
	d.pdf.SetX(marginLeft)
	d.pdf.MultiCell(contentW, h, s, "", "C", false)
}
