package documents

// MessagesDE are the German texts of the error keys this package returns
// (placeholders in {braces} are the error's Params). The app layer owns the
// messages shown to users: copy these into app/messages_documents.go and
// frontend/src/locales (error-keys.json, en.json) when wiring documents in.
var MessagesDE = map[string]string{
	"document.organisation.missing":           "Bitte zuerst das Organisationsprofil ausfüllen: Kommune und Amt stehen im Briefkopf jedes Dokuments.",
	"document.name.missing":                   "Der Name der Person fehlt; ohne ihn kann kein Dokument erstellt werden.",
	"document.programme.missing":              "Der Name des Programms fehlt.",
	"document.number.invalid":                 "Die Registernummer „{number}“ hat nicht die Form JA-2027-0042.",
	"document.wording.too_long":               "Der Text ist zu lang (höchstens {max} Zeichen).",
	"document.wording.unclosed":               "Ein Platzhalter ist nicht geschlossen: „{at}“ – bitte mit „}}“ beenden.",
	"document.wording.placeholder.unknown":    "Unbekannter Platzhalter {placeholder}. Erlaubt sind: {allowed}.",
	"document.certificate.period_after_issue": "Das Zertifikat würde einen Zeitraum bis zum {end} bestätigen, ist aber vom {date}: Ein Zertifikat bestätigt nur, was bereits stattgefunden hat.",
}
