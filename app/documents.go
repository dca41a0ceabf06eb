package app

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"tandem/internal/atomicfile"
	"tandem/internal/documents"
	"tandem/internal/domain"
	"tandem/internal/sqlite"
)

// DocumentService is bound to the UI: the PDF documents of issue 5 and the
// register of issued confirmations and certificates.
//
// Issuing a registered document (confirmation, certificate, reissue) goes:
// take the next free number, render the PDF with it, hash exactly those
// bytes, show the save dialog and write the file; only then record the
// entry (one transaction). A cancelled dialog therefore records nothing;
// if recording fails the written file is removed again, so there is never a
// numbered file without its entry. Should another document have taken the
// number in between (ECONFLICT register.number.taken), the document is
// rendered anew with the next number and the same file overwritten.
type DocumentService struct {
	s *store

	batchMu     sync.Mutex  // one batch at a time
	cancelBatch atomic.Bool // set by CancelBatch, read between documents
}

// DocumentResult is what saving a document returns: the path written (""
// when the user cancelled) and, for registered documents, the entry.
type DocumentResult struct {
	Path  string                `json:"path"`
	Entry *domain.RegisterEntry `json:"entry"`
}

// VerifyResult says what the register knows about a file: outcome is
// "valid" (unaltered, issued by us), "revoked", "superseded" or "unknown"
// (not issued by us or altered). Entries are the matching entries (several
// for a combined batch PDF); Message is the German sentence.
type VerifyResult struct {
	Outcome string                 `json:"outcome"`
	Message string                 `json:"message"`
	Entries []domain.RegisterEntry `json:"entries"`
}

// BatchResult reports a batch of confirmations.
type BatchResult struct {
	Total     int      `json:"total"`     // tandems of the run with a final talk and no valid confirmation
	Issued    int      `json:"issued"`    // recorded in the register
	Skipped   []string `json:"skipped"`   // mentees whose valid confirmation stands (replaced only by „Neu ausstellen“)
	Cancelled bool     `json:"cancelled"` // stopped by CancelBatch (or the dialog)
	Paths     []string `json:"paths"`     // files written
	Numbers   []string `json:"numbers"`   // register numbers issued
}

// MaxVerifyFileSize is the largest file VerifyFile accepts.
const MaxVerifyFileSize = 20 << 20

// ---------- shared helpers ----------

// letterhead reads the organisation's profile and logo.
func letterhead(ctx context.Context, db *sqlite.DB) (documents.Organisation, error) {
	o, err := db.Organisation(ctx)
	if err != nil {
		return documents.Organisation{}, err
	}
	var logo []byte
	if o.HasLogo {
		l, err := db.Logo(ctx)
		if err != nil && domain.ErrorCode(err) != domain.ENOTFOUND {
			return documents.Organisation{}, err
		}
		if prepared, perr := documents.PrepareLogo(l.Data); perr == nil {
			logo = prepared
		} else {
			logo = l.Data
		}
	}
	return documents.OrganisationFrom(o, logo), nil
}

// personFileName is "Nachname Vorname" of a person, or the given fallback.
func personFileName(ctx context.Context, db *sqlite.DB, id int64, fallback string) string {
	if p, err := db.Person(ctx, id); err == nil {
		return p.LastName + " " + p.FirstName
	}
	return fallback
}

