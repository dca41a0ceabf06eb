package app

// German messages of the rules for issuing registered documents: one
// valid document per completion, a certificate only after the course, and
// the practice project, which a course does not take as a module.
func init() {
	for k, v := range map[string]string{
		"register.already_issued.confirmation": "Für „{name}“ gibt es bereits die gültige Abschlussbestätigung Nr. {number}; eine zweite wird nicht ausgestellt. Um sie zu ersetzen, im Register bei Nr. {number} „Neu ausstellen“ wählen.",
		"register.already_issued.certificate":  "Für „{name}“ gibt es für diesen Kurs bereits das gültige Zertifikat Nr. {number}; ein zweites wird nicht ausgestellt. Um es zu ersetzen, im Register bei Nr. {number} „Neu ausstellen“ wählen.",
		"document.certificate.course_running":  "Der Kurs ist noch nicht zu Ende: Das Modul „{module}“ findet erst am {date} statt. Das Zertifikat kann erst nach dem letzten Modul ausgestellt werden; es wurde nichts eingetragen.",
		"template.topic.kind.invalid":          "Thema {index}: Unbekannte Art des Themas. Erlaubt sind ein Thema bzw. Modul oder das Praxisprojekt.",
		"document.certificate.module_undated":  "Der Kurs ist noch nicht zu Ende: Das Modul „{module}“ hat noch keinen Termin. Das Zertifikat kann erst nach dem letzten Modul ausgestellt werden; es wurde nichts eingetragen.",
	} {
		messages[k] = v
	}
}
