package app

import (
	"encoding/json"
	"fmt"
	"log"
	"sort"
	"strings"

	"tandem/internal/domain"
	"tandem/internal/sqlite"
)

// AppError is what a rejected promise carries to the UI: the code, the
// message key (for the English translation), the input field the message
// belongs next to, and the German message.
type AppError struct {
	Code    string `json:"code"`
	Key     string `json:"key"`
	Field   string `json:"field"`
	Message string `json:"message"`
	// Params fill the placeholders when the UI shows the message in another language.
	Params map[string]string `json:"params"`
}

func (e AppError) Error() string { return e.Message }

// messages holds every German message the Go side can show, by key.
// {field} is the German label of the field; other {names} come from the
// error's params.
var messages = map[string]string{
	"internal":        "Ein unerwarteter Fehler ist aufgetreten. Es wurde nichts geändert. Bitte versuchen Sie es erneut.",
	"request.invalid": "Die Anfrage ist ungültig. Es wurde nichts geändert.",
	"text.encoding":   "„{field}“ enthält ungültige Zeichen.",
	"text.control":    "„{field}“ enthält Steuerzeichen, die nicht erlaubt sind.",
	"text.required":   "Bitte „{field}“ ausfüllen.",
	"text.too_long":   "„{field}“ darf höchstens {max} Zeichen lang sein.",
	"email.invalid":   "Bitte eine gültige E-Mail-Adresse eingeben, z. B. name@stadt.de.",
	"phone.invalid":   "Bitte eine gültige Telefonnummer eingeben (Ziffern, Leerzeichen, + ( ) / -).",
	"id.invalid":      "Der Verweis ist ungültig.",
	"date.invalid":    "Bitte ein gültiges Datum im Format TT.MM.JJJJ eingeben.",
	"limit.invalid":   "Die Anzahl der Einträge ist ungültig.",

	"person.not_found":              "Diese Person gibt es nicht (mehr).",
	"person.salutation.invalid":     "Bitte eine Anrede aus der Liste wählen.",
	"person.role.invalid":           "Bitte nur Rollen aus der Liste wählen.",
	"person.exit_before_start":      "Das Ende der Beschäftigung darf nicht vor ihrem Beginn liegen.",
	"person.line_manager.self":      "Eine Person kann nicht ihre eigene Vorgesetzte sein.",
	"person.line_manager.not_found": "Die gewählte vorgesetzte Person gibt es nicht (mehr).",
	"person.line_manager.cycle":     "Diese Zuordnung ergäbe einen Kreis: Die gewählte Person ist dieser Person bereits unterstellt.",
	"person.in_use.line_manager":    "„{name}“ kann nicht gelöscht werden: Sie ist bei {count} Person(en) als vorgesetzte Person eingetragen. Bitte dort zuerst ändern oder die Person archivieren.",
	"person.in_use":                 "„{name}“ kann nicht gelöscht werden, weil andere Einträge auf sie verweisen. Sie können die Person archivieren.",

	"department.not_found":  "Diese Dienststelle gibt es nicht (mehr).",
	"department.name.taken": "Eine Dienststelle „{name}“ gibt es bereits.",
	"department.in_use":     "Die Dienststelle „{name}“ kann nicht gelöscht werden: {count} Person(en) sind ihr zugeordnet. Sie können sie archivieren.",
	"department.archived":   "Die Dienststelle „{name}“ ist archiviert. Bitte eine aktive Dienststelle wählen.",

	"organisation.postal_code.invalid": "Bitte eine fünfstellige Postleitzahl eingeben.",
	"logo.not_found":                   "Es ist kein Logo hinterlegt.",
	"logo.empty":                       "Die gewählte Datei ist leer.",
	"logo.too_large":                   "Das Logo darf höchstens 2 MB groß sein.",
	"logo.type":                        "Das Logo muss ein PNG- oder JPEG-Bild sein.",
	"logo.dimensions":                  "Das Logo darf höchstens 4000 × 4000 Pixel groß sein.",

	"db.path.invalid": "Der Pfad zur Datenbank ist ungültig.",
	"db.dir":          "Der Ordner „{path}“ kann nicht angelegt werden.",
	"db.lock_failed":  "Die Datenbank „{path}“ kann nicht gesperrt werden. Bitte prüfen Sie die Zugriffsrechte.",
	"db.locked":       "Die Datenbank „{path}“ ist bereits in einem anderen Tandem-Fenster oder Programm geöffnet. Bitte arbeiten Sie dort weiter oder schließen Sie es zuerst – zwei Programme gleichzeitig könnten Daten beschädigen.",
	"db.too_new":      "Die Datenbank „{path}“ wurde mit einer neueren Tandem-Version erstellt (Schema {version}, diese Version kennt {known}). Bitte installieren Sie die aktuelle Tandem-Version. Die Datei wurde nicht verändert.",
	"db.not_database": "Die Datei „{path}“ ist keine Tandem-Datenbank oder beschädigt. Sie wurde nicht verändert.",
}

// fieldLabels are the German labels of input fields, as the UI shows them.
var fieldLabels = map[string]string{
	"salutation": "Anrede", "firstName": "Vorname", "lastName": "Nachname", "email": "E-Mail",
	"phone": "Telefon", "departmentId": "Dienststelle", "roles": "Rollen", "startDate": "Beginn der Beschäftigung",
	"exitDate": "Ende der Beschäftigung", "lineManagerId": "Vorgesetzte:r", "note": "Notiz",
	"name": "Name", "shortName": "Kürzel", "query": "Suche", "role": "Rolle", "limit": "Anzahl",
	"municipality": "Kommune", "officeName": "Name des Amtes", "street": "Straße", "postalCode": "PLZ",
	"city": "Ort", "signatoryName": "Unterzeichnende Person", "signatoryFunction": "Funktion", "logo": "Logo",
	"id": "Kennung", "path": "Pfad",
}

// toAppError turns any error into what the UI shows. It is the only place
// where errors become German text; internal causes are logged, never shown.
func toAppError(err error) AppError {
	e := domain.AsError(err)
	if e.Code == domain.EINTERNAL {
		log.Printf("internal error: %v", err)
	}
	if e.Key == "internal" {
		// A full or write-protected drive is no bug: say so, and what helps.
		if se := sqlite.StorageError(err); se != nil {
			e = se
		}
	}
	msg, ok := messages[e.Key]
	if !ok {
		// A key without a message is a bug: show it as one, not as a
		// field problem whose key the UI cannot translate either.
		log.Printf("no message for key %q (%v)", e.Key, err)
		e = &domain.Error{Code: domain.EINTERNAL, Key: "internal"}
		msg = messages["internal"]
	}
	repl := []string{"{field}", fieldLabels[e.Field]}
	keys := make([]string, 0, len(e.Params))
	for k := range e.Params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	params := make(map[string]string, len(keys))
	for _, k := range keys {
		params[k] = fmt.Sprint(e.Params[k])
		repl = append(repl, "{"+k+"}", params[k])
	}
	return AppError{Code: e.Code, Key: e.Key, Field: e.Field, Message: strings.NewReplacer(repl...).Replace(msg), Params: params}
}

// formatError is Wails' ErrorFormatter. Wails' JavaScript runtime wraps
// whatever it gets in new Error(…), which would turn an object into
// "[object Object]"; so the AppError travels as JSON text in the Error's
// message, and frontend/src/lib/errors.ts reads it back.
func formatError(err error) any {
	b, jerr := json.Marshal(toAppError(err))
	if jerr != nil {
		return messages["internal"]
	}
	return string(b)
}
