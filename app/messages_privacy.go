package app

func init() {
	for k, v := range map[string]string{
		"person.erase.confirm_mismatch": "Der eingegebene Name stimmt nicht mit „{name}“ überein. Es wurde nichts gelöscht.",
		"audit.action.invalid":          "Unbekannte Aktion für das Protokoll.",
		"audit.kind.invalid":            "Unbekannte Art von Eintrag für das Protokoll.",
		"audit.page.invalid":            "Ungültige Seite des Protokolls.",
		"retention.kind.invalid":        "Unbekannte Art von Eintrag für die Aufbewahrungsfrist.",
		"retention.months.invalid":      "Die Aufbewahrungsfrist muss zwischen {min} und {max} Monaten liegen.",
		"retention.nothing_selected":    "Es ist nichts zum Löschen ausgewählt.",
		"retention.too_many":            "Auf einmal können höchstens {max} Einträge gelöscht werden. Es wurde nichts gelöscht.",
		"person.erase.confirm_too_long": "Der Name zur Bestätigung darf höchstens {max} Zeichen lang sein. Es wurde nichts gelöscht.",
		"person.erase.mention_unknown":  "Die Liste der Erwähnungen ist nicht mehr aktuell (ein Text wurde inzwischen geändert). Bitte den Dialog neu öffnen. Es wurde nichts gelöscht.",
		"person.erase.mentions_max":     "Auf einmal können höchstens {max} Erwähnungen geschwärzt werden. Es wurde nichts gelöscht.",
	} {
		messages[k] = v
	}
	for k, v := range map[string]string{
		"confirmName": "Name zur Bestätigung",
		"months":      "Monate",
		"items":       "Einträge",
		"action":      "Aktion",
		"offset":      "Seite",
		"limit":       "Seitengröße",
		"mentionIds":  "Erwähnungen",
	} {
		if _, ok := fieldLabels[k]; !ok {
			fieldLabels[k] = v
		}
	}
}
