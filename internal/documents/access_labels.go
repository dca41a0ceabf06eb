package documents

import "tandem/internal/domain"

// The German wording of the access export PDF: for every table a heading
// and a sentence saying what it holds, for every column a label and how
// its value is shown. A test in internal/sqlite reads the schema and fails
// when a column of an exported table has no entry here.

// colKind says how a column's value is printed.
type colKind int

const (
	colText colKind = iota
	colNumber
	colDate    // ISO day → TT.MM.JJJJ
	colTime    // UTC timestamp → local TT.MM.JJJJ HH:MM
	colBool    // 0/1 → nein/ja
	colEnum    // code → word (accessCol.words)
	colRef     // id of a row of another table (accessCol.ref) → its description
	colJSON    // JSON list → lines
	colTech    // internal: only in the technical appendix
	colSkipped // derived from other columns (search keys): not printed
)

type accessCol struct {
	label string
	kind  colKind
	words map[string]string // colEnum
	ref   string            // colRef: the table referred to
}

// accessKind is one section of the PDF.
type accessKind struct {
	table    string
	title    string
	sentence string
	cols     []colDef // in reading order; commonCols follow
}

// tableKinds are printed as rows of a table (short link entries and the
// log), not as a block of fields per entry.
var tableKinds = map[string]bool{"person_roles": true, "tandem_mentors": true, "session_attendance": true,
	"session_topics": true, "self_assessment_levels": true, "group_members": true, "audit_log": true}

// colDef is one column of a table and how it is printed.
type colDef struct {
	name string
	accessCol
}

func text(l string) accessCol   { return accessCol{label: l} }
func number(l string) accessCol { return accessCol{label: l, kind: colNumber} }
func day(l string) accessCol    { return accessCol{label: l, kind: colDate} }
func stamp(l string) accessCol  { return accessCol{label: l, kind: colTime} }
func yesNo(l string) accessCol  { return accessCol{label: l, kind: colBool} }
func ref(l, table string) accessCol {
	return accessCol{label: l, kind: colRef, ref: table}
}
func enum(l string, words map[string]string) accessCol {
	return accessCol{label: l, kind: colEnum, words: words}
}
func jsonList(l string) accessCol { return accessCol{label: l, kind: colJSON} }
func tech(l string) accessCol     { return accessCol{label: l, kind: colTech} }
func skipped(l string) accessCol  { return accessCol{label: l, kind: colSkipped} }

// commonCols are the columns many tables share.
var commonCols = map[string]accessCol{
	"id":         tech("interne Nummer"),
	"created_at": stamp("Angelegt am"),
	"updated_at": stamp("Zuletzt geändert am"),
}

var (
	roleWords = map[string]string{"mentor": "Mentor:in", "mentee": "Mentee", "team_lead": "Sachgebietsleitung",
		"head_of_office": "Amtsleitung", "speaker": "Referent:in", "steering_group": "Steuerungsgruppe"}
	tandemStatus  = map[string]string{"planned": "geplant", "active": "aktiv", "completed": "abgeschlossen", "cancelled": "abgebrochen"}
	planStatus    = map[string]string{"active": "läuft", "completed": "abgeschlossen", "cancelled": "abgebrochen"}
	itemStatus    = map[string]string{"open": "offen", "in_progress": "in Arbeit", "done": "erledigt", "dropped": "entfällt"}
	priorWords    = map[string]string{"none": "keine", "basic": "Grundkenntnisse", "confident": "sicher"}
	projectStatus = map[string]string{"planned": "geplant", "in_progress": "in Arbeit", "completed": "abgeschlossen", "abandoned": "abgebrochen"}
	sessionKinds  = map[string]string{"tandem": "Tandemgespräch", "peer_group": "Treffen der Peergruppe", "steering": "Sitzung der Steuerungsgruppe", "course_module": "Kursmodul"}
	groupKinds    = map[string]string{"peer_mentees": "Peergruppe der Mentees", "peer_mentors": "Peergruppe der Mentor:innen", "steering": "Steuerungsgruppe", "course": "Zertifikatskurs"}
	talkKinds     = map[string]string{"mid_term": "Zwischengespräch", "final": "Abschlussgespräch"}
	stageWords    = map[string]string{"start": "zu Beginn des Tandems", "end": "am Ende des Tandems"}
	docKinds      = map[string]string{"confirmation": "Teilnahmebestätigung", "certificate": "Zertifikat"}
	docStatus     = map[string]string{"valid": "gültig", "revoked": "widerrufen", "superseded": "ersetzt durch ein neues Dokument"}
)

