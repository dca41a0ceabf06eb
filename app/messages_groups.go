package app

// German messages and field labels of peer groups, the steering group and
// certificate courses, and of group sessions (issue 4), merged into
// messages and fieldLabels.
func init() {
	for k, v := range map[string]string{
		"group.not_found":             "Diese Gruppe gibt es nicht (mehr).",
		"group.kind.invalid":          "Bitte eine Art wählen: Peergruppe Mentees, Peergruppe Mentor:innen, Steuerungsgruppe oder Zertifikatskurs.",
		"group.run.required":          "Ein Zertifikatskurs gehört zu einem Durchgang: Bitte einen Durchgang wählen.",
		"group.run.not_found":         "Den gewählten Durchgang gibt es nicht (mehr).",
		"group.run.not_course":        "Der Durchgang „{name}“ gehört zu keiner Zertifikatskurs-Vorlage. Bitte einen Durchgang eines Zertifikatskurses wählen.",
		"group.run.archived":          "Der Durchgang „{name}“ ist archiviert. Bitte einen aktiven Durchgang wählen.",
		"group.members.too_many":      "Eine Gruppe kann höchstens {max} Mitglieder haben.",
		"group.members.duplicate":     "Dieselbe Person ist zweimal als Mitglied eingetragen.",
		"group.member.not_found":      "Eine gewählte Person gibt es nicht (mehr).",
		"group.member.archived":       "„{name}“ ist archiviert und kann nicht neu in eine Gruppe aufgenommen werden.",
		"group.member.has_attendance": "„{name}“ kann nicht aus der Gruppe entfernt werden: Für die Person ist in {count} Termin(en) die Anwesenheit erfasst.",
		"group.member.has_project":    "„{name}“ kann nicht aus dem Kurs entfernt werden: Für die Person ist ein Praxisprojekt erfasst.",
		"group.has_sessions":          "Die Gruppe kann nicht gelöscht werden: Sie hat {count} Termin(e). Bitte die Gruppe archivieren.",
		"group.has_projects":          "Die Gruppe kann nicht gelöscht werden: Es sind {count} Praxisprojekt(e) erfasst. Bitte die Gruppe archivieren.",
		"group.has_sessions.fixed":    "Art und Durchgang können nicht mehr geändert werden: Die Gruppe hat bereits {count} Termin(e).",
		"group.has_projects.fixed":    "Art und Durchgang können nicht mehr geändert werden: Es sind bereits {count} Praxisprojekt(e) erfasst.",
		"group.not_course":            "Das geht nur bei einem Zertifikatskurs; diese Gruppe ist eine {kind}.",

		"module.not_found": "Dieses Modul gibt es nicht (mehr).",

		"project.status.invalid":    "Bitte einen Stand wählen: geplant, in Arbeit, abgeschlossen oder abgebrochen.",
		"project.person.not_member": "„{name}“ nimmt nicht an diesem Kurs teil. Ein Praxisprojekt kann nur für Teilnehmende erfasst werden.",

		"session.owner.both":             "Ein Termin gehört entweder zu einem Tandem oder zu einer Gruppe, nicht zu beidem.",
		"session.group.not_found":        "Die gewählte Gruppe gibt es nicht (mehr).",
		"session.group.archived":         "Die Gruppe „{name}“ ist archiviert. Bitte sie zuerst wiederherstellen.",
		"session.group.changed":          "Ein Termin kann nicht in eine andere Gruppe oder ein Tandem verschoben werden.",
		"session.module.required":        "Bitte das Modul des Kurses wählen.",
		"session.module.not_in_group":    "Das gewählte Modul gehört nicht zu diesem Kurs.",
		"session.topics.tandem_only":     "Themen des Einarbeitungsplans können nur bei Gesprächen eines Tandems erfasst werden.",
		"session.participant.unknown":    "Eine gewählte teilnehmende Person gibt es nicht (mehr).",
		"session.participant_not_member": "„{name}“ ist kein Mitglied der Gruppe „{group}“. Anwesenheit kann nur für Mitglieder erfasst werden.",
		"session.group_overlap":          "Die Gruppe „{group}“ hat am {date} um {time} Uhr bereits einen Termin, der sich mit dieser Zeit überschneidet.",
	} {
		messages[k] = v
	}
	for k, v := range map[string]string{
		"memberIds": "Mitglieder", "groupId": "Gruppe", "moduleId": "Modul", "speaker": "Referent:in",
	} {
		fieldLabels[k] = v
	}
}
