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
// and a register number (document.number.invalid). No grades.
func Certificate(in CertificateDoc) ([]byte, error) {
	if !in.Org.hasName() {
		return nil, domain.Invalid("organisation", "document.organisation.missing")
	}
	name := oneLine(in.Name)
	if name == "" {
		return nil, domain.Invalid("name", "document.name.missing")
	}
	course := oneLine(in.Course)
	if course == "" {
		return nil, domain.Invalid("programme", "document.programme.missing")
	}
	number := strings.TrimSpace(in.Number)
	if !ValidNumber(number) {
		return nil, domain.Invalid("number", "document.number.invalid", "number", oneLine(number))
	}
	issueDate := germanDate(in.IssueDate)
	if issueDate == "" {
		issueDate = in.Issued.Format("02.01.2006")
	}
	place := oneLine(in.Place)
	if place == "" {
		place = oneLine(in.Org.City)
	}
	d := newDoc(in.Org, "Zertifikat – "+name, "Zertifikat "+course, in.Issued)
	p := d.pdf
	p.Ln(4)
	d.font("B", 24)
	p.SetX(marginLeft)
	p.MultiCell(contentW, 11, "Zertifikat", "", "C", false)
	p.Ln(3)
	d.font("", 11)
	p.SetX(marginLeft)
	p.MultiCell(contentW, 6, "Hiermit wird bestätigt, dass", "", "C", false)
	p.Ln(2)
	d.font("B", 15)
	p.SetX(marginLeft)
	p.MultiCell(contentW, 7.5, name, "", "C", false)
	p.Ln(2)
	d.font("", 11)
	p.SetX(marginLeft)
	text := "den Zertifikatskurs „" + course + "“"
	if per := period(in.StartDate, in.EndDate); per != "" {
		text += " im Zeitraum " + per
	}
	text += " erfolgreich abgeschlossen hat."
	p.MultiCell(contentW, 6, text, "", "C", false)
	p.Ln(4)
	d.section("Module", 15)
	if len(in.Modules) == 0 {
		d.para("Keine Module angegeben.")
	} else {
		cols := []column{
			{title: "Nr.", width: 10, align: "C"},
			{title: "Modul", width: 90, align: "L"},
			{title: "Datum", width: 24, align: "L"},
			{title: "Referent:in", width: 46, align: "L"},
		}
		rows := make([][]string, len(in.Modules))
		for i, m := range in.Modules {
			rows[i] = []string{strconv.Itoa(i + 1), m.Title, germanDate(m.Date), m.Speaker}
		}
		d.table(cols, rows)
	}
	if pp := oneLine(in.PracticeProject); pp != "" {
		d.section("Praxisprojekt", 6)
		d.para(pp)
	}
	p.Ln(4)
	d.fields([][2]string{{"Registernummer", number}})
	p.Ln(4)
	d.ensure(40)
	p.SetX(marginLeft)
	p.MultiCell(contentW, lineH, strings.Join(nonEmpty(place, issueDate), ", "), "", "L", false)
	signer := strings.Join(nonEmpty(oneLine(in.Org.SignatoryName), oneLine(in.Org.SignatoryFunction)), ", ")
	if signer == "" {
		signer = "Unterschrift"
	}
	d.signatures([]string{signer})
	return d.bytes()
}
