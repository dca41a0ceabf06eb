package app

import (
	"time"

	"tandem/internal/domain"
)

// Calendar export (issue 4): sessions as an .ics file (RFC 5545,
// Europe/Berlin) that Outlook imports. UIDs stay the same for a session, so
// importing a later export again updates the appointments instead of
// duplicating them. The file holds date, time, place, the names of the
// tandem and the titles of the topics: never notes or agreements.

// ExportCalendar asks where to save one session as an .ics file and writes
// it there. It returns the path, or "" when the user cancelled.
func (x *SessionService) ExportCalendar(sessionID int64) (string, error) {
	db, ctx, release, err := x.s.use()
	defer release()
	if err != nil {
		return "", err
	}
	f, err := db.SessionCalendar(ctx, sessionID)
	if err != nil {
		return "", err
	}
	path, err := saveFile("Termin in Kalender exportieren", f.Name, icsFile, f.Content)
	auditSaved(ctx, db, path, domain.AuditExport, "session", sessionID)
	return path, err
}

// ExportTandemCalendar asks where to save all sessions of a tandem from
// today on as one .ics file and writes it there. It returns the path, or ""
// when the user cancelled. A cancelled tandem's sessions are not exported.
func (x *SessionService) ExportTandemCalendar(tandemID int64) (string, error) {
	db, ctx, release, err := x.s.use()
	defer release()
	if err != nil {
		return "", err
	}
	f, err := db.TandemCalendar(ctx, tandemID, today())
	if err != nil {
		return "", err
	}
	path, err := saveFile("Kommende Termine exportieren", f.Name, icsFile, f.Content)
	auditSaved(ctx, db, path, domain.AuditExport, "tandem", tandemID)
	return path, err
}

// ExportGroupCalendar asks where to save all sessions of a group (peer
// group, steering group, course) from today on as one .ics file and writes
// it there. It returns the path, or "" when the user cancelled.
func (x *SessionService) ExportGroupCalendar(groupID int64) (string, error) {
	db, ctx, release, err := x.s.use()
	defer release()
	if err != nil {
		return "", err
	}
	f, err := db.GroupCalendar(ctx, groupID, today())
	if err != nil {
		return "", err
	}
	path, err := saveFile("Kommende Termine exportieren", f.Name, icsFile, f.Content)
	auditSaved(ctx, db, path, domain.AuditExport, "group", groupID)
	return path, err
}

// today is the local calendar date (ISO).
func today() string {
	return time.Now().Format("2006-01-02")
}