// accessKinds are the sections of the PDF in their order.
var accessKinds = []accessKind{
	{"people", "Angaben zur Person", "Ihre Angaben in der Personenliste von Tandem. Personen, für die Sie als Vorgesetzte:r eingetragen sind, erscheinen nur mit Namen.", []colDef{
		{"salutation", text("Anrede")}, {"first_name", text("Vorname")}, {"last_name", text("Nachname")},
		{"email", text("E-Mail")}, {"phone", text("Telefon")}, {"department_id", tech("Dienststelle (interne Nummer)")},
		{"start_date", day("Beginn der Beschäftigung")}, {"exit_date", day("Ausgeschieden am")},
		{"line_manager_id", ref("Vorgesetzte:r", "people")}, {"note", text("Notiz")},
		{"sort_key", skipped("Sortierschlüssel")}, {"search_key", skipped("Suchschlüssel")},
		{"archived_at", stamp("Archiviert am")}}},
	{"person_roles", "Rollen", "Die Rollen, in denen Sie in Tandem eingetragen sind.", []colDef{
		{"person_id", ref("Person", "people")}, {"role", enum("Rolle", roleWords)}}},
	{"tandems", "Tandems", "Mentoring-Tandems, in denen Sie Mentee oder Mentor:in sind.", []colDef{
		{"run_id", tech("Durchgang (interne Nummer)")}, {"mentee_id", ref("Mentee", "people")}, {"status", enum("Stand", tandemStatus)},
		{"start_date", day("Beginn")}, {"end_date", day("Ende")}, {"without_recommendation", yesNo("Ohne Empfehlung der Vorgesetzten angemeldet")},
		{"warnings", jsonList("Bestätigte Hinweise")}, {"override_reason", text("Begründung trotz Hinweisen")}, {"cancel_reason", text("Grund des Abbruchs")}}},
	{"tandem_mentors", "Mentor:innen der Tandems", "Wer in Ihren Tandems Mentor:in ist.", []colDef{
		{"tandem_id", ref("Tandem", "tandems")}, {"mentor_id", ref("Mentor:in", "people")}, {"position", tech("Reihenfolge")}}},
	{"plans", "Einarbeitungspläne", "Ihre Einarbeitungspläne als neue Fachkraft.", []colDef{
		{"newcomer_id", ref("Neue Fachkraft", "people")}, {"template_id", tech("Vorlage (interne Nummer)")}, {"tandem_id", ref("Tandem", "tandems")},
		{"start_date", day("Beginn")}, {"probation_end", day("Ende der Probezeit")}, {"status", enum("Stand", planStatus)},
		{"cancel_reason", text("Grund des Abbruchs")}, {"phases", jsonList("Phasen")}}},
	{"plan_items", "Themen der Einarbeitungspläne", "Die Themen Ihrer Einarbeitungspläne und Themen anderer Pläne, für die Sie verantwortlich sind.", []colDef{
		{"title", text("Thema")}, {"description", text("Beschreibung")}, {"plan_id", ref("Einarbeitungsplan", "plans")}, {"status", enum("Stand", itemStatus)}, {"position", tech("Reihenfolge")}, {"phase", tech("Phase (Nummer)")}, {"legal_reference", text("Rechtsgrundlage")}, {"checklist", jsonList("Checkliste")}, {"start_date", day("Beginn")}, {"due_date", day("Fällig am")}, {"responsible_id", ref("Verantwortlich", "people")}, {"prior_knowledge", enum("Vorkenntnisse", priorWords)}, {"adjustment_note", text("Anpassung")}}},
	{"handovers", "Fallübernahmen", "Fälle, die Sie als neue Fachkraft übernommen oder an eine neue Fachkraft übergeben haben.", []colDef{
		{"date", day("Datum")}, {"case_count", number("Anzahl der Fälle")}, {"plan_id", ref("Einarbeitungsplan", "plans")}, {"from_id", ref("Übergeben von", "people")}, {"from_name", text("Übergeben von (Name)")}, {"note", text("Notiz")}}},
	{"sessions", "Gespräche", "Mentoring-Gespräche Ihrer Tandems und Gruppentreffen, an denen Sie teilgenommen haben.", []colDef{
		{"kind", enum("Art", sessionKinds)}, {"date", day("Datum")}, {"start_time", text("Beginn (Uhrzeit)")}, {"tandem_id", ref("Tandem", "tandems")}, {"group_id", ref("Gruppe", "groups")}, {"module_id", ref("Kursmodul", "course_modules")}, {"duration_minutes", number("Dauer in Minuten")}, {"place", text("Ort")}}},
	{"session_attendance", "Teilnahme an Gesprächen", "Ob Sie bei Gruppentreffen anwesend waren.", []colDef{
		{"session_id", ref("Gespräch", "sessions")}, {"person_id", ref("Person", "people")}, {"present", yesNo("Anwesend")}}},
	{"session_topics", "Themen der Gespräche", "Welche Themen der Einarbeitungspläne in diesen Gesprächen besprochen wurden.", []colDef{
		{"session_id", ref("Gespräch", "sessions")}, {"item_id", ref("Thema", "plan_items")}}},
	{"notes", "Gesprächsnotizen", "Notizen aus Mentoring-Gesprächen, an denen Sie teilgenommen haben.", []colDef{
		{"session_id", ref("Gespräch", "sessions")}, {"text", text("Notiz")}, {"confidential", yesNo("Vertraulich")}}},
	{"agreements", "Vereinbarungen", "Vereinbarungen aus diesen Gesprächen und Aufgaben, die Ihnen zugeordnet sind.", []colDef{
		{"session_id", ref("Gespräch", "sessions")}, {"text", text("Vereinbarung")}, {"owner_id", ref("Zuständig", "people")},
		{"owner_name", text("Zuständig (Name)")}, {"due_date", day("Fällig am")}, {"done", yesNo("Erledigt")}}},
	{"feedback_talks", "Feedbackgespräche", "Zwischen- und Abschlussgespräche Ihrer Tandems. Sie enthalten keine Bewertung.", []colDef{
		{"tandem_id", ref("Tandem", "tandems")}, {"kind", enum("Art", talkKinds)}, {"date", day("Datum")},
		{"answers", jsonList("Fragen und Antworten")}, {"next_steps", text("Nächste Schritte")}}},
	{"self_assessments", "Selbsteinschätzungen", "Ihre Selbsteinschätzungen als Mentee zu Beginn und am Ende eines Tandems.", []colDef{
		{"tandem_id", ref("Tandem", "tandems")}, {"stage", enum("Zeitpunkt", stageWords)}, {"assessed_on", day("Datum")}}},
	{"self_assessment_levels", "Stufen der Selbsteinschätzungen", "Die Stufe (1 bis 4), die Sie je Kompetenz gewählt haben.", []colDef{
		{"assessment_id", ref("Selbsteinschätzung", "self_assessments")}, {"position", tech("Reihenfolge")},
		{"competency", text("Kompetenz")}, {"level", number("Stufe")}}},
	{"groups", "Gruppen", "Peergruppen, Steuerungsgruppen und Zertifikatskurse, denen Sie angehören.", []colDef{
		{"name", text("Name")}, {"kind", enum("Art", groupKinds)}, {"description", text("Beschreibung")}, {"name_key", skipped("Suchschlüssel")}, {"run_id", tech("Durchgang (interne Nummer)")}, {"attendance_percent", number("Mindestanwesenheit in %")}, {"archived_at", stamp("Archiviert am")}}},
	{"group_members", "Gruppenmitgliedschaften", "Ihre Mitgliedschaft in diesen Gruppen.", []colDef{
		{"group_id", ref("Gruppe", "groups")}, {"person_id", ref("Person", "people")}}},
	{"course_modules", "Kursmodule", "Die Module der Zertifikatskurse, denen Sie angehören.", []colDef{
		{"title", text("Modul")}, {"speaker", text("Referent:in")}, {"date", day("Datum")}, {"group_id", ref("Kurs", "groups")}, {"position", tech("Reihenfolge")}}},
	{"practice_projects", "Praxisprojekte", "Ihre Praxisprojekte in Zertifikatskursen.", []colDef{
		{"title", text("Titel")}, {"description", text("Beschreibung")}, {"group_id", ref("Kurs", "groups")}, {"person_id", ref("Person", "people")}, {"head_supports", yesNo("Von der Amtsleitung unterstützt")}, {"status", enum("Stand", projectStatus)}}},
	{"document_register", "Ausgestellte Dokumente", "Teilnahmebestätigungen und Zertifikate, die für Sie ausgestellt wurden.", []colDef{
		{"number", text("Nummer")}, {"year", tech("Jahr der Nummer")}, {"seq", tech("laufende Nummer")},
		{"kind", enum("Art", docKinds)}, {"person_id", ref("Person", "people")}, {"tandem_id", ref("Tandem", "tandems")},
		{"group_id", ref("Kurs", "groups")}, {"issued_at", stamp("Ausgestellt am")}, {"sha256", tech("Prüfsumme (SHA-256)")},
		{"status", enum("Stand", docStatus)}, {"revoked_at", stamp("Widerrufen am")}, {"revoke_reason", text("Grund des Widerrufs")},
		{"superseded_by", text("Ersetzt durch Nummer")}}},
	{"audit_log", "Protokoll", "Wann Ihr Eintrag angelegt, geändert, exportiert oder gedruckt wurde – ohne Inhalte.", []colDef{
		{"at", stamp("Zeitpunkt")}, {"os_user", text("Benutzer")}, {"action", enum("Aktion", domain.AuditActionText)},
		{"record_kind", enum("Eintrag", domain.AuditKindText)}, {"record_id", tech("Nummer des Eintrags")}}},
}

// accessColumn returns how column col of table is printed.
func accessColumn(table, col string) (accessCol, bool) {
	for _, k := range accessKinds {
		if k.table == table {
			for _, c := range k.cols {
				if c.name == col {
					return c.accessCol, true
				}
			}
			c, ok := commonCols[col]
			return c, ok
		}
	}
	return accessCol{}, false
}

// AccessColumnLabel is the German label of a column of the access export
// ("" when it has none): for the schema test.
func AccessColumnLabel(table, col string) string {
	c, _ := accessColumn(table, col)
	return c.label
}

// AccessTableTitle is the heading and the sentence of a table's section
// ("" when it has none): for the schema test.
func AccessTableTitle(table string) (title, sentence string) {
	for _, k := range accessKinds {
		if k.table == table {
			return k.title, k.sentence
		}
	}
	return "", ""
}

// jsonKeys are the German names of the keys inside JSON columns.
var jsonKeys = map[string]string{
	"prompt": "Frage", "menteeView": "Sicht der Mentee", "mentorView": "Sicht der Mentor:in",
	"name": "Name", "description": "Beschreibung", "text": "Punkt", "done": "erledigt",
	"key": "Hinweis", "message": "Hinweis", "params": "Angaben",
}
