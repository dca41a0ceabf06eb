package domain

// SessionKind names what a session belongs to: a tandem, a peer group, the
// steering group or a module of a certificate course.
type SessionKind string

const (
	SessionTandem       SessionKind = "tandem"
	SessionPeerGroup    SessionKind = "peer_group" // both peer group kinds
	SessionSteering     SessionKind = "steering"
	SessionCourseModule SessionKind = "course_module"
)

// Session is a meeting (Mentoring-Gespräch) of a tandem, with attendance,
// the plan topics covered, notes and agreements.
type Session struct {
	ID              int64        `json:"id"`
	Kind            SessionKind  `json:"kind"`
	TandemID        int64        `json:"tandemId"` // 0 for group sessions
	GroupID         int64        `json:"groupId"`  // 0 for tandem sessions
	GroupName       string       `json:"groupName"`
	ModuleID        int64        `json:"moduleId"` // course modules only, else 0
	ModuleTitle     string       `json:"moduleTitle"`
	Date            string       `json:"date"`      // ISO
	StartTime       string       `json:"startTime"` // "HH:MM"
	DurationMinutes int          `json:"durationMinutes"`
	Place           string       `json:"place"` // a room, an address or "online"
	Participants    []Attendance `json:"participants"`
	TopicItemIDs    []int64      `json:"topicItemIds"` // plan items of the tandem's plan
	Notes           []Note       `json:"notes"`
	Agreements      []Agreement  `json:"agreements"`
	CreatedAt       string       `json:"createdAt"`
	UpdatedAt       string       `json:"updatedAt"`
}

// Attendance says whether a member of the tandem was there.
type Attendance struct {
	PersonID int64  `json:"personId"`
	Name     string `json:"name"`
	Present  bool   `json:"present"`
}

// Note is a free session note (Gesprächsnotiz). Confidential notes never
// appear in reports or exports unless explicitly included.
type Note struct {
	ID           int64  `json:"id"`
	SessionID    int64  `json:"sessionId"`
	Text         string `json:"text"`
	Confidential bool   `json:"confidential"`
	UpdatedAt    string `json:"updatedAt"`
}

// Agreement is an action item agreed in a session (Vereinbarung).
type Agreement struct {
	ID        int64  `json:"id"`
	SessionID int64  `json:"sessionId"`
	Text      string `json:"text"`
	OwnerID   int64  `json:"ownerId"` // 0: none stored; OwnerName may still name someone
	OwnerName string `json:"ownerName"`
	DueDate   string `json:"dueDate"` // ISO or ""
	Done      bool   `json:"done"`
}

// AttendanceInput is one participant of a session input.
type AttendanceInput struct {
	PersonID int64 `json:"personId"`
	Present  bool  `json:"present"`
}

// SessionInput creates or changes a session of a tandem or of a group
// (exactly one of TandemID and GroupID; ModuleID iff the group is a course).
// Without Participants every member counts as present.
type SessionInput struct {
	TandemID        int64             `json:"tandemId"`
	GroupID         int64             `json:"groupId"`
	ModuleID        int64             `json:"moduleId"`
	Date            string            `json:"date"`
	StartTime       string            `json:"startTime"`
	DurationMinutes int               `json:"durationMinutes"`
	Place           string            `json:"place"`
	Participants    []AttendanceInput `json:"participants"`
	TopicItemIDs    []int64           `json:"topicItemIds"`
	// MarkTopicsDone sets the picked topics (open or in progress) to done.
	MarkTopicsDone bool `json:"markTopicsDone"`
}

type NoteInput struct {
	Text         string `json:"text"`
	Confidential bool   `json:"confidential"`
}

type AgreementInput struct {
	Text      string `json:"text"`
	OwnerID   int64  `json:"ownerId"`
	OwnerName string `json:"ownerName"`
	DueDate   string `json:"dueDate"`
	Done      bool   `json:"done"`
}

// FeedbackKind: Zwischengespräch or Abschlussgespräch.
type FeedbackKind string

const (
	FeedbackMidTerm FeedbackKind = "mid_term"
	FeedbackFinal   FeedbackKind = "final"
)

// FeedbackTalk is a structured feedback talk. It holds answers from both
// perspectives and agreed next steps: no grades or scores.
type FeedbackTalk struct {
	ID        int64            `json:"id"`
	TandemID  int64            `json:"tandemId"`
	Kind      FeedbackKind     `json:"kind"`
	Date      string           `json:"date"`
	Answers   []FeedbackAnswer `json:"answers"`
	NextSteps string           `json:"nextSteps"`
	CreatedAt string           `json:"createdAt"`
}

type FeedbackAnswer struct {
	Prompt     string `json:"prompt"`
	MenteeView string `json:"menteeView"`
	MentorView string `json:"mentorView"`
}

// FeedbackTalkInput records a talk. Without Answers the prompts of the
// tandem's template (or DefaultFeedbackPrompts) are stored with empty views.
type FeedbackTalkInput struct {
	TandemID  int64            `json:"tandemId"`
	Kind      FeedbackKind     `json:"kind"`
	Date      string           `json:"date"`
	Answers   []FeedbackAnswer `json:"answers"`
	NextSteps string           `json:"nextSteps"`
}

// DefaultFeedbackPrompts are used when a template configures none.
var DefaultFeedbackPrompts = []string{
	"Was ist gut gelungen?",
	"Was möchten Sie weiterentwickeln?",
	"Was nimmt die Mentee mit?",
	"Wie geht die Unterstützung weiter?",
}

// TimelineKind names an entry of a tandem's timeline.
type TimelineKind string

const (
	TimelineSession      TimelineKind = "session"
	TimelineFeedback     TimelineKind = "feedback"
	TimelineHandover     TimelineKind = "handover"
	TimelinePlanItemDone TimelineKind = "plan_item_done"
)

// TimelineEntry is one event of a tandem's timeline. RefID is the id of the
// session, feedback talk, handover or plan item. Confidential marks a
// session with confidential notes.
type TimelineEntry struct {
	Date  string       `json:"date"`
	Kind  TimelineKind `json:"kind"`
	Title string       `json:"title"` // German, for Go's own uses (PDF, tests)
	// Params are the entry's raw values for the UI to word in its language:
	// session: time, minutes, place; feedback: feedbackKind; handover:
	// cases, from; plan_item_done: topic.
	Params       map[string]string `json:"params"`
	RefID        int64             `json:"refId"`
	Confidential bool              `json:"confidential"`
}
