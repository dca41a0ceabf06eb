package documents

import (
	"strings"

	"tandem/internal/domain"
)

// Placeholders of the confirmation wording, written {{name}} in the text.
// The organisation may edit the wording; only these names are allowed.
var Placeholders = []string{
	"name",               // the participant
	"programm",           // programme (template) name
	"durchgang",          // run name
	"beginn",             // start date TT.MM.JJJJ
	"ende",               // end date TT.MM.JJJJ
	"zeitraum",           // "beginn – ende"
	"abschlussgespraech", // date of the final feedback talk
	"kommune",            // municipality
	"amt",                // office name
	"ort",                // place of issue
	"datum",              // date of issue
	"anrede",             // "Lieber Herr Weiß", "Liebe Frau Weiß", "Guten Tag Lukas Weiß" (see Salutation)
	"programmart",        // what the programme is: "Einarbeitung", "Lernpfad" … (see ProgrammeKindName)
}

// MaxWordingLen is the longest wording text accepted (characters).
const MaxWordingLen = 5000

// DefaultConfirmationWording is the default of an onboarding tandem with a
// final talk and a list of contents; the editor shows it as the example.
// The defaults of other programme kinds come from DefaultWording.
var DefaultConfirmationWording = DefaultWording(domain.KindOnboarding, true, true)

// DefaultWording is the confirmation text used when the organisation has
// not written its own: worded for the programme kind (no „Einarbeitung“ on
// a mentoring confirmation), with the final talk's sentence only when one
// took place and the sentence about the contents only when they are listed.
func DefaultWording(kind domain.TemplateKind, finalTalk, listed bool) string {
	role, done, ended := "", "teilgenommen", "Die Teilnahme wurde"
	switch kind {
	case domain.KindOnboarding:
		ended = "Die Einarbeitung wurde"
	case domain.KindLeadershipMentoring:
		role, ended = " als Mentee", "Das Mentoring wurde"
	case domain.KindLearningPath:
		ended = "Der Lernpfad wurde"
	case domain.KindSecondment:
		done, ended = "mitgewirkt", "Der Einsatz wurde"
	}
	text := "{{name}} hat vom {{beginn}} bis zum {{ende}}" + role + " am Programm „{{programm}}“ " + done + "."
	if finalTalk {
		text += " " + ended + " mit dem Abschlussgespräch am {{abschlussgespraech}} abgeschlossen."
	}
	text += "\n\n"
	if listed {
		text += "Die Teilnahme umfasste die unten aufgeführten Inhalte. "
	}
	return text + "Diese Bestätigung enthält bewusst keine Bewertung."
}

// ProgrammeKindName is the German name of a programme kind ("Programm"
// when unknown), the value of {{programmart}}.
func ProgrammeKindName(kind domain.TemplateKind) string {
	switch kind {
	case domain.KindOnboarding:
		return "Einarbeitung"
	case domain.KindLeadershipMentoring:
		return "Mentoring für künftige Führungskräfte"
	case domain.KindCertificateCourse:
		return "Zertifikatskurs"
	case domain.KindLearningPath:
		return "Lernpfad"
	case domain.KindSecondment:
		return "Personalbereitstellung"
	}
	return "Programm"
}

// Salutation is how a document addresses a person by name: „Lieber Herr
// Weiß“, „Liebe Frau Weiß“ with a recorded salutation and a last name,
// otherwise „Guten Tag Lukas Weiß“ (no guessed gender, no „Liebe:r“).
func Salutation(salutation, lastName, fullName string) string {
	last := oneLine(lastName)
	switch {
	case salutation == "Herr" && last != "":
		return "Lieber Herr " + last
	case salutation == "Frau" && last != "":
		return "Liebe Frau " + last
	}
	return strings.TrimSpace("Guten Tag " + oneLine(fullName))
}

// namedAs is "Zertifikatskurs „X“", or just „X“ when X already says it is
// one, so that a certificate never reads „Zertifikatskurs „Zertifikatskurs …““.
func namedAs(kind, name string) string {
	if strings.Contains(strings.ToLower(name), strings.ToLower(kind)) {
		return "„" + name + "“"
	}
	return kind + " „" + name + "“"
}

// CheckWording reports the first problem of a wording text: too long, a
// "{{" without "}}", or an unknown placeholder. Errors are *domain.Error
// with field "wording" and keys
//
//	document.wording.too_long            (params: max)
//	document.wording.unclosed            (params: at — the text after "{{")
//	document.wording.placeholder.unknown (params: placeholder, allowed)
//
// German messages: see messages.go.
func CheckWording(tmpl string) error {
	_, err := renderWording(tmpl, nil)
	return err
}

