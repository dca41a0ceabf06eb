// Package documents renders Tandem's PDF documents (onboarding plan,
// confirmation, session minutes, certificate) with gofpdf. It knows nothing
// of Wails or SQLite: the caller fills the plain input structs of this
// package (helpers build them from internal/domain values) and gets the
// PDF bytes back.
//
// Every document is A4 portrait, German, with the organisation's letterhead
// (logo optional), an embedded UTF-8 font, "Seite x von y" in the footer and
// title, author, subject and language (de-DE) in its metadata. Output is
// deterministic: the same input and the same Issued time give the same
// bytes, so a SHA-256 of the file identifies an issued document.
//
// Decisions and limits:
//   - Font: "Tandem Sans", DejaVu Sans regular and bold subset to Latin,
//     Greek, Cyrillic and punctuation (scripts/subset-font.sh, fonts/LICENSE).
//     Characters without a glyph (emoji, Arabic, Hebrew, CJK) print as
//     U+FFFD: gofpdf has no font fallback and no right-to-left layout, and
//     glyph-less characters would break its line wrapping (see clean).
//   - gofpdf writes the MediaBox with two decimals: 595.28 × 841.89 pt,
//     which pdfinfo reports as A4.
//   - gofpdf has no setter for the catalog's /Lang; setLang adds it.
//   - Missing organisation name: confirmations and certificates refuse
//     (document.organisation.missing) because they are official documents;
//     plans and minutes are still made, without letterhead. A missing or
//     unreadable logo is left out.
//   - Page contents are compressed only from three pages on (see bytes).
package documents

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"tandem/internal/domain"
)

// Organisation is the letterhead: the office's profile and its logo.
type Organisation struct {
	Municipality      string // "Stadt Hilden"
	OfficeName        string // "Amt für Jugend, Schule und Sport"
	Street            string
	PostalCode        string
	City              string
	Phone             string
	Email             string
	SignatoryName     string
	SignatoryFunction string
	// Logo is a PNG or JPEG (see PrepareLogo); nil: letterhead without logo.
	Logo []byte
}

// OrganisationFrom builds the letterhead from the stored profile and the
// logo's bytes (nil or empty when there is none).
func OrganisationFrom(o domain.Organisation, logo []byte) Organisation {
	return Organisation{
		Municipality: o.Municipality, OfficeName: o.OfficeName,
		Street: o.Street, PostalCode: o.PostalCode, City: o.City,
		Phone: o.Phone, Email: o.Email,
		SignatoryName: o.SignatoryName, SignatoryFunction: o.SignatoryFunction,
		Logo: logo,
	}
}

func (o Organisation) hasName() bool {
	return oneLine(o.Municipality) != "" || oneLine(o.OfficeName) != ""
}

// author is the PDF author: the office and its municipality.
func (o Organisation) author() string {
	parts := nonEmpty(oneLine(o.OfficeName), oneLine(o.Municipality))
	if len(parts) == 0 {
		return "Tandem"
	}
	return strings.Join(parts, ", ")
}

// Page geometry in mm.
const (
	pageW        = 210.0
	pageH        = 297.0
	marginLeft   = 20.0
	marginRight  = 20.0
	marginTop    = 15.0
	marginBottom = 20.0
	contentW     = pageW - marginLeft - marginRight
	bodySize     = 10.0
	lineH        = 5.0
	language     = "de-DE"
	creator      = "Tandem"
)

// doc wraps one gofpdf document with the house layout.
type doc struct {
	pdf   *gofpdf.Fpdf
	org   Organisation
	title string // running head on pages after the first
	// fresh marks the next page as the first of a new letter (batch):
	// it gets the letterhead instead of the running head.
	fresh bool
	// compact makes tables denser (a certificate fitted on one page).
	compact bool
}