func sum(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

// progressHook lets tests follow a batch.
var progressHook func(done, total int)

func emitProgress(done, total int) {
	if progressHook != nil {
		progressHook(done, total)
	}
	if appCtx != nil {
		runtime.EventsEmit(appCtx, "documents:progress", map[string]int{"done": done, "total": total})
	}
}

// ---------- plan and minutes (not registered) ----------

// SavePlan renders a newcomer's Einarbeitungsplan and asks where to save it.
func (d *DocumentService) SavePlan(planID int64) (DocumentResult, error) {
	db, ctx, release, err := d.s.use()
	defer release()
	if err != nil {
		return DocumentResult{}, err
	}
	if err := domain.ValidID(planID); err != nil {
		return DocumentResult{}, err
	}
	plan, err := db.Plan(ctx, planID)
	if err != nil {
		return DocumentResult{}, err
	}
	org, err := letterhead(ctx, db)
	if err != nil {
		return DocumentResult{}, err
	}
	var mentors []string
	if plan.TandemID != 0 {
		if t, err := db.Tandem(ctx, plan.TandemID); err == nil {
			mentors = t.MentorNames
		}
	}
	in := documents.PlanDocFrom(org, plan, mentors, db.Now())
	in.ProgrammeKind = templateKind(ctx, db, plan.TemplateID)
	pdf, err := documents.OnboardingPlan(in)
	if err != nil {
		return DocumentResult{}, err
	}
	name := nameStem("Einarbeitungsplan", personFileName(ctx, db, plan.NewcomerID, plan.NewcomerName))
	path, err := saveFile("Einarbeitungsplan speichern", name, pdfFile, pdf)
	auditSaved(ctx, db, path, domain.AuditPrint, "plan", planID)
	return DocumentResult{Path: path}, err
}

// SaveSessionMinutes renders the Gesprächsprotokoll of a session;
// confidential notes only with includeConfidential.
func (d *DocumentService) SaveSessionMinutes(sessionID int64, includeConfidential bool) (DocumentResult, error) {
	db, ctx, release, err := d.s.use()
	defer release()
	if err != nil {
		return DocumentResult{}, err
	}
	if err := domain.ValidID(sessionID); err != nil {
		return DocumentResult{}, err
	}
	s, err := db.Session(ctx, sessionID)
	if err != nil {
		return DocumentResult{}, err
	}
	org, err := letterhead(ctx, db)
	if err != nil {
		return DocumentResult{}, err
	}
	var subject, who, plan string
	var topics []string
	var kind domain.GroupKind
	switch {
	case s.TandemID != 0:
		t, err := db.Tandem(ctx, s.TandemID)
		if err != nil {
			return DocumentResult{}, err
		}
		subject = "Tandem " + t.MenteeName
		if len(t.MentorNames) > 0 {
			subject += " – " + strings.Join(t.MentorNames, ", ")
		}
		who = t.MenteeName
		if p, err := db.Person(ctx, t.MenteeID); err == nil {
			who = p.LastName
		}
		if t.PlanID != 0 {
			plan = documents.PlanName(t.Kind)
		}
		if t.PlanID != 0 && len(s.TopicItemIDs) > 0 {
			if plan, err := db.Plan(ctx, t.PlanID); err == nil {
				want := map[int64]bool{}
				for _, id := range s.TopicItemIDs {
					want[id] = true
				}
				for _, it := range plan.Items {
					if want[it.ID] {
						topics = append(topics, it.Title)
					}
				}
			}
		}
	default:
		subject = s.GroupName
		if s.ModuleTitle != "" {
			subject += " – " + s.ModuleTitle
		}
		who = s.GroupName
		g, err := db.Group(ctx, s.GroupID)
		if err != nil {
			return DocumentResult{}, err
		}
		kind = g.Kind
	}
	doc := documents.MinutesDocFrom(org, subject, s, topics, includeConfidential, db.Now())
	doc.GroupKind, doc.Plan = kind, plan
	pdf, err := documents.SessionMinutes(doc)
	if err != nil {
		return DocumentResult{}, err
	}
	// Minutes with confidential notes say so in their name too, so that
	// nobody passes them on for the shareable ones.
	stem := nameStem("Gesprächsprotokoll", s.Date, who)
	if doc.ShowsConfidential() {
		stem += " vertraulich"
	}
	path, err := saveFile("Gesprächsprotokoll speichern", stem, pdfFile, pdf)
	auditSaved(ctx, db, path, domain.AuditPrint, "session", sessionID)
	return DocumentResult{Path: path}, err
}

// ---------- confirmations ----------

// finalTalkDate returns the date of the tandem's latest final feedback
// talk, or "" when there is none.
func finalTalkDate(ctx context.Context, db *sqlite.DB, tandemID int64) (string, error) {
	talks, err := db.FeedbackTalks(ctx, tandemID)
	if err != nil {
		return "", err
	}
	date := ""
	for _, t := range talks {
		if t.Kind == domain.FeedbackFinal && t.Date > date {
			date = t.Date
		}
	}
	return date, nil
}

// confirmationSource is everything needed to render a tandem's confirmation
// except number and time.
type confirmationSource struct {
	doc      documents.ConfirmationDoc
	personID int64
	stem     string // of the file name
}

func (d *DocumentService) confirmationSource(ctx context.Context, db *sqlite.DB, org documents.Organisation, wording string, tandemID int64) (confirmationSource, error) {
	t, err := db.Tandem(ctx, tandemID)
	if err != nil {
		return confirmationSource{}, err
	}
	final, err := finalTalkDate(ctx, db, tandemID)
	if err != nil {
		return confirmationSource{}, err
	}
	if final == "" {
		return confirmationSource{}, domain.Conflict("document.final_talk.missing", "name", t.MenteeName)
	}
	run, err := db.Run(ctx, t.RunID)
	if err != nil {
		return confirmationSource{}, err
	}
	var plan *domain.Plan
	if t.PlanID != 0 {
		if p, err := db.Plan(ctx, t.PlanID); err == nil {
			plan = &p
		}
	}
	doc := documents.ConfirmationDocFrom(org, t, run.TemplateName, plan, final, time.Time{})
	doc.Wording = wording
	return confirmationSource{
		doc:      doc,
		personID: t.MenteeID,
		stem:     nameStem("Abschlussbestätigung", personFileName(ctx, db, t.MenteeID, t.MenteeName)),
	}, nil
}

// IssueConfirmation issues the Abschlussbestätigung of a tandem's mentee:
// only after the final feedback talk (ECONFLICT document.final_talk.missing,
// nothing recorded). The result's path is "" when the dialog was cancelled;
// then nothing is recorded either.
func (d *DocumentService) IssueConfirmation(tandemID int64) (DocumentResult, error) {
	db, ctx, release, err := d.s.use()
	defer release()
	if err != nil {
		return DocumentResult{}, err
	}
	return d.issueConfirmation(db, ctx, tandemID, "")
}

func (d *DocumentService) issueConfirmation(db *sqlite.DB, ctx context.Context, tandemID int64, supersedes string) (DocumentResult, error) {
	if err := domain.ValidID(tandemID); err != nil {
		return DocumentResult{}, err
	}
	org, err := letterhead(ctx, db)
	if err != nil {
		return DocumentResult{}, err
	}
	texts, err := db.DocumentTexts(ctx)
	if err != nil {
		return DocumentResult{}, err
	}
	src, err := d.confirmationSource(ctx, db, org, texts.ConfirmationWording, tandemID)
	if err != nil {
		return DocumentResult{}, err
	}
	render := func(number string, issued time.Time) ([]byte, error) {
		doc := src.doc
		doc.Number, doc.Issued = number, issued
		return documents.Confirmation(doc)
	}
	in := domain.RegisterInput{Kind: domain.DocConfirmation, PersonID: src.personID, TandemID: tandemID}
	if err := refuseSecond(ctx, db, in, supersedes); err != nil {
		return DocumentResult{}, err
	}
	return d.issue(db, ctx, render, in, supersedes, func(pdf []byte) (string, error) {
		return saveFile("Abschlussbestätigung speichern", src.stem, pdfFile, pdf)
	})
}

// refuseSecond refuses a new document where one already stands valid for
// the same completion (ECONFLICT register.already_issued.*, naming its
// number): only „Neu ausstellen“ replaces it, with the supersedes link.
func refuseSecond(ctx context.Context, db *sqlite.DB, in domain.RegisterInput, supersedes string) error {
	if supersedes != "" {
		return nil
	}
	e, found, err := db.ValidDocument(ctx, in)
	if err != nil || !found {
		return err
	}
	return sqlite.AlreadyIssued(e)
}

// issue numbers, renders, hashes, saves and records one document; see the
// comment on DocumentService.
func (d *DocumentService) issue(db *sqlite.DB, ctx context.Context, render func(string, time.Time) ([]byte, error),
	in domain.RegisterInput, supersedes string, save func([]byte) (string, error)) (DocumentResult, error) {
	issued := db.Now().Truncate(time.Second)
	path := ""
	for attempt := 0; ; attempt++ {
		number, err := db.NextRegisterNumber(ctx, issued)
		if err != nil {
			return DocumentResult{}, err
		}
		pdf, err := render(number, issued)
		if err != nil {
			return DocumentResult{}, err
		}
		in.SHA256 = sum(pdf)
		if path == "" {
			if path, err = save(pdf); err != nil || path == "" {
				return DocumentResult{}, err
			}
		} else if err := atomicfile.Write(path, pdf); err != nil {
			return DocumentResult{}, domain.Invalid("path", "export.write_failed", "path", path)
		}
		e, err := db.RecordDocument(ctx, number, issued, in, supersedes)
		if err == nil {
			return DocumentResult{Path: path, Entry: &e}, nil
		}
		if de := domain.AsError(err); de.Key == "register.number.taken" && attempt < 3 {
			continue
		}
		os.Remove(path) // no numbered file without its entry
		return DocumentResult{}, err
	}
}

// ---------- certificates ----------

type certificateSource struct {
	doc  documents.CertificateDoc
	stem string // of the file name
}

func certificateSourceOf(ctx context.Context, db *sqlite.DB, org documents.Organisation, groupID, personID int64) (certificateSource, error) {
	g, err := db.Group(ctx, groupID)
	if err != nil {
		return certificateSource{}, err
	}
	if g.Kind != domain.GroupCourse {
		return certificateSource{}, domain.Conflict("document.certificate.not_course", "name", g.Name)
	}
	parts, err := db.CourseParticipants(ctx, groupID)
	if err != nil {
		return certificateSource{}, err
	}
	var cp *domain.CourseParticipant
	for i := range parts {
		if parts[i].PersonID == personID {
			cp = &parts[i]
		}
	}
	if cp == nil {
		return certificateSource{}, domain.Invalid("personId", "document.certificate.not_member")
	}
	if !cp.Completed {
		return certificateSource{}, domain.Conflict("document.certificate.not_completed", "name", cp.Name)
	}
	run, err := db.Run(ctx, g.RunID)
	if err != nil {
		return certificateSource{}, err
	}
	mods, start, end, err := certificateModules(ctx, db, g)
	if err != nil {
		return certificateSource{}, err
	}
	doc := documents.CertificateDoc{Org: org, Name: cp.Name, Course: run.TemplateName, StartDate: start, EndDate: end, Modules: mods}
	if doc.Course == "" {
		doc.Course = g.Name
	}
	if cp.Project != nil {
		doc.PracticeProject = cp.Project.Title
	}
	return certificateSource{doc: doc, stem: nameStem("Zertifikat", personFileName(ctx, db, personID, cp.Name))}, nil
}

// IssueCertificate issues the Zertifikat of a participant who completed a
// certificate course (ECONFLICT document.certificate.not_completed
// otherwise, nothing recorded).
func (d *DocumentService) IssueCertificate(groupID, personID int64) (DocumentResult, error) {
	db, ctx, release, err := d.s.use()
	defer release()
	if err != nil {
		return DocumentResult{}, err
	}
	return d.issueCertificate(db, ctx, groupID, personID, "")
}

func (d *DocumentService) issueCertificate(db *sqlite.DB, ctx context.Context, groupID, personID int64, supersedes string) (DocumentResult, error) {
	if err := domain.ValidID(groupID); err != nil {
		return DocumentResult{}, err
	}
	if personID <= 0 {
		return DocumentResult{}, domain.Invalid("personId", "id.invalid")
	}
	org, err := letterhead(ctx, db)
	if err != nil {
		return DocumentResult{}, err
	}
	src, err := certificateSourceOf(ctx, db, org, groupID, personID)
	if err != nil {
		return DocumentResult{}, err
	}
	render := func(number string, issued time.Time) ([]byte, error) {
		doc := src.doc
		doc.Number, doc.Issued = number, issued
		return documents.Certificate(doc)
	}
	in := domain.RegisterInput{Kind: domain.DocCertificate, PersonID: personID, GroupID: groupID}
	if err := refuseSecond(ctx, db, in, supersedes); err != nil {
		return DocumentResult{}, err
	}
	return d.issue(db, ctx, render, in, supersedes, func(pdf []byte) (string, error) {
		return saveFile("Zertifikat speichern", src.stem, pdfFile, pdf)
	})
}

// ---------- register ----------

// Register lists issued documents, newest first.
func (d *DocumentService) Register(f domain.RegisterFilter) ([]domain.RegisterEntry, error) {
	db, ctx, release, err := d.s.use()
	defer release()
	if err != nil {
		return nil, err
	}
	return db.RegisterEntries(ctx, f)
}

// LookupNumber returns the entry of a number (ENOTFOUND register.not_found).
func (d *DocumentService) LookupNumber(number string) (domain.RegisterEntry, error) {
	db, ctx, release, err := d.s.use()
	defer release()
	if err != nil {
		return domain.RegisterEntry{}, err
	}
	n, err := domain.NormalizeRegisterNumber(number)
	if err != nil {
		return domain.RegisterEntry{}, err
	}
	e, err := db.RegisterEntry(ctx, n)
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		return e, domain.Invalid("number", "register.number.unknown", "number", n)
	}
	return e, err
}

