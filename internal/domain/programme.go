package domain

// Run is one cohort of a template (Durchgang), e.g. "Mentoring 2027".
type Run struct {
	ID           int64        `json:"id"`
	TemplateID   int64        `json:"templateId"`
	TemplateName string       `json:"templateName"`
	Kind         TemplateKind `json:"kind"`
	Name         string       `json:"name"`
	StartDate    string       `json:"startDate"` // ISO
	EndDate      string       `json:"endDate"`   // ISO, ≥ StartDate
	Note         string       `json:"note"`
	TandemCount  int          `json:"tandemCount"`
	Archived     bool         `json:"archived"`
	CreatedAt    string       `json:"createdAt"`
	UpdatedAt    string       `json:"updatedAt"`
}

type RunInput struct {
	TemplateID int64  `json:"templateId"`
	Name       string `json:"name"`
	StartDate  string `json:"startDate"`
	EndDate    string `json:"endDate"`
	Note       string `json:"note"`
}

// TandemStatus: geplant → aktiv → abgeschlossen / abgebrochen.
type TandemStatus string

const (
	TandemPlanned   TandemStatus = "planned"
	TandemActive    TandemStatus = "active"
	TandemCompleted TandemStatus = "completed"
	TandemCancelled TandemStatus = "cancelled"
)

// Tandem pairs one or two mentors with a mentee inside a run.
type Tandem struct {
	ID          int64        `json:"id"`
	RunID       int64        `json:"runId"`
	RunName     string       `json:"runName"`
	Kind        TemplateKind `json:"kind"`
	MenteeID    int64        `json:"menteeId"`
	MenteeName  string       `json:"menteeName"`
	MentorIDs   []int64      `json:"mentorIds"`
	MentorNames []string     `json:"mentorNames"`
	Status      TandemStatus `json:"status"`
	StartDate   string       `json:"startDate"`
	EndDate     string       `json:"endDate"`
	// WithoutRecommendation: the mentee registered without the supervisor's recommendation.
	WithoutRecommendation bool `json:"withoutRecommendation"`
	// Warnings are the rule exceptions accepted for this tandem (e.g. same department), with the written reason.
	Warnings       []RuleWarning `json:"warnings"`
	OverrideReason string        `json:"overrideReason"`
	CancelReason   string        `json:"cancelReason"`
	PlanID         int64         `json:"planId"` // 0: none
	Progress       Progress      `json:"progress"`
	CreatedAt      string        `json:"createdAt"`
	UpdatedAt      string        `json:"updatedAt"`
}

type TandemInput struct {
	RunID                 int64   `json:"runId"`
	MenteeID              int64   `json:"menteeId"`
	MentorIDs             []int64 `json:"mentorIds"` // one or two
	StartDate             string  `json:"startDate"`
	EndDate               string  `json:"endDate"`
	WithoutRecommendation bool    `json:"withoutRecommendation"`
	// OverrideReason must be given when the rules raise warnings; without it the save is refused with the warnings.
	OverrideReason string `json:"overrideReason"`
}

// RuleWarning is a rule a tandem breaks that a user may accept with a reason.
type RuleWarning struct {
	Key     string            `json:"key"` // e.g. tandem.same_department, tandem.line_manager
	Message string            `json:"message"`
	Params  map[string]string `json:"params"`
}

// PlanItemStatus: offen, in Arbeit, erledigt, entfällt.
type PlanItemStatus string

const (
	ItemOpen       PlanItemStatus = "open"
	ItemInProgress PlanItemStatus = "in_progress"
	ItemDone       PlanItemStatus = "done"
	ItemDropped    PlanItemStatus = "dropped"
)

// PriorKnowledge: keine, Grundkenntnisse, sicher.
type PriorKnowledge string

const (
	KnowledgeNone      PriorKnowledge = "none"
	KnowledgeBasic     PriorKnowledge = "basic"
	KnowledgeConfident PriorKnowledge = "confident"
)

type PlanStatus string

const (
	PlanActive    PlanStatus = "active"
	PlanCompleted PlanStatus = "completed"
	PlanCancelled PlanStatus = "cancelled"
)

