// Command libreoffice compares Tandem's Abschlussbestätigung with what
// offices do today: a Word/Writer mail-merge document converted to PDF by
// LibreOffice. It writes the same confirmation (letterhead, title, name,
// wording, programme, period, final talk, register number, topics, place,
// date and signature line) as an OpenDocument text, converts it with
// `libreoffice --headless --convert-to pdf` n times, renders it n times
// with documents.Confirmation, and prints both times and the ratio
// (goal ≥ 50×). Not part of make test:
//
//	go run ./bench/libreoffice [-n 10]
package main

import (
	"flag"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"tandem/internal/documents"
	"tandem/internal/domain"
	"tandem/internal/gctune"
)

func main() {
	gctune.Apply() // the collector as the app sets it
	n := flag.Int("n", 10, "conversions / renderings to time")
	keep := flag.Bool("keep", false, "keep the working folder")
	flag.Parse()

	in := confirmation()
	text, err := documents.RenderWording(documents.DefaultConfirmationWording, map[string]string{
		"name": in.Name, "programm": in.Programme, "beginn": "01.03.2027", "ende": "30.09.2027",
		"abschlussgespraech": "28.09.2027", "amt": in.Org.OfficeName, "kommune": in.Org.Municipality,
	})
	if err != nil {
		fail("wording: %v", err)
	}

	// Tandem: warm up once, then n renderings
	if _, err := documents.Confirmation(in); err != nil {
		fail("confirmation: %v", err)
	}
	start := time.Now()
	for i := 0; i < *n; i++ {
		if _, err := documents.Confirmation(in); err != nil {
			fail("confirmation: %v", err)
		}
	}
	tandem := time.Since(start) / time.Duration(*n)
	fmt.Printf("Tandem (gofpdf):      %8.2f ms je Bestätigung (%d Läufe)\n", ms(tandem), *n)

	lo := findLibreOffice()
	if lo == "" {
		fmt.Println("LibreOffice fehlt: weder libreoffice noch soffice im PATH.")
		fmt.Println("Installieren: apt-get install -y --no-install-recommends libreoffice-writer-nogui")
		os.Exit(2)
	}
	dir, err := os.MkdirTemp("", "tandem-lo-bench-")
	if err != nil {
		fail("%v", err)
	}
	if *keep {
		fmt.Println("Ordner:", dir)
	} else {
		defer os.RemoveAll(dir)
	}
	profile := "-env:UserInstallation=file://" + filepath.Join(dir, "profile")
	fodt := filepath.Join(dir, "Abschlussbestaetigung.fodt")
	if err := os.WriteFile(fodt, []byte(flatODT(in, text)), 0o644); err != nil {
		fail("%v", err)
	}
	// the mail-merge document as offices keep it: a real .odt (made once, not timed)
	// and a first run that creates LibreOffice's profile
	run(lo, profile, "--headless", "--convert-to", "odt", "--outdir", dir, fodt)
	odt := strings.TrimSuffix(fodt, ".fodt") + ".odt"
	if _, err := os.Stat(odt); err != nil {
		fail("LibreOffice hat keine .odt erzeugt: %v", err)
	}
	run(lo, profile, "--headless", "--convert-to", "pdf", "--outdir", filepath.Join(dir, "warm"), odt)

	// one process per document, as a mail-merge macro or script does it
	start = time.Now()
	for i := 0; i < *n; i++ {
		run(lo, profile, "--headless", "--convert-to", "pdf", "--outdir", filepath.Join(dir, fmt.Sprintf("out%d", i)), odt)
	}
	perProcess := time.Since(start) / time.Duration(*n)
	pdf := filepath.Join(dir, "out0", "Abschlussbestaetigung.pdf")
	if st, err := os.Stat(pdf); err != nil || st.Size() == 0 {
		fail("LibreOffice hat kein PDF erzeugt: %v", err)
	}
	fmt.Printf("LibreOffice (je Aufruf): %8.2f ms je Bestätigung (%d Aufrufe)\n", ms(perProcess), *n)

	// all n documents in one LibreOffice call (the most favourable case for LibreOffice)
	var files []string
	for i := 0; i < *n; i++ {
		f := filepath.Join(dir, "batch", fmt.Sprintf("Bestaetigung%03d.odt", i))
		os.MkdirAll(filepath.Dir(f), 0o755)
		data, _ := os.ReadFile(odt)
		os.WriteFile(f, data, 0o644)
		files = append(files, f)
	}
	start = time.Now()
	run(lo, append([]string{profile, "--headless", "--convert-to", "pdf", "--outdir", filepath.Join(dir, "batchout")}, files...)...)
	batch := time.Since(start) / time.Duration(*n)
	fmt.Printf("LibreOffice (ein Aufruf für alle): %8.2f ms je Bestätigung\n", ms(batch))

	fmt.Printf("Verhältnis je Aufruf:   %.0f× schneller (Ziel ≥ 50×)\n", float64(perProcess)/float64(tandem))
	fmt.Printf("Verhältnis Stapel:      %.0f× schneller\n", float64(batch)/float64(tandem))
}

func ms(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e6 }

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(1)
}

