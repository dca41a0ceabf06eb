package app

import (
	"bytes"
	"context"
	"encoding/csv"
	"log"
	"strconv"
	"time"

	"tandem/internal/domain"
	"tandem/internal/sqlite"
)

// auditSaved logs that a file was saved from the app (action print for a
// PDF, export for data) once the user chose where; nothing for a cancelled
// dialog. The file is already written, so a failing log entry is reported
// in the app's log rather than as the action's error.
func auditSaved(ctx context.Context, db *sqlite.DB, path, action, kind string, id int64) {
	if path == "" {
		return
	}
	if err := db.Audit(ctx, action, kind, id); err != nil {
		log.Printf("audit %s %s %d: %v", action, kind, id, err)
	}
}

// auditCSV writes the audit log as the Einstellungen table shows it: the
// German words of actions and records, the time in loc as TT.MM.JJJJ
// HH:MM:SS; for Excel and LibreOffice with BOM, semicolons and CRLF like
// the other CSV files of the app.
func auditCSV(list []domain.AuditEntry, loc *time.Location) []byte {
	var b bytes.Buffer
	b.WriteString("\uFEFF")
	w := csv.NewWriter(&b)
	w.Comma = ';'
	w.UseCRLF = true
	_ = w.Write([]string{"Nr", "Zeitpunkt", "Benutzer", "Aktion", "Eintrag"})
	for _, e := range list {
		_ = w.Write([]string{strconv.FormatInt(e.ID, 10), auditTime(e.At, loc), csvSafe(e.OSUser),
			domain.AuditActionWord(e.Action), domain.AuditRecordText(e.RecordKind, e.RecordID)})
	}
	w.Flush()
	return b.Bytes()
}

// auditTime turns the stored UTC time (RFC 3339) into local time; a value
// that does not parse is written as stored rather than lost.
func auditTime(at string, loc *time.Location) string {
	t, err := time.Parse(time.RFC3339, at)
	if err != nil {
		return at
	}
	return t.In(loc).Format("02.01.2006 15:04:05")
}
