package app

// German messages and field labels of the competency self-assessment
// (Kompetenzprofil, issue 4) and of a template's competency list.
func init() {
	for k, v := range map[string]string{
		"competency.stage.invalid":       "Bitte „Beginn“ oder „Ende“ als Zeitpunkt der Selbsteinschätzung wählen.",
		"competency.level.invalid":       "Für „{name}“ bitte eine Stufe von {min} bis {max} wählen.",
		"competency.levels.too_many":     "Eine Selbsteinschätzung kann höchstens {max} Kompetenzen umfassen.",
		"competency.name.invalid":        "Eine Kompetenz der Selbsteinschätzung hat keinen gültigen Namen.",
		"competency.duplicate":           "Die Kompetenz „{name}“ ist zweimal eingeschätzt. Bitte jede Kompetenz nur einmal einschätzen.",
		"competency.unknown":             "Die Kompetenz „{name}“ gehört nicht zum Kompetenzprofil dieses Tandems.",
		"competency.missing":             "Bitte auch für „{name}“ eine Stufe wählen: Jede Kompetenz wird eingeschätzt.",
		"competency.cancelled":           "Dieses Tandem wurde abgebrochen. Eine Selbsteinschätzung kann dafür nicht mehr erfasst werden.",
		"competency.date.future":         "Die Selbsteinschätzung kann erst erfasst werden, wenn sie stattgefunden hat: Das Datum liegt in der Zukunft.",
		"competency.date.before_start":   "Die Einschätzung am Ende kann nicht vor der Einschätzung zu Beginn am {date} liegen.",
		"competency.date.after_end":      "Die Einschätzung zu Beginn kann nicht nach der Einschätzung am Ende am {date} liegen.",
		"competency.end.without_start":   "Bitte zuerst die Selbsteinschätzung zu Beginn erfassen. Die Einschätzung am Ende ist erst danach möglich.",
		"template.competencies.too_many": "Eine Vorlage darf höchstens {max} Kompetenzen haben (jetzt {count}).",
		"template.competency.required":   "Kompetenz {index} ist leer. Bitte ausfüllen oder entfernen.",
		"template.competency.too_long":   "Kompetenz {index} darf höchstens {max} Zeichen lang sein.",
		"template.competency.control":    "Kompetenz {index} enthält Steuerzeichen, die nicht erlaubt sind.",
		"template.competency.encoding":   "Kompetenz {index} enthält ungültige Zeichen.",
		"template.competency.duplicate":  "Kompetenz {index} „{name}“ steht schon an Stelle {first}. Bitte jede Kompetenz nur einmal aufführen.",
	} {
		messages[k] = v
	}
	for k, v := range map[string]string{
		"stage": "Zeitpunkt", "assessedOn": "Datum der Einschätzung", "levels": "Stufen", "competencies": "Kompetenzen",
	} {
		fieldLabels[k] = v
	}
}
