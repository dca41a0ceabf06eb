package app

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tandem/internal/domain"
	"tandem/internal/sqlite"
	"tandem/internal/wintest"
)

// docWorld: an organisation profile, an onboarding run with two active
// tandems (Mia Müller with a plan, Ben Berger), and a course group.
type docWorld struct {
	s        *Services
	db       *sqlite.DB
	dir      string
	run      domain.Run
	mia, ben domain.Tandem
	miaID    int64
	plan     domain.Plan
	opened   []string
}

var docNow = time.Date(2027, 6, 15, 10, 0, 0, 0, time.Local)

func newDocWorld(t *testing.T) *docWorld { return newDocWorldOrg(t, true) }

func newDocWorldOrg(t *testing.T, withOrganisation bool) *docWorld {
	t.Helper()
	s, _ := openServices(t)
	w := &docWorld{s: s, db: s.Documents.s.db, dir: t.TempDir()}
	w.db.Now = func() time.Time { return docNow }
	oldDir, oldOpen := devSaveDir, devOpenFile
	devSaveDir = func() string { return w.dir }
	devOpenFile = func(p string) bool { w.opened = append(w.opened, p); return true }
	t.Cleanup(func() { devSaveDir, devOpenFile = oldDir, oldOpen })
	ctx := context.Background()
	db := w.db
	if withOrganisation {
		if _, err := db.SaveOrganisation(ctx, domain.OrganisationInput{Municipality: "Stadt Hilden", OfficeName: "Amt für Jugend, Schule und Sport",
			City: "Hilden", SignatoryName: "Dr. Anna Amt", SignatoryFunction: "Amtsleitung"}); err != nil {
			t.Fatal(err)
		}
	}
	person := func(first, last string, role domain.Role) int64 {
		p, err := db.CreatePerson(ctx, domain.PersonInput{FirstName: first, LastName: last, Roles: []domain.Role{role}})
		if err != nil {
			t.Fatal(err)
		}
		return p.ID
	}
	tpls, err := db.Templates(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	var onboarding int64
	for _, tp := range tpls {
		if tp.Kind == domain.KindOnboarding {
			onboarding = tp.ID
		}
	}
	if w.run, err = db.CreateRun(ctx, domain.RunInput{TemplateID: onboarding, Name: "Einarbeitung 2027", StartDate: "2027-01-01", EndDate: "2027-12-31"}); err != nil {
		t.Fatal(err)
	}
	w.miaID = person("Mia", "Müller", domain.RoleMentee)
	max := person("Max", "Mentor", domain.RoleMentor)
	benID := person("Ben", "Berger", domain.RoleMentee)
	nora := person("Nora", "Nord", domain.RoleMentor)
	tandem := func(mentee, mentor int64) domain.Tandem {
		tt, err := db.CreateTandem(ctx, domain.TandemInput{RunID: w.run.ID, MenteeID: mentee, MentorIDs: []int64{mentor}, StartDate: "2027-02-01", EndDate: "2027-07-31", OverrideReason: "Test"})
		if err != nil {
			t.Fatal(err)
		}
		if tt, err = db.SetTandemStatus(ctx, tt.ID, domain.TandemActive, ""); err != nil {
			t.Fatal(err)
		}
		return tt
	}
	w.mia, w.ben = tandem(w.miaID, max), tandem(benID, nora)
	if w.plan, err = db.CreatePlan(ctx, domain.PlanInput{NewcomerID: w.miaID, TemplateID: onboarding, TandemID: w.mia.ID, StartDate: "2027-02-01"}); err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *docWorld) finalTalk(t *testing.T, tandemID int64) {
	t.Helper()
	if _, err := w.db.RecordFeedbackTalk(context.Background(), domain.FeedbackTalkInput{TandemID: tandemID, Kind: domain.FeedbackFinal, Date: "2027-06-10"}); err != nil {
		t.Fatal(err)
	}
}

func (w *docWorld) registerCount(t *testing.T) int {
	t.Helper()
	list, err := w.s.Documents.Register(domain.RegisterFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return len(list)
}

func pdfText(t *testing.T, path string) string {
	t.Helper()
	wintest.LinuxTools(t, "qpdf", "pdftotext")
	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check %s: %v\n%s", path, err, out)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return string(out)
}

func wantKey(t *testing.T, err error, key string) {
	t.Helper()
	if e := domain.AsError(err); err == nil || e.Key != key {
		t.Fatalf("error %v, want key %s", err, key)
	}
}

func b64(data []byte) string { return base64.StdEncoding.EncodeToString(data) }

func TestIssueConfirmationAndVerify(t *testing.T) {
	w := newDocWorld(t)
	d := w.s.Documents

	// Before the final talk: refused, nothing recorded, no file.
	_, err := d.IssueConfirmation(w.mia.ID)
	wantKey(t, err, "document.final_talk.missing")
	if n := w.registerCount(t); n != 0 {
		t.Fatalf("%d entries after a refusal", n)
	}
	if files, _ := os.ReadDir(w.dir); len(files) != 0 {
		t.Fatalf("files written: %v", files)
	}
	_, err = d.IssueConfirmation(0)
	wantKey(t, err, "id.invalid")

	w.finalTalk(t, w.mia.ID)
	res, err := d.IssueConfirmation(w.mia.ID)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(res.Path) != "Abschlussbestätigung Müller Mia.pdf" || res.Entry == nil || res.Entry.Number != "JA-2027-0001" {
		t.Fatalf("result %+v", res)
	}
	text := pdfText(t, res.Path)
	for _, want := range []string{"Abschlussbestätigung", "Mia Müller", "JA-2027-0001", "Stadt Hilden", "10.06.2027"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF lacks %q:\n%s", want, text)
		}
	}
	issued, _ := os.ReadFile(res.Path)
	h := sha256.Sum256(issued)
	if hex.EncodeToString(h[:]) != res.Entry.SHA256 {
		t.Fatal("register hash is not the hash of the written file")
	}

	// Verify: unaltered; one byte changed; not a PDF; too large.
	v, err := d.VerifyFile(b64(issued))
	if err != nil || v.Outcome != "valid" || !strings.Contains(v.Message, "Unverändert, von uns ausgestellt am 15.06.2027 (Nr. JA-2027-0001)") {
		t.Fatalf("verify %+v, %v", v, err)
	}
	changed := bytes.Clone(issued)
	changed[len(changed)/2] ^= 1
	if v, err := d.VerifyFile("data:application/pdf;base64," + b64(changed)); err != nil || v.Outcome != "unknown" ||
		!strings.Contains(v.Message, "nicht von uns ausgestellt oder verändert") {
		t.Fatalf("modified %+v, %v", v, err)
	}
	_, err = d.VerifyFile(b64([]byte("hello")))
	wantKey(t, err, "document.file.not_pdf")
	_, err = d.VerifyFile("%%%")
	wantKey(t, err, "document.file.unreadable")
	_, err = d.VerifyFile("")
	wantKey(t, err, "document.file.empty")
	_, err = d.VerifyFile(strings.Repeat("A", 28<<20))
	wantKey(t, err, "document.file.too_large")

	// Look-up.
	if e, err := d.LookupNumber("ja-2027-0001"); err != nil || e.PersonName != "Mia Müller" {
		t.Fatalf("lookup %+v, %v", e, err)
	}
	_, err = d.LookupNumber("JA-2027-0042")
	wantKey(t, err, "register.number.unknown")
	_, err = d.LookupNumber("0042")
	wantKey(t, err, "register.number.invalid")

	// A second confirmation for the same tandem is refused before any
	// dialog, pointing to „Neu ausstellen“; nothing recorded or written.
	files, _ := os.ReadDir(w.dir)
	_, err = d.IssueConfirmation(w.mia.ID)
	wantKey(t, err, "register.already_issued.confirmation")
	if msg := toAppError(err).Message; !strings.Contains(msg, "JA-2027-0001") || !strings.Contains(msg, "„Neu ausstellen“") {
		t.Fatalf("message %s", msg)
	}
	if after, _ := os.ReadDir(w.dir); w.registerCount(t) != 1 || len(after) != len(files) {
		t.Fatalf("refused second confirmation left %d entries, %d files", w.registerCount(t), len(after))
	}

	// Reissue: new number and file, the old bytes now verify as superseded.
	re, err := d.Reissue("JA-2027-0001")
	if err != nil || re.Entry.Number != "JA-2027-0002" || re.Entry.Supersedes != "JA-2027-0001" {
		t.Fatalf("reissue %+v, %v", re, err)
	}
	if !strings.Contains(pdfText(t, re.Path), "JA-2027-0002") {
		t.Fatal("reissued PDF lacks the new number")
	}
	if v, _ := d.VerifyFile(b64(issued)); v.Outcome != "superseded" || !strings.Contains(v.Message, "JA-2027-0002") {
		t.Fatalf("superseded %+v", v)
	}
	_, err = d.Reissue("JA-2027-0001")
	wantKey(t, err, "register.superseded")

	// Revoke: needs a reason; then verifying says revoked with date and reason.
	_, err = d.Revoke("JA-2027-0002", " ")
	wantKey(t, err, "text.required")
	second, _ := os.ReadFile(re.Path)
	if _, err := d.Revoke("JA-2027-0002", "Zeitraum falsch angegeben"); err != nil {
		t.Fatal(err)
	}
	if v, _ := d.VerifyFile(b64(second)); v.Outcome != "revoked" || !strings.Contains(v.Message, "Zeitraum falsch angegeben") ||
		!strings.Contains(v.Message, "15.06.2027") {
		t.Fatalf("revoked %+v", v)
	}

	// A cancelled save dialog records nothing.
	before := w.registerCount(t)
	devSaveDir = func() string { return "" }
	ctx := context.Background()
	r, err := d.issue(w.db, ctx, func(n string, at time.Time) ([]byte, error) { return []byte("%PDF-1.4 " + n), nil },
		domain.RegisterInput{Kind: domain.DocConfirmation, PersonID: w.miaID, TandemID: w.mia.ID}, "",
		func([]byte) (string, error) { return "", nil })
	if err != nil || r.Path != "" || r.Entry != nil || w.registerCount(t) != before {
		t.Fatalf("cancelled: %+v, %v, %d entries", r, err, w.registerCount(t))
	}
	devSaveDir = func() string { return w.dir }

	// OpenFile: only files saved in this process.
	if err := d.OpenFile(res.Path); err != nil || len(w.opened) != 1 {
		t.Fatalf("open %v %v", err, w.opened)
	}
	wantKey(t, d.OpenFile("/etc/passwd"), "document.open.not_saved")
}

func TestPlanMinutesAndTexts(t *testing.T) {
	w := newDocWorld(t)
	d := w.s.Documents
	res, err := d.SavePlan(w.plan.ID)
	if err != nil || filepath.Base(res.Path) != "Einarbeitungsplan Müller Mia.pdf" {
		t.Fatalf("plan %+v, %v", res, err)
	}
	if text := pdfText(t, res.Path); !strings.Contains(text, "Einarbeitungsplan") || !strings.Contains(text, "Mia Müller") {
		t.Fatalf("plan text:\n%s", text)
	}
	ctx := context.Background()
	sess, err := w.db.CreateSession(ctx, domain.SessionInput{TandemID: w.mia.ID, Date: "2027-03-03", StartTime: "10:00", DurationMinutes: 60, Place: "Raum 1"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.db.SaveNote(ctx, sess.ID, 0, domain.NoteInput{Text: "Geheimes Detail", Confidential: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.db.SaveNote(ctx, sess.ID, 0, domain.NoteInput{Text: "Offene Notiz"}); err != nil {
		t.Fatal(err)
	}
	res, err = d.SaveSessionMinutes(sess.ID, false)
	if err != nil || filepath.Base(res.Path) != "Gesprächsprotokoll 2027-03-03 Müller.pdf" {
		t.Fatalf("minutes %+v, %v", res, err)
	}
	if text := pdfText(t, res.Path); strings.Contains(text, "Geheimes Detail") || !strings.Contains(text, "Offene Notiz") {
		t.Fatalf("minutes without confidential:\n%s", text)
	}
	res, _ = d.SaveSessionMinutes(sess.ID, true)
	if text := pdfText(t, res.Path); !strings.Contains(text, "Geheimes Detail") {
		t.Fatalf("minutes with confidential:\n%s", text)
	}
	// A steering group's minutes are titled for it and name no plan.
	steer, err := w.db.CreateGroup(ctx, domain.GroupInput{Kind: domain.GroupSteering, Name: "Steuerungsgruppe ASD", MemberIDs: []int64{w.miaID}})
	if err != nil {
		t.Fatal(err)
	}
	gs, err := w.db.CreateSession(ctx, domain.SessionInput{GroupID: steer.ID, Date: "2027-03-04", StartTime: "14:00", DurationMinutes: 60, Place: "Raum 2"})
	if err != nil {
		t.Fatal(err)
	}
	res, err = d.SaveSessionMinutes(gs.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	if text := pdfText(t, res.Path); !strings.Contains(text, "Protokoll der Steuerungsgruppe vom 04.03.2027") ||
		strings.Contains(text, "Gesprächsprotokoll") || strings.Contains(text, "Einarbeitungsplan") {
		t.Fatalf("steering group minutes:\n%s", text)
	}

	// The organisation's wording is used.
	_, err = d.SaveDocumentTexts(domain.DocumentTexts{ConfirmationWording: "{{name}} war bei uns. {{unbekannt}}"})
	wantKey(t, err, "document.wording.placeholder.unknown")
	if _, err := d.SaveDocumentTexts(domain.DocumentTexts{ConfirmationWording: "{{name}} hat „{{programm}}“ mit Erfolg durchlaufen."}); err != nil {
		t.Fatal(err)
	}
	w.finalTalk(t, w.mia.ID)
	conf, err := d.IssueConfirmation(w.mia.ID)
	if err != nil {
		t.Fatal(err)
	}
	if text := pdfText(t, conf.Path); !strings.Contains(text, "mit Erfolg durchlaufen") {
		t.Fatalf("wording not used:\n%s", text)
	}
	if v, _ := d.DocumentTexts(); len(v.Placeholders) == 0 || v.DefaultConfirmationWording == "" {
		t.Fatalf("texts view %+v", v)
	}
}

func TestRunConfirmationsAndCertificate(t *testing.T) {
	w := newDocWorld(t)
	d := w.s.Documents
	_, err := d.IssueRunConfirmations(w.run.ID, false)
	wantKey(t, err, "document.batch.none")
	w.finalTalk(t, w.mia.ID)
	w.finalTalk(t, w.ben.ID)
	res, err := d.IssueRunConfirmations(w.run.ID, false)
	if err != nil || res.Total != 2 || res.Issued != 2 || len(res.Paths) != 2 || res.Cancelled {
		t.Fatalf("batch %+v, %v", res, err)
	}
	names := []string{filepath.Base(res.Paths[0]), filepath.Base(res.Paths[1])}
	if strings.Join(names, "|") != "Abschlussbestätigung Müller Mia.pdf|Abschlussbestätigung Berger Ben.pdf" &&
		strings.Join(names, "|") != "Abschlussbestätigung Berger Ben.pdf|Abschlussbestätigung Müller Mia.pdf" {
		t.Fatalf("names %v", names)
	}
	for i, p := range res.Paths {
		if !strings.Contains(pdfText(t, p), res.Numbers[i]) {
			t.Fatalf("%s lacks %s", p, res.Numbers[i])
		}
	}
	// A second run skips both (their confirmations stand) and says so.
	again, err := d.IssueRunConfirmations(w.run.ID, true)
	if err != nil || again.Issued != 0 || again.Total != 0 || len(again.Skipped) != 2 || w.registerCount(t) != 2 {
		t.Fatalf("second batch %+v, %v, %d entries", again, err, w.registerCount(t))
	}
	// Once revoked, a confirmation is issued again by the batch.
	for _, n := range res.Numbers {
		if _, err := d.Revoke(n, "Falscher Zeitraum"); err != nil {
			t.Fatal(err)
		}
	}
	// Combined: one file, every entry carries its hash.
	comb, err := d.IssueRunConfirmations(w.run.ID, true)
	if err != nil || comb.Issued != 2 || len(comb.Skipped) != 0 || len(comb.Paths) != 1 || filepath.Base(comb.Paths[0]) != "Abschlussbestätigungen Einarbeitung 2027.pdf" {
		t.Fatalf("combined %+v, %v", comb, err)
	}
	text := pdfText(t, comb.Paths[0])
	for _, n := range comb.Numbers {
		if !strings.Contains(text, n) {
			t.Fatalf("combined lacks %s", n)
		}
	}
	data, _ := os.ReadFile(comb.Paths[0])
	if v, _ := d.VerifyFile(b64(data)); v.Outcome != "valid" || len(v.Entries) != 2 {
		t.Fatalf("verify combined %+v", v)
	}
	if n := w.registerCount(t); n != 4 {
		t.Fatalf("%d entries", n)
	}
	// CancelBatch stops between documents; what was issued stays recorded.
	for _, n := range comb.Numbers {
		if _, err := d.Revoke(n, "Falsches Datum"); err != nil {
			t.Fatal(err)
		}
	}
	progressHook = func(done, total int) {
		if done == 1 {
			d.CancelBatch()
		}
	}
	defer func() { progressHook = nil }()
	part, err := d.IssueRunConfirmations(w.run.ID, false)
	if err != nil || !part.Cancelled || part.Issued != 1 || part.Total != 2 || w.registerCount(t) != 5 {
		t.Fatalf("cancelled batch %+v, %v, %d entries", part, err, w.registerCount(t))
	}
	progressHook = nil

	// Certificate: only for a completed participant.
	ctx := context.Background()
	tpls, _ := w.db.Templates(ctx, false)
	var course int64
	for _, tp := range tpls {
		if tp.Kind == domain.KindCertificateCourse {
			course = tp.ID
		}
	}
	crun, err := w.db.CreateRun(ctx, domain.RunInput{TemplateID: course, Name: "Kurs 2027", StartDate: "2027-01-01", EndDate: "2027-12-31"})
	if err != nil {
		t.Fatal(err)
	}
	g, err := w.db.CreateGroup(ctx, domain.GroupInput{Kind: domain.GroupCourse, Name: "Kurs 2027", RunID: crun.ID, MemberIDs: []int64{w.miaID}})
	if err != nil {
		t.Fatal(err)
	}
	before := w.registerCount(t)
	_, err = d.IssueCertificate(g.ID, w.miaID)
	wantKey(t, err, "document.certificate.not_completed")
	_, err = d.IssueCertificate(g.ID, 999)
	wantKey(t, err, "document.certificate.not_member")
	if w.registerCount(t) != before {
		t.Fatal("refused certificate recorded")
	}

	// Completed: every module attended, project completed → numbered certificate.
	for i, m := range g.Modules {
		if _, err := w.db.CreateSession(ctx, domain.SessionInput{GroupID: g.ID, ModuleID: m.ID, Date: fmt.Sprintf("2027-03-%02d", i+1),
			StartTime: "09:00", DurationMinutes: 240, Place: "Rathaus", Participants: []domain.AttendanceInput{{PersonID: w.miaID, Present: true}}}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.db.SavePracticeProject(ctx, g.ID, w.miaID, domain.PracticeProjectInput{Title: "Elternabend im Familienzentrum",
		Description: "Konzept und Durchführung", HeadSupports: true, Status: domain.ProjectCompleted}); err != nil {
		t.Fatal(err)
	}
	// A module still ahead: refused, the certificate would state a period
	// that has not taken place. Its date then comes from its session.
	last := g.Modules[len(g.Modules)-1]
	if _, err := w.db.UpdateCourseModule(ctx, last.ID, domain.CourseModuleInput{Title: last.Title, Speaker: last.Speaker, Date: "2027-12-01"}); err != nil {
		t.Fatal(err)
	}
	_, err = d.IssueCertificate(g.ID, w.miaID)
	wantKey(t, err, "document.certificate.course_running")
	if _, err := w.db.UpdateCourseModule(ctx, last.ID, domain.CourseModuleInput{Title: last.Title, Speaker: last.Speaker}); err != nil {
		t.Fatal(err)
	}
	cert, err := d.IssueCertificate(g.ID, w.miaID)
	if err != nil || cert.Entry == nil || cert.Entry.Kind != domain.DocCertificate || filepath.Base(cert.Path) != "Zertifikat Müller Mia.pdf" {
		t.Fatalf("certificate %+v, %v", cert, err)
	}
	text = pdfText(t, cert.Path)
	for _, want := range []string{"Zertifikat", "Mia Müller", cert.Entry.Number, "Elternabend im Familienzentrum", g.Modules[0].Title} {
		if !strings.Contains(strings.Join(strings.Fields(text), " "), strings.Join(strings.Fields(want), " ")) {
			t.Errorf("certificate lacks %q:\n%s", want, text)
		}
	}
	period := fmt.Sprintf("01.03.2027 – %02d.03.2027", len(g.Modules))
	if flat := strings.Join(strings.Fields(text), " "); !strings.Contains(flat, "im Zeitraum "+period) || strings.Contains(flat, "31.12.2027") {
		t.Errorf("certificate period is not %s (first to last module):\n%s", period, text)
	}
	if g.Modules[0].Speaker != "" && !strings.Contains(text, strings.Fields(g.Modules[0].Speaker)[0]) {
		t.Errorf("certificate lacks the speaker %q", g.Modules[0].Speaker)
	}
	if list, _ := d.Register(domain.RegisterFilter{Kind: domain.DocCertificate}); len(list) != 1 || list[0].About != "Kurs 2027" {
		t.Fatalf("certificate entries %+v", list)
	}
	// One valid certificate per participant and course.
	_, err = d.IssueCertificate(g.ID, w.miaID)
	wantKey(t, err, "register.already_issued.certificate")
	if list, _ := d.Register(domain.RegisterFilter{Kind: domain.DocCertificate}); len(list) != 1 {
		t.Fatalf("second certificate recorded: %+v", list)
	}
}

func TestConfirmationWithoutOrganisation(t *testing.T) {
	w := newDocWorldOrg(t, false)
	w.finalTalk(t, w.mia.ID)
	_, err := w.s.Documents.IssueConfirmation(w.mia.ID)
	wantKey(t, err, "document.organisation.missing")
	if n := w.registerCount(t); n != 0 {
		t.Fatalf("%d entries recorded", n)
	}
	if files, _ := os.ReadDir(w.dir); len(files) != 0 {
		t.Fatalf("files written: %v", files)
	}
	// The plan has no letterhead then, but is well-formed.
	res, err := w.s.Documents.SavePlan(w.plan.ID)
	if err != nil || !strings.Contains(pdfText(t, res.Path), "Mia Müller") {
		t.Fatalf("plan without organisation: %+v, %v", res, err)
	}
}
