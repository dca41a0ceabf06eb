package app

// Messages of the recovery from a damaged database (issue 6, app/recovery.go).
func init() {
	messages["db.damaged"] = "Die Datenbank „{path}“ ist beschädigt und konnte nicht beiseitegelegt werden. Es wurde nichts gelöscht. Bitte wenden Sie sich an Ihre IT."
}
