package domain

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits of sessions, notes, agreements and feedback talks.
const (
	MinSessionMinutes  = 5
	MaxSessionMinutes  = 600
	MaxPlaceLen        = 200
	MaxParticipants    = 3 // a mentee and up to two mentors
	MaxSessionTopics   = 200
	MaxSessionNoteLen  = 100_000 // characters of one note
	MaxAgreementLen    = 2000
	MaxOwnerNameLen    = 200
	MaxFeedbackViewLen = 20_000
	MaxNextStepsLen    = 20_000
	MaxPromptLen       = 500
)

var clockTime = regexp.MustCompile(`^([01]\d|2[0-3]):[0-5]\d$`)

// Validate cleans the input in place and returns the first problem. That
// participants are members and topics belong to the tandem's plan is the
// store's check.
func (in *SessionInput) Validate() error {
	var v validator
	switch {
	case in.TandemID < 0 || in.GroupID < 0:
		v.add(Invalid("tandemId", "id.invalid"))
	case in.TandemID > 0 && in.GroupID > 0:
		v.add(Invalid("groupId", "session.owner.both"))
	case in.TandemID == 0 && in.GroupID == 0:
		v.add(Invalid("tandemId", "session.tandem.required"))
	}
	v.id("moduleId", in.ModuleID)
	if in.TandemID > 0 && in.ModuleID != 0 {
		v.add(Invalid("moduleId", "session.module.not_in_group"))
	}
	requiredDate(&v, "date", in.Date)
	in.StartTime = strings.TrimSpace(in.StartTime)
	if !clockTime.MatchString(in.StartTime) {
		v.add(Invalid("startTime", "session.time.invalid"))
	}
	if in.DurationMinutes < MinSessionMinutes || in.DurationMinutes > MaxSessionMinutes {
		v.add(Invalid("durationMinutes", "session.duration.invalid", "min", MinSessionMinutes, "max", MaxSessionMinutes))
	}
	in.Place = v.text("place", in.Place, MaxPlaceLen, false, false)
	if in.GroupID == 0 && len(in.Participants) > MaxParticipants ||
		len(in.Participants) > MaxGroupMembers {
		v.add(Invalid("participants", "session.attendance.not_member"))
	}
	seen := map[int64]bool{}
	for _, p := range in.Participants {
		if p.PersonID <= 0 {
			v.add(Invalid("participants", "id.invalid"))
		} else if seen[p.PersonID] {
			v.add(Invalid("participants", "session.attendance.duplicate"))
		}
		seen[p.PersonID] = true
	}
	if len(in.TopicItemIDs) > MaxSessionTopics {
		v.add(Invalid("topicItemIds", "session.topics.too_many", "max", MaxSessionTopics))
	}
	topics := map[int64]bool{}
	clean := []int64{}
	for _, id := range in.TopicItemIDs {
		if id <= 0 {
			v.add(Invalid("topicItemIds", "id.invalid"))
		} else if !topics[id] {
			topics[id] = true
			clean = append(clean, id)
		}
	}
	in.TopicItemIDs = clean
	if in.GroupID > 0 && (len(clean) > 0 || in.MarkTopicsDone) {
		v.add(Invalid("topicItemIds", "session.topics.tandem_only"))
	}
	return v.Err()
}

// SessionMinutes returns the minute of the day a valid "HH:MM" start stands for.
func SessionMinutes(hhmm string) int {
	if !clockTime.MatchString(hhmm) {
		return 0
	}
	return int(hhmm[0]-'0')*600 + int(hhmm[1]-'0')*60 + int(hhmm[3]-'0')*10 + int(hhmm[4]-'0')
}

// Validate checks a note. Its text is kept exactly as typed (only CRLF
// becomes LF): not trimmed, so that autosave never changes what the user
// sees, and HTML is plain text to be shown inert. A text longer than
// MaxSessionNoteLen characters is refused as a whole; nothing is cut off.
func (in *NoteInput) Validate() error {
	s := in.Text
	if !utf8.ValidString(s) {
		return Invalid("text", "text.encoding")
	}
	// More bytes than four per allowed character cannot fit: refuse before counting.
	if len(s) > 4*MaxSessionNoteLen || utf8.RuneCountInString(s) > MaxSessionNoteLen {
		return Invalid("text", "note.too_long", "max", MaxSessionNoteLen)
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	for _, r := range s {
		if r == '\n' || r == '\t' {
			continue
		}
		if unicode.IsControl(r) || isBidiControl(r) || r == '\u2028' || r == '\u2029' {
			return Invalid("text", "text.control")
		}
	}
	in.Text = s
	return nil
}

// Validate cleans the input in place and returns the first problem.
func (in *AgreementInput) Validate() error {
	var v validator
	in.Text = v.text("text", in.Text, MaxAgreementLen, true, true)
	v.id("ownerId", in.OwnerID)
	in.OwnerName = v.text("ownerName", in.OwnerName, MaxOwnerNameLen, false, false)
	validDate(&v, "dueDate", in.DueDate)
	return v.Err()
}

// ValidFeedbackKind reports whether k is mid_term or final.
func ValidFeedbackKind(k FeedbackKind) bool { return k == FeedbackMidTerm || k == FeedbackFinal }

// FeedbackKindLabel is the German name of a talk kind.
func FeedbackKindLabel(k FeedbackKind) string {
	if k == FeedbackFinal {
		return "Abschlussgespräch"
	}
	return "Zwischengespräch"
}

// Validate cleans the input in place and returns the first problem.
func (in *FeedbackTalkInput) Validate() error {
	var v validator
	if in.TandemID <= 0 {
		v.add(Invalid("tandemId", "feedback.tandem.required"))
	}
	if !ValidFeedbackKind(in.Kind) {
		v.add(Invalid("kind", "feedback.kind.invalid"))
	}
	requiredDate(&v, "date", in.Date)
	if len(in.Answers) > MaxFeedbackPrompts {
		v.add(Invalid("answers", "feedback.answers.too_many", "max", MaxFeedbackPrompts))
	}
	for i := range in.Answers {
		a := &in.Answers[i]
		a.Prompt = v.text("answers", a.Prompt, MaxPromptLen, true, false)
		a.MenteeView = v.text("answers", a.MenteeView, MaxFeedbackViewLen, false, true)
		a.MentorView = v.text("answers", a.MentorView, MaxFeedbackViewLen, false, true)
	}
	in.NextSteps = v.text("nextSteps", in.NextSteps, MaxNextStepsLen, false, true)
	return v.Err()
}