// newDoc starts a document with metadata, fonts, footer and the first page
// with the letterhead. issued fixes the PDF's creation and modification
// dates (the caller's clock) so that output is reproducible.
func newDoc(org Organisation, title, subject string, issued time.Time) *doc {
	p := gofpdf.NewCustom(&gofpdf.InitType{UnitStr: "mm", SizeStr: "A4", OrientationStr: "P"})
	d := &doc{pdf: p, org: org, title: oneLine(title)}
	if issued.IsZero() {
		issued = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	issued = issued.UTC().Truncate(time.Second)
	p.SetCreationDate(issued)
	p.SetModificationDate(issued)
	p.SetCatalogSort(true)
	// compression is decided in bytes(): see there
	p.SetTitle(d.title, true)
	p.SetSubject(oneLine(subject), true)
	p.SetAuthor(org.author(), true)
	p.SetCreator(creator, true)
	p.SetProducer(creator+" (gofpdf)", true)
	p.SetMargins(marginLeft, marginTop, marginRight)
	p.SetAutoPageBreak(true, marginBottom)
	p.AliasNbPages("{nb}")
	// Each PDF gets its own copy of the font bytes: gofpdf's subsetter
	// appends padding to slices of the bytes it is given, which writes into
	// the shared array when documents are rendered in parallel (a data
	// race, TestConfirmationFiles under -race). The copy costs microseconds.
	p.AddUTF8FontFromBytes(fontFamily, "", bytes.Clone(fontRegular))
	p.AddUTF8FontFromBytes(fontFamily, "B", bytes.Clone(fontBold))
	p.SetHeaderFunc(d.header)
	p.SetFooterFunc(d.footer)
	p.AddPage()
	d.letterhead()
	return d
}

func (d *doc) font(style string, size float64) {
	d.pdf.SetFont(fontFamily, style, size)
}

func (d *doc) grey(on bool) {
	if on {
		d.pdf.SetTextColor(90, 90, 90)
	} else {
		d.pdf.SetTextColor(0, 0, 0)
	}
}

// header prints a running head on every page after the first.
func (d *doc) header() {
	p := d.pdf
	if p.PageNo() == 1 || d.fresh {
		d.fresh = false
		return
	}
	d.font("", 8)
	d.grey(true)
	// The title (what the document is, e.g. the report's period) is kept
	// whole; a long organisation name is shortened instead.
	head := d.fit(d.title, contentW)
	if n := d.org.author(); n != "Tandem" {
		if room := contentW - p.GetStringWidth(" · "+head); room > 30 {
			head = d.fit(n, room+2) + " · " + head
		}
	}
	p.SetXY(marginLeft, 8)
	p.CellFormat(contentW, 4, head, "", 0, "L", false, 0, "")
	p.SetDrawColor(180, 180, 180)
	p.Line(marginLeft, 13, pageW-marginRight, 13)
	d.grey(false)
	p.SetXY(marginLeft, marginTop+2)
	d.font("", bodySize)
}

func (d *doc) footer() {
	p := d.pdf
	d.font("", 8)
	d.grey(true)
	p.SetXY(marginLeft, pageH-12)
	p.CellFormat(contentW, 4, "Seite "+strconv.Itoa(p.PageNo())+" von {nb}", "", 0, "C", false, 0, "")
	d.grey(false)
}

// fit shortens a one-line text with "…" to width w at the current font.
func (d *doc) fit(s string, w float64) string {
	p := d.pdf
	if p.GetStringWidth(s) <= w-2 {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && p.GetStringWidth(string(r)+"…") > w-2 {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// letterhead prints the organisation's name, address and logo at the top of
// the first page. Without a name and logo it prints nothing.
func (d *doc) letterhead() {
	p := d.pdf
	o := d.org
	top := marginTop
	textW := contentW
	logoBottom := top
	if name, opts, ok := d.registerLogo(); ok {
		info := p.GetImageInfo(name)
		if info != nil && info.Width() > 0 && info.Height() > 0 {
			const boxW, boxH = 45.0, 22.0
			w, h := boxW, boxW*info.Height()/info.Width()
			if h > boxH {
				w, h = boxH*info.Width()/info.Height(), boxH
			}
			p.ImageOptions(name, pageW-marginRight-w, top, w, h, false, opts, 0, "")
			logoBottom = top + h
			textW = contentW - boxW - 5
		}
	}
	p.SetXY(marginLeft, top)
	if m := oneLine(o.Municipality); m != "" {
		d.font("B", 14)
		p.MultiCell(textW, 6.5, m, "", "L", false)
	}
	if n := oneLine(o.OfficeName); n != "" {
		d.font("", 11)
		p.SetX(marginLeft)
		p.MultiCell(textW, 5.5, n, "", "L", false)
	}
	addr := nonEmpty(oneLine(o.Street), strings.TrimSpace(oneLine(o.PostalCode)+" "+oneLine(o.City)))
	contact := nonEmpty(prefixed("Tel. ", oneLine(o.Phone)), oneLine(o.Email))
	if len(addr)+len(contact) > 0 {
		d.font("", 8.5)
		d.grey(true)
		if len(addr) > 0 {
			p.SetX(marginLeft)
			p.MultiCell(textW, 4, strings.Join(addr, " · "), "", "L", false)
		}
		if len(contact) > 0 {
			p.SetX(marginLeft)
			p.MultiCell(textW, 4, strings.Join(contact, " · "), "", "L", false)
		}
		d.grey(false)
	}
	y := math.Max(p.GetY(), logoBottom)
	if y > top {
		y += 3
		p.SetDrawColor(120, 120, 120)
		p.SetLineWidth(0.3)
		p.Line(marginLeft, y, pageW-marginRight, y)
		p.SetLineWidth(0.2)
		y += 6
	}
	p.SetXY(marginLeft, y)
	d.font("", bodySize)
}

// registerLogo registers the organisation's logo once per document. A logo
// gofpdf cannot read (see logoKind) is left out rather than failing the
// document; PrepareLogo turns such a file into one it can read.
func (d *doc) registerLogo() (string, gofpdf.ImageOptions, bool) {
	kind := logoKind(d.org.Logo)
	if kind == "" {
		return "", gofpdf.ImageOptions{}, false
	}
	opts := gofpdf.ImageOptions{ImageType: kind, ReadDpi: false}
	const name = "logo"
	p := d.pdf
	p.RegisterImageOptionsReader(name, opts, bytes.NewReader(d.org.Logo))
	if p.Err() {
		// a broken image must not cost the document: start over without it
		p.ClearError()
		return "", opts, false
	}
	return name, opts, true
}

// heading prints a document title.
func (d *doc) heading(s string) {
	p := d.pdf
	d.font("B", 16)
	p.SetX(marginLeft)
	p.MultiCell(contentW, 7.5, oneLine(s), "", "L", false)
	p.Ln(2)
	d.font("", bodySize)
}

// section prints a sub-heading, moving to a new page when fewer than
// minBelow mm would follow it on this one.
func (d *doc) section(s string, minBelow float64) {
	p := d.pdf
	d.ensure(8 + minBelow)
	p.Ln(3)
	d.font("B", 11.5)
	p.SetX(marginLeft)
	p.MultiCell(contentW, 6, oneLine(s), "", "L", false)
	p.Ln(1)
	d.font("", bodySize)
}

// para prints wrapped text over the full width.
func (d *doc) para(s string) {
	p := d.pdf
	d.font("", bodySize)
	p.SetX(marginLeft)
	p.MultiCell(contentW, lineH, multiLine(s), "", "L", false)
}

// ensure starts a new page when less than h mm are left on this one.
func (d *doc) ensure(h float64) {
	if d.pdf.GetY()+h > pageH-marginBottom {
		d.pdf.AddPage()
	}
}

// fields prints label/value pairs; long values wrap beside their label.
func (d *doc) fields(pairs [][2]string) {
	p := d.pdf
	const labelW = 45.0
	for _, kv := range pairs {
		label, value := oneLine(kv[0]), multiLine(kv[1])
		if value == "" {
			value = "–"
		}
		d.ensure(lineH + 1)
		y := p.GetY()
		d.font("B", bodySize)
		p.SetXY(marginLeft, y)
		p.MultiCell(labelW, lineH, label, "", "L", false)
		labelEnd, labelPage := p.GetY(), p.PageNo()
		d.font("", bodySize)
		p.SetXY(marginLeft+labelW, y)
		// MultiCell can break the page; the label then stays on the first one
		startPage := labelPage
		p.MultiCell(contentW-labelW, lineH, value, "", "L", false)
		if p.PageNo() == startPage && labelEnd > p.GetY() {
			p.SetY(labelEnd)
		}
		p.SetX(marginLeft)
		p.Ln(1)
	}
}

// signatures prints signature lines side by side (two per row) with
// "Ort, Datum" or a name below each.
func (d *doc) signatures(labels []string) {
	p := d.pdf
	const gap = 15.0
	w := (contentW - gap) / 2
	for i := 0; i < len(labels); i += 2 {
		d.ensure(30)
		p.Ln(14)
		y := p.GetY()
		for j := 0; j < 2 && i+j < len(labels); j++ {
			x := marginLeft + float64(j)*(w+gap)
			p.SetDrawColor(0, 0, 0)
			p.Line(x, y, x+w, y)
			d.font("", 8.5)
			p.SetXY(x, y+1)
			p.MultiCell(w, 4, oneLine(labels[i+j]), "", "L", false)
		}
		p.SetXY(marginLeft, y+10)
	}
	d.font("", bodySize)
}

// signatureH is the height of the block signature prints: place and
// date, room to sign, the line and the signatory below it.
const signatureH = 36.0

// signature prints place and date, then the signature line of the
// organisation's signatory, kept together on one page.
func (d *doc) signature(place, date string) {
	p := d.pdf
	d.ensure(signatureH)
	p.SetX(marginLeft)
	p.MultiCell(contentW, lineH, strings.Join(nonEmpty(place, date), ", "), "", "L", false)
	signer := strings.Join(nonEmpty(oneLine(d.org.SignatoryName), oneLine(d.org.SignatoryFunction)), ", ")
	if signer == "" {
		signer = "Unterschrift"
	}
	d.signatures([]string{signer})
}

// keepWithSignature starts a new page unless h mm of text, the gap before
// the signature (6 mm) and the signature block fit on this one, so that
// the signature never stands on a page without the text it signs.
func (d *doc) keepWithSignature(h float64) {
	d.ensure(h + 6 + signatureH)
}

// column of a table.
type column struct {
	title string
	width float64
	align string // "L", "C"
	box   bool   // a box to tick by hand; the cell text "x" ticks it, other text replaces it
}

// table prints rows under a header that repeats on every page; a row
// taller than what is left of a page continues on the next one, so nothing
// is cut off however long a cell is.
func (d *doc) table(cols []column, rows [][]string) {
	p := d.pdf
	pad, size, lh := 1.2, 9.0, 4.4
	if d.compact {
		pad, size, lh = 0.7, 8.0, 3.7
	}
	bottom := pageH - marginBottom
	drawHeader := func() {
		d.font("B", size)
		p.SetFillColor(230, 230, 230)
		p.SetDrawColor(150, 150, 150)
		lines := make([][]string, len(cols))
		n := 1
		for i, c := range cols {
			lines[i] = p.SplitText(c.title, c.width)
			n = max(n, len(lines[i]))
		}
		y := p.GetY()
		h := float64(n)*lh + 2*pad
		x := marginLeft
		for i, c := range cols {
			p.Rect(x, y, c.width, h, "FD")
			for k, l := range lines[i] {
				p.SetXY(x, y+pad+float64(k)*lh)
				p.CellFormat(c.width, lh, l, "", 0, c.align, false, 0, "")
			}
			x += c.width
		}
		p.SetXY(marginLeft, y+h)
		d.font("", size)
	}
	headerH := func() float64 {
		d.font("B", size)
		n := 1
		for _, c := range cols {
			n = max(n, len(p.SplitText(c.title, c.width)))
		}
		d.font("", size)
		return float64(n)*lh + 2*pad
	}()
	// the header and at least two lines of the first row on this page
	if p.GetY()+headerH+2*lh+2*pad > bottom {
		p.AddPage()
	}
	drawHeader()
	d.font("", size)
	for _, row := range rows {
		lines := make([][]string, len(cols))
		n := 1
		for i, c := range cols {
			text := ""
			if i < len(row) {
				text = multiLine(row[i])
			}
			if c.box && (text == "" || text == "x") {
				lines[i] = []string{text}
				continue
			}
			if text != "" {
				lines[i] = p.SplitText(text, c.width)
			}
			n = max(n, len(lines[i]))
		}
		for from := 0; from < n; {
			room := int((bottom - p.GetY() - 2*pad + 0.001) / lh)
			if room < 1 || (from == 0 && room < min(n, 2)) {
				p.AddPage()
				drawHeader()
				continue
			}
			to := min(n, from+room)
			y := p.GetY()
			h := float64(to-from)*lh + 2*pad
			x := marginLeft
			p.SetDrawColor(150, 150, 150)
			for i, c := range cols {
				p.Rect(x, y, c.width, h, "D")
				if c.box && len(lines[i]) == 1 && (lines[i][0] == "" || lines[i][0] == "x") {
					if from == 0 {
						const s = 3.6
						bx, by := x+(c.width-s)/2, y+pad+(lh-s)/2
						p.SetDrawColor(0, 0, 0)
						p.Rect(bx, by, s, s, "D")
						if lines[i][0] == "x" {
							p.SetLineWidth(0.4)
							p.Line(bx+0.7, by+s/2, bx+s/2-0.2, by+s-0.7)
							p.Line(bx+s/2-0.2, by+s-0.7, bx+s-0.5, by+0.6)
							p.SetLineWidth(0.2)
						}
						p.SetDrawColor(150, 150, 150)
					}
				} else {
					for k := from; k < to && k < len(lines[i]); k++ {
						p.SetXY(x, y+pad+float64(k-from)*lh)
						p.CellFormat(c.width, lh, lines[i][k], "", 0, c.align, false, 0, "")
					}
				}
				x += c.width
			}
			p.SetXY(marginLeft, y+h)
			from = to
		}
	}
	d.font("", bodySize)
	p.Ln(2)
}

// bytes finishes the document and returns the PDF with /Lang in its catalog.
func (d *doc) bytes() ([]byte, error) {
	// A fresh zlib writer costs ~1 MB and ~0.5 ms in gofpdf; the content
	// of a one- or two-page document is a few KB, so only longer ones are
	// compressed (fonts and images are compressed by gofpdf regardless).
	d.pdf.SetCompression(d.pdf.PageNo() > 2)
	var buf bytes.Buffer
	if err := d.pdf.Output(&buf); err != nil {
		return nil, domain.Internal(err, "pdf")
	}
	out, err := setLang(buf.Bytes(), language)
	if err != nil {
		return nil, domain.Internal(err, "pdf lang")
	}
	return out, nil
}

// setLang adds /Lang to the document catalog. gofpdf (v1.16.2) has no
// setter for it; it writes the catalog as the last object before the
// cross-reference table, so inserting the entry there only moves the
// startxref offset.
func setLang(pdf []byte, lang string) ([]byte, error) {
	const marker = "/Type /Catalog\n"
	i := bytes.LastIndex(pdf, []byte(marker))
	x := bytes.LastIndex(pdf, []byte("\nxref\n"))
	s := bytes.LastIndex(pdf, []byte("startxref\n"))
	if i < 0 || x < i || s < x {
		return nil, fmt.Errorf("unexpected PDF structure")
	}
	rest := pdf[s+len("startxref\n"):]
	end := bytes.IndexByte(rest, '\n')
	if end < 0 {
		return nil, fmt.Errorf("unexpected PDF trailer")
	}
	off, err := strconv.Atoi(string(rest[:end]))
	if err != nil || off != x+1 {
		return nil, fmt.Errorf("unexpected startxref %q", rest[:end])
	}
	entry := "/Lang (" + lang + ")\n"
	var out bytes.Buffer
	out.Grow(len(pdf) + len(entry) + 4)
	out.Write(pdf[:i+len(marker)])
	out.WriteString(entry)
	out.Write(pdf[i+len(marker) : s])
	out.WriteString("startxref\n")
	out.WriteString(strconv.Itoa(off + len(entry)))
	out.Write(rest[end:])
	return out.Bytes(), nil
}

// germanDate shows an ISO date as TT.MM.JJJJ; anything else is shown as
// given (cleaned), "" as "".
func germanDate(iso string) string {
	if t, ok := domain.ParseDate(iso); ok {
		return t.Format("02.01.2006")
	}
	return oneLine(iso)
}

// period shows "01.03.2027 – 31.08.2027", or one side when the other is missing.
func period(from, to string) string {
	a, b := germanDate(from), germanDate(to)
	switch {
	case a != "" && b != "":
		return a + " – " + b
	case a != "":
		return "ab " + a
	case b != "":
		return "bis " + b
	}
	return ""
}

func nonEmpty(ss ...string) []string {
	out := ss[:0:0]
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func prefixed(prefix, s string) string {
	if s == "" {
		return ""
	}
	return prefix + s
}
