package domain

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func templateFixture() Template {
	return Template{
		Kind: KindOnboarding, Name: "Einarbeitung ASD", Description: "Zeile 1\nZeile 2",
		DurationWeeks: 26, ProbationWeeks: 26,
		Phases: []Phase{{Name: "Ankommen"}, {Name: "Grundlagen", Description: "…"}},
		Topics: []Topic{
			{Title: "Organisation", Phase: 0, StartWeek: 0, EndWeek: 2, ResponsibleRole: RoleTeamLead, Checklist: []string{"Organigramm"}},
			{Title: "Hilfeplanung", LegalReference: "§ 36 SGB VIII", Phase: 1, StartWeek: 6, EndWeek: 26, ResponsibleRole: RoleMentor},
			{Title: "Ohne Phase", Phase: -1},
		},
		FeedbackPrompts: []string{"Was ist gut gelungen?"},
	}
}

func TestTemplateValidate(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		tp := templateFixture()
		if err := tp.Validate(); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("Cleans", func(t *testing.T) {
		tp := templateFixture()
		tp.Name = "  Einarbeitung  "
		tp.Description = " a\r\nb "
		tp.Phases[0].Name = " Ankommen\t"
		tp.Topics[0].Title = " Organisation "
		tp.Topics[0].Checklist = []string{"  Punkt  "}
		tp.Topics[2].Checklist = nil
		tp.FeedbackPrompts = nil
		if err := tp.Validate(); err != nil {
			t.Fatal(err)
		}
		if tp.Name != "Einarbeitung" || tp.Description != "a\nb" || tp.Phases[0].Name != "Ankommen" ||
			tp.Topics[0].Title != "Organisation" || tp.Topics[0].Checklist[0] != "Punkt" {
			t.Fatalf("not cleaned: %+v", tp)
		}
		if tp.Topics[2].Checklist == nil || tp.FeedbackPrompts == nil {
			t.Fatal("nil lists not made empty")
		}
		again := tp.Clone()
		if err := again.Validate(); err != nil || !reflect.DeepEqual(again, tp) {
			t.Fatalf("cleaning twice changed it: %v", err)
		}
	})

	type param = map[string]any
	for _, c := range []struct {
		name   string
		mutate func(*Template)
		field  string
		key    string
		params param
	}{
		{"KindEmpty", func(tp *Template) { tp.Kind = "" }, "kind", "template.kind.invalid", nil},
		{"KindUnknown", func(tp *Template) { tp.Kind = "course" }, "kind", "template.kind.invalid", nil},
		{"NameRequired", func(tp *Template) { tp.Name = "  " }, "name", "text.required", nil},
		{"NameTooLong", func(tp *Template) { tp.Name = strings.Repeat("ä", MaxTemplateNameLen+1) }, "name", "text.too_long", param{"max": MaxTemplateNameLen}},
		{"NameMultiline", func(tp *Template) { tp.Name = "a\nb" }, "name", "text.control", nil},
		{"NameBidi", func(tp *Template) { tp.Name = "abc\u202Egnp" }, "name", "text.control", nil},
		{"NameEncoding", func(tp *Template) { tp.Name = "Vorl\xe4ge" }, "name", "text.encoding", nil},
		{"DescriptionTooLong", func(tp *Template) { tp.Description = strings.Repeat("x", MaxTemplateTextLen+1) }, "description", "text.too_long", nil},
		{"DurationZero", func(tp *Template) { tp.DurationWeeks = 0 }, "durationWeeks", "template.duration.invalid", param{"max": MaxDurationWeeks}},
		{"DurationTooLong", func(tp *Template) { tp.DurationWeeks = MaxDurationWeeks + 1 }, "durationWeeks", "template.duration.invalid", nil},
		{"SecondmentOverSixMonths", func(tp *Template) {
			tp.Kind, tp.DurationWeeks = KindSecondment, 27
		}, "durationWeeks", "template.duration.secondment", param{"max": 26}},
		{"ProbationNegative", func(tp *Template) { tp.ProbationWeeks = -1 }, "probationWeeks", "template.probation.invalid", nil},
		{"ProbationTooLong", func(tp *Template) { tp.ProbationWeeks = MaxDurationWeeks + 1 }, "probationWeeks", "template.probation.invalid", nil},
		{"AttendanceNegative", func(tp *Template) { tp.AttendancePercent = -1 }, "attendancePercent", "template.attendance.invalid", nil},
		{"AttendanceOver100", func(tp *Template) { tp.AttendancePercent = 101 }, "attendancePercent", "template.attendance.invalid", nil},
		{"TooManyPhases", func(tp *Template) { tp.Phases = make([]Phase, MaxPhases+1) }, "phases", "template.phases.too_many", param{"max": MaxPhases}},
		{"PhaseNameRequired", func(tp *Template) { tp.Phases[1].Name = "" }, "phases.name", "template.phase.required", param{"index": 2}},
		{"PhaseDescriptionControl", func(tp *Template) { tp.Phases[0].Description = "a\x00" }, "phases.description", "template.phase.control", param{"index": 1}},
		{"TooManyTopics", func(tp *Template) { tp.Topics = make([]Topic, MaxTopics+1) }, "topics", "template.topics.too_many", param{"max": MaxTopics}},
		{"TopicTitleRequired", func(tp *Template) { tp.Topics[2].Title = " " }, "topics.title", "template.topic.required", param{"index": 3}},
		{"TopicTitleTooLong", func(tp *Template) { tp.Topics[0].Title = strings.Repeat("a", 201) }, "topics.title", "template.topic.too_long", param{"index": 1, "max": 200}},
		{"TopicDescriptionTooLong", func(tp *Template) { tp.Topics[1].Description = strings.Repeat("a", 5001) }, "topics.description", "template.topic.too_long", param{"index": 2, "max": 5000}},
		{"TopicDescriptionEncoding", func(tp *Template) { tp.Topics[1].Description = "\xff" }, "topics.description", "template.topic.encoding", param{"index": 2}},
		{"LegalReferenceTooLong", func(tp *Template) { tp.Topics[1].LegalReference = strings.Repeat("§", 201) }, "topics.legalReference", "template.topic.too_long", param{"index": 2, "max": 200}},
		{"LegalReferenceMultiline", func(tp *Template) { tp.Topics[1].LegalReference = "§ 8a\n§ 42" }, "topics.legalReference", "template.topic.control", nil},
		{"SpeakerTooLong", func(tp *Template) { tp.Topics[0].Speaker = strings.Repeat("N", 201) }, "topics.speaker", "template.topic.too_long", nil},
		{"PhaseBelowNone", func(tp *Template) { tp.Topics[0].Phase = -2 }, "topics.phase", "template.topic.phase.invalid", param{"index": 1}},
		{"PhaseOutOfRange", func(tp *Template) { tp.Topics[1].Phase = 2 }, "topics.phase", "template.topic.phase.invalid", param{"index": 2}},
		{"PhaseWithoutPhases", func(tp *Template) { tp.Phases = nil }, "topics.phase", "template.topic.phase.invalid", param{"index": 1}},
		{"StartNegative", func(tp *Template) { tp.Topics[0].StartWeek = -1 }, "topics.startWeek", "template.topic.week.invalid", param{"index": 1, "max": 26}},
		{"StartAfterDuration", func(tp *Template) { tp.Topics[0].StartWeek, tp.Topics[0].EndWeek = 27, 27 }, "topics.startWeek", "template.topic.week.invalid", nil},
		{"EndBeforeStart", func(tp *Template) { tp.Topics[1].StartWeek, tp.Topics[1].EndWeek = 8, 7 }, "topics.endWeek", "template.topic.end_before_start", param{"index": 2}},
		{"EndAfterDuration", func(tp *Template) { tp.Topics[1].EndWeek = 27 }, "topics.endWeek", "template.topic.week.invalid", param{"index": 2, "max": 26}},
		{"RoleUnknown", func(tp *Template) { tp.Topics[0].ResponsibleRole = "boss" }, "topics.responsibleRole", "template.topic.role.invalid", param{"index": 1}},
		{"TooManyChecklistItems", func(tp *Template) { tp.Topics[0].Checklist = make([]string, MaxChecklistItems+1) }, "topics.checklist", "template.checklist.too_many", param{"index": 1, "max": MaxChecklistItems}},
		{"ChecklistItemEmpty", func(tp *Template) { tp.Topics[0].Checklist = []string{"a", "b", " "} }, "topics.checklist", "template.checklist.required", param{"index": 1, "item": 3}},
		{"ChecklistItemTooLong", func(tp *Template) { tp.Topics[2].Checklist = []string{strings.Repeat("a", 501)} }, "topics.checklist", "template.checklist.too_long", param{"index": 3, "item": 1, "max": 500}},
		{"ChecklistItemControl", func(tp *Template) { tp.Topics[0].Checklist = []string{"a\nb"} }, "topics.checklist", "template.checklist.control", nil},
		{"TooManyPrompts", func(tp *Template) { tp.FeedbackPrompts = make([]string, MaxFeedbackPrompts+1) }, "feedbackPrompts", "template.prompts.too_many", param{"max": MaxFeedbackPrompts}},
		{"PromptEmpty", func(tp *Template) { tp.FeedbackPrompts = []string{"a", ""} }, "feedbackPrompts", "template.prompt.required", param{"index": 2}},
		{"PromptTooLong", func(tp *Template) { tp.FeedbackPrompts = []string{strings.Repeat("?", 501)} }, "feedbackPrompts", "template.prompt.too_long", param{"index": 1, "max": 500}},
		{"PromptControl", func(tp *Template) { tp.FeedbackPrompts = []string{"a\u2028b"} }, "feedbackPrompts", "template.prompt.control", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			tp := templateFixture()
			c.mutate(&tp)
			err := tp.Validate()
			checkErr(t, c.name, err, c.field, c.key)
			for k, v := range c.params {
				if got := AsError(err).Params[k]; fmt.Sprint(got) != fmt.Sprint(v) {
					t.Errorf("param %s = %v, want %v", k, got, v)
				}
			}
		})
	}

	t.Run("SecondmentAtSixMonths", func(t *testing.T) {
		tp := templateFixture()
		tp.Kind = KindSecondment
		if err := tp.Validate(); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("ProbationLongerThanOnboarding", func(t *testing.T) {
		tp := templateFixture()
		tp.ProbationWeeks = 52
		if err := tp.Validate(); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("Limits", func(t *testing.T) {
		tp := templateFixture()
		tp.Name = strings.Repeat("ß", MaxTemplateNameLen)
		tp.Phases = make([]Phase, MaxPhases)
		for i := range tp.Phases {
			tp.Phases[i].Name = fmt.Sprint("Phase ", i)
		}
		tp.Topics = make([]Topic, MaxTopics)
		for i := range tp.Topics {
			tp.Topics[i] = Topic{Title: "T", Phase: MaxPhases - 1, EndWeek: tp.DurationWeeks, Checklist: make([]string, MaxChecklistItems)}
			for j := range tp.Topics[i].Checklist {
				tp.Topics[i].Checklist[j] = strings.Repeat("c", MaxChecklistItemLen)
			}
		}
		tp.FeedbackPrompts = make([]string, MaxFeedbackPrompts)
		for i := range tp.FeedbackPrompts {
			tp.FeedbackPrompts[i] = "?"
		}
		if err := tp.Validate(); err != nil {
			t.Fatal(err)
		}
	})
}

func TestTemplateClone(t *testing.T) {
	a := templateFixture()
	b := a.Clone()
	b.Phases[0].Name = "x"
	b.Topics[0].Checklist[0] = "x"
	b.Topics[1].Title = "x"
	b.FeedbackPrompts[0] = "x"
	if a.Phases[0].Name == "x" || a.Topics[0].Checklist[0] == "x" || a.Topics[1].Title == "x" || a.FeedbackPrompts[0] == "x" {
		t.Fatal("clone shares lists with the original")
	}
}

func TestBuiltinTemplateValidate(t *testing.T) {
	for _, key := range []string{"", "Einarbeitung", "a b", "a/b", "ä", strings.Repeat("a", MaxBuiltinKeyLen+1)} {
		b := BuiltinTemplate{Key: key, Template: templateFixture()}
		checkErr(t, fmt.Sprintf("key %q", key), b.Validate(), "builtinKey", "template.builtin_key.invalid")
	}
	b := BuiltinTemplate{Key: "einarbeitung-asd-2", Template: templateFixture()}
	if err := b.Validate(); err != nil {
		t.Fatal(err)
	}
}
