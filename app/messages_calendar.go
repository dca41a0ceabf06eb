package app

// German messages of the calendar export and of deleting notes (issue 4),
// merged into messages.
func init() {
	for k, v := range map[string]string{
		"calendar.tandem_cancelled":    "Dieses Tandem wurde abgebrochen: Seine Gespräche finden nicht statt und werden nicht exportiert. Bereits importierte Termine bitte im Kalender löschen.",
		"calendar.none_upcoming":       "Für dieses Tandem sind ab heute keine Gespräche geplant. Es wurde keine Datei erstellt.",
		"calendar.group.none_upcoming": "Für diese Gruppe sind ab heute keine Termine geplant. Es wurde keine Datei erstellt.",
		"calendar.session.not_tandem":  "Dieses Gespräch gehört zu keinem Tandem und kann hier nicht exportiert werden.",
	} {
		messages[k] = v
	}
}
