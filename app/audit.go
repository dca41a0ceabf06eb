package app

import (
	"context"
	"log"

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
