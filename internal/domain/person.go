package domain

// Role is a function a person holds; a person may hold several.
type Role string

const (
	RoleMentor       Role = "mentor"
	RoleMentee       Role = "mentee" // newcomer (neue Fachkraft) or mentee of a programme
	RoleTeamLead     Role = "team_lead"
	RoleHeadOfOffice Role = "head_of_office"
	RoleSpeaker      Role = "speaker"
	RoleSteering     Role = "steering_group"
)

// Roles lists every role in display order.
var Roles = []Role{RoleMentor, RoleMentee, RoleTeamLead, RoleHeadOfOffice, RoleSpeaker, RoleSteering}

// ValidRole reports whether r is one of Roles.
func ValidRole(r Role) bool {
	for _, x := range Roles {
		if x == r {
			return true
		}
	}
	return false
}

// Salutations allowed for a person; "" means none given.
var Salutations = []string{"", "Frau", "Herr"}

// Person is a staff member: mentor, newcomer, team lead and so on.
type Person struct {
	ID              int64  `json:"id"`
	Salutation      string `json:"salutation"`
	FirstName       string `json:"firstName"`
	LastName        string `json:"lastName"`
	Email           string `json:"email"`
	Phone           string `json:"phone"`
	DepartmentID    int64  `json:"departmentId"` // 0: none
	DepartmentName  string `json:"departmentName"`
	Roles           []Role `json:"roles"`
	StartDate       string `json:"startDate"`     // ISO date or ""
	ExitDate        string `json:"exitDate"`      // ISO date or ""
	LineManagerID   int64  `json:"lineManagerId"` // 0: none
	LineManagerName string `json:"lineManagerName"`
	Note            string `json:"note"`
	Archived        bool   `json:"archived"`
	CreatedAt       string `json:"createdAt"`
	UpdatedAt       string `json:"updatedAt"`
}

// PersonInput is what the UI sends to create or change a person.
type PersonInput struct {
	Salutation    string `json:"salutation"`
	FirstName     string `json:"firstName"`
	LastName      string `json:"lastName"`
	Email         string `json:"email"`
	Phone         string `json:"phone"`
	DepartmentID  int64  `json:"departmentId"`
	Roles         []Role `json:"roles"`
	StartDate     string `json:"startDate"`
	ExitDate      string `json:"exitDate"`
	LineManagerID int64  `json:"lineManagerId"`
	Note          string `json:"note"`
}

// Limits on person fields.
const (
	MaxNameLen = 100
	MaxNoteLen = 4000
)

// Validate cleans the input in place and returns the first problem. Checks
// that need the database (does the department exist?) are the store's.
func (in *PersonInput) Validate() error {
	var v validator
	ok := false
	for _, s := range Salutations {
		ok = ok || s == in.Salutation
	}
	if !ok {
		v.add(Invalid("salutation", "person.salutation.invalid"))
	}
	in.FirstName = v.text("firstName", in.FirstName, MaxNameLen, true, false)
	in.LastName = v.text("lastName", in.LastName, MaxNameLen, true, false)
	in.Email = v.email("email", in.Email)
	in.Phone = v.phone("phone", in.Phone)
	v.id("departmentId", in.DepartmentID)
	v.id("lineManagerId", in.LineManagerID)
	if len(in.Roles) > len(Roles) {
		v.add(Invalid("roles", "person.role.invalid"))
	}
	seen := map[Role]bool{}
	roles := make([]Role, 0, len(in.Roles))
	for _, r := range in.Roles {
		if !ValidRole(r) {
			v.add(Invalid("roles", "person.role.invalid"))
			break
		}
		if !seen[r] {
			seen[r] = true
			roles = append(roles, r)
		}
	}
	in.Roles = roles
	validDate(&v, "startDate", in.StartDate)
	validDate(&v, "exitDate", in.ExitDate)
	if in.StartDate != "" && in.ExitDate != "" && in.ExitDate < in.StartDate {
		v.add(Invalid("exitDate", "person.exit_before_start"))
	}
	in.Note = v.text("note", in.Note, MaxNoteLen, false, true)
	return v.Err()
}

// PersonFilter selects people for a list. Zero values select everything
// that is not archived.
type PersonFilter struct {
	Query           string `json:"query"` // matches names, e-mail, phone, department; umlaut-insensitive
	Role            Role   `json:"role"`
	DepartmentID    int64  `json:"departmentId"`
	IncludeArchived bool   `json:"includeArchived"`
	Limit           int    `json:"limit"` // 0: default 200, at most 1000
}

// MaxQueryLen bounds a search string.
const MaxQueryLen = 100

// Validate checks and cleans the filter.
func (f *PersonFilter) Validate() error {
	var v validator
	f.Query = v.text("query", f.Query, MaxQueryLen, false, false)
	if f.Role != "" && !ValidRole(f.Role) {
		v.add(Invalid("role", "person.role.invalid"))
	}
	v.id("departmentId", f.DepartmentID)
	if f.Limit < 0 || f.Limit > 1000 {
		v.add(Invalid("limit", "limit.invalid"))
	}
	if f.Limit == 0 {
		f.Limit = 200
	}
	return v.Err()
}

// PersonList is one page of people and how many matched in all.
type PersonList struct {
	People []Person `json:"people"`
	Total  int      `json:"total"`
}
