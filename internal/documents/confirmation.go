package documents

import (
	"strings"
	"time"

	"tandem/internal/domain"
)

// ConfirmationKind chooses the title of the confirmation.
type ConfirmationKind string

const (
	Participation ConfirmationKind = "participation" // Teilnahmebestätigung
	Completion    ConfirmationKind = "completion"    // Abschlussbestätigung
)

// ConfirmationDoc is the input of the Teilnahme-/Abschlussbestätigung.
type ConfirmationDoc struct {
	Org           Organisation
	Kind          ConfirmationKind    // "" = Completion
	Number        string              // register number, printed when set
	Name          string              // participant
	Programme     string              // template name
	ProgrammeKind domain.TemplateKind // chooses the default wording
	Run           string              // run name, optional
	StartDate     string              // ISO
	EndDate       string              // ISO
	Covered       []string            // phases or topics covered
	FinalTalkDate string              // ISO, "" when none
	Place         string              // place of issue; "" = Org.City
	IssueDate     string              // ISO; "" = Issued's date
	// Wording is the organisation's text with placeholders (see
	// Placeholders); "" = DefaultConfirmationWording.
	Wording string
	Issued  time.Time // the caller's clock: PDF dates (and IssueDate when empty)
}

// ConfirmationDocFrom builds the input for a tandem's mentee: covered are
// the plan's phases that hold at least one item not dropped, else its
// items' titles; finalTalk is the date of the final feedback talk ("" when none).
func ConfirmationDocFrom(org Organisation, t domain.Tandem, programme string, p *domain.Plan, finalTalk string, issued time.Time) ConfirmationDoc {
	d := ConfirmationDoc{
		Org: org, Kind: Completion, Name: t.MenteeName, Programme: programme, ProgrammeKind: t.Kind, Run: t.RunName,
		StartDate: t.StartDate, EndDate: t.EndDate, FinalTalkDate: finalTalk, Issued: issued,
	}
	if p != nil {
		d.Covered = coveredOf(*p)
	}
	return d
}

func coveredOf(p domain.Plan) []string {
	var out []string
	used := map[int]bool{}
	for _, it := range p.Items {
		if it.Status != domain.ItemDropped && it.Phase >= 0 && it.Phase < len(p.Phases) {
			used[it.Phase] = true
		}
	}
	for i, ph := range p.Phases {
		if used[i] {
			out = append(out, ph.Name)
		}
	}
	if len(out) > 0 {
		return out
	}
	for _, it := range p.Items {
		if it.Status != domain.ItemDropped {
			out = append(out, it.Title)
		}
	}
	return out
}

// Confirmation renders the Teilnahme-/Abschlussbestätigung. It needs the
// organisation's municipality or office (document.organisation.missing),
// the name (document.name.missing) and the programme
// (document.programme.missing); a wrong wording gives the errors of
// CheckWording. It never prints a grade. The body is confirmationBody
// (batch.go), shared with the combined batch PDF.
func Confirmation(in ConfirmationDoc) ([]byte, error) {
	if !in.Org.hasName() {
		return nil, domain.Invalid("organisation", "document.organisation.missing")
	}
	name := oneLine(in.Name)
	if name == "" {
		return nil, domain.Invalid("name", "document.name.missing")
	}
	prog := oneLine(in.Programme)
	if prog == "" {
		return nil, domain.Invalid("programme", "document.programme.missing")
	}
	in = in.withDefaults()
	// check the wording before any page is made
	if err := CheckWording(in.Wording); err != nil {
		return nil, err
	}
	title := "Abschlussbestätigung"
	if in.Kind == Participation {
		title = "Teilnahmebestätigung"
	}
	d := newDoc(in.Org, title+" – "+name, title+" "+prog, in.Issued)
	if err := d.confirmationBody(in); err != nil {
		return nil, err
	}
	return d.bytes()
}

// withDefaults fills an empty wording with the default of the programme
// kind (see DefaultWording).
func (in ConfirmationDoc) withDefaults() ConfirmationDoc {
	if strings.TrimSpace(in.Wording) == "" {
		in.Wording = DefaultWording(in.ProgrammeKind, in.FinalTalkDate != "", len(in.covered()) > 0)
	}
	return in
}

// covered is the list printed under „Inhalte“: the non-empty entries.
func (in ConfirmationDoc) covered() []string {
	var out []string
	for _, c := range in.Covered {
		if c = oneLine(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}
