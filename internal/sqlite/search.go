package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"modernc.org/sqlite"

	"tandem/internal/domain"
)

// The search index (migration 0006) is kept by triggers that call
// tandem_fold, so every connection this program opens must know it: it is
// registered with the driver before the first one opens. A tool that opens
// the file without it (the sqlite3 shell) can read everything but cannot
// change an indexed table.
func init() {
	sqlite.MustRegisterDeterministicScalarFunction("tandem_fold", 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		switch v := args[0].(type) {
		case nil:
			return "", nil
		case string:
			return indexFold(v), nil
		case []byte:
			return indexFold(string(v)), nil
		case int64:
			return strconv.FormatInt(v, 10), nil
		case float64:
			return strconv.FormatFloat(v, 'g', -1, 64), nil
		default:
			return "", nil
		}
	})
}

// indexFold is the text the search index holds for s: the folded text
// (lower case, ß as ss, no diacritics), followed by the transcribed form
// (ü as ue) of each word with an umlaut, so that "mull", "müll" and
// "muell" all find Müller, and "strass" finds Straße.
func indexFold(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, " ")
	}
	var b strings.Builder
	b.WriteString(fold(s))
	seen := map[string]bool{}
	for _, w := range strings.FieldsFunc(s, isNotWordRune) {
		if !strings.ContainsAny(w, "äöüÄÖÜ") {
			continue
		}
		t := foldTranscribed(w)
		if !seen[t] {
			seen[t] = true
			b.WriteByte(' ')
			b.WriteString(t)
		}
	}
	return b.String()
}

// isNotWordRune separates words the way the FTS5 unicode61 tokenizer does:
// letters, digits and private-use characters make words, the rest does not
// (combining marks stay with their word).
func isNotWordRune(r rune) bool {
	return !(unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Co, r) || unicode.Is(unicode.Mn, r))
}

// Kinds in the rowid of search_index: kind * 2^40 + id.
const searchKindShift = 40

var searchKinds = []struct {
	kind domain.SearchKind
	code int64
}{
	{domain.SearchPerson, 1}, {domain.SearchTandem, 2}, {domain.SearchNote, 3},
	{domain.SearchAgreement, 4}, {domain.SearchFeedback, 5},
}

const (
	maxQueryTerms    = 8
	maxSearchPerKind = 50
	defaultPerKind   = 5
	snippetBefore    = 60  // runes of context before the first match
	snippetLen       = 220 // runes a snippet shows at most
)

// searchTerms folds the query and splits it into the words the index
// holds. Only letters and digits survive, so nothing a user types can be
// FTS5 syntax.
func searchTerms(q string) []string {
	var terms []string
	seen := map[string]bool{}
	for _, w := range strings.FieldsFunc(fold(q), isNotWordRune) {
		w = strings.Map(func(r rune) rune {
			if unicode.Is(unicode.Mn, r) {
				return -1
			}
			return r
		}, w)
		if w == "" || seen[w] {
			continue
		}
		seen[w] = true
		terms = append(terms, w)
		if len(terms) == maxQueryTerms {
			break
		}
	}
	return terms
}

// maxIndexedPrefix is the longest word start search_index keeps a prefix
// index for (migration 0010): a longer query word is cut to it
// and the hits are checked against the full word.
const maxIndexedPrefix = 20

// matchExpr makes an FTS5 expression: every term a quoted prefix, all
// required. A term longer than maxIndexedPrefix is cut to that length, so
// FTS5 reads one prefix-index entry instead of merging every word with that
// start; checked then says the hits must be checked against the full terms.
func matchExpr(terms []string) (expr string, checked bool) {
	parts := make([]string, len(terms))
	for i, t := range terms {
		if r := []rune(t); len(r) > maxIndexedPrefix {
			t, checked = string(r[:maxIndexedPrefix]), true
		}
		parts[i] = `"` + strings.ReplaceAll(t, `"`, `""`) + `"*`
	}
	return strings.Join(parts, " AND "), checked
}