// VerifyFile checks a PDF (as base64, optionally a data: URL) against the
// register by the SHA-256 of its bytes.
func (d *DocumentService) VerifyFile(content string) (VerifyResult, error) {
	db, ctx, release, err := d.s.use()
	defer release()
	if err != nil {
		return VerifyResult{}, err
	}
	if i := strings.Index(content, ";base64,"); i >= 0 && strings.HasPrefix(content, "data:") {
		content = content[i+len(";base64,"):]
	}
	content = strings.TrimSpace(content)
	if content == "" {
		return VerifyResult{}, domain.Invalid("file", "document.file.empty")
	}
	if base64.StdEncoding.DecodedLen(len(content)) > MaxVerifyFileSize+3 {
		return VerifyResult{}, domain.Invalid("file", "document.file.too_large", "max", MaxVerifyFileSize>>20)
	}
	data, err := base64.StdEncoding.DecodeString(content)
	if err != nil {
		return VerifyResult{}, domain.Invalid("file", "document.file.unreadable")
	}
	if len(data) == 0 {
		return VerifyResult{}, domain.Invalid("file", "document.file.empty")
	}
	if len(data) > MaxVerifyFileSize {
		return VerifyResult{}, domain.Invalid("file", "document.file.too_large", "max", MaxVerifyFileSize>>20)
	}
	if !strings.HasPrefix(string(data[:min(len(data), 5)]), "%PDF-") {
		return VerifyResult{}, domain.Invalid("file", "document.file.not_pdf")
	}
	entries, err := db.RegisterEntriesByHash(ctx, sum(data))
	if err != nil {
		return VerifyResult{}, err
	}
	return verdict(entries), nil
}

