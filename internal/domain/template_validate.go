package domain

import "strings"

// MaxBuiltinKeyLen bounds the key of a shipped template.
const MaxBuiltinKeyLen = 60

// BuiltinTemplate is a template shipped with the app. Key identifies it
// across versions ("einarbeitung-asd"): a seed is stored once, and never
// again once its key is in the database, so a user's edits survive updates.
type BuiltinTemplate struct {
	Key      string
	Template Template
}

// Validate checks the key (lower-case letters, digits and hyphens) and the template.
func (b *BuiltinTemplate) Validate() error {
	if b.Key == "" || len(b.Key) > MaxBuiltinKeyLen || strings.Trim(b.Key, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
		return Invalid("builtinKey", "template.builtin_key.invalid", "key", b.Key)
	}
	return b.Template.Validate()
}

// Clone returns a deep copy: Validate cleans in place, and a caller's
// slices must not change under it.
func (t Template) Clone() Template {
	c := t
	c.Phases = append([]Phase{}, t.Phases...)
	c.Topics = make([]Topic, len(t.Topics))
	for i, tp := range t.Topics {
		tp.Checklist = append([]string{}, tp.Checklist...)
		c.Topics[i] = tp
	}
	c.FeedbackPrompts = append([]string{}, t.FeedbackPrompts...)
	c.Competencies = append([]string{}, t.Competencies...)
	return c
}

// Validate cleans the template in place (trims texts; nil lists become
// empty ones) and returns the first problem. It checks what a user edits
// and what an imported file brings: ID, Builtin, Archived and the
// timestamps are the store's and are not checked.
//
// Problems inside a list name the list and the part as field
// ("topics.title", "phases.name", "topics.checklist", "feedbackPrompts")
// and carry the 1-based position as param "index" (for a checklist item
// also "item"), so that the message can say „Thema 4: …“.
func (t *Template) Validate() error {
	var v validator
	if !ValidTemplateKind(t.Kind) {
		v.add(Invalid("kind", "template.kind.invalid"))
	}
	t.Name = v.text("name", t.Name, MaxTemplateNameLen, true, false)
	t.Description = v.text("description", t.Description, MaxTemplateTextLen, false, true)
	switch {
	case t.DurationWeeks < 1 || t.DurationWeeks > MaxDurationWeeks:
		v.add(Invalid("durationWeeks", "template.duration.invalid", "max", MaxDurationWeeks))
	case t.Kind == KindSecondment && t.DurationWeeks > MaxSecondmentWeeks:
		v.add(Invalid("durationWeeks", "template.duration.secondment", "max", MaxSecondmentWeeks))
	}
	// Probation (Probezeit) runs from the start date and may well outlast
	// the onboarding itself.
	if t.ProbationWeeks < 0 || t.ProbationWeeks > MaxDurationWeeks {
		v.add(Invalid("probationWeeks", "template.probation.invalid", "max", MaxDurationWeeks))
	}
	if t.AttendancePercent < 0 || t.AttendancePercent > 100 {
		v.add(Invalid("attendancePercent", "template.attendance.invalid"))
	}

	if t.Phases == nil {
		t.Phases = []Phase{}
	}
	if len(t.Phases) > MaxPhases {
		v.add(Invalid("phases", "template.phases.too_many", "max", MaxPhases, "count", len(t.Phases)))
	} else {
		for i := range t.Phases {
			p := &t.Phases[i]
			p.Name = v.listText(listPhase, "phases.name", i, 0, p.Name, MaxTemplateNameLen, true, false)
			p.Description = v.listText(listPhase, "phases.description", i, 0, p.Description, MaxTemplateTextLen, false, true)
		}
	}

	if t.Topics == nil {
		t.Topics = []Topic{}
	}
	if len(t.Topics) > MaxTopics {
		v.add(Invalid("topics", "template.topics.too_many", "max", MaxTopics, "count", len(t.Topics)))
	} else {
		for i := range t.Topics {
			t.validateTopic(&v, i)
		}
	}

	if t.FeedbackPrompts == nil {
		t.FeedbackPrompts = []string{}
	}
	if len(t.FeedbackPrompts) > MaxFeedbackPrompts {
		v.add(Invalid("feedbackPrompts", "template.prompts.too_many", "max", MaxFeedbackPrompts, "count", len(t.FeedbackPrompts)))
	} else {
		for i, q := range t.FeedbackPrompts {
			t.FeedbackPrompts[i] = v.listText(listPrompt, "feedbackPrompts", i, 0, q, MaxFeedbackPromptLen, true, false)
		}
	}

	if t.Competencies == nil {
		t.Competencies = []string{}
	}
	if len(t.Competencies) > MaxCompetencies {
		v.add(Invalid("competencies", "template.competencies.too_many", "max", MaxCompetencies, "count", len(t.Competencies)))
	} else {
		seen := make(map[string]int, len(t.Competencies))
		for i, c := range t.Competencies {
			c = v.listText(listCompetency, "competencies", i, 0, c, MaxCompetencyLen, true, false)
			t.Competencies[i] = c
			key := strings.ToLower(c)
			if first, dup := seen[key]; dup && c != "" {
				v.add(Invalid("competencies", "template.competency.duplicate", "index", i+1, "first", first+1, "name", c))
			} else {
				seen[key] = i
			}
		}
	}
	return v.Err()
}

