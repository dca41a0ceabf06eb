package app

import "tandem/internal/documents"

// German messages and field labels of the documents and the register of
// issued documents (issue 5), merged into messages and fieldLabels. The
// texts of internal/documents' own keys come from documents.MessagesDE.
func init() {
	for k, v := range documents.MessagesDE {
		if _, ok := messages[k]; !ok {
			messages[k] = v
		}
	}
	for k, v := range map[string]string{
		"document.final_talk.missing":        "Für „{name}“ ist noch kein Abschlussgespräch erfasst. Die Abschlussbestätigung kann erst danach ausgestellt werden; es wurde nichts eingetragen.",
		"document.certificate.not_course":    "„{name}“ ist kein Zertifikatskurs. Zertifikate gibt es nur für Zertifikatskurse.",
		"document.certificate.not_member":    "Diese Person nimmt nicht an diesem Kurs teil.",
		"document.certificate.not_completed": "„{name}“ hat den Kurs noch nicht abgeschlossen (Anwesenheit und abgeschlossenes Praxisprojekt). Es wurde kein Zertifikat ausgestellt.",
		"document.file.empty":                "Die gewählte Datei ist leer.",
		"document.file.too_large":            "Die Datei ist zu groß: Geprüft werden Dateien bis {max} MB.",
		"document.file.unreadable":           "Die Datei konnte nicht gelesen werden. Bitte erneut wählen.",
		"document.file.not_pdf":              "Die gewählte Datei ist kein PDF-Dokument.",
		"document.open.not_saved":            "Diese Datei kann hier nicht geöffnet werden: Geöffnet werden nur Dokumente, die Tandem in dieser Sitzung gespeichert hat.",
		"document.open.failed":               "Die Datei „{path}“ konnte nicht geöffnet werden. Bitte im Dateimanager öffnen.",
		"document.batch.running":             "Es werden bereits Bestätigungen ausgestellt. Bitte warten, bis das abgeschlossen ist.",
		"document.batch.none":                "Im Durchgang „{name}“ hat noch kein Tandem sein Abschlussgespräch gehabt. Es wurde nichts ausgestellt.",
		"document.batch.retry":               "Während des Ausstellens wurde eine andere Nummer vergeben. Es wurde nichts eingetragen; bitte erneut versuchen.",

		"register.kind.invalid":         "Bitte eine Dokumentart wählen: Abschlussbestätigung oder Zertifikat.",
		"register.status.invalid":       "Bitte einen Status wählen: gültig, widerrufen oder ersetzt.",
		"register.year.invalid":         "Bitte ein gültiges Jahr eingeben.",
		"register.hash.invalid":         "Die Prüfsumme ist ungültig.",
		"register.number.invalid":       "Bitte eine Registernummer in der Form JA-2027-0042 eingeben.",
		"register.not_found":            "Diesen Registereintrag gibt es nicht.",
		"register.number.unknown":       "Die Nummer {number} ist nicht im Register: Dieses Dokument wurde nicht von uns ausgestellt.",
		"register.number.taken":         "Die Nummer {number} wurde inzwischen vergeben. Bitte erneut ausstellen.",
		"register.revoked":              "Das Dokument Nr. {number} ist bereits widerrufen (Grund: {reason}).",
		"register.superseded":           "Das Dokument Nr. {number} ist bereits durch Nr. {by} ersetzt.",
		"register.reissue.mismatch":     "Das neue Dokument gehört nicht zur selben Person und Sache wie das ersetzte.",
		"register.reissue.person_gone":  "Nr. {number} kann nicht neu ausgestellt werden: Die Person wurde gelöscht.",
		"register.reissue.subject_gone": "Nr. {number} kann nicht neu ausgestellt werden: Das Tandem bzw. der Kurs wurde gelöscht.",
		"register.person.mismatch":      "Die Person gehört nicht zu diesem Tandem bzw. Kurs.",
	} {
		messages[k] = v
	}
	for k, v := range map[string]string{
		"reason":              "Grund",
		"number":              "Registernummer",
		"welcomeText":         "Begrüßungstext",
		"confirmationWording": "Text der Abschlussbestätigung",
		"file":                "Datei",
		"organisation":        "Organisationsprofil",
		"programme":           "Programm",
		"wording":             "Text",
		"year":                "Jahr",
		"sha256":              "Prüfsumme",
		"newcomerName":        "Name der neuen Fachkraft",
	} {
		if _, ok := fieldLabels[k]; !ok {
			fieldLabels[k] = v
		}
	}
}
