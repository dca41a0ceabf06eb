package app

import (
	"context"

	"tandem/internal/documents"
	"tandem/internal/domain"
	"tandem/internal/sqlite"
)

// certificateModules returns a course's modules as the certificate prints
// them and the period it states: from the first module to the last. A
// module's date is the one set on it, else that of its latest session.
// A certificate confirms only what has taken place: while a module is
// still ahead of today or has no date, it is refused (ECONFLICT
// document.certificate.course_running / module_undated) — rather than
// stating the run's planned end, which may lie after the date of issue.
func certificateModules(ctx context.Context, db *sqlite.DB, g domain.Group) (mods []documents.CertificateModule, start, end string, err error) {
	sessions, err := db.GroupSessions(ctx, g.ID)
	if err != nil {
		return nil, "", "", err
	}
	held := map[int64]string{}
	for _, s := range sessions {
		if s.ModuleID != 0 && s.Date > held[s.ModuleID] {
			held[s.ModuleID] = s.Date
		}
	}
	today := db.Now().Format("2006-01-02")
	for _, m := range g.Modules {
		date := m.Date
		if date == "" {
			date = held[m.ID]
		}
		switch {
		case date == "":
			return nil, "", "", domain.Conflict("document.certificate.module_undated", "module", m.Title)
		case date > today:
			return nil, "", "", domain.Conflict("document.certificate.course_running", "module", m.Title, "date", germanISODate(date))
		}
		if start == "" || date < start {
			start = date
		}
		end = max(end, date)
		mods = append(mods, documents.CertificateModule{Title: m.Title, Date: date, Speaker: m.Speaker})
	}
	return mods, start, end, nil
}

// germanISODate shows an ISO date as TT.MM.JJJJ.
func germanISODate(iso string) string {
	if t, ok := domain.ParseDate(iso); ok {
		return t.Format("02.01.2006")
	}
	return iso
}

// templateKind is the programme kind of a plan's template, which names the
// printed plan and handbook; "" (read as onboarding) when it is gone.
func templateKind(ctx context.Context, db *sqlite.DB, templateID int64) domain.TemplateKind {
	if t, err := db.Template(ctx, templateID); err == nil {
		return t.Kind
	}
	return ""
}