// MaxFeedbackPromptLen bounds one question of a feedback talk.
const MaxFeedbackPromptLen = 500

// MaxSpeakerLen bounds a topic's speaker (Referent:in).
const MaxSpeakerLen = 200

func (t *Template) validateTopic(v *validator, i int) {
	tp := &t.Topics[i]
	n := i + 1
	tp.Title = v.listText(listTopic, "topics.title", i, 0, tp.Title, MaxTemplateNameLen, true, false)
	tp.Description = v.listText(listTopic, "topics.description", i, 0, tp.Description, MaxTemplateTextLen, false, true)
	tp.LegalReference = v.listText(listTopic, "topics.legalReference", i, 0, tp.LegalReference, MaxLegalReferenceLen, false, false)
	tp.Speaker = v.listText(listTopic, "topics.speaker", i, 0, tp.Speaker, MaxSpeakerLen, false, false)
	if tp.Phase < -1 || tp.Phase >= len(t.Phases) {
		v.add(Invalid("topics.phase", "template.topic.phase.invalid", "index", n))
	}
	if tp.StartWeek < 0 || tp.StartWeek > t.DurationWeeks {
		v.add(Invalid("topics.startWeek", "template.topic.week.invalid", "index", n, "max", t.DurationWeeks))
	} else if tp.EndWeek < tp.StartWeek {
		v.add(Invalid("topics.endWeek", "template.topic.end_before_start", "index", n))
	} else if tp.EndWeek > t.DurationWeeks {
		v.add(Invalid("topics.endWeek", "template.topic.week.invalid", "index", n, "max", t.DurationWeeks))
	}
	if tp.ResponsibleRole != "" && !ValidRole(tp.ResponsibleRole) {
		v.add(Invalid("topics.responsibleRole", "template.topic.role.invalid", "index", n))
	}
	if tp.Kind != "" && tp.Kind != TopicPracticeProject {
		v.add(Invalid("topics.kind", "template.topic.kind.invalid", "index", n))
	}
	if tp.Checklist == nil {
		tp.Checklist = []string{}
	}
	if len(tp.Checklist) > MaxChecklistItems {
		v.add(Invalid("topics.checklist", "template.checklist.too_many", "index", n, "max", MaxChecklistItems))
		return
	}
	for j, item := range tp.Checklist {
		tp.Checklist[j] = v.listText(listChecklist, "topics.checklist", i, j, item, MaxChecklistItemLen, true, false)
	}
}

// list names the kind of list a text belongs to, for the message prefix
// („Phase 2: …“, „Thema 4: …“, „Thema 4, Punkt 3 der Checkliste …“, „Frage 1 …“).
type list int

const (
	listPhase list = iota
	listTopic
	listChecklist
	listPrompt
	listCompetency
)

// listText applies v.text's checks to a text inside a list and reports a
// problem with the list's own key and the 1-based positions: index (the
// phase, topic or question) and, for checklist items, item.
func (v *validator) listText(l list, field string, index, item int, s string, max int, required, multiline bool) string {
	var sub validator
	s = sub.text(field, s, max, required, multiline)
	if len(sub.errs) == 0 {
		return s
	}
	problem := sub.errs[0].Key
	n, m := index+1, item+1
	var e *Error
	switch l {
	case listPhase:
		switch problem {
		case "text.required":
			e = Invalid(field, "template.phase.required", "index", n)
		case "text.too_long":
			e = Invalid(field, "template.phase.too_long", "index", n, "max", max)
		case "text.control":
			e = Invalid(field, "template.phase.control", "index", n)
		default:
			e = Invalid(field, "template.phase.encoding", "index", n)
		}
	case listTopic:
		switch problem {
		case "text.required":
			e = Invalid(field, "template.topic.required", "index", n)
		case "text.too_long":
			e = Invalid(field, "template.topic.too_long", "index", n, "max", max)
		case "text.control":
			e = Invalid(field, "template.topic.control", "index", n)
		default:
			e = Invalid(field, "template.topic.encoding", "index", n)
		}
	case listChecklist:
		switch problem {
		case "text.required":
			e = Invalid(field, "template.checklist.required", "index", n, "item", m)
		case "text.too_long":
			e = Invalid(field, "template.checklist.too_long", "index", n, "item", m, "max", max)
		case "text.control":
			e = Invalid(field, "template.checklist.control", "index", n, "item", m)
		default:
			e = Invalid(field, "template.checklist.encoding", "index", n, "item", m)
		}
	case listCompetency:
		switch problem {
		case "text.required":
			e = Invalid(field, "template.competency.required", "index", n)
		case "text.too_long":
			e = Invalid(field, "template.competency.too_long", "index", n, "max", max)
		case "text.control":
			e = Invalid(field, "template.competency.control", "index", n)
		default:
			e = Invalid(field, "template.competency.encoding", "index", n)
		}
	default:
		switch problem {
		case "text.required":
			e = Invalid(field, "template.prompt.required", "index", n)
		case "text.too_long":
			e = Invalid(field, "template.prompt.too_long", "index", n, "max", max)
		case "text.control":
			e = Invalid(field, "template.prompt.control", "index", n)
		default:
			e = Invalid(field, "template.prompt.encoding", "index", n)
		}
	}
	v.add(e)
	return s
}
