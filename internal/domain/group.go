package domain

// GroupKind names what a group is: a peer group of mentees or of mentors,
// the steering group (Steuerungsgruppe) or a certificate course.
type GroupKind string

const (
	GroupPeerMentees GroupKind = "peer_mentees" // Peergruppe Mentees
	GroupPeerMentors GroupKind = "peer_mentors" // Peergruppe Mentor:innen
	GroupSteering    GroupKind = "steering"     // Steuerungsgruppe
	GroupCourse      GroupKind = "course"       // Zertifikatskurs
)

// GroupKinds lists the kinds in display order.
var GroupKinds = []GroupKind{GroupPeerMentees, GroupPeerMentors, GroupSteering, GroupCourse}

// ValidGroupKind reports whether k is one of GroupKinds.
func ValidGroupKind(k GroupKind) bool {
	for _, g := range GroupKinds {
		if g == k {
			return true
		}
	}
	return false
}

// GroupKindLabel is the German name of a group kind.
func GroupKindLabel(k GroupKind) string {
	switch k {
	case GroupPeerMentees:
		return "Peergruppe Mentees"
	case GroupPeerMentors:
		return "Peergruppe Mentor:innen"
	case GroupSteering:
		return "Steuerungsgruppe"
	case GroupCourse:
		return "Zertifikatskurs"
	}
	return string(k)
}

// SessionKindOf is the kind of the sessions of a group of kind k.
func SessionKindOf(k GroupKind) SessionKind {
	switch k {
	case GroupSteering:
		return SessionSteering
	case GroupCourse:
		return SessionCourseModule
	}
	return SessionPeerGroup
}

// Group is a peer group, the steering group or a certificate course, with
// its members and (for a course) its modules.
type Group struct {
	ID          int64     `json:"id"`
	Kind        GroupKind `json:"kind"`
	Name        string    `json:"name"`
	Description string    `json:"description"`
	// RunID: 0 none. Required for a course: a run of a certificate_course template.
	RunID   int64  `json:"runId"`
	RunName string `json:"runName"`
	// AttendancePercent: for a course the template's attendance rule, copied at creation; else 0.
	AttendancePercent int            `json:"attendancePercent"`
	Members           []GroupMember  `json:"members"`
	Modules           []CourseModule `json:"modules"` // course only, in order
	SessionCount      int            `json:"sessionCount"`
	Archived          bool           `json:"archived"`
	CreatedAt         string         `json:"createdAt"`
	UpdatedAt         string         `json:"updatedAt"`
}

// GroupMember is one member of a group.
type GroupMember struct {
	PersonID int64  `json:"personId"`
	Name     string `json:"name"`
}

// GroupInput creates or changes a group. Update may not change Kind or
// RunID of a group that has sessions; members with attendance stay.
type GroupInput struct {
	Kind        GroupKind `json:"kind"`
	Name        string    `json:"name"`
	Description string    `json:"description"`
	RunID       int64     `json:"runId"`
	MemberIDs   []int64   `json:"memberIds"`
}

// CourseModule is one module of a certificate course (from the run
// template's topics at creation).
type CourseModule struct {
	ID       int64  `json:"id"`
	Position int    `json:"position"`
	Title    string `json:"title"`
	Speaker  string `json:"speaker"`
	Date     string `json:"date"` // ISO or ""
}

// CourseModuleInput changes a module.
type CourseModuleInput struct {
	Title   string `json:"title"`
	Speaker string `json:"speaker"`
	Date    string `json:"date"`
}

// ProjectStatus: geplant, in Arbeit, abgeschlossen, abgebrochen.
type ProjectStatus string

const (
	ProjectPlanned    ProjectStatus = "planned"
	ProjectInProgress ProjectStatus = "in_progress"
	ProjectCompleted  ProjectStatus = "completed"
	ProjectAbandoned  ProjectStatus = "abandoned"
)

// ValidProjectStatus reports whether s is one of the four statuses.
func ValidProjectStatus(s ProjectStatus) bool {
	switch s {
	case ProjectPlanned, ProjectInProgress, ProjectCompleted, ProjectAbandoned:
		return true
	}
	return false
}

// PracticeProject is a course participant's practice project (Praxisprojekt).
type PracticeProject struct {
	GroupID      int64         `json:"groupId"`
	PersonID     int64         `json:"personId"`
	Title        string        `json:"title"`
	Description  string        `json:"description"`
	HeadSupports bool          `json:"headSupports"` // the head of office (Amtsleitung) supports it
	Status       ProjectStatus `json:"status"`
	UpdatedAt    string        `json:"updatedAt"`
}