// holdsTerms reports whether every term starts a word of text as the index
// sees it (indexFold, split like the tokenizer).
func holdsTerms(text string, terms []string) bool {
	words := strings.FieldsFunc(indexFold(text), isNotWordRune)
	for _, t := range terms {
		found := false
		for _, w := range words {
			if strings.HasPrefix(w, t) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// searchKind returns the newest hits of one kind, at most limit, and
// whether there are more. Unchecked, the index's first limit+1 answers are
// the hits. Checked (a term was cut), candidates are read in batches and
// kept when their text holds the full terms; after about maxChecked candidates
// the search stops and says there may be more.
func searchKind(ctx context.Context, tx *sql.Tx, stmts map[string]*sql.Stmt, kind domain.SearchKind, code int64,
	expr string, terms []string, checked bool, limit int) ([]domain.SearchHit, bool, error) {
	const maxChecked = 1000
	lo := code << searchKindShift
	hi := lo + (1 << searchKindShift) - 1
	batch := limit + 1 // checked: doubled each round while texts fail the check
	hits := []domain.SearchHit{}
	for read := 0; ; {
		ids, err := searchIDs(ctx, tx.StmtContext(ctx, stmts[searchIDsSQL]), expr, lo, hi, batch)
		if err != nil {
			return nil, false, domain.Internal(err, "search %s", kind)
		}
		if len(ids) == 0 {
			return hits, false, nil
		}
		list := make([]int64, len(ids))
		for i, id := range ids {
			list[i] = id - lo
		}
		found, err := readHits(ctx, tx.StmtContext(ctx, stmts[searchHitSQL[kind]]), kind, list, terms, checked)
		if err != nil {
			return nil, false, err
		}
		for _, h := range found {
			if len(hits) == limit {
				return hits, true, nil
			}
			hits = append(hits, h)
		}
		read += len(ids)
		if len(ids) < batch {
			return hits, false, nil
		}
		if !checked {
			return hits, false, nil // more than limit would have returned above
		}
		if read >= maxChecked {
			return hits, true, nil
		}
		hi = ids[len(ids)-1] - 1
		batch = min(2*batch, 512)
	}
}

// searchIDs returns the rowids of the index in [lo, hi] matching expr, newest first.
func searchIDs(ctx context.Context, st *sql.Stmt, expr string, lo, hi int64, n int) ([]int64, error) {
	rows, err := st.QueryContext(ctx, expr, lo, hi, n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var rowid int64
		if err := rows.Scan(&rowid); err != nil {
			return nil, err
		}
		ids = append(ids, rowid)
	}
	return ids, rows.Err()
}

var searchHitSQL = map[domain.SearchKind]string{
	domain.SearchPerson: searchPeopleSQL, domain.SearchTandem: searchTandemsSQL, domain.SearchNote: searchNotesSQL,
	domain.SearchAgreement: searchAgreementsSQL, domain.SearchFeedback: searchFeedbackSQL,
}

// readHits reads the records of ids (one kind) with their snippets, in the
// order of ids; records gone meanwhile and, when checked, records whose
// text does not hold every term are left out.
func readHits(ctx context.Context, st *sql.Stmt, kind domain.SearchKind, ids []int64, terms []string, checked bool) ([]domain.SearchHit, error) {
	rows, err := st.QueryContext(ctx, idList(ids))
	if err != nil {
		return nil, domain.Internal(err, "read %s hits", kind)
	}
	defer rows.Close()
	byID := map[int64]domain.SearchHit{}
	for rows.Next() {
		h := domain.SearchHit{Kind: kind}
		var body string
		switch kind {
		case domain.SearchPerson:
			err = rows.Scan(&h.RefID, &body, &h.Title)
		case domain.SearchTandem:
			err = rows.Scan(&h.RefID, &body)
			h.TandemID = h.RefID
		case domain.SearchNote:
			err = rows.Scan(&h.RefID, &body, &h.Confidential, &h.SessionID, &h.Date, &h.TandemID, &h.Title)
		case domain.SearchAgreement:
			err = rows.Scan(&h.RefID, &body, &h.SessionID, &h.Date, &h.TandemID, &h.Title)
		case domain.SearchFeedback:
			err = rows.Scan(&h.RefID, &body, &h.FeedbackKind, &h.Date, &h.TandemID)
		}
		if err != nil {
			return nil, domain.Internal(err, "read %s hit", kind)
		}
		if checked && !holdsTerms(body, terms) {
			continue
		}
		h.Snippet, h.CutStart, h.CutEnd = snippet(body, terms)
		byID[h.RefID] = h
	}
	if err := rows.Err(); err != nil {
		return nil, domain.Internal(err, "read %s hits", kind)
	}
	hits := make([]domain.SearchHit, 0, len(byID))
	for _, id := range ids { // keep the index's order
		if h, ok := byID[id]; ok {
			hits = append(hits, h)
		}
	}
	return hits, nil
}

const (
	searchIDsSQL = `SELECT rowid FROM search_index WHERE search_index MATCH ? AND rowid BETWEEN ? AND ?
		ORDER BY rowid DESC LIMIT ?`
	searchPeopleSQL = `SELECT v.id, v.body, p.first_name || ' ' || p.last_name FROM search_person_text v
		JOIN people p ON p.id = v.id WHERE v.id IN (SELECT value FROM json_each(?))`
	searchTandemsSQL = `SELECT v.id, v.body FROM search_tandem_text v WHERE v.id IN (SELECT value FROM json_each(?))`
	searchNotesSQL   = `SELECT n.id, n.text, n.confidential, s.id, s.date, coalesce(s.tandem_id, 0),
		coalesce((SELECT g.name FROM groups g WHERE g.id = s.group_id), '') FROM notes n
		JOIN sessions s ON s.id = n.session_id WHERE n.id IN (SELECT value FROM json_each(?))`
	searchAgreementsSQL = `SELECT a.id, a.text, s.id, s.date, coalesce(s.tandem_id, 0),
		coalesce((SELECT g.name FROM groups g WHERE g.id = s.group_id), '') FROM agreements a
		JOIN sessions s ON s.id = a.session_id WHERE a.id IN (SELECT value FROM json_each(?))`
	searchFeedbackSQL = `SELECT v.id, v.body, f.kind, f.date, f.tandem_id FROM search_feedback_text v
		JOIN feedback_talks f ON f.id = v.id WHERE v.id IN (SELECT value FROM json_each(?))`
	searchTandemTitlesSQL = `SELECT t.id,
		coalesce((SELECT p.first_name || ' ' || p.last_name FROM people p WHERE p.id = t.mentee_id), ''),
		coalesce((SELECT group_concat(n, ', ') FROM (SELECT p.first_name || ' ' || p.last_name AS n
			FROM tandem_mentors m JOIN people p ON p.id = m.mentor_id WHERE m.tandem_id = t.id ORDER BY m.position)), '')
		FROM tandems t WHERE t.id IN (SELECT value FROM json_each(?))`
)

// Search finds people, tandems, notes, agreements and feedback talks whose
// text holds every word of query as a word start, ignoring case, accents
// and the spelling of umlauts and ß. It returns at most limitPerKind hits
// of each kind (default 5, at most 50), newest first, each with a snippet
// of its text with the matches marked. An empty query finds nothing.
func (db *DB) Search(ctx context.Context, query string, limitPerKind int) (domain.SearchResults, error) {
	q, err := domain.CleanSearchQuery(query)
	if err != nil {
		return domain.SearchResults{}, err
	}
	res := domain.SearchResults{Query: q}
	for _, g := range []*domain.SearchGroup{&res.People, &res.Tandems, &res.Notes, &res.Agreements, &res.Feedback} {
		g.Hits = []domain.SearchHit{}
	}
	terms := searchTerms(q)
	if len(terms) == 0 {
		return res, nil
	}
	if limitPerKind <= 0 {
		limitPerKind = defaultPerKind
	}
	limitPerKind = min(limitPerKind, maxSearchPerKind)
	expr, checked := matchExpr(terms)

	queries := []string{searchIDsSQL, searchPeopleSQL, searchTandemsSQL, searchNotesSQL, searchAgreementsSQL,
		searchFeedbackSQL, searchTandemTitlesSQL}
	stmts := make(map[string]*sql.Stmt, len(queries))
	for _, s := range queries {
		st, err := db.readStmt(ctx, s)
		if err != nil {
			return res, domain.Internal(err, "prepare search")
		}
		stmts[s] = st
	}

	err = db.view(ctx, func(tx *sql.Tx) error {
		groups := map[domain.SearchKind]*domain.SearchGroup{
			domain.SearchPerson: &res.People, domain.SearchTandem: &res.Tandems, domain.SearchNote: &res.Notes,
			domain.SearchAgreement: &res.Agreements, domain.SearchFeedback: &res.Feedback,
		}
		tandemTitles := map[int64]string{}
		for _, k := range searchKinds {
			g := groups[k.kind]
			hits, more, err := searchKind(ctx, tx, stmts, k.kind, k.code, expr, terms, checked, limitPerKind)
			if err != nil {
				return err
			}
			g.Hits, g.More = hits, more
			for _, h := range hits {
				if h.TandemID != 0 {
					tandemTitles[h.TandemID] = ""
				}
			}
		}
		if len(tandemTitles) > 0 {
			tids := make([]int64, 0, len(tandemTitles))
			for id := range tandemTitles {
				tids = append(tids, id)
			}
			rows, err := tx.StmtContext(ctx, stmts[searchTandemTitlesSQL]).QueryContext(ctx, idList(tids))
			if err != nil {
				return domain.Internal(err, "read tandem titles")
			}
			defer rows.Close()
			for rows.Next() {
				var id int64
				var mentee, mentors string
				if err := rows.Scan(&id, &mentee, &mentors); err != nil {
					return domain.Internal(err, "read tandem title")
				}
				title := mentee
				if mentors != "" {
					title += " – " + mentors
				}
				tandemTitles[id] = title
			}
			if err := rows.Err(); err != nil {
				return domain.Internal(err, "read tandem titles")
			}
			for _, g := range []*domain.SearchGroup{&res.Tandems, &res.Notes, &res.Agreements, &res.Feedback} {
				for i := range g.Hits {
					if g.Hits[i].TandemID != 0 { // a group session's hits keep the group's name
						g.Hits[i].Title = tandemTitles[g.Hits[i].TandemID]
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		return domain.SearchResults{Query: q}, err
	}
	return res, nil
}

// idList renders ids as a JSON array for json_each.
func idList(ids []int64) string {
	b := make([]byte, 0, len(ids)*8+2)
	b = append(b, '[')
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, id, 10)
	}
	return string(append(b, ']'))
}

// snippet cuts from text a stretch around the first match and splits it
// into segments, the matched word starts marked. Joined, the segments give
// the stretch exactly; cutStart and cutEnd say whether text goes on.
func snippet(text string, terms []string) (segs []domain.TextSegment, cutStart, cutEnd bool) {
	runes := []rune(text)
	marks := matchSpans(runes, terms)
	first := 0
	if len(marks) > 0 {
		first = marks[0][0]
	}
	start := 0
	if first > snippetBefore {
		start = first - snippetBefore
		// Begin at a word start where there is one close by.
		for i := start; i < first && i < start+20; i++ {
			if unicode.IsSpace(runes[i]) {
				start = i + 1
				break
			}
		}
	}
	end := min(len(runes), start+snippetLen)
	if end < len(runes) {
		for i := end; i > end-20 && i > first; i-- {
			if unicode.IsSpace(runes[i-1]) {
				end = i
				break
			}
		}
	}
	pos := start
	add := func(to int, match bool) {
		if to <= pos {
			return
		}
		segs = append(segs, domain.TextSegment{Text: string(runes[pos:to]), Match: match})
		pos = to
	}
	for _, m := range marks {
		if m[1] <= start {
			continue
		}
		if m[0] >= end {
			break
		}
		add(max(m[0], start), false)
		add(min(m[1], end), true)
	}
	add(end, false)
	if segs == nil {
		segs = []domain.TextSegment{}
	}
	return segs, start > 0, end < len(runes)
}

// matchSpans returns, in order, the rune ranges [from, to) of the word
// starts in text that a term matches: the shortest run of original runes
// whose folded form covers the term.
func matchSpans(text []rune, terms []string) [][2]int {
	var spans [][2]int
	i := 0
	for i < len(text) {
		if isNotWordRune(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && !isNotWordRune(text[j]) {
			j++
		}
		word := text[i:j]
		best := 0
		for _, f := range []func(string) string{fold, foldTranscribed} {
			folded := f(string(word))
			for _, t := range terms {
				if !strings.HasPrefix(folded, t) {
					continue
				}
				// Fold rune by rune until the term is covered.
				n, k := 0, 0
				for k < len(word) && n < len(t) {
					n += len(f(string(word[k])))
					k++
				}
				if n < len(t) {
					k = len(word)
				}
				best = max(best, k)
			}
		}
		if best > 0 {
			spans = append(spans, [2]int{i, i + best})
		}
		i = j
	}
	return spans
}
