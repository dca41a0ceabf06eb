package app

import (
	"context"
	"strings"

	"tandem/internal/documents"
	"tandem/internal/domain"
	"tandem/internal/sqlite"
)

// Einarbeitungshandbuch and Sachstandsbericht (issue 5).

// SaveHandbook renders the Einarbeitungshandbuch of a plan (cover, table of
// contents, welcome text, organisation and contacts, plan, one chapter per
// topic, note pages) and asks where to save it. It returns the path
// written, "" when the user cancelled.
func (d *DocumentService) SaveHandbook(planID int64) (string, error) {
	db, ctx, release, err := d.s.use()
	defer release()
	if err != nil {
		return "", err
	}
	if err := domain.ValidID(planID); err != nil {
		return "", err
	}
	plan, err := db.Plan(ctx, planID)
	if err != nil {
		return "", err
	}
	org, err := letterhead(ctx, db)
	if err != nil {
		return "", err
	}
	texts, err := db.DocumentTexts(ctx)
	if err != nil {
		return "", err
	}
	contacts, err := handbookContacts(ctx, db, plan)
	if err != nil {
		return "", err
	}
	in := documents.HandbookDocFrom(org, plan, contacts, texts.WelcomeText, db.Now())
	if plan.TandemID != 0 {
		if t, err := db.Tandem(ctx, plan.TandemID); err == nil {
			in.Run = t.RunName
		}
	}
	if p, err := db.Person(ctx, plan.NewcomerID); err == nil {
		in.Salutation, in.LastName = p.Salutation, p.LastName
	}
	in.ProgrammeKind = templateKind(ctx, db, plan.TemplateID)
	pdf, err := documents.Handbook(in)
	if err != nil {
		return "", err
	}
	name := nameStem("Einarbeitungshandbuch", personFileName(ctx, db, plan.NewcomerID, plan.NewcomerName))
	path, err := saveFile("Einarbeitungshandbuch speichern", name, pdfFile, pdf)
	auditSaved(ctx, db, path, domain.AuditPrint, "plan", planID)
	return path, err
}

// handbookContacts lists the newcomer's contacts: the tandem's mentors,
// the team lead (the newcomer's line manager when a team lead, else the
// team leads of the newcomer's department) and the heads of office. The
// plan's other responsible people are added by HandbookDocFrom.
func handbookContacts(ctx context.Context, db *sqlite.DB, plan domain.Plan) ([]documents.Contact, error) {
	var out []documents.Contact
	seen := map[int64]bool{plan.NewcomerID: true}
	add := func(role string, p domain.Person) {
		if seen[p.ID] || p.Archived {
			return
		}
		seen[p.ID] = true
		out = append(out, documents.Contact{Role: role, Name: strings.TrimSpace(p.FirstName + " " + p.LastName),
			Department: p.DepartmentName, Phone: p.Phone, Email: p.Email})
	}
	has := func(p domain.Person, r domain.Role) bool {
		for _, x := range p.Roles {
			if x == r {
				return true
			}
		}
		return false
	}
	if plan.TandemID != 0 {
		t, err := db.Tandem(ctx, plan.TandemID)
		if err != nil && domain.ErrorCode(err) != domain.ENOTFOUND {
			return nil, err
		}
		for _, id := range t.MentorIDs {
			if p, err := db.Person(ctx, id); err == nil {
				add("Mentor:in", p)
			}
		}
	}
	newcomer, err := db.Person(ctx, plan.NewcomerID)
	if err != nil && domain.ErrorCode(err) != domain.ENOTFOUND {
		return nil, err
	}
	leadFound := false
	if newcomer.LineManagerID != 0 {
		if p, err := db.Person(ctx, newcomer.LineManagerID); err == nil && has(p, domain.RoleTeamLead) {
			add("Sachgebietsleitung", p)
			leadFound = true
		}
	}
	if !leadFound && newcomer.DepartmentID != 0 {
		leads, err := db.People(ctx, domain.PersonFilter{Role: domain.RoleTeamLead, DepartmentID: newcomer.DepartmentID, Limit: 5})
		if err != nil {
			return nil, err
		}
		for _, p := range leads.People {
			add("Sachgebietsleitung", p)
		}
	}
	heads, err := db.People(ctx, domain.PersonFilter{Role: domain.RoleHeadOfOffice, Limit: 5})
	if err != nil {
		return nil, err
	}
	for _, p := range heads.People {
		add("Amtsleitung", p)
	}
	return out, nil
}

// statusReport validates the period and computes the figures.
func (d *DocumentService) statusReport(from, to string) (domain.StatusReport, *sqlite.DB, context.Context, error) {
	db, ctx, release, err := d.s.use()
	defer release()
	if err != nil {
		return domain.StatusReport{}, nil, nil, err
	}
	if err := domain.CheckReportPeriod(from, to); err != nil {
		return domain.StatusReport{}, nil, nil, err
	}
	r, err := db.StatusReport(ctx, from, to, db.Now())
	return r, db, ctx, err
}

// SaveStatusReport renders the Sachstandsbericht for the period from–to
// (ISO dates, from ≤ to, at most 10 years) and asks where to save it. It
// holds counts only; a figure about fewer than five people is not given.
func (d *DocumentService) SaveStatusReport(from, to string) (string, error) {
	r, db, ctx, err := d.statusReport(from, to)
	if err != nil {
		return "", err
	}
	org, err := letterhead(ctx, db)
	if err != nil {
		return "", err
	}
	pdf, err := documents.StatusReportPDF(documents.ReportDoc{Org: org, Report: r, Issued: db.Now()})
	if err != nil {
		return "", err
	}
	path, err := saveFile("Sachstandsbericht speichern", nameStem("Sachstandsbericht", from, "bis", to), pdfFile, pdf)
	auditSaved(ctx, db, path, domain.AuditPrint, "report", 0)
	return path, err
}

// SaveStatusReportCSV saves the same figures as CSV (semicolons, UTF-8
// with BOM) for Excel and LibreOffice.
func (d *DocumentService) SaveStatusReportCSV(from, to string) (string, error) {
	r, db, ctx, err := d.statusReport(from, to)
	if err != nil {
		return "", err
	}
	data, err := documents.StatusReportCSV(r)
	if err != nil {
		return "", err
	}
	path, err := saveFile("Sachstandsbericht als CSV speichern", nameStem("Sachstandsbericht", from, "bis", to), csvFile, data)
	auditSaved(ctx, db, path, domain.AuditExport, "report", 0)
	return path, err
}