// verdict turns the entries matching a file into the outcome and the
// German sentence.
func verdict(entries []domain.RegisterEntry) VerifyResult {
	r := VerifyResult{Outcome: "unknown", Entries: entries,
		Message: "Diese Datei ist nicht im Register: nicht von uns ausgestellt oder verändert."}
	if len(entries) == 0 {
		r.Entries = []domain.RegisterEntry{}
		return r
	}
	nums := make([]string, len(entries))
	for i, e := range entries {
		nums[i] = e.Number
	}
	e := entries[0]
	issued := germanDateTime(e.IssuedAt)
	var revoked, superseded []string
	for _, x := range entries {
		switch x.Status {
		case domain.RegisterRevoked:
			revoked = append(revoked, fmt.Sprintf("Nr. %s widerrufen am %s, Grund: %s", x.Number, germanDateTime(x.RevokedAt), x.RevokeReason))
		case domain.RegisterSuperseded:
			superseded = append(superseded, fmt.Sprintf("Nr. %s ersetzt durch Nr. %s", x.Number, x.SupersededBy))
		}
	}
	switch {
	case len(revoked) > 0:
		r.Outcome = "revoked"
		r.Message = "Unverändert von uns ausgestellt am " + issued + ", aber widerrufen: " + strings.Join(revoked, "; ") + "."
	case len(superseded) > 0:
		r.Outcome = "superseded"
		r.Message = "Unverändert von uns ausgestellt am " + issued + ", aber ersetzt: " + strings.Join(superseded, "; ") + "."
	default:
		r.Outcome = "valid"
		r.Message = "Unverändert, von uns ausgestellt am " + issued + " (Nr. " + strings.Join(nums, ", ") + ")."
	}
	return r
}

