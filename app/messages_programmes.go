package app

// German messages and field labels of runs, tandems, onboarding plans and
// case handovers (issue 3), merged into messages and fieldLabels.
func init() {
	for k, v := range map[string]string{
		"date.required":         "Bitte ein Datum eingeben.",
		"date.end_before_start": "Das Ende darf nicht vor dem Beginn liegen.",

		"run.not_found":          "Diesen Durchgang gibt es nicht (mehr).",
		"run.template.required":  "Bitte eine Programmvorlage wählen.",
		"run.template.not_found": "Die gewählte Programmvorlage gibt es nicht (mehr).",
		"run.template.archived":  "Die Programmvorlage „{name}“ ist archiviert. Bitte eine aktive Vorlage wählen.",
		"run.template_locked":    "Die Vorlage des Durchgangs „{name}“ kann nicht mehr geändert werden, weil ihm bereits {count} Tandem(s) angehören.",
		"run.in_use":             "Der Durchgang „{name}“ kann nicht gelöscht werden: Ihm gehören {count} Tandem(s) an. Sie können ihn archivieren.",

		"tandem.not_found":           "Dieses Tandem gibt es nicht (mehr).",
		"tandem.run.required":        "Bitte einen Durchgang wählen.",
		"tandem.run.not_found":       "Den gewählten Durchgang gibt es nicht (mehr).",
		"tandem.run.archived":        "Der Durchgang „{name}“ ist archiviert. Bitte einen aktiven Durchgang wählen.",
		"tandem.mentee.required":     "Bitte die Mentee wählen.",
		"tandem.mentee.not_found":    "Die gewählte Mentee gibt es nicht (mehr).",
		"tandem.mentee.archived":     "„{name}“ ist archiviert und kann nicht in ein neues Tandem aufgenommen werden.",
		"tandem.mentors.count":       "Bitte eine oder höchstens {max} Mentor:innen wählen.",
		"tandem.mentors.duplicate":   "Dieselbe Person ist zweimal als Mentor:in gewählt.",
		"tandem.mentor.not_found":    "Eine gewählte Mentor:in gibt es nicht (mehr).",
		"tandem.mentor.archived":     "„{name}“ ist archiviert und kann nicht Mentor:in eines Tandems werden.",
		"tandem.mentor_role":         "„{name}“ hat nicht die Rolle Mentor:in. Bitte die Rolle bei der Person eintragen oder eine andere Person wählen.",
		"tandem.self":                "Mentee und Mentor:in müssen verschiedene Personen sein.",
		"tandem.secondment_too_long": "Eine Personalbereitstellung dauert höchstens {months} Monate: Das Ende darf nicht nach dem {limit} liegen.",
		"tandem.reason_required":     "Dieses Tandem weicht von den Regeln des Programms ab: {warnings} Bitte begründen Sie die Ausnahme schriftlich.",
		"tandem.duplicate":           "„{name}“ hat im Durchgang „{run}“ bereits ein geplantes oder aktives Tandem.",
		"tandem.closed":              "Dieses Tandem ist {status} und kann nicht mehr geändert werden.",
		"tandem.status.invalid":      "Bitte einen Status aus der Liste wählen.",
		"tandem.status_transition":   "Ein Tandem kann nicht von „{from}“ auf „{to}“ gesetzt werden.",

		"plan.not_found":                  "Diesen Einarbeitungsplan gibt es nicht (mehr).",
		"plan.newcomer.required":          "Bitte die neue Fachkraft wählen.",
		"plan.newcomer.not_found":         "Die gewählte neue Fachkraft gibt es nicht (mehr).",
		"plan.newcomer.archived":          "„{name}“ ist archiviert. Für archivierte Personen kann kein Einarbeitungsplan angelegt werden.",
		"plan.template.required":          "Bitte eine Programmvorlage wählen.",
		"plan.template.not_found":         "Die gewählte Programmvorlage gibt es nicht (mehr).",
		"plan.tandem.not_found":           "Das gewählte Tandem gibt es nicht (mehr).",
		"plan.tandem.mentee":              "Im gewählten Tandem ist „{name}“ die Mentee, nicht die neue Fachkraft dieses Plans.",
		"plan.tandem.has_plan":            "Für das Tandem von „{name}“ gibt es bereits einen Einarbeitungsplan.",
		"plan.knowledge.invalid":          "Bitte für die Vorkenntnisse „keine“, „Grundkenntnisse“ oder „sicher“ wählen.",
		"plan.knowledge.topic_invalid":    "Vorkenntnisse wurden für Thema {index} angegeben, die Vorlage hat aber nur {count} Themen.",
		"plan.knowledge.action.invalid":   "Diese Anpassung ist nicht möglich. Bitte „nur vermerken“, „verkürzen“ oder „entfällt“ wählen.",
		"plan.responsible.role_invalid":   "Verantwortliche Personen können nur für Rollen aus der Liste angegeben werden.",
		"plan.responsible.not_found":      "Eine gewählte verantwortliche Person gibt es nicht (mehr).",
		"plan.status.invalid":             "Bitte einen Status aus der Liste wählen.",
		"plan.closed":                     "Dieser Einarbeitungsplan ist {status} und kann nicht mehr geändert werden.",
		"plan.items.too_many":             "Ein Einarbeitungsplan kann höchstens {max} Bausteine haben.",
		"plan.item.not_found":             "Diesen Baustein gibt es nicht (mehr).",
		"plan.item.phase.invalid":         "Bitte eine Phase des Plans wählen.",
		"plan.item.checklist.too_many":    "Eine Checkliste kann höchstens {max} Punkte haben.",
		"plan.item.status.invalid":        "Bitte einen Status aus der Liste wählen: offen, in Arbeit, erledigt oder entfällt.",
		"plan.item.responsible.not_found": "Die gewählte verantwortliche Person gibt es nicht (mehr).",
		"plan.item.position.invalid":      "Der Baustein kann nicht an diese Stelle verschoben werden.",
		"plan.item.too_short":             "„{title}“ dauert nur {days} Tage oder weniger und kann nicht weiter verkürzt werden. Sie können den Baustein entfallen lassen.",

		"handover.not_found":          "Diese Fallübernahme gibt es nicht (mehr).",
		"handover.case_count.invalid": "Bitte eine Anzahl der Fälle von 1 bis {max} eingeben.",
		"handover.from.required":      "Bitte angeben, von wem die Fälle übernommen werden.",
		"handover.from.not_found":     "Die gewählte abgebende Person gibt es nicht (mehr).",
	} {
		messages[k] = v
	}
	for k, v := range map[string]string{
		"templateId": "Programmvorlage", "runId": "Durchgang", "endDate": "Ende",
		"menteeId": "Mentee", "mentorIds": "Mentor:innen", "overrideReason": "Begründung der Ausnahme",
		"cancelReason": "Grund des Abbruchs", "status": "Status", "personId": "Person",
		"newcomerId": "Neue Fachkraft", "tandemId": "Tandem", "priorKnowledge": "Vorkenntnisse",
		"responsible": "Verantwortliche", "phase": "Phase", "title": "Titel", "description": "Beschreibung",
		"legalReference": "Rechtsgrundlage", "checklist": "Checkliste", "dueDate": "Fällig am",
		"responsibleId": "Verantwortlich", "position": "Position", "action": "Anpassung",
		"date": "Datum", "caseCount": "Anzahl der Fälle", "fromId": "Abgebende Person", "fromName": "Abgebende Person",
	} {
		fieldLabels[k] = v
	}
}