// Plan is a newcomer's individual onboarding plan (Einarbeitungsplan).
type Plan struct {
	ID            int64      `json:"id"`
	NewcomerID    int64      `json:"newcomerId"`
	NewcomerName  string     `json:"newcomerName"`
	TemplateID    int64      `json:"templateId"`
	TemplateName  string     `json:"templateName"`
	TandemID      int64      `json:"tandemId"` // 0: none
	StartDate     string     `json:"startDate"`
	ProbationEnd  string     `json:"probationEnd"` // "" when the template has none
	Status        PlanStatus `json:"status"`
	CancelReason  string     `json:"cancelReason"`
	Phases        []Phase    `json:"phases"`
	Items         []PlanItem `json:"items"`
	Progress      Progress   `json:"progress"`
	PhaseProgress []Progress `json:"phaseProgress"` // one per phase, same order
	Handovers     []Handover `json:"handovers"`
	CasesTotal    int        `json:"casesTotal"` // running total of handed-over cases
	CreatedAt     string     `json:"createdAt"`
	UpdatedAt     string     `json:"updatedAt"`
}

type PlanItem struct {
	ID              int64          `json:"id"`
	Position        int            `json:"position"`
	Phase           int            `json:"phase"` // index into Plan.Phases, -1: none
	Title           string         `json:"title"`
	Description     string         `json:"description"`
	LegalReference  string         `json:"legalReference"`
	Checklist       []string       `json:"checklist"`
	StartDate       string         `json:"startDate"`
	DueDate         string         `json:"dueDate"`
	ResponsibleID   int64          `json:"responsibleId"` // 0: nobody yet
	ResponsibleName string         `json:"responsibleName"`
	Status          PlanItemStatus `json:"status"`
	PriorKnowledge  PriorKnowledge `json:"priorKnowledge"`
	AdjustmentNote  string         `json:"adjustmentNote"` // why the item was shortened or dropped
	Overdue         bool           `json:"overdue"`
}

// PlanInput creates a plan from a template.
type PlanInput struct {
	NewcomerID int64  `json:"newcomerId"`
	TemplateID int64  `json:"templateId"`
	TandemID   int64  `json:"tandemId"`
	StartDate  string `json:"startDate"`
	// PriorKnowledge per template topic index; missing: none.
	PriorKnowledge map[int]PriorKnowledge `json:"priorKnowledge"`
	// Responsible person per role for the items (e.g. mentor → person id); missing: nobody yet.
	Responsible map[Role]int64 `json:"responsible"`
}

type PlanItemInput struct {
	Phase          int            `json:"phase"`
	Title          string         `json:"title"`
	Description    string         `json:"description"`
	LegalReference string         `json:"legalReference"`
	Checklist      []string       `json:"checklist"`
	StartDate      string         `json:"startDate"`
	DueDate        string         `json:"dueDate"`
	ResponsibleID  int64          `json:"responsibleId"`
	Status         PlanItemStatus `json:"status"`
}

// Handover is a case handover (Fallübernahme) to the newcomer.
type Handover struct {
	ID        int64  `json:"id"`
	Date      string `json:"date"`
	CaseCount int    `json:"caseCount"`
	FromID    int64  `json:"fromId"` // 0: named in FromName only
	FromName  string `json:"fromName"`
	Note      string `json:"note"`
}

type HandoverInput struct {
	Date      string `json:"date"`
	CaseCount int    `json:"caseCount"`
	FromID    int64  `json:"fromId"`
	FromName  string `json:"fromName"`
	Note      string `json:"note"`
}

// Progress counts items: done of all that count (dropped items do not).
type Progress struct {
	Done    int `json:"done"`
	Total   int `json:"total"`
	Percent int `json:"percent"`
}