// germanDateTime shows an RFC 3339 time as TT.MM.JJJJ in local time.
func germanDateTime(s string) string {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return s
	}
	return t.Local().Format("02.01.2006")
}

// Revoke marks an issued document revoked; the reason is required.
func (d *DocumentService) Revoke(number, reason string) (domain.RegisterEntry, error) {
	db, ctx, release, err := d.s.use()
	defer release()
	if err != nil {
		return domain.RegisterEntry{}, err
	}
	n, err := domain.NormalizeRegisterNumber(number)
	if err != nil {
		return domain.RegisterEntry{}, err
	}
	if _, err := domain.CleanRevokeReason(reason); err != nil {
		return domain.RegisterEntry{}, err
	}
	e, err := db.RevokeDocument(ctx, n, reason)
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		return e, domain.Invalid("number", "register.number.unknown", "number", n)
	}
	return e, err
}

// Reissue issues a valid document anew from the current data: a new
// number and a new PDF (save dialog); the old entry is marked superseded
// in the same transaction that records the new one. Cancelling the dialog
// changes nothing.
func (d *DocumentService) Reissue(number string) (DocumentResult, error) {
	db, ctx, release, err := d.s.use()
	defer release()
	if err != nil {
		return DocumentResult{}, err
	}
	n, err := domain.NormalizeRegisterNumber(number)
	if err != nil {
		return DocumentResult{}, err
	}
	e, err := db.RegisterEntry(ctx, n)
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		return DocumentResult{}, domain.Invalid("number", "register.number.unknown", "number", n)
	}
	if err != nil {
		return DocumentResult{}, err
	}
	if e.Status != domain.RegisterValid {
		return DocumentResult{}, domain.NotValidEntry(e)
	}
	if e.PersonID == 0 {
		return DocumentResult{}, domain.Conflict("register.reissue.person_gone", "number", e.Number)
	}
	switch e.Kind {
	case domain.DocConfirmation:
		if e.TandemID == 0 {
			return DocumentResult{}, domain.Conflict("register.reissue.subject_gone", "number", e.Number)
		}
		return d.issueConfirmation(db, ctx, e.TandemID, e.Number)
	default:
		if e.GroupID == 0 {
			return DocumentResult{}, domain.Conflict("register.reissue.subject_gone", "number", e.Number)
		}
		return d.issueCertificate(db, ctx, e.GroupID, e.PersonID, e.Number)
	}
}

