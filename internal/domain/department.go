package domain

// Department is an organisational unit (Dienststelle, Abteilung, Team).
type Department struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	ShortName   string `json:"shortName"`
	Archived    bool   `json:"archived"`
	PeopleCount int    `json:"peopleCount"` // active people in it
	CreatedAt   string `json:"createdAt"`
	UpdatedAt   string `json:"updatedAt"`
}

// DepartmentInput is what the UI sends to create or change a department.
type DepartmentInput struct {
	Name      string `json:"name"`
	ShortName string `json:"shortName"`
}

// Validate cleans the input in place and returns the first problem.
func (in *DepartmentInput) Validate() error {
	var v validator
	in.Name = v.text("name", in.Name, 120, true, false)
	in.ShortName = v.text("shortName", in.ShortName, 20, false, false)
	return v.Err()
}
