package app

// German messages of the Einarbeitungshandbuch and the Sachstandsbericht (issue 5).
func init() {
	for k, v := range map[string]string{
		"report.period.date":     "Bitte Beginn und Ende des Zeitraums als gültiges Datum (TT.MM.JJJJ) angeben.",
		"report.period.order":    "Das Ende des Zeitraums liegt vor seinem Beginn.",
		"report.period.too_long": "Der Zeitraum darf höchstens {years} Jahre umfassen.",
	} {
		messages[k] = v
	}
	fieldLabels["from"] = "Beginn des Zeitraums"
	fieldLabels["to"] = "Ende des Zeitraums"
}
