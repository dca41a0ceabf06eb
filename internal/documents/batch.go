package documents

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"tandem/internal/domain"
)

// Confirmations renders several confirmations into one PDF (the batch of a
// run, for printing): each starts on a new page with the letterhead; page
// numbers count through the whole file. title is the document title (e.g.
// "Abschlussbestätigungen Mentoring 2027"). Every input is checked as by
// Confirmation; the first problem stops the batch.
func Confirmations(ins []ConfirmationDoc, title string, issued time.Time) ([]byte, error) {
	if len(ins) == 0 {
		return nil, domain.Conflict("document.batch.none", "name", title)
	}
	org := ins[0].Org
	if !org.hasName() {
		return nil, domain.Invalid("organisation", "document.organisation.missing")
	}
	d := newDoc(org, title, title, issued)
	for i, in := range ins {
		if i > 0 {
			d.fresh = true
			d.pdf.AddPage()
			d.letterhead()
		}
		if err := d.confirmationBody(in.withDefaults()); err != nil {
			return nil, err
		}
	}
	return d.bytes()
}

// confirmationBody is the body of Confirmation below the letterhead.
func (d *doc) confirmationBody(in ConfirmationDoc) error {
	name := oneLine(in.Name)
	if name == "" {
		return domain.Invalid("name", "document.name.missing")
	}
	prog := oneLine(in.Programme)
	if prog == "" {
		return domain.Invalid("programme", "document.programme.missing")
	}
	issueDate := germanDate(in.IssueDate)
	if issueDate == "" {
		issueDate = in.Issued.Format("02.01.2006")
	}
	place := oneLine(in.Place)
	if place == "" {
		place = oneLine(in.Org.City)
	}
	wording := in.withDefaults().Wording
	dash := func(s string) string {
		if s == "" {
			return "–"
		}
		return s
	}
	text, err := RenderWording(wording, map[string]string{
		"name":               name,
		"programm":           prog,
		"durchgang":          oneLine(in.Run),
		"beginn":             dash(germanDate(in.StartDate)),
		"ende":               dash(germanDate(in.EndDate)),
		"zeitraum":           dash(period(in.StartDate, in.EndDate)),
		"abschlussgespraech": dash(germanDate(in.FinalTalkDate)),
		"kommune":            oneLine(in.Org.Municipality),
		"amt":                oneLine(in.Org.OfficeName),
		"ort":                place,
		"datum":              issueDate,
		"anrede":             Salutation("", "", name),
		"programmart":        ProgrammeKindName(in.ProgrammeKind),
	})
	if err != nil {
		return err
	}
	title := "Abschlussbestätigung"
	if in.Kind == Participation {
		title = "Teilnahmebestätigung"
	}
	p := d.pdf
	p.Ln(6)
	d.font("B", 20)
	p.SetX(marginLeft)
	p.MultiCell(contentW, 9, title, "", "C", false)
	p.Ln(4)
	d.font("B", 14)
	p.SetX(marginLeft)
	p.MultiCell(contentW, 7, name, "", "C", false)
	p.Ln(6)
	d.para(text)
	p.Ln(2)
	pairs := [][2]string{{"Programm", prog}}
	if run := oneLine(in.Run); run != "" {
		pairs = append(pairs, [2]string{"Durchgang", run})
	}
	pairs = append(pairs, [2]string{"Zeitraum", period(in.StartDate, in.EndDate)})
	if in.FinalTalkDate != "" {
		pairs = append(pairs, [2]string{"Abschlussgespräch", germanDate(in.FinalTalkDate)})
	}
	if num := oneLine(in.Number); num != "" {
		pairs = append(pairs, [2]string{"Registernummer", num})
	}
	d.fields(pairs)
	covered := in.covered()
	if len(covered) > 0 {
		d.section("Inhalte", 10)
		for i, c := range covered {
			if i == len(covered)-1 {
				d.keepWithSignature(d.bulletH(c)) // the last entry goes with the signature
			}
			d.bullet(c)
		}
	}
	p.Ln(6)
	d.signature(place, issueDate)
	return nil
}

// ConfirmationFiles renders each input as its own PDF, on as many workers
// as the machine has cores (the letters are independent; one takes a few
// milliseconds, mostly gofpdf's font handling). out[i] belongs to ins[i].
// stop, when it returns true, ends the work early: the result then holds
// what was rendered in order, up to the first gap, and stopped is true.
func ConfirmationFiles(ins []ConfirmationDoc, stop func() bool) (out [][]byte, stopped bool, err error) {
	out = make([][]byte, len(ins))
	errs := make([]error, len(ins))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(ins)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(ins) || (stop != nil && stop()) {
					return
				}
				out[i], errs[i] = Confirmation(ins[i])
			}
		}()
	}
	wg.Wait()
	for i := range ins {
		if errs[i] != nil {
			return nil, false, errs[i]
		}
		if out[i] == nil {
			return out[:i], true, nil
		}
	}
	return out, false, nil
}