// Overview is what the Übersicht section shows.
type Overview struct {
	ActiveTandems      []Tandem          `json:"activeTandems"`
	OverdueItems       []OverdueItem     `json:"overdueItems"`
	ProbationEnds      []ProbationEnd    `json:"probationEnds"`      // in the next 30 days
	SecondmentsNearEnd []SecondmentLimit `json:"secondmentsNearEnd"` // within 30 days of the six-month limit
	// Reminders (issue 4), see OverviewReminders.
	UpcomingSessions  []UpcomingSession  `json:"upcomingSessions"`  // today and the next 14 days
	OverdueAgreements []OverdueAgreement `json:"overdueAgreements"` // open, due before today
	QuietTandems      []QuietTandem      `json:"quietTandems"`      // active, no session for more than 42 days
	FinalTalksDue     []FinalTalkDue     `json:"finalTalksDue"`     // active, no final talk, end within 14 days or past
}

// UpcomingSession is a session in the next days. Title names the tandem's
// mentee, or the group of a group's session (then TandemID is 0).
type UpcomingSession struct {
	SessionID int64  `json:"sessionId"`
	Kind      string `json:"kind"`
	TandemID  int64  `json:"tandemId"`
	Title     string `json:"title"`
	Date      string `json:"date"`
	StartTime string `json:"startTime"`
	Place     string `json:"place"`
	DaysLeft  int    `json:"daysLeft"`
}

// OverdueAgreement is an open agreement past its due date. Title names the
// tandem's mentee or the group whose session it was agreed in.
type OverdueAgreement struct {
	AgreementID int64  `json:"agreementId"`
	SessionID   int64  `json:"sessionId"`
	TandemID    int64  `json:"tandemId"` // 0: of a group's session
	Title       string `json:"title"`
	Text        string `json:"text"`
	OwnerName   string `json:"ownerName"`
	DueDate     string `json:"dueDate"`
	DaysOverdue int    `json:"daysOverdue"`
}

// QuietTandem is an active tandem whose last session (or, without any,
// its start) lies more than QuietDays back.
type QuietTandem struct {
	TandemID    int64  `json:"tandemId"`
	MenteeName  string `json:"menteeName"`
	LastSession string `json:"lastSession"` // "" when it had none yet
	Since       string `json:"since"`       // LastSession, else the start date
	DaysSince   int    `json:"daysSince"`
}

// FinalTalkDue is an active tandem without final talk that ends soon or has ended.
type FinalTalkDue struct {
	TandemID   int64  `json:"tandemId"`
	MenteeName string `json:"menteeName"`
	EndDate    string `json:"endDate"`
	DaysLeft   int    `json:"daysLeft"` // negative when past
}

type OverdueItem struct {
	PlanID       int64  `json:"planId"`
	ItemID       int64  `json:"itemId"`
	NewcomerName string `json:"newcomerName"`
	Title        string `json:"title"`
	DueDate      string `json:"dueDate"`
	DaysOverdue  int    `json:"daysOverdue"`
}

type ProbationEnd struct {
	PlanID       int64  `json:"planId"`
	NewcomerName string `json:"newcomerName"`
	Date         string `json:"date"`
	DaysLeft     int    `json:"daysLeft"`
}

type SecondmentLimit struct {
	TandemID   int64  `json:"tandemId"`
	PersonName string `json:"personName"` // the seconded expert(s): the tandem's mentors, joined by ", "
	StartDate  string `json:"startDate"`
	LimitDate  string `json:"limitDate"` // start + six months
	EndDate    string `json:"endDate"`
	// DaysLeft counts the days until the earlier of EndDate and LimitDate; negative when past.
	DaysLeft    int          `json:"daysLeft"`
	RunName     string       `json:"runName"`
	MenteeName  string       `json:"menteeName"`
	MentorNames []string     `json:"mentorNames"`
	Status      TandemStatus `json:"status"`
}

// TandemFilter narrows the tandem list; zero values match everything.
type TandemFilter struct {
	RunID    int64        `json:"runId"`
	Status   TandemStatus `json:"status"`
	PersonID int64        `json:"personId"` // as mentee or mentor
}

// PlanFilter narrows the plan list; zero values match everything.
type PlanFilter struct {
	NewcomerID int64      `json:"newcomerId"`
	Status     PlanStatus `json:"status"`
}
