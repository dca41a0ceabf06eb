package domain

// MaxSearchQueryLen is the longest search query in characters.
const MaxSearchQueryLen = 100

// SearchKind says what a search hit is.
type SearchKind string

const (
	SearchPerson    SearchKind = "person"
	SearchTandem    SearchKind = "tandem"
	SearchNote      SearchKind = "note"
	SearchAgreement SearchKind = "agreement"
	SearchFeedback  SearchKind = "feedback"
)

// TextSegment is a piece of a snippet; Match marks the part a search term
// matched, to be highlighted. Text is plain text, to be shown inert.
type TextSegment struct {
	Text  string `json:"text"`
	Match bool   `json:"match"`
}

// SearchHit is one record a search found.
type SearchHit struct {
	Kind  SearchKind `json:"kind"`
	RefID int64      `json:"refId"` // id of the person, tandem, note, agreement or feedback talk
	// Title names the record: the person, or the tandem ("Mentee – Mentor, Mentor")
	// a tandem, note, agreement or feedback talk belongs to, or the group
	// whose session a note or agreement belongs to.
	Title string `json:"title"`
	// Date is the session's date (notes, agreements) or the talk's date (feedback), else "".
	Date string `json:"date"`
	// FeedbackKind is set for feedback talks.
	FeedbackKind FeedbackKind `json:"feedbackKind,omitempty"`
	// Snippet is a stretch of the found text with the matches marked. The
	// segments joined give the text exactly, or the stretch of it that
	// CutStart/CutEnd say was cut from a longer text.
	Snippet      []TextSegment `json:"snippet"`
	CutStart     bool          `json:"cutStart"`
	CutEnd       bool          `json:"cutEnd"`
	Confidential bool          `json:"confidential"` // a confidential note
	// For navigation: the tandem the hit belongs to and, for notes and
	// agreements, the session (0: none).
	TandemID  int64 `json:"tandemId"`
	SessionID int64 `json:"sessionId"`
}

// SearchGroup holds the hits of one kind, newest first; More says that
// there are more than were returned.
type SearchGroup struct {
	Hits []SearchHit `json:"hits"`
	More bool        `json:"more"`
}

// SearchResults are a search's hits grouped by kind.
type SearchResults struct {
	Query      string      `json:"query"`
	People     SearchGroup `json:"people"`
	Tandems    SearchGroup `json:"tandems"`
	Notes      SearchGroup `json:"notes"`
	Agreements SearchGroup `json:"agreements"`
	Feedback   SearchGroup `json:"feedback"`
}

// CleanSearchQuery trims a search query and checks it: valid UTF-8, no
// control characters, at most MaxSearchQueryLen characters.
func CleanSearchQuery(q string) (string, error) {
	var v validator
	q = v.text("query", q, MaxSearchQueryLen, false, false)
	return q, v.Err()
}
