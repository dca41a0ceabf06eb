package app

// German messages and field labels for programme templates (Programmvorlagen)
// and their import and export (internal/exchange).
func init() {
	for k, v := range map[string]string{
		"template.not_found":           "Diese Programmvorlage gibt es nicht (mehr).",
		"template.name.taken":          "Eine Programmvorlage „{name}“ gibt es bereits. Bitte einen anderen Namen wählen.",
		"template.in_use":              "Die Programmvorlage „{name}“ kann nicht gelöscht werden: Sie wird noch verwendet ({runs} Durchgang/Durchgänge, {plans} Einarbeitungsplan/-pläne). Es wurde nichts gelöscht. Sie können die Vorlage archivieren; dann wird sie nicht mehr angeboten.",
		"template.in_use.other":        "Die Programmvorlage „{name}“ kann nicht gelöscht werden, weil andere Einträge auf sie verweisen. Es wurde nichts gelöscht. Sie können die Vorlage archivieren.",
		"template.builtin":             "Die mitgelieferte Programmvorlage „{name}“ kann nicht gelöscht werden. Sie können sie archivieren; dann wird sie nicht mehr angeboten. Ihre Änderungen an ihr bleiben auch bei Updates erhalten.",
		"template.builtin_key.invalid": "Die mitgelieferte Programmvorlage „{key}“ ist fehlerhaft. Bitte installieren Sie Tandem neu.",
		"template.kind.invalid":        "Bitte eine Art der Vorlage aus der Liste wählen.",
		"template.duration.invalid":    "Die Dauer muss zwischen 1 und {max} Wochen liegen.",
		"template.duration.secondment": "Eine Personalbereitstellung dauert höchstens sechs Monate ({max} Wochen).",
		"template.probation.invalid":   "Die Probezeit muss zwischen 0 und {max} Wochen liegen (0: keine Probezeit).",
		"template.attendance.invalid":  "Die Mindestteilnahme muss zwischen 0 und 100 Prozent liegen (0: keine Vorgabe).",
		"template.phases.too_many":     "Eine Vorlage darf höchstens {max} Phasen haben.",
		"template.topics.too_many":     "Eine Vorlage darf höchstens {max} Themen haben.",
		"template.prompts.too_many":    "Eine Vorlage darf höchstens {max} Fragen für Feedbackgespräche haben.",

		"template.phase.required": "Phase {index}: Bitte „{field}“ ausfüllen.",
		"template.phase.too_long": "Phase {index}: „{field}“ darf höchstens {max} Zeichen lang sein.",
		"template.phase.control":  "Phase {index}: „{field}“ enthält Steuerzeichen, die nicht erlaubt sind.",
		"template.phase.encoding": "Phase {index}: „{field}“ enthält ungültige Zeichen.",

		"template.topic.required":         "Thema {index}: Bitte „{field}“ ausfüllen.",
		"template.topic.too_long":         "Thema {index}: „{field}“ darf höchstens {max} Zeichen lang sein.",
		"template.topic.control":          "Thema {index}: „{field}“ enthält Steuerzeichen, die nicht erlaubt sind.",
		"template.topic.encoding":         "Thema {index}: „{field}“ enthält ungültige Zeichen.",
		"template.topic.phase.invalid":    "Thema {index}: Bitte eine Phase aus der Liste wählen.",
		"template.topic.week.invalid":     "Thema {index}: „{field}“ muss zwischen Woche 0 und Woche {max} (der Dauer der Vorlage) liegen.",
		"template.topic.end_before_start": "Thema {index}: Das Ende darf nicht vor dem Beginn liegen.",
		"template.topic.role.invalid":     "Thema {index}: Bitte eine zuständige Rolle aus der Liste wählen.",
		"template.checklist.too_many":     "Thema {index}: Die Checkliste darf höchstens {max} Punkte haben.",
		"template.checklist.required":     "Thema {index}: Punkt {item} der Checkliste ist leer. Bitte ausfüllen oder entfernen.",
		"template.checklist.too_long":     "Thema {index}: Punkt {item} der Checkliste darf höchstens {max} Zeichen lang sein.",
		"template.checklist.control":      "Thema {index}: Punkt {item} der Checkliste enthält Steuerzeichen, die nicht erlaubt sind.",
		"template.checklist.encoding":     "Thema {index}: Punkt {item} der Checkliste enthält ungültige Zeichen.",
		"template.prompt.required":        "Frage {index} für Feedbackgespräche ist leer. Bitte ausfüllen oder entfernen.",
		"template.prompt.too_long":        "Frage {index} für Feedbackgespräche darf höchstens {max} Zeichen lang sein.",
		"template.prompt.control":         "Frage {index} für Feedbackgespräche enthält Steuerzeichen, die nicht erlaubt sind.",
		"template.prompt.encoding":        "Frage {index} für Feedbackgespräche enthält ungültige Zeichen.",

		"import.too_large":       "Die Datei ist zu groß: Eine Programmvorlage darf höchstens {max} MB groß sein. Es wurde nichts importiert.",
		"export.write_failed":    "Die Datei „{path}“ konnte nicht geschrieben werden. Bitte einen anderen Ort wählen.",
		"export.in_use":          "Die Datei „{path}“ ist in einem anderen Programm geöffnet (z. B. im PDF-Betrachter). Bitte dort schließen und erneut speichern oder einen anderen Namen wählen.",
		"import.read":            "Die Datei kann nicht gelesen werden. Bitte prüfen Sie, ob sie noch vorhanden ist und Sie sie öffnen dürfen. Es wurde nichts importiert.",
		"import.not_json":        "Die Datei ist keine gültige Programmvorlage: Sie ist unvollständig oder keine JSON-Datei. Es wurde nichts importiert.",
		"import.trailing":        "Die Datei ist beschädigt: Nach der Programmvorlage folgen weitere Daten. Es wurde nichts importiert.",
		"import.not_ours":        "Die Datei ist keine Tandem-Programmvorlage. Es wurde nichts importiert.",
		"import.version":         "Die Programmvorlage stammt aus einer neueren Tandem-Version (Format {version}, diese Version kennt Format {supported}). Bitte installieren Sie die aktuelle Tandem-Version. Es wurde nichts importiert.",
		"import.invalid":         "Die Programmvorlage enthält ein unbekanntes oder fehlerhaftes Feld „{name}“. Es wurde nichts importiert.",
		"import.too_many_topics": "Die Programmvorlage enthält {count} Themen, erlaubt sind höchstens {max}. Es wurde nichts importiert.",
	} {
		messages[k] = v
	}
	for k, v := range map[string]string{
		"kind": "Art der Vorlage", "description": "Beschreibung", "durationWeeks": "Dauer (Wochen)",
		"probationWeeks": "Probezeit (Wochen)", "attendancePercent": "Mindestteilnahme (%)", "phases": "Phasen",
		"topics": "Themen", "feedbackPrompts": "Fragen für Feedbackgespräche", "builtinKey": "Mitgelieferte Vorlage",
		"phases.name": "Name", "phases.description": "Beschreibung",
		"topics.title": "Titel", "topics.description": "Beschreibung", "topics.legalReference": "Rechtsgrundlage",
		"topics.speaker": "Referent:in", "topics.phase": "Phase", "topics.startWeek": "Beginn (Woche)",
		"topics.endWeek": "Ende (Woche)", "topics.responsibleRole": "Zuständig", "topics.checklist": "Checkliste", "topics.kind": "Art des Themas",
	} {
		fieldLabels[k] = v
	}
}
