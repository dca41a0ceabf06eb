package domain

// Limits of plans and handovers.
const (
	MaxCaseCount   = 1000 // cases in one handover
	MaxFromNameLen = 200
	MaxPlanItems   = 2 * MaxTopics // items of one plan: a template's topics and as many added
)

// Validate checks the input and returns the first problem: newcomer and
// template given, a valid start date, valid levels of prior knowledge,
// valid roles with valid ids for the responsible people. Whether they
// exist, and whether the knowledge keys are topics of the template
// (CheckTopics), is the store's.
func (in *PlanInput) Validate() error {
	var v validator
	if in.NewcomerID <= 0 {
		v.add(Invalid("newcomerId", "plan.newcomer.required"))
	}
	if in.TemplateID <= 0 {
		v.add(Invalid("templateId", "plan.template.required"))
	}
	v.id("tandemId", in.TandemID)
	requiredDate(&v, "startDate", in.StartDate)
	if len(in.PriorKnowledge) > MaxTopics {
		v.add(Invalid("priorKnowledge", "plan.knowledge.invalid"))
	}
	for _, k := range in.PriorKnowledge {
		if !ValidPriorKnowledge(k) {
			v.add(Invalid("priorKnowledge", "plan.knowledge.invalid"))
			break
		}
	}
	for r, id := range in.Responsible {
		if !ValidRole(r) {
			v.add(Invalid("responsible", "plan.responsible.role_invalid"))
			break
		}
		if id < 0 {
			v.add(Invalid("responsible", "id.invalid"))
			break
		}
	}
	return v.Err()
}

// CheckTopics checks that every key of PriorKnowledge is the index of one
// of the template's n topics.
func (in *PlanInput) CheckTopics(n int) error {
	for i := range in.PriorKnowledge {
		if i < 0 || i >= n {
			return Invalid("priorKnowledge", "plan.knowledge.topic_invalid", "index", i+1, "count", n)
		}
	}
	return nil
}

// Validate cleans the item in place and returns the first problem. phases
// is the number of the plan's phases; Phase must be -1 (none) or one of
// them. An empty status is left empty: the store reads it as "open" for a
// new item and as "unchanged" for an existing one.
func (in *PlanItemInput) Validate(phases int) error {
	var v validator
	if in.Phase < -1 || in.Phase >= phases {
		v.add(Invalid("phase", "plan.item.phase.invalid"))
	}
	in.Title = v.text("title", in.Title, MaxTemplateNameLen, true, false)
	in.Description = v.text("description", in.Description, MaxTemplateTextLen, false, true)
	in.LegalReference = v.text("legalReference", in.LegalReference, MaxLegalReferenceLen, false, false)
	if in.Checklist == nil {
		in.Checklist = []string{}
	}
	if len(in.Checklist) > MaxChecklistItems {
		v.add(Invalid("checklist", "plan.item.checklist.too_many", "max", MaxChecklistItems))
	} else {
		for i, c := range in.Checklist {
			in.Checklist[i] = v.text("checklist", c, MaxChecklistItemLen, true, false)
		}
	}
	requiredDate(&v, "startDate", in.StartDate)
	requiredDate(&v, "dueDate", in.DueDate)
	endNotBeforeStart(&v, "dueDate", in.StartDate, in.DueDate)
	v.id("responsibleId", in.ResponsibleID)
	if in.Status != "" && !ValidPlanItemStatus(in.Status) {
		v.add(Invalid("status", "plan.item.status.invalid"))
	}
	return v.Err()
}

// Validate cleans the handover in place and returns the first problem: a
// date, 1 to MaxCaseCount cases, and who handed them over – a stored
// person (FromID) or a name.
func (in *HandoverInput) Validate() error {
	var v validator
	requiredDate(&v, "date", in.Date)
	if in.CaseCount < 1 || in.CaseCount > MaxCaseCount {
		v.add(Invalid("caseCount", "handover.case_count.invalid", "max", MaxCaseCount))
	}
	v.id("fromId", in.FromID)
	in.FromName = v.text("fromName", in.FromName, MaxFromNameLen, false, false)
	if in.FromID == 0 && in.FromName == "" {
		v.add(Invalid("fromName", "handover.from.required"))
	}
	in.Note = v.text("note", in.Note, MaxNoteLen, false, true)
	return v.Err()
}

// CleanCancelReason checks the reason a plan is cancelled for.
func CleanCancelReason(reason string) (string, error) {
	var v validator
	reason = v.text("cancelReason", reason, MaxReasonLen, true, true)
	return reason, v.Err()
}

// Validate checks the filter.
func (f *PlanFilter) Validate() error {
	var v validator
	v.id("newcomerId", f.NewcomerID)
	if f.Status != "" && !ValidPlanStatus(f.Status) {
		v.add(Invalid("status", "plan.status.invalid"))
	}
	return v.Err()
}

// ValidateItemStatus checks a status set on its own.
func ValidateItemStatus(s PlanItemStatus) error {
	if !ValidPlanItemStatus(s) {
		return Invalid("status", "plan.item.status.invalid")
	}
	return nil
}
