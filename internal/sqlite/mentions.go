package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"tandem/internal/domain"
)

// Mentions of a person in other people's free text. Erasure (Art. 17)
// deletes the person's own records and replaces their name where it was
// typed as the owner of an agreement or the giver of a handover; a name
// written into a note, an agreement, a group description or any other
// free text is only found here, shown with its context, and redacted when
// the user ticks it. Nothing is replaced blindly: a colleague may have the
// same first or last name, and only the reader of the context can tell.

// Mention is one occurrence of a person's name in a free-text field of a
// record that stays after the person's erasure.
type Mention struct {
	ID        string `json:"id"`        // table|column|row key|start|end (bytes), see mentionID
	Kind      string `json:"kind"`      // the record's kind, German („Notiz“)
	Owner     string `json:"owner"`     // whose record it is, German („Tandem von Ben Berg“)
	Before    string `json:"before"`    // text before the name (up to mentionContext runes)
	Match     string `json:"match"`     // the name as written
	After     string `json:"after"`     // text after the name
	Form      string `json:"form"`      // full, salutation, other_salutation, last, first
	Suggested bool   `json:"suggested"` // full name or „Frau/Herr Nachname“: ticked at first
}

// RedactedName replaces a redacted mention in free text.
const RedactedName = "[gelöscht]"

// mentionContext is how many characters of context a mention shows on each side.
const mentionContext = 60

// maxMentionIDs bounds the list of mentions an erasure may redact.
const maxMentionIDs = 10000

// errDryRun rolls back a transaction that only looked (Mentions).
var errDryRun = errors.New("dry run")

