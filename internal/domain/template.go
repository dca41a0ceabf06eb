package domain

// TemplateKind is what sort of programme a template describes.
type TemplateKind string

const (
	KindOnboarding          TemplateKind = "onboarding"           // Einarbeitung
	KindLeadershipMentoring TemplateKind = "leadership_mentoring" // Mentoring für künftige Führungskräfte
	KindCertificateCourse   TemplateKind = "certificate_course"   // Zertifikatskurs
	KindLearningPath        TemplateKind = "learning_path"        // Lernpfad
	KindSecondment          TemplateKind = "secondment"           // Personalbereitstellung
)

var TemplateKinds = []TemplateKind{KindOnboarding, KindLeadershipMentoring, KindCertificateCourse, KindLearningPath, KindSecondment}

func ValidTemplateKind(k TemplateKind) bool {
	for _, x := range TemplateKinds {
		if x == k {
			return true
		}
	}
	return false
}

// Template is a programme template (Programmvorlage): phases and topics
// from which runs, tandems and individual onboarding plans are made.
type Template struct {
	ID            int64        `json:"id"`
	Kind          TemplateKind `json:"kind"`
	Name          string       `json:"name"`
	Description   string       `json:"description"`
	DurationWeeks int          `json:"durationWeeks"` // default duration of a run or plan
	// ProbationWeeks: for onboarding, when probation ends (Probezeit), 0: none.
	ProbationWeeks int `json:"probationWeeks"`
	// AttendanceRule: for certificate courses, the share of modules (percent) a participant must attend; 0: none.
	AttendancePercent int     `json:"attendancePercent"`
	Phases            []Phase `json:"phases"`
	Topics            []Topic `json:"topics"`
	// FeedbackPrompts are the questions of feedback talks (issue 4 uses them); German defaults when empty.
	FeedbackPrompts []string `json:"feedbackPrompts"`
	// Competencies are the competencies of the self-assessment (Kompetenzprofil); DefaultCompetencies when empty.
	Competencies []string `json:"competencies"`
	Builtin      bool     `json:"builtin"` // shipped with the app (an editable copy)
	// RunCount and PlanCount are the runs and onboarding plans made from the
	// template (read only): while either is above 0 it cannot be deleted.
	RunCount  int    `json:"runCount"`
	PlanCount int    `json:"planCount"`
	Archived  bool   `json:"archived"`
	CreatedAt string `json:"createdAt"`
	UpdatedAt string `json:"updatedAt"`
}

// Phase is one stage of a programme, e.g. of the four-phase model.
type Phase struct {
	Name        string `json:"name"`
	Description string `json:"description"`
}

// Topic is one unit of a template (Baustein/Thema, or a course module).
// Its phase is an index into Template.Phases (-1: no phase).
type Topic struct {
	Title           string   `json:"title"`
	Description     string   `json:"description"`
	LegalReference  string   `json:"legalReference"` // e.g. "§ 36 SGB VIII"
	Phase           int      `json:"phase"`
	StartWeek       int      `json:"startWeek"` // suggested start, weeks after the start date (0 = first week)
	EndWeek         int      `json:"endWeek"`   // suggested end, weeks after the start date, ≥ StartWeek
	ResponsibleRole Role     `json:"responsibleRole"`
	Checklist       []string `json:"checklist"`
	// For course modules: the speaker (Referent:in) and a date hint; empty for other kinds.
	Speaker string `json:"speaker"`
	// Kind is "" for a topic (a course module in a course) or
	// TopicPracticeProject: the course's practice project, which a course
	// does not take as a module (it has its own status per participant).
	Kind TopicKind `json:"kind"`
}

// TopicKind says what a topic is; "" is an ordinary topic or module.
type TopicKind string

// TopicPracticeProject marks the practice project (Praxisprojekt) of a
// certificate course template.
const TopicPracticeProject TopicKind = "practice_project"

// Limits of a template: generous for real programmes, small enough that a
// hostile import cannot exhaust the laptop.
const (
	MaxTemplateNameLen   = 200
	MaxTemplateTextLen   = 5000
	MaxPhases            = 20
	MaxTopics            = 500
	MaxChecklistItems    = 50
	MaxChecklistItemLen  = 500
	MaxDurationWeeks     = 520 // ten years
	MaxFeedbackPrompts   = 20
	MaxSecondmentWeeks   = 26 // six months
	MaxLegalReferenceLen = 200
	MaxCompetencies      = 30
	MaxCompetencyLen     = 200
)
