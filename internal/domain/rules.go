package domain

import (
	"sort"
	"strings"
	"time"
)

// Rule warnings are rules a tandem breaks that a user may accept with a
// written reason (OverrideReason). Their German texts live here, with the
// rules, so that a stored tandem shows them however it is read.
var ruleWarningTexts = map[string]string{
	"tandem.same_department": "„{mentor}“ arbeitet in derselben Dienststelle wie „{mentee}“ ({department}). " +
		"Im Mentoring für künftige Führungskräfte sollen Tandems über Dienststellen hinweg gebildet werden.",
	"tandem.line_manager": "„{mentor}“ ist die vorgesetzte Person von „{mentee}“. " +
		"Im Mentoring für künftige Führungskräfte soll niemand die eigene Führungskraft als Mentor:in haben.",
}

// RuleWarningKeys lists the keys of every rule warning.
func RuleWarningKeys() []string {
	keys := make([]string, 0, len(ruleWarningTexts))
	for k := range ruleWarningTexts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// NewRuleWarning returns the warning key with its params (name, value
// pairs) and its German message.
func NewRuleWarning(key string, params ...string) RuleWarning {
	w := RuleWarning{Key: key, Params: map[string]string{}}
	for i := 0; i+1 < len(params); i += 2 {
		w.Params[params[i]] = params[i+1]
	}
	w.FillMessage()
	return w
}

// FillMessage sets Message from Key and Params; an unknown key keeps the
// stored message.
func (w *RuleWarning) FillMessage() {
	text, ok := ruleWarningTexts[w.Key]
	if !ok {
		return
	}
	repl := make([]string, 0, 2*len(w.Params))
	for k, v := range w.Params {
		repl = append(repl, "{"+k+"}", v)
	}
	w.Message = strings.NewReplacer(repl...).Replace(text)
}

func fullName(p Person) string { return p.FirstName + " " + p.LastName }

// TandemPeople is what the tandem rules need: the run's kind and the
// people as stored. Keep holds the ids of people already on the tandem
// being changed: a mentee or mentor who stays is not refused because they
// have since been archived or lost the mentor role.
type TandemPeople struct {
	Kind    TemplateKind
	Mentee  Person
	Mentors []Person // in the order of TandemInput.MentorIDs
	Keep    map[int64]bool
}

// TandemRules checks a validated tandem input against the stored people
// and the rules of the run's kind. It returns an error for what can never
// be saved (an archived person, a mentor without the mentor role, a
// secondment longer than six months) and otherwise the warnings a user
// may accept with a reason (leadership mentoring: mentor in the mentee's
// department, or the mentee's line manager). It does not check whether
// the reason is given; see RequireReason.
func TandemRules(in TandemInput, pp TandemPeople) ([]RuleWarning, error) {
	if pp.Mentee.Archived && !pp.Keep[pp.Mentee.ID] {
		return nil, Invalid("menteeId", "tandem.mentee.archived", "name", fullName(pp.Mentee))
	}
	for _, m := range pp.Mentors {
		if pp.Keep[m.ID] {
			continue
		}
		if m.Archived {
			return nil, Invalid("mentorIds", "tandem.mentor.archived", "name", fullName(m))
		}
		hasRole := false
		for _, r := range m.Roles {
			hasRole = hasRole || r == RoleMentor
		}
		if !hasRole {
			return nil, Invalid("mentorIds", "tandem.mentor_role", "name", fullName(m))
		}
	}
	if pp.Kind == KindSecondment {
		start, okStart := ParseDate(in.StartDate)
		end, okEnd := ParseDate(in.EndDate)
		if okStart && okEnd {
			if limit := SecondmentLimitDate(start); end.After(limit) {
				return nil, Invalid("endDate", "tandem.secondment_too_long",
					"limit", limit.Format("02.01.2006"), "months", SecondmentMonths)
			}
		}
	}
	warnings := []RuleWarning{}
	if pp.Kind != KindLeadershipMentoring {
		return warnings, nil
	}
	mentee := fullName(pp.Mentee)
	for _, m := range pp.Mentors {
		if pp.Mentee.DepartmentID != 0 && m.DepartmentID == pp.Mentee.DepartmentID {
			warnings = append(warnings, NewRuleWarning("tandem.same_department",
				"mentor", fullName(m), "mentee", mentee, "department", pp.Mentee.DepartmentName))
		}
		if pp.Mentee.LineManagerID != 0 && pp.Mentee.LineManagerID == m.ID {
			warnings = append(warnings, NewRuleWarning("tandem.line_manager", "mentor", fullName(m), "mentee", mentee))
		}
	}
	return warnings, nil
}

// RequireReason refuses warnings without a written reason. The error
// carries the warnings' German messages as param "warnings", so that the
// message can say what must be justified; the UI normally asks with
// CheckTandem first.
func RequireReason(warnings []RuleWarning, reason string) error {
	if len(warnings) == 0 || reason != "" {
		return nil
	}
	texts := make([]string, len(warnings))
	for i, w := range warnings {
		texts[i] = w.Message
	}
	return &Error{Code: ECONFLICT, Key: "tandem.reason_required", Field: "overrideReason",
		Params: map[string]any{"warnings": strings.Join(texts, " "), "count": len(warnings)}}
}

// SecondmentDue is when a secondment tandem must end at the latest: the
// earlier of its end date and its six-month limit.
func SecondmentDue(start, end time.Time) time.Time {
	limit := SecondmentLimitDate(start)
	if end.Before(limit) {
		return day(end)
	}
	return limit
}