// Mentions lists the mentions of person id in free text that stays after
// their erasure: it erases the person in a transaction that is rolled
// back, so the list shows exactly what ErasePersonRedacting would find.
func (db *DB) Mentions(ctx context.Context, id int64) ([]Mention, error) {
	if err := domain.ValidID(id); err != nil {
		return nil, err
	}
	var list []Mention
	err := db.update(ctx, func(tx *Tx) error {
		var err error
		if list, err = erasedMentions(ctx, tx, id); err != nil {
			return err
		}
		return errDryRun
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	if list == nil {
		list = []Mention{}
	}
	return list, err
}

// validMentionIDs checks the shape of the ids an erasure is to redact.
func validMentionIDs(ids []string) error {
	if len(ids) > maxMentionIDs {
		return domain.Invalid("mentionIds", "person.erase.mentions_max", "max", maxMentionIDs)
	}
	for _, m := range ids {
		if _, ok := parseMentionID(m); !ok || len(m) > 300 {
			return domain.Invalid("mentionIds", "person.erase.mention_unknown")
		}
	}
	return nil
}

// redactChosen redacts the mentions ids names; every id must be one of
// found (the mentions of this person now), else nothing is redacted.
func redactChosen(ctx context.Context, tx *Tx, found []Mention, ids []string) error {
	known := make(map[string]bool, len(found))
	for _, m := range found {
		known[m.ID] = true
	}
	var chosen []mentionSpan
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		if !known[id] {
			return domain.Invalid("mentionIds", "person.erase.mention_unknown")
		}
		sp, _ := parseMentionID(id)
		chosen = append(chosen, sp)
	}
	return redactMentions(ctx, tx, chosen)
}

// erasedMentions erases person id inside tx (to be rolled back) and lists
// the mentions left in what stays.
func erasedMentions(ctx context.Context, tx *Tx, id int64) ([]Mention, error) {
	names, err := mentionNamesOf(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := erasePerson(ctx, tx, id); err != nil {
		return nil, err
	}
	return personMentions(ctx, tx, id, names)
}

// personNames is what a mention search needs of the person.
type personNames struct{ salutation, first, last string }

func mentionNamesOf(ctx context.Context, tx *Tx, id int64) (personNames, error) {
	var n personNames
	err := tx.QueryRowContext(ctx, `SELECT salutation, first_name, last_name FROM people WHERE id = ?`, id).Scan(&n.salutation, &n.first, &n.last)
	if errors.Is(err, sql.ErrNoRows) {
		return n, domain.NotFound("person")
	}
	return n, wrapf(err, "read person %d", id)
}

// personMentions scans every free-text column (freeTextColumns) for the
// names of person id.
func personMentions(ctx context.Context, tx *Tx, id int64, names personNames) ([]Mention, error) {
	forms := mentionForms(names.salutation, names.first, names.last)
	cols, err := freeTextColumns(ctx, tx)
	if err != nil {
		return nil, err
	}
	list := []Mention{}
	for _, c := range cols {
		rows, err := tx.QueryContext(ctx, `SELECT `+c.keyExpr("")+`, `+quoteIdent(c.column)+` FROM `+quoteIdent(c.table)+
			` WHERE typeof(`+quoteIdent(c.column)+`) = 'text'`+selfFilter(c.table), id)
		if err != nil {
			return nil, wrapf(err, "search %s.%s", c.table, c.column)
		}
		type hit struct {
			key   string
			text  string
			spans []formSpan
		}
		var hits []hit
		for rows.Next() {
			var h hit
			if err := rows.Scan(&h.key, &h.text); err != nil {
				rows.Close()
				return nil, wrapf(err, "search %s.%s", c.table, c.column)
			}
			if h.spans = findForms(h.text, forms); len(h.spans) > 0 {
				hits = append(hits, h)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, wrapf(err, "search %s.%s", c.table, c.column)
		}
		for _, h := range hits {
			kind, owner := describeRecord(ctx, tx, c, h.key)
			for _, s := range h.spans {
				before, after := context3(h.text, s.start, s.end)
				list = append(list, Mention{
					ID:   mentionID(mentionSpan{c.table, c.column, h.key, s.start, s.end}),
					Kind: kind, Owner: owner, Before: before, Match: h.text[s.start:s.end], After: after,
					Form: s.form, Suggested: s.form == "full" || s.form == "salutation",
				})
			}
		}
	}
	return list, nil
}

// selfFilter leaves out the person's own row (deleted by the erasure).
func selfFilter(table string) string {
	if table == "people" {
		return ` AND id <> ?1`
	}
	return ` AND ?1 = ?1`
}

// mentionSpan locates one mention: the row by its key (keyExpr), the
// name by its byte range in the column's text.
type mentionSpan struct {
	table, column, key string
	start, end         int
}

func mentionID(s mentionSpan) string {
	return fmt.Sprintf("%s|%s|%s|%d|%d", s.table, s.column, s.key, s.start, s.end)
}

func parseMentionID(id string) (mentionSpan, bool) {
	var s mentionSpan
	parts := strings.Split(id, "|")
	if len(parts) < 5 {
		return s, false
	}
	n := len(parts)
	s.table, s.column, s.key = parts[0], parts[1], strings.Join(parts[2:n-2], "|")
	var err1, err2 error
	s.start, err1 = strconv.Atoi(parts[n-2])
	s.end, err2 = strconv.Atoi(parts[n-1])
	return s, err1 == nil && err2 == nil && s.start >= 0 && s.end > s.start && mentionID(s) == id
}

// redactMentions replaces the spans, the last of a field first so that
// the earlier offsets stay right. The spans were checked against a scan in
// this transaction (redactChosen), so table and column are of the schema.
func redactMentions(ctx context.Context, tx *Tx, spans []mentionSpan) error {
	sort.Slice(spans, func(i, j int) bool {
		a, b := spans[i], spans[j]
		if a.table != b.table || a.column != b.column || a.key != b.key {
			return mentionID(a) < mentionID(b)
		}
		return a.start > b.start
	})
	cols, err := freeTextColumns(ctx, tx)
	if err != nil {
		return err
	}
	for i := 0; i < len(spans); {
		j := i
		for j < len(spans) && spans[j].table == spans[i].table && spans[j].column == spans[i].column && spans[j].key == spans[i].key {
			j++
		}
		s := spans[i]
		var c textColumn
		for _, tc := range cols {
			if tc.table == s.table && tc.column == s.column {
				c = tc
			}
		}
		where := ` WHERE ` + c.keyExpr("") + ` = ?`
		var text string
		if err := tx.QueryRowContext(ctx, `SELECT `+quoteIdent(s.column)+` FROM `+quoteIdent(s.table)+where, s.key).Scan(&text); err != nil {
			return wrapf(err, "read %s.%s %s", s.table, s.column, s.key)
		}
		for _, sp := range spans[i:j] {
			text = text[:sp.start] + RedactedName + text[sp.end:]
		}
		set, args := quoteIdent(s.column)+` = ?`, []any{text}
		if k := derivedKeys[s.table][s.column]; k != "" {
			set, args = set+`, `+quoteIdent(k)+` = ?`, append(args, fold(text))
		}
		if _, err := tx.ExecContext(ctx, `UPDATE `+quoteIdent(s.table)+` SET `+set+where, append(args, s.key)...); err != nil {
			return wrapf(err, "redact %s.%s %s", s.table, s.column, s.key)
		}
		i = j
	}
	return nil
}

// derivedKeys are the columns kept as fold of a free-text column (for
// sorting and uniqueness): a redaction renews them, or the folded name
// would stay behind.
var derivedKeys = map[string]map[string]string{
	"groups": {"name": "name_key"}, "templates": {"name": "name_key"}, "departments": {"name": "name_key"},
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// context3 returns up to mentionContext runes before start and after end,
// with „…“ where the text goes on, on one line.
func context3(text string, start, end int) (string, string) {
	before, after := text[:start], text[end:]
	if utf8.RuneCountInString(before) > mentionContext {
		r := []rune(before)
		before = "…" + string(r[len(r)-mentionContext:])
	}
	if utf8.RuneCountInString(after) > mentionContext {
		after = string([]rune(after)[:mentionContext]) + "…"
	}
	flat := strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\t", " ")
	return flat.Replace(before), flat.Replace(after)
}

// A name form is a sequence of name words; a text mentions it where the
// same words follow each other (case, umlauts, „ue“ for „ü“, ß and
// punctuation between the words do not matter; whole words only).
type nameForm struct {
	words []string
	form  string
}

// mentionForms are the forms that count as a mention, longest first:
// the full name in either order (also „Nachname, Vorname“) and „Frau/Herr
// (Dr.) Nachname“ are suggested for redaction; the last name alone, the
// first name alone and, when the person has a salutation, the other one
// („Herr Müller“ for Frau Müller) are listed but not suggested, as they
// may as well name a colleague.
func mentionForms(salutation, first, last string) []nameForm {
	fw, lw := nameWords(first), nameWords(last)
	var forms []nameForm
	add := func(form string, parts ...[]string) {
		var w []string
		for _, p := range parts {
			if len(p) == 0 {
				return
			}
			w = append(w, p...)
		}
		forms = append(forms, nameForm{w, form})
	}
	add("full", fw, lw)
	add("full", lw, fw)
	for _, s := range [][2]string{{"Frau", "Fr"}, {"Herr", "Hr"}} {
		// With a salutation given, the other one names someone else most likely.
		form := "salutation"
		if salutation != "" && salutation != s[0] {
			form = "other_salutation"
		}
		for _, w := range s {
			add(form, []string{w}, lw)
			add(form, []string{w}, []string{"dr"}, lw)
		}
	}
	add("salutation", []string{"dr"}, lw)
	add("last", lw)
	add("first", fw)
	sort.SliceStable(forms, func(i, j int) bool { return len(forms[i].words) > len(forms[j].words) })
	return forms
}

// nameWords splits a name into folded words.
func nameWords(s string) []string {
	var out []string
	for _, t := range textWords(s) {
		out = append(out, s[t.start:t.end])
	}
	return out
}

type word struct{ start, end int }

// textWords finds the words (letters and digits) of s, as byte ranges.
func textWords(s string) []word {
	var out []word
	start := -1
	for i, r := range s {
		in := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		if in && start < 0 {
			start = i
		} else if !in && start >= 0 {
			out = append(out, word{start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, word{start, len(s)})
	}
	return out
}

// sameWord compares a word of a text with a name word: „Müller“,
// „Mueller“, „MÜLLER“ and „Muller“ are the same.
func sameWord(a, b string) bool {
	return fold(a) == fold(b) || foldTranscribed(a) == foldTranscribed(b)
}

// nameGap reports whether what stands between two words may separate the
// words of one name: spaces, a comma, a full stop or a hyphen.
func nameGap(s string) bool {
	return len(s) <= 4 && strings.Trim(s, " \t\r\n,.-") == ""
}

type formSpan struct {
	start, end int
	form       string
}

// mayMention is a quick look at the whole text before the word-by-word
// one: every form holds the first or the last name, so a text whose folds
// contain neither names nobody (most texts, checked with two folds each).
func mayMention(text string, forms []nameForm) bool {
	ft, tt := fold(text), foldTranscribed(text)
	for _, f := range forms {
		if f.form != "first" && f.form != "last" {
			continue
		}
		for _, w := range f.words {
			if strings.Contains(ft, fold(w)) || strings.Contains(tt, foldTranscribed(w)) {
				return true
			}
		}
	}
	return false
}

// findForms returns where text names one of forms, longest form first at
// each word, never overlapping.
func findForms(text string, forms []nameForm) []formSpan {
	if !mayMention(text, forms) {
		return nil
	}
	words := textWords(text)
	var out []formSpan
	for i := 0; i < len(words); {
		matched := 0
		for _, f := range forms {
			if i+len(f.words) > len(words) {
				continue
			}
			ok := true
			for k, w := range f.words {
				if !sameWord(text[words[i+k].start:words[i+k].end], w) || (k > 0 && !nameGap(text[words[i+k-1].end:words[i+k].start])) {
					ok = false
					break
				}
			}
			if ok {
				out = append(out, formSpan{words[i].start, words[i+len(f.words)-1].end, f.form})
				matched = len(f.words)
				break
			}
		}
		if matched == 0 {
			matched = 1
		}
		i += matched
	}
	return out
}