func findLibreOffice() string {
	for _, name := range []string{"libreoffice", "soffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

func run(name string, args ...string) {
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		fail("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

// confirmation is the benchmark's data, as in internal/documents' benchmark.
func confirmation() documents.ConfirmationDoc {
	org := documents.OrganisationFrom(domain.Organisation{
		Municipality: "Stadt Hilden", OfficeName: "Amt für Jugend, Schule und Sport",
		Street: "Am Rathaus 1", PostalCode: "40721", City: "Hilden",
		Phone: "02103 72-0", Email: "jugendamt@hilden.de",
		SignatoryName: "Dr. Jürgen Weiß", SignatoryFunction: "Leitung des Jugendamts",
	}, nil)
	return documents.ConfirmationDoc{
		Org: org, Kind: documents.Completion, Number: "JA-2027-0042", Name: "Zoë Weißgerber",
		Programme: "ASD-Einarbeitung Hilden", StartDate: "2027-03-01", EndDate: "2027-09-30",
		FinalTalkDate: "2027-09-28", Covered: []string{"Ankommen", "Vertiefung"},
		Issued: time.Date(2027, 9, 30, 14, 5, 0, 0, time.UTC),
	}
}

// flatODT writes the confirmation as a flat OpenDocument text (A4, the
// same sections and wording as the PDF of documents.Confirmation).
func flatODT(in documents.ConfirmationDoc, text string) string {
	e := html.EscapeString
	var b strings.Builder
	p := func(style, s string) {
		fmt.Fprintf(&b, `<text:p text:style-name="%s">%s</text:p>`+"\n", style, e(s))
	}
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>Abschlussbestätigung – ` + e(in.Name) + `</dc:title><dc:language>de-DE</dc:language></office:meta>
<office:font-face-decls><style:font-face style:name="DejaVu Sans" svg:font-family="'DejaVu Sans'" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/></office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph"><style:text-properties style:font-name="DejaVu Sans" fo:font-size="10pt" fo:language="de" fo:country="DE"/></style:default-style>
 <style:style style:name="Standard" style:family="paragraph"/>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.5cm" fo:margin-bottom="2cm" fo:margin-left="2cm" fo:margin-right="2cm"/></style:page-layout>
 <style:style style:name="Head" style:family="paragraph"><style:text-properties fo:font-size="14pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="Small" style:family="paragraph"><style:paragraph-properties fo:border-bottom="0.3pt solid #787878" fo:padding-bottom="0.2cm" fo:margin-bottom="0.6cm"/><style:text-properties fo:font-size="8.5pt" fo:color="#5a5a5a"/></style:style>
 <style:style style:name="Title" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-top="0.6cm" fo:margin-bottom="0.4cm"/><style:text-properties fo:font-size="20pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="Name" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.6cm"/><style:text-properties fo:font-size="14pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.2cm"/></style:style>
 <style:style style:name="Section" style:family="paragraph"><style:paragraph-properties fo:margin-top="0.4cm"/><style:text-properties fo:font-size="11.5pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="Sign" style:family="paragraph"><style:paragraph-properties fo:margin-top="1.6cm" fo:border-top="0.5pt solid #000000"/><style:text-properties fo:font-size="8.5pt"/></style:style>
 <style:style style:name="Foot" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="8pt" fo:color="#5a5a5a"/></style:style>
 <style:style style:name="T1" style:family="table"><style:table-properties style:width="17cm"/></style:style>
 <style:style style:name="T1.A" style:family="table-column"><style:table-column-properties style:column-width="4.5cm"/></style:style>
 <style:style style:name="T1.B" style:family="table-column"><style:table-column-properties style:column-width="12.5cm"/></style:style>
 <style:style style:name="Bold" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">
 <style:footer><text:p text:style-name="Foot">Seite <text:page-number/> von <text:page-count/></text:p></style:footer>
</style:master-page></office:master-styles>
<office:body><office:text>
`)
	o := in.Org
	p("Head", o.Municipality)
	p("Body", o.OfficeName)
	p("Small", o.Street+" · "+o.PostalCode+" "+o.City+" · Tel. "+o.Phone+" · "+o.Email)
	p("Title", "Abschlussbestätigung")
	p("Name", in.Name)
	for _, para := range strings.Split(text, "\n\n") {
		p("Body", para)
	}
	b.WriteString(`<table:table table:name="Angaben" table:style-name="T1"><table:table-column table:style-name="T1.A"/><table:table-column table:style-name="T1.B"/>` + "\n")
	for _, kv := range [][2]string{{"Programm", in.Programme}, {"Zeitraum", "01.03.2027 – 30.09.2027"},
		{"Abschlussgespräch", "28.09.2027"}, {"Registernummer", in.Number}} {
		fmt.Fprintf(&b, `<table:table-row><table:table-cell><text:p><text:span text:style-name="Bold">%s</text:span></text:p></table:table-cell><table:table-cell><text:p>%s</text:p></table:table-cell></table:table-row>`+"\n", e(kv[0]), e(kv[1]))
	}
	b.WriteString("</table:table>\n")
	p("Section", "Inhalte")
	b.WriteString("<text:list>")
	for _, c := range in.Covered {
		fmt.Fprintf(&b, "<text:list-item><text:p>%s</text:p></text:list-item>", e(c))
	}
	b.WriteString("</text:list>\n")
	p("Body", o.City+", 30.09.2027")
	p("Sign", o.SignatoryName+", "+o.SignatoryFunction)
	b.WriteString("</office:text></office:body></office:document>\n")
	return b.String()
}
