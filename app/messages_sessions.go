package app

// German messages and field labels of sessions, notes, agreements and
// feedback talks (issue 4), merged into messages and fieldLabels.
func init() {
	for k, v := range map[string]string{
		"session.not_found":             "Dieses Gespräch gibt es nicht (mehr).",
		"session.tandem.required":       "Bitte ein Tandem wählen.",
		"session.tandem.not_found":      "Das gewählte Tandem gibt es nicht (mehr).",
		"session.tandem.changed":        "Ein Gespräch kann nicht in ein anderes Tandem verschoben werden.",
		"session.time.invalid":          "Bitte eine Uhrzeit im Format HH:MM eingeben, z. B. 09:30.",
		"session.duration.invalid":      "Bitte eine Dauer von {min} bis {max} Minuten eingeben.",
		"session.attendance.not_member": "Anwesenheit kann nur für die Mentee und die Mentor:innen dieses Tandems erfasst werden.",
		"session.attendance.duplicate":  "Dieselbe Person ist zweimal als Teilnehmende:r eingetragen.",
		"session.topics.too_many":       "Ein Gespräch kann höchstens {max} Themen behandeln.",
		"session.topic.not_in_plan":     "Ein gewähltes Thema gehört nicht zum Einarbeitungsplan dieses Tandems.",
		"session.overlap":               "Das Tandem hat am {date} um {time} Uhr bereits ein Gespräch, das sich mit dieser Zeit überschneidet.",
		"session.has_notes":             "Das Gespräch kann nicht gelöscht werden: Es enthält {count} Notiz(en). Bitte zuerst die Notizen löschen oder das Gespräch behalten.",
		"session.has_agreements":        "Das Gespräch kann nicht gelöscht werden: Es enthält {count} Vereinbarung(en). Bitte zuerst die Vereinbarungen löschen oder das Gespräch behalten.",

		"note.not_found": "Diese Notiz gibt es nicht (mehr).",
		"note.too_long":  "Eine Notiz darf höchstens 100.000 Zeichen lang sein. Der Text wurde nicht gespeichert, bleibt aber im Eingabefeld erhalten: Bitte kürzen oder auf mehrere Notizen aufteilen.",

		"agreement.not_found":       "Diese Vereinbarung gibt es nicht (mehr).",
		"agreement.owner.not_found": "Die gewählte verantwortliche Person gibt es nicht (mehr).",

		"feedback.tandem.required":   "Bitte ein Tandem wählen.",
		"feedback.tandem.not_found":  "Das gewählte Tandem gibt es nicht (mehr).",
		"feedback.kind.invalid":      "Bitte „Zwischengespräch“ oder „Abschlussgespräch“ wählen.",
		"feedback.answers.too_many":  "Ein Feedbackgespräch kann höchstens {max} Leitfragen haben.",
		"feedback.date.before_start": "Das Gespräch kann nicht vor dem Beginn des Tandems am {start} liegen.",
		"feedback.date.future":       "Das Abschlussgespräch kann erst erfasst werden, wenn es stattgefunden hat: Das Datum liegt in der Zukunft.",
		"feedback.final.cancelled":   "Dieses Tandem wurde abgebrochen. Ein Abschlussgespräch kann dafür nicht erfasst werden.",
		"feedback.final.exists":      "Für dieses Tandem wurde das Abschlussgespräch bereits am {date} erfasst.",
		"feedback.final.not_active":  "Das Tandem ist noch geplant. Ein Abschlussgespräch ist erst möglich, wenn das Tandem aktiv ist.",
	} {
		messages[k] = v
	}
	for k, v := range map[string]string{
		"startTime": "Uhrzeit", "durationMinutes": "Dauer (Minuten)", "place": "Ort",
		"participants": "Teilnehmende", "topicItemIds": "Themen", "text": "Text",
		"ownerId": "Verantwortlich", "ownerName": "Verantwortlich", "answers": "Antworten",
		"nextSteps": "Nächste Schritte",
	} {
		fieldLabels[k] = v
	}
}
