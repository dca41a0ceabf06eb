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
}

// MaxWordingLen is the longest wording text accepted (characters).
const MaxWordingLen = 5000

// DefaultConfirmationWording is used when the organisation has not
// written its own.
const DefaultConfirmationWording = "{{name}} hat vom {{beginn}} bis zum {{ende}} am Programm „{{programm}}“ " +
	"teilgenommen. Die Einarbeitung wurde mit dem Abschlussgespräch am {{abschlussgespraech}} abgeschlossen.\n\n" +
	wordingTail

// defaultWordingNoTalk replaces the default when no final talk is recorded.
const defaultWordingNoTalk = "{{name}} hat vom {{beginn}} bis zum {{ende}} am Programm „{{programm}}“ teilgenommen.\n\n" +
	wordingTail

const wordingTail = "Die Teilnahme umfasste die unten aufgeführten Phasen und Themen. Diese Bestätigung enthält " +
	"bewusst keine Bewertung."

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
