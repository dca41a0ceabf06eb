package domain

import "strconv"

// The German words of the audit log, as the Einstellungen table shows them
// (frontend/src/locales/de.json, privacy.actions and privacy.kinds): the
// CSV export writes the same words. A test in app compares the two.

// AuditActionText maps an audit action to its German word.
var AuditActionText = map[string]string{
	AuditCreate:  "angelegt",
	AuditChange:  "geändert",
	AuditDelete:  "gelöscht",
	AuditErase:   "endgültig gelöscht (DSGVO)",
	AuditExport:  "exportiert",
	AuditPrint:   "gedruckt/gespeichert",
	AuditRestore: "wiederhergestellt",
}

// AuditKindText maps a record kind of the audit log to its German word.
var AuditKindText = map[string]string{
	"person":           "Person",
	"tandem":           "Tandem",
	"session":          "Gespräch",
	"note":             "Notiz",
	"agreement":        "Vereinbarung",
	"feedback_talk":    "Feedbackgespräch",
	"plan":             "Einarbeitungsplan",
	"group":            "Gruppe",
	"document":         "Dokument",
	"database":         "Datenbank",
	"audit_log":        "Protokoll",
	"retention":        "Aufbewahrungsfristen",
	"report":           "Bericht",
	"calendar":         "Kalender",
	"self_assessment":  "Selbsteinschätzung",
	"practice_project": "Praxisprojekt der Person",
	"erasure_list":     "Löschliste erneut angewandt (die folgenden Löschungen waren schon verfügt)",
}

// AuditActionWord is the German word of an action (the code itself when
// unknown, as the screen would show nothing better).
func AuditActionWord(action string) string {
	if w, ok := AuditActionText[action]; ok {
		return w
	}
	return action
}

// AuditRecordText is the "Eintrag" column: the kind's word and, for a
// single record, " Nr. <id>" ("Person Nr. 12", "Bericht").
func AuditRecordText(kind string, id int64) string {
	w, ok := AuditKindText[kind]
	if !ok {
		w = kind
	}
	if id != 0 {
		w += " Nr. " + strconv.FormatInt(id, 10)
	}
	return w
}
