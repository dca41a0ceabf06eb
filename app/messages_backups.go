package app

// German messages of backups and restore (issue 6).
func init() {
	for k, v := range map[string]string{
		"backup.check_failed":        "Die Datensicherung „{path}“ wurde geschrieben, hat aber die Prüfung nicht bestanden und wurde verworfen. Bitte erneut versuchen.",
		"backup.damaged":             "Die Datei „{path}“ ist beschädigt oder keine Tandem-Datensicherung. Es wurde nichts verändert.",
		"backup.dir_unreadable":      "Der Sicherungsordner „{path}“ kann nicht gelesen werden.",
		"backup.dir_unwritable":      "In den Ordner „{path}“ kann nicht geschrieben werden. Bitte einen anderen Ordner wählen oder die Berechtigung prüfen.",
		"backup.folder_invalid":      "Bitte einen vollständigen Ordnerpfad angeben (zum Beispiel „C:\\Daten\\Sicherungen“).",
		"backup.kind_invalid":        "Unbekannte Art der Datensicherung.",
		"backup.not_found":           "Die Datensicherung „{path}“ wurde nicht gefunden.",
		"backup.not_tandem":          "Die Datei „{path}“ ist keine Tandem-Datenbank. Es wurde nichts verändert.",
		"backup.passphrase_invalid":  "Das Kennwort enthält unzulässige Zeichen.",
		"backup.passphrase_long":     "Das Kennwort darf höchstens {max} Zeichen lang sein.",
		"backup.passphrase_required": "Diese Datensicherung ist verschlüsselt. Bitte das Kennwort eingeben.",
		"backup.passphrase_short":    "Das Kennwort muss mindestens {min} Zeichen lang sein.",
		"backup.passphrase_wrong":    "Das Kennwort passt nicht zu dieser Datensicherung. Es wurde nichts verändert.",
		"backup.path_unknown":        "Diese Datei kann nicht wiederhergestellt werden. Bitte eine Sicherung aus der Liste oder über „Datei wählen …“ auswählen.",
		"backup.settings_unwritable": "Die Einstellung konnte nicht gespeichert werden ({path}).",
		"backup.target_is_database":  "Die Sicherung darf nicht die geöffnete Datenbank überschreiben. Bitte einen anderen Dateinamen wählen.",
		"backup.too_new":             "Die Datensicherung „{path}“ stammt aus einer neueren Tandem-Version und kann mit dieser Version nicht geöffnet werden. Es wurde nichts verändert.",
		"backup.write_failed":        "Die Datensicherung nach „{path}“ ist fehlgeschlagen. Es wurde nichts verändert.",
	} {
		messages[k] = v
	}
	fieldLabels["passphrase"] = "Kennwort"
	fieldLabels["folder"] = "Sicherungsordner"
}
