package sqlite

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// stripMarks returns a transformer that removes combining marks after
// canonical decomposition (é → e). A chain keeps state while it runs, so
// each use needs its own: a shared one garbles text when two goroutines
// fold at once (say, two searches, or a search beside a save).
func stripMarks() transform.Transformer {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}

// fold turns text into the form search and sorting compare: lower case,
// ß as ss, diacritics removed (Müller → muller).
func fold(s string) string {
	s = strings.ToLower(s)
	s = strings.ReplaceAll(s, "ß", "ss")
	out, _, err := transform.String(stripMarks(), s)
	if err != nil {
		return s
	}
	return out
}

// foldTranscribed spells umlauts the way German keyboards without them do
// (Müller → mueller), so a search for "mueller" finds Müller too.
func foldTranscribed(s string) string {
	r := strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "Ä", "ae", "Ö", "oe", "Ü", "ue")
	return fold(r.Replace(s))
}

// searchKey joins the folded forms of the given fields: both the plain fold
// and, where it differs, the transcribed one.
func searchKey(fields ...string) string {
	joined := strings.Join(fields, " ")
	a, b := fold(joined), foldTranscribed(joined)
	if a == b {
		return a
	}
	return a + " | " + b
}

// likePattern escapes a folded search term for LIKE ... ESCAPE '\'.
func likePattern(term string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(term) + "%"
}
