package app

// Messages of storage faults (sqlite/storage.go): what stops the database
// from opening or a save from succeeding, and what the user can do. None
// says "try again" where trying again cannot help.
func init() {
	messages["db.path.chars"] = "Der Pfad „{path}“ enthält Zeichen, die Windows in Datei- und Ordnernamen nicht erlaubt ({chars}). Bitte wählen Sie einen anderen Speicherort oder Dateinamen."
	messages["db.drive_missing"] = "Das Laufwerk {drive} der Datenbank „{path}“ ist nicht vorhanden. Bitte schließen Sie den Datenträger an oder verbinden Sie das Netzlaufwerk und starten Sie Tandem dann neu."
	messages["db.is_folder"] = "Unter „{path}“ liegt ein Ordner, keine Datenbankdatei. Bitte wählen Sie eine Datei, z. B. „tandem.db“ in diesem Ordner."
	messages["db.readonly"] = "Die Datenbankdatei „{path}“ ist schreibgeschützt; Tandem könnte nichts speichern und hat sie nicht geöffnet. Heben Sie den Schreibschutz auf (Rechtsklick auf die Datei → Eigenschaften → „Schreibgeschützt“ abwählen) oder lassen Sie sich von Ihrer IT Schreibrechte geben, und starten Sie Tandem dann neu."
	messages["db.dir_readonly"] = "Im Ordner „{path}“ darf Tandem keine Dateien anlegen oder ändern (schreibgeschützt oder fehlende Rechte); die Datenbank braucht dort ihre Begleitdateien. Bitte lassen Sie sich von Ihrer IT Schreibrechte für den Ordner geben oder wählen Sie einen anderen Speicherort."
	messages["db.disk_full"] = "Auf dem Laufwerk der Datenbank „{path}“ ist kein Speicherplatz mehr frei. Bitte schaffen Sie Platz (nicht mehr benötigte Dateien löschen, Papierkorb leeren) und starten Sie Tandem dann neu."
	messages["storage.full"] = "Tandem konnte nicht speichern: Auf dem Laufwerk ist kein Speicherplatz mehr frei. Es wurde nichts geändert. Bitte schaffen Sie Platz (nicht mehr benötigte Dateien löschen, Papierkorb leeren) und speichern Sie dann erneut."
	messages["storage.readonly"] = "Tandem konnte nicht speichern: Die Datei oder ihr Ordner ist schreibgeschützt oder Ihnen fehlen die Schreibrechte. Es wurde nichts geändert. Erneutes Versuchen hilft nicht: Bitte heben Sie den Schreibschutz auf oder lassen Sie sich von Ihrer IT Schreibrechte geben und starten Sie Tandem dann neu."
	messages["storage.io"] = "Tandem konnte nicht auf das Laufwerk zugreifen: Es meldet einen Lese- oder Schreibfehler oder ist nicht mehr erreichbar (z. B. ein getrenntes Netzlaufwerk oder ein defekter Datenträger). Es wurde nichts geändert. Bitte prüfen Sie das Laufwerk und starten Sie Tandem dann neu."
}