// RenderWording replaces each {{placeholder}} (spaces inside the braces
// allowed, case-insensitive) by its value; see CheckWording for errors.
func RenderWording(tmpl string, values map[string]string) (string, error) {
	return renderWording(tmpl, values)
}

func renderWording(tmpl string, values map[string]string) (string, error) {
	if n := len([]rune(tmpl)); n > MaxWordingLen {
		return "", domain.Invalid("wording", "document.wording.too_long", "max", MaxWordingLen)
	}
	var b strings.Builder
	rest := tmpl
	for {
		i := strings.Index(rest, "{{")
		if i < 0 {
			b.WriteString(rest)
			break
		}
		b.WriteString(rest[:i])
		rest = rest[i+2:]
		j := strings.Index(rest, "}}")
		if j < 0 || strings.Contains(rest[:j], "{{") {
			at := []rune(rest)
			if len(at) > 20 {
				at = at[:20]
			}
			return "", domain.Invalid("wording", "document.wording.unclosed", "at", "{{"+string(at))
		}
		name := strings.ToLower(strings.TrimSpace(rest[:j]))
		if !knownPlaceholder(name) {
			return "", domain.Invalid("wording", "document.wording.placeholder.unknown",
				"placeholder", "{{"+strings.TrimSpace(rest[:j])+"}}", "allowed", placeholderList())
		}
		b.WriteString(values[name])
		rest = rest[j+2:]
	}
	return b.String(), nil
}

func knownPlaceholder(name string) bool {
	for _, p := range Placeholders {
		if p == name {
			return true
		}
	}
	return false
}

func placeholderList() string {
	parts := make([]string, len(Placeholders))
	for i, p := range Placeholders {
		parts[i] = "{{" + p + "}}"
	}
	return strings.Join(parts, ", ")
}

// kindTexts are the names a plan, a handbook and its topics chapter get
// in a programme of one kind; "" (unknown) reads as onboarding.
type kindTexts struct{ plan, handbook, topics, mentee string }

func textsFor(kind domain.TemplateKind) kindTexts {
	switch kind {
	case domain.KindLeadershipMentoring:
		return kindTexts{"Mentoringplan", "Handbuch zum Mentoring", "Themen des Mentorings", "Mentee"}
	case domain.KindLearningPath:
		return kindTexts{"Lernplan", "Handbuch zum Lernpfad", "Themen des Lernpfads", "Teilnehmer:in"}
	case domain.KindSecondment:
		return kindTexts{"Einsatzplan", "Handbuch zum Einsatz", "Themen des Einsatzes", "Fachkraft"}
	case domain.KindCertificateCourse:
		return kindTexts{"Kursplan", "Handbuch zum Kurs", "Themen des Kurses", "Teilnehmer:in"}
	}
	return kindTexts{"Einarbeitungsplan", "Einarbeitungshandbuch", "Themen der Einarbeitung", "neue Fachkraft"}
}

// defaultWelcomeOther is the welcome of a handbook in a programme other
// than an onboarding: the reader is not new to the office.
const defaultWelcomeOther = "{{anrede}},\n\n" +
	"willkommen im Programm „{{programm}}“ des {{amt}} ({{kommune}}), das für Sie am {{beginn}} beginnt.\n\n" +
	"Dieses Handbuch begleitet Sie durch das Programm. Es enthält die wichtigsten Ansprechpersonen, Ihren " +
	"persönlichen Plan und zu jedem Thema eine kurze Beschreibung, die rechtlichen Grundlagen und eine " +
	"Checkliste zum Abhaken. Auf den Notizseiten am Ende ist Platz für Ihre eigenen Gedanken, Fragen und " +
	"Vereinbarungen.\n\n" +
	"Ihre Mentor:innen nehmen sich regelmäßig Zeit für Sie. Fragen Sie nach – es gibt keine falschen Fragen. " +
	"Wir wünschen Ihnen eine gute Zeit!"

// DefaultWelcome is the handbook's welcome text when the organisation has
// not written its own.
func DefaultWelcome(kind domain.TemplateKind) string {
	if kind == "" || kind == domain.KindOnboarding {
		return DefaultWelcomeText
	}
	return defaultWelcomeOther
}
