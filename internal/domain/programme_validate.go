package domain

// Limits of runs and tandems.
const (
	MaxRunNameLen = 200
	MaxReasonLen  = 2000 // a written reason: override of a rule, cancellation
	MaxMentors    = 2
)

// requiredDate checks a date that must be given.
func requiredDate(v *validator, field, s string) {
	if s == "" {
		v.add(Invalid(field, "date.required"))
		return
	}
	validDate(v, field, s)
}

// endNotBeforeStart adds a problem on field when both dates are valid and
// end lies before start.
func endNotBeforeStart(v *validator, field, start, end string) {
	_, okStart := ParseDate(start)
	_, okEnd := ParseDate(end)
	if okStart && okEnd && end < start {
		v.add(Invalid(field, "date.end_before_start"))
	}
}

// Validate cleans the input in place and returns the first problem. Whether
// the template exists (and is not archived) is the store's check.
func (in *RunInput) Validate() error {
	var v validator
	if in.TemplateID <= 0 {
		v.add(Invalid("templateId", "run.template.required"))
	}
	in.Name = v.text("name", in.Name, MaxRunNameLen, true, false)
	requiredDate(&v, "startDate", in.StartDate)
	requiredDate(&v, "endDate", in.EndDate)
	endNotBeforeStart(&v, "endDate", in.StartDate, in.EndDate)
	in.Note = v.text("note", in.Note, MaxNoteLen, false, true)
	return v.Err()
}

// Validate cleans the input in place and returns the first problem: one or
// two distinct mentors, none of them the mentee, valid dates in order, a
// reason of at most MaxReasonLen characters. What needs the database (the
// people exist, hold the mentor role, the rules of the run's kind) is the
// store's, with TandemRules.
func (in *TandemInput) Validate() error {
	var v validator
	if in.RunID <= 0 {
		v.add(Invalid("runId", "tandem.run.required"))
	}
	if in.MenteeID <= 0 {
		v.add(Invalid("menteeId", "tandem.mentee.required"))
	}
	if len(in.MentorIDs) < 1 || len(in.MentorIDs) > MaxMentors {
		v.add(Invalid("mentorIds", "tandem.mentors.count", "max", MaxMentors))
	} else {
		for i, id := range in.MentorIDs {
			switch {
			case id <= 0:
				v.add(Invalid("mentorIds", "id.invalid"))
			case id == in.MenteeID:
				v.add(Invalid("mentorIds", "tandem.self"))
			case i > 0 && id == in.MentorIDs[0]:
				v.add(Invalid("mentorIds", "tandem.mentors.duplicate"))
			}
		}
	}
	requiredDate(&v, "startDate", in.StartDate)
	requiredDate(&v, "endDate", in.EndDate)
	endNotBeforeStart(&v, "endDate", in.StartDate, in.EndDate)
	in.OverrideReason = v.text("overrideReason", in.OverrideReason, MaxReasonLen, false, true)
	return v.Err()
}

// ValidTandemStatus reports whether s is one of the four statuses.
func ValidTandemStatus(s TandemStatus) bool {
	switch s {
	case TandemPlanned, TandemActive, TandemCompleted, TandemCancelled:
		return true
	}
	return false
}

// Final reports whether a tandem in status s can no longer change.
func (s TandemStatus) Final() bool { return s == TandemCompleted || s == TandemCancelled }

// tandemTransitions lists the allowed status changes: planned → active,
// planned → cancelled, active → completed, active → cancelled.
var tandemTransitions = map[TandemStatus][]TandemStatus{
	TandemPlanned: {TandemActive, TandemCancelled},
	TandemActive:  {TandemCompleted, TandemCancelled},
}

// CheckTandemStatusChange checks a status change and cleans its reason. A
// cancellation needs a reason (at most MaxReasonLen characters); other
// changes take none and the returned reason is "". Completed and cancelled
// are final.
func CheckTandemStatusChange(from, to TandemStatus, reason string) (string, error) {
	if !ValidTandemStatus(to) {
		return "", Invalid("status", "tandem.status.invalid")
	}
	allowed := false
	for _, s := range tandemTransitions[from] {
		allowed = allowed || s == to
	}
	if !allowed {
		return "", Conflict("tandem.status_transition", "from", TandemStatusLabel(from), "to", TandemStatusLabel(to))
	}
	if to != TandemCancelled {
		return "", nil
	}
	var v validator
	reason = v.text("cancelReason", reason, MaxReasonLen, true, true)
	return reason, v.Err()
}

// TandemStatusLabel is the German name of a status, as messages show it.
func TandemStatusLabel(s TandemStatus) string {
	switch s {
	case TandemPlanned:
		return "geplant"
	case TandemActive:
		return "aktiv"
	case TandemCompleted:
		return "abgeschlossen"
	case TandemCancelled:
		return "abgebrochen"
	}
	return string(s)
}

// Validate checks the filter.
func (f *TandemFilter) Validate() error {
	var v validator
	v.id("runId", f.RunID)
	v.id("personId", f.PersonID)
	if f.Status != "" && !ValidTandemStatus(f.Status) {
		v.add(Invalid("status", "tandem.status.invalid"))
	}
	return v.Err()
}