// ---------- texts and files ----------

// DocumentTexts returns the welcome text and the confirmation wording (""
// = default) with the defaults and the allowed placeholders for the editor.
func (d *DocumentService) DocumentTexts() (DocumentTextsView, error) {
	db, ctx, release, err := d.s.use()
	defer release()
	if err != nil {
		return DocumentTextsView{}, err
	}
	t, err := db.DocumentTexts(ctx)
	if err != nil {
		return DocumentTextsView{}, err
	}
	return textsView(t), nil
}

// DocumentTextsView is the editor's data.
type DocumentTextsView struct {
	Texts                      domain.DocumentTexts `json:"texts"`
	DefaultConfirmationWording string               `json:"defaultConfirmationWording"`
	Placeholders               []string             `json:"placeholders"`
}

func textsView(t domain.DocumentTexts) DocumentTextsView {
	return DocumentTextsView{Texts: t, DefaultConfirmationWording: documents.DefaultConfirmationWording,
		Placeholders: append([]string(nil), documents.Placeholders...)}
}

// SaveDocumentTexts stores both texts; placeholders are checked.
func (d *DocumentService) SaveDocumentTexts(in domain.DocumentTexts) (DocumentTextsView, error) {
	db, ctx, release, err := d.s.use()
	defer release()
	if err != nil {
		return DocumentTextsView{}, err
	}
	t, err := db.SaveDocumentTexts(ctx, in)
	if err != nil {
		return DocumentTextsView{}, err
	}
	return textsView(t), nil
}