type PracticeProjectInput struct {
	Title        string        `json:"title"`
	Description  string        `json:"description"`
	HeadSupports bool          `json:"headSupports"`
	Status       ProjectStatus `json:"status"`
}

// CourseParticipant is one member of a course group with attendance,
// project and completion.
type CourseParticipant struct {
	PersonID        int64            `json:"personId"`
	Name            string           `json:"name"`
	Attended        []int64          `json:"attended"` // module ids present at
	ModulesTotal    int              `json:"modulesTotal"`
	ModulesAttended int              `json:"modulesAttended"`
	Percent         int              `json:"percent"` // floor(attended*100/total), 0 without modules
	RequiredPercent int              `json:"requiredPercent"`
	Project         *PracticeProject `json:"project"` // nil: none yet
	AttendanceMet   bool             `json:"attendanceMet"`
	ProjectMet      bool             `json:"projectMet"` // project completed
	Completed       bool             `json:"completed"`  // both met
}

// GroupFilter selects groups: Kind "" for all.
type GroupFilter struct {
	Kind            GroupKind `json:"kind"`
	IncludeArchived bool      `json:"includeArchived"`
}

// Limits of groups.
const (
	MaxGroupNameLen        = 200
	MaxGroupDescriptionLen = 5000
	MaxGroupMembers        = 200
	MaxModuleTitleLen      = 300
	MaxProjectTitleLen     = 300
	MaxProjectDescLen      = 5000
)

// Complete fills the computed fields of p from its attendance and project:
// the attendance rule is met when modules exist and the attended share
// reaches the required percent; the project when its status is completed.
func (p *CourseParticipant) Complete() {
	if p.Attended == nil {
		p.Attended = []int64{}
	}
	p.ModulesAttended = len(p.Attended)
	p.Percent = 0
	if p.ModulesTotal > 0 {
		p.Percent = p.ModulesAttended * 100 / p.ModulesTotal
	}
	// attended/total ≥ required/100, compared in integers (no rounding).
	p.AttendanceMet = p.ModulesTotal > 0 && p.ModulesAttended*100 >= p.RequiredPercent*p.ModulesTotal
	p.ProjectMet = p.Project != nil && p.Project.Status == ProjectCompleted
	p.Completed = p.AttendanceMet && p.ProjectMet
}

// Validate cleans the input in place and returns the first problem. That
// members exist and the run fits is the store's check.
func (in *GroupInput) Validate() error {
	var v validator
	if !ValidGroupKind(in.Kind) {
		v.add(Invalid("kind", "group.kind.invalid"))
	}
	in.Name = v.text("name", in.Name, MaxGroupNameLen, true, false)
	in.Description = v.text("description", in.Description, MaxGroupDescriptionLen, false, true)
	v.id("runId", in.RunID)
	if in.Kind == GroupCourse && in.RunID == 0 {
		v.add(Invalid("runId", "group.run.required"))
	}
	if len(in.MemberIDs) > MaxGroupMembers {
		v.add(Invalid("memberIds", "group.members.too_many", "max", MaxGroupMembers))
	}
	seen := map[int64]bool{}
	for _, id := range in.MemberIDs {
		if id <= 0 {
			v.add(Invalid("memberIds", "id.invalid"))
		} else if seen[id] {
			v.add(Invalid("memberIds", "group.members.duplicate"))
		}
		seen[id] = true
	}
	if in.MemberIDs == nil {
		in.MemberIDs = []int64{}
	}
	return v.Err()
}

// Validate cleans the input in place and returns the first problem.
func (in *CourseModuleInput) Validate() error {
	var v validator
	in.Title = v.text("title", in.Title, MaxModuleTitleLen, true, false)
	in.Speaker = v.text("speaker", in.Speaker, MaxSpeakerLen, false, false)
	validDate(&v, "date", in.Date)
	return v.Err()
}

// Validate cleans the input in place and returns the first problem.
func (in *PracticeProjectInput) Validate() error {
	var v validator
	in.Title = v.text("title", in.Title, MaxProjectTitleLen, true, false)
	in.Description = v.text("description", in.Description, MaxProjectDescLen, false, true)
	if !ValidProjectStatus(in.Status) {
		v.add(Invalid("status", "project.status.invalid"))
	}
	return v.Err()
}
