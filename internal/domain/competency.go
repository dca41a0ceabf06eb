package domain

import "strings"

// Competency self-assessment (Kompetenzprofil, issue 4): at the start and
// at the end of a tandem the mentee rates each competency of the
// template's list (or DefaultCompetencies) on four levels. Levels describe
// a stage of development, never a grade.

// DefaultCompetencies is the competency profile of youth welfare planning
// (Kommune 360°), used when a template lists none.
var DefaultCompetencies = []string{
	"Digitale Kompetenz",
	"Analytische Kompetenz",
	"Konzeptionelle Kompetenz",
	"Prozess- und Netzwerksteuerung",
	"Change-Management",
	"Partizipation",
}

// CompetencyStage says when a self-assessment was made.
type CompetencyStage string

const (
	StageStart CompetencyStage = "start" // at the start of the tandem
	StageEnd   CompetencyStage = "end"   // at its end
)

// ValidCompetencyStage reports whether s is start or end.
func ValidCompetencyStage(s CompetencyStage) bool { return s == StageStart || s == StageEnd }

// CompetencyStageLabel is the German name of a stage.
func CompetencyStageLabel(s CompetencyStage) string {
	if s == StageEnd {
		return "Ende"
	}
	return "Beginn"
}

// The levels: 1 Einstieg, 2 Grundlagen, 3 Sicher, 4 Expertise.
const (
	MinCompetencyLevel = 1
	MaxCompetencyLevel = 4
)

// CompetencyLevel is the level given to one competency.
type CompetencyLevel struct {
	Competency string `json:"competency"`
	Level      int    `json:"level"`
}

// SelfAssessment is one stored self-assessment of a tandem. Competency
// names are stored as text, so later edits of the template do not change it.
type SelfAssessment struct {
	Stage      CompetencyStage   `json:"stage"`
	AssessedOn string            `json:"assessedOn"`
	Levels     []CompetencyLevel `json:"levels"`
	UpdatedAt  string            `json:"updatedAt"`
}

// CompetencyProfile is what the tandem page shows: the competencies to
// rate (the template's, else DefaultCompetencies) and the start and end
// self-assessments, nil while not recorded.
type CompetencyProfile struct {
	TandemID     int64           `json:"tandemId"`
	Competencies []string        `json:"competencies"`
	Start        *SelfAssessment `json:"start"`
	End          *SelfAssessment `json:"end"`
}

// SelfAssessmentInput records (or corrects) the start or end self-assessment.
type SelfAssessmentInput struct {
	Stage      CompetencyStage   `json:"stage"`
	AssessedOn string            `json:"assessedOn"`
	Levels     []CompetencyLevel `json:"levels"`
}

// Validate checks the input on its own (stage, date, levels 1–4, no
// competency twice) and cleans the names; whether the competencies are the
// tandem's is checked by ValidateFor.
func (in *SelfAssessmentInput) Validate() error {
	var v validator
	if !ValidCompetencyStage(in.Stage) {
		v.add(Invalid("stage", "competency.stage.invalid"))
	}
	requiredDate(&v, "assessedOn", in.AssessedOn)
	if len(in.Levels) > MaxCompetencies {
		v.add(Invalid("levels", "competency.levels.too_many", "max", MaxCompetencies))
		return v.Err()
	}
	seen := map[string]bool{}
	for i := range in.Levels {
		l := &in.Levels[i]
		var sub validator
		l.Competency = sub.text("levels", l.Competency, MaxCompetencyLen, true, false)
		if len(sub.errs) > 0 {
			v.add(Invalid("levels", "competency.name.invalid"))
			continue
		}
		if l.Level < MinCompetencyLevel || l.Level > MaxCompetencyLevel {
			v.add(Invalid("levels", "competency.level.invalid", "name", l.Competency, "min", MinCompetencyLevel, "max", MaxCompetencyLevel))
		}
		key := strings.ToLower(l.Competency)
		if seen[key] {
			v.add(Invalid("levels", "competency.duplicate", "name", l.Competency))
		}
		seen[key] = true
	}
	return v.Err()
}

// ValidateFor checks that the levels rate exactly the given competencies:
// none unknown, none missing. It orders the levels as the list does.
func (in *SelfAssessmentInput) ValidateFor(competencies []string) error {
	byName := map[string]int{}
	for i, l := range in.Levels {
		byName[strings.ToLower(l.Competency)] = i
	}
	known := map[string]bool{}
	for _, c := range competencies {
		known[strings.ToLower(c)] = true
	}
	for _, l := range in.Levels {
		if !known[strings.ToLower(l.Competency)] {
			return Invalid("levels", "competency.unknown", "name", l.Competency)
		}
	}
	ordered := make([]CompetencyLevel, 0, len(competencies))
	for _, c := range competencies {
		i, ok := byName[strings.ToLower(c)]
		if !ok {
			return Invalid("levels", "competency.missing", "name", c)
		}
		ordered = append(ordered, CompetencyLevel{Competency: c, Level: in.Levels[i].Level})
	}
	in.Levels = ordered
	return nil
}