// OpenFile opens a file this app saved in this session with the system's
// PDF viewer; any other path is refused.
func (d *DocumentService) OpenFile(path string) error {
	if err := d.s.ready(); err != nil {
		return err
	}
	if len(path) > 4096 {
		return domain.Invalid("path", "document.open.not_saved")
	}
	return openSaved(path)
}

// ---------- batch ----------

// CancelBatch stops a running batch after the document being issued.
func (d *DocumentService) CancelBatch() error {
	if err := d.s.ready(); err != nil {
		return err
	}
	d.cancelBatch.Store(true)
	return nil
}

// IssueRunConfirmations issues the confirmations of every tandem of a run
// that has had its final talk and has no valid confirmation yet (those are
// skipped and named in the result): into a chosen folder, one file each
// („Abschlussbestätigung Nachname Vorname.pdf“), or with combined one PDF
// holding all (then every entry records the SHA-256 of that file).
// Progress goes out as "documents:progress" {done,total}; CancelBatch stops
// between documents: what was issued stays recorded.
func (d *DocumentService) IssueRunConfirmations(runID int64, combined bool) (BatchResult, error) {
	db, ctx, release, err := d.s.use()
	defer release()
	if err != nil {
		return BatchResult{}, err
	}
	if err := domain.ValidID(runID); err != nil {
		return BatchResult{}, err
	}
	if !d.batchMu.TryLock() {
		return BatchResult{}, domain.Conflict("document.batch.running")
	}
	defer d.batchMu.Unlock()
	d.cancelBatch.Store(false)
	run, err := db.Run(ctx, runID)
	if err != nil {
		return BatchResult{}, err
	}
	tandems, err := db.Tandems(ctx, domain.TandemFilter{RunID: runID})
	if err != nil {
		return BatchResult{}, err
	}
	org, err := letterhead(ctx, db)
	if err != nil {
		return BatchResult{}, err
	}
	texts, err := db.DocumentTexts(ctx)
	if err != nil {
		return BatchResult{}, err
	}
	res := BatchResult{Paths: []string{}, Numbers: []string{}, Skipped: []string{}}
	var srcs []confirmationSource
	var tids []int64
	for _, t := range tandems {
		src, err := d.confirmationSource(ctx, db, org, texts.ConfirmationWording, t.ID)
		if de := domain.AsError(err); err != nil && de.Key == "document.final_talk.missing" {
			continue
		} else if err != nil {
			return BatchResult{}, err
		}
		in := domain.RegisterInput{Kind: domain.DocConfirmation, PersonID: src.personID, TandemID: t.ID}
		if err := refuseSecond(ctx, db, in, ""); err != nil {
			if domain.ErrorCode(err) != domain.ECONFLICT {
				return BatchResult{}, err
			}
			res.Skipped = append(res.Skipped, t.MenteeName)
			continue
		}
		srcs, tids = append(srcs, src), append(tids, t.ID)
	}
	res.Total = len(srcs)
	if len(srcs) == 0 && len(res.Skipped) == 0 {
		return res, domain.Conflict("document.batch.none", "name", run.Name)
	}
	if len(srcs) == 0 {
		return res, nil // every one already stands: the result names them
	}
	if combined {
		return d.combinedBatch(db, ctx, run, srcs, tids, res)
	}
	dir, err := saveFolder("Ordner für die Abschlussbestätigungen wählen")
	if err != nil || dir == "" {
		res.Cancelled = dir == ""
		return res, err
	}
	// The letters are rendered ahead on all cores with the numbers they will
	// most likely get; each is then written and recorded in turn. Should a
	// number have been taken meanwhile (a single confirmation issued during
	// the batch), that letter is issued again the usual way with the next one.
	issued := db.Now().Truncate(time.Second)
	numbers, err := db.NextRegisterNumbers(ctx, issued, len(srcs))
	if err != nil {
		return res, err
	}
	docs := make([]documents.ConfirmationDoc, len(srcs))
	for i, src := range srcs {
		docs[i] = src.doc
		docs[i].Number, docs[i].Issued = numbers[i], issued
	}
	emitProgress(0, res.Total)
	pdfs, _, err := documents.ConfirmationFiles(docs, d.cancelBatch.Load)
	if err != nil {
		return res, err
	}
	for i, src := range srcs {
		if d.cancelBatch.Load() || i >= len(pdfs) {
			res.Cancelled = true
			break
		}
		name := freeName(dir, src.stem, pdfFile)
		in := domain.RegisterInput{Kind: domain.DocConfirmation, PersonID: src.personID, TandemID: tids[i], SHA256: sum(pdfs[i])}
		path, err := writeInFolder(dir, name, pdfs[i])
		if err != nil {
			return res, err
		}
		e, err := db.RecordDocument(ctx, numbers[i], issued, in, "")
		if de := domain.AsError(err); err != nil && de.Key == "register.number.taken" {
			os.Remove(path)
			render := func(number string, issued time.Time) ([]byte, error) {
				doc := src.doc
				doc.Number, doc.Issued = number, issued
				return documents.Confirmation(doc)
			}
			in.SHA256 = ""
			var r DocumentResult
			if r, err = d.issue(db, ctx, render, in, "", func(pdf []byte) (string, error) { return writeInFolder(dir, name, pdf) }); err == nil {
				path, e = r.Path, *r.Entry
			}
		}
		if err != nil {
			os.Remove(path) // no numbered file without its entry
			if strings.HasPrefix(domain.AsError(err).Key, "register.already_issued.") {
				res.Skipped = append(res.Skipped, src.doc.Name) // issued singly meanwhile
				continue
			}
			return res, err
		}
		res.Issued++
		res.Paths = append(res.Paths, path)
		res.Numbers = append(res.Numbers, e.Number)
		emitProgress(i+1, res.Total)
	}
	return res, nil
}

