package domain

import (
	"strings"
	"testing"
)

func TestCourseParticipantComplete(t *testing.T) {
	done := &PracticeProject{Status: ProjectCompleted}
	busy := &PracticeProject{Status: ProjectInProgress}
	for _, c := range []struct {
		name                       string
		total, attended, required  int
		project                    *PracticeProject
		percent                    int
		attendance, proj, complete bool
	}{
		{"FourOfFiveCompleted", 5, 4, 80, done, 80, true, true, true},
		{"ThreeOfFive", 5, 3, 80, done, 60, false, true, false},
		{"FourOfFiveInProgress", 5, 4, 80, busy, 80, true, false, false},
		{"NoProject", 5, 5, 80, nil, 100, true, false, false},
		{"NoModules", 0, 0, 80, done, 0, false, true, false},
		{"NoModulesNoRule", 0, 0, 0, done, 0, false, true, false},
		{"TwoOfThreeAt66", 3, 2, 66, done, 66, true, true, true},
		{"TwoOfThreeAt67", 3, 2, 67, done, 66, false, true, false}, // 66.67 % < 67 %: no rounding up
		{"NoRule", 4, 0, 0, done, 0, true, true, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := CourseParticipant{ModulesTotal: c.total, RequiredPercent: c.required, Project: c.project}
			for i := 0; i < c.attended; i++ {
				p.Attended = append(p.Attended, int64(i+1))
			}
			p.Complete()
			if p.ModulesAttended != c.attended || p.Percent != c.percent || p.AttendanceMet != c.attendance ||
				p.ProjectMet != c.proj || p.Completed != c.complete || p.Attended == nil {
				t.Fatalf("%+v", p)
			}
		})
	}
}

func TestGroupInputValidate(t *testing.T) {
	ok := GroupInput{Kind: GroupSteering, Name: " Steuerung ", Description: "a\r\nb"}
	if err := ok.Validate(); err != nil || ok.Name != "Steuerung" || ok.Description != "a\nb" || ok.MemberIDs == nil {
		t.Fatalf("%+v, %v", ok, err)
	}
	for _, c := range []struct {
		name, field, key string
		in               GroupInput
	}{
		{"Kind", "kind", "group.kind.invalid", GroupInput{Kind: "club", Name: "x"}},
		{"CourseRun", "runId", "group.run.required", GroupInput{Kind: GroupCourse, Name: "x"}},
		{"NegativeRun", "runId", "id.invalid", GroupInput{Kind: GroupSteering, Name: "x", RunID: -1}},
		{"Name", "name", "text.too_long", GroupInput{Kind: GroupSteering, Name: strings.Repeat("ä", 201)}},
		{"NameNewline", "name", "text.control", GroupInput{Kind: GroupSteering, Name: "a\nb"}},
		{"Duplicate", "memberIds", "group.members.duplicate", GroupInput{Kind: GroupSteering, Name: "x", MemberIDs: []int64{1, 1}}},
		{"BadEncoding", "description", "text.encoding", GroupInput{Kind: GroupSteering, Name: "x", Description: "\xff"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := AsError(c.in.Validate())
			if e.Field != c.field || e.Key != c.key {
				t.Fatalf("got %s %s", e.Field, e.Key)
			}
		})
	}
	p := PracticeProjectInput{Title: "P", Status: "excellent"}
	if e := AsError(p.Validate()); e.Key != "project.status.invalid" {
		t.Fatalf("status: %v", e)
	}
	m := CourseModuleInput{Title: "M", Date: "2027-02-30"}
	if e := AsError(m.Validate()); e.Key != "date.invalid" {
		t.Fatalf("date: %v", e)
	}
}

func TestSessionInputOwner(t *testing.T) {
	base := SessionInput{Date: "2027-03-01", StartTime: "09:00", DurationMinutes: 60}
	g := base
	g.GroupID = 1
	g.Participants = make([]AttendanceInput, 10)
	for i := range g.Participants {
		g.Participants[i].PersonID = int64(i + 1)
	}
	if err := g.Validate(); err != nil {
		t.Fatalf("group session with ten participants: %v", err)
	}
	tm := base
	tm.TandemID = 1
	tm.ModuleID = 3
	if e := AsError(tm.Validate()); e.Key != "session.module.not_in_group" {
		t.Fatalf("module on a tandem session: %v", e)
	}
}
