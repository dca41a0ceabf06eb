package app

import (
	"encoding/json"
	"strings"
	"time"

	"tandem/internal/documents"
	"tandem/internal/domain"
	"tandem/internal/sqlite"
)

// Privacy (issue 6): erasure, retention, access export, audit log.

// PrivacyService is bound to the UI: access export, audit log, retention.
type PrivacyService struct{ s *store }

// AccessExportResult names the two files written ("" when cancelled).
type AccessExportResult struct {
	JSONPath string `json:"jsonPath"`
	PDFPath  string `json:"pdfPath"`
}

// AccessExport saves everything stored about a person as a JSON file and a
// readable PDF (Art. 15 DSGVO), and logs the export once the JSON file is written.
func (v *PrivacyService) AccessExport(personID int64) (AccessExportResult, error) {
	var res AccessExportResult
	db, ctx, release, err := v.s.use()
	defer release()
	if err != nil {
		return res, err
	}
	data, err := db.AccessExport(ctx, personID)
	if err != nil {
		return res, err
	}
	now := db.Now()
	js, err := json.MarshalIndent(struct {
		Format     string `json:"format"`
		ExportedAt string `json:"exportedAt"`
		sqlite.AccessData
	}{"tandem-auskunft/1", now.UTC().Format("2006-01-02T15:04:05Z"), data}, "", "  ")
	if err != nil {
		return res, domain.Internal(err, "encode access export")
	}
	org, err := letterhead(ctx, db)
	if err != nil {
		return res, err
	}
	name := data.Person.FirstName + " " + data.Person.LastName
	pdf, err := documents.AccessReport(documents.AccessDoc{Org: org, PersonID: personID, PersonName: name, Tables: data.Tables, Issued: now})
	if err != nil {
		return res, domain.Internal(err, "access pdf")
	}
	stem := nameStem("Auskunft", name, now.Format("2006-01-02"))
	if res.JSONPath, err = saveFile("Auskunft (JSON) speichern", stem, jsonFile, js); err != nil || res.JSONPath == "" {
		return res, err
	}
	// Logged as soon as the data has left the database (the JSON file holds
	// all of it), so that a PDF that cannot be saved leaves the line too.
	if err := db.Audit(ctx, domain.AuditExport, "person", personID); err != nil {
		return res, err
	}
	res.PDFPath, err = saveFile("Auskunft (PDF) speichern", stem, pdfFile, pdf)
	return res, err
}

// AuditLog returns one page of the audit log, newest first.
func (v *PrivacyService) AuditLog(offset, limit int) (domain.AuditPage, error) {
	db, ctx, release, err := v.s.use()
	defer release()
	if err != nil {
		return domain.AuditPage{Entries: []domain.AuditEntry{}}, err
	}
	return db.AuditLog(ctx, offset, limit)
}

// ExportAuditLog saves the whole audit log as CSV (semicolons, for Excel)
// and logs the export. It returns the path, "" when cancelled.
func (v *PrivacyService) ExportAuditLog() (string, error) {
	db, ctx, release, err := v.s.use()
	defer release()
	if err != nil {
		return "", err
	}
	list, err := db.AuditLogAll(ctx)
	if err != nil {
		return "", err
	}
	path, err := saveFile("Protokoll speichern", nameStem("Tandem-Protokoll", db.Now().Format("2006-01-02")), csvFile, auditCSV(list, time.Local))
	if err != nil || path == "" {
		return path, err
	}
	return path, db.Audit(ctx, domain.AuditExport, "audit_log", 0)
}

// csvSafe keeps a spreadsheet from reading a cell as a formula.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// RetentionPeriods returns the retention periods.
func (v *PrivacyService) RetentionPeriods() ([]domain.RetentionPeriod, error) {
	db, ctx, release, err := v.s.use()
	defer release()
	if err != nil {
		return []domain.RetentionPeriod{}, err
	}
	return db.RetentionPeriods(ctx)
}

// SetRetentionPeriods changes the retention periods.
func (v *PrivacyService) SetRetentionPeriods(in []domain.RetentionPeriod) ([]domain.RetentionPeriod, error) {
	db, ctx, release, err := v.s.use()
	defer release()
	if err != nil {
		return []domain.RetentionPeriod{}, err
	}
	return db.SetRetentionPeriods(ctx, in)
}

// RetentionDue lists what has outlived its retention period.
func (v *PrivacyService) RetentionDue() ([]domain.RetentionDue, error) {
	db, ctx, release, err := v.s.use()
	defer release()
	if err != nil {
		return []domain.RetentionDue{}, err
	}
	return db.RetentionDue(ctx)
}

// EraseDue erases the listed records that are still due; returns how many.
func (v *PrivacyService) EraseDue(items []domain.RetentionDue) (int, error) {
	db, ctx, release, err := v.s.use()
	defer release()
	if err != nil {
		return 0, err
	}
	return db.EraseDue(ctx, items)
}