func (d *DocumentService) combinedBatch(db *sqlite.DB, ctx context.Context, run domain.Run, srcs []confirmationSource, tids []int64, res BatchResult) (BatchResult, error) {
	issued := db.Now().Truncate(time.Second)
	numbers, err := db.NextRegisterNumbers(ctx, issued, len(srcs))
	if err != nil {
		return res, err
	}
	docs := make([]documents.ConfirmationDoc, len(srcs))
	emitProgress(0, res.Total)
	for i, src := range srcs {
		if d.cancelBatch.Load() {
			res.Cancelled = true // nothing written or recorded yet
			return res, nil
		}
		docs[i] = src.doc
		docs[i].Number, docs[i].Issued = numbers[i], issued
		emitProgress(i+1, res.Total)
	}
	pdf, err := documents.Confirmations(docs, "Abschlussbestätigungen "+run.Name, issued)
	if err != nil {
		return res, err
	}
	path, err := saveFile("Abschlussbestätigungen speichern", nameStem("Abschlussbestätigungen", run.Name), pdfFile, pdf)
	if err != nil || path == "" {
		res.Cancelled = path == ""
		return res, err
	}
	hash := sum(pdf)
	ins := make([]domain.RegisterInput, len(srcs))
	for i, src := range srcs {
		ins[i] = domain.RegisterInput{Kind: domain.DocConfirmation, PersonID: src.personID, TandemID: tids[i], SHA256: hash}
	}
	entries, err := db.RecordDocuments(ctx, numbers[0], issued, ins)
	if err != nil {
		os.Remove(path)
		if de := domain.AsError(err); de.Key == "register.number.taken" {
			return res, domain.Conflict("document.batch.retry")
		}
		return res, err
	}
	res.Issued = len(entries)
	res.Paths = []string{path}
	for _, e := range entries {
		res.Numbers = append(res.Numbers, e.Number)
	}
	return res, nil
}
