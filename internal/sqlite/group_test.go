package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"tandem/internal/domain"
	"tandem/internal/sqlite"
)

// groupWorld: people Anna, Ben, Cem, Dora, an outsider Ole and an archived
// Xaver; a certificate-course template with five modules and an 80 % rule
// and its run; an onboarding run.
type groupWorld struct {
	db                    *sqlite.DB
	anna, ben, cem, dora  domain.Person
	outsider, archived    domain.Person
	courseRun, onboardRun domain.Run
	courseTemplate        int64
}

func newGroupWorld(t testing.TB) *groupWorld {
	t.Helper()
	db := progOpen(t)
	w := &groupWorld{db: db}
	w.anna = progPerson(t, db, "Anna", "Albers", 0, 0, domain.RoleMentee)
	w.ben = progPerson(t, db, "Ben", "Berger", 0, 0, domain.RoleMentee)
	w.cem = progPerson(t, db, "Cem", "Çelik", 0, 0, domain.RoleMentor)
	w.dora = progPerson(t, db, "Dora", "Dörr", 0, 0, domain.RoleSteering)
	w.outsider = progPerson(t, db, "Ole", "Ohm", 0, 0, domain.RoleMentee)
	w.archived = progPerson(t, db, "Xaver", "Xylander", 0, 0, domain.RoleMentee)
	if _, err := db.SetPersonArchived(ctx, w.archived.ID, true); err != nil {
		t.Fatal(err)
	}
	topics := []domain.Topic{}
	for i, title := range []string{"Kinderschutz", "Hilfeplanung", "Gesprächsführung", "Recht", "Abschluss"} {
		topics = append(topics, domain.Topic{Title: title, Phase: -1, StartWeek: i, EndWeek: i, Speaker: "Dr. Referent " + title})
	}
	w.courseTemplate = progTemplate(t, db, domain.Template{Kind: domain.KindCertificateCourse, Name: "Zertifikatskurs", Topics: topics})
	raw := progWriter(t, db)
	if _, err := raw.Exec(`UPDATE templates SET attendance_percent = 80 WHERE id = ?`, w.courseTemplate); err != nil {
		t.Fatal(err)
	}
	w.courseRun = progRun(t, db, w.courseTemplate, "Zertifikatskurs 2027")
	w.onboardRun = progRun(t, db, progTemplate(t, db, hildenTemplate()), "Einarbeitung 2027")
	return w
}

func (w *groupWorld) group(t testing.TB, in domain.GroupInput) domain.Group {
	t.Helper()
	g, err := w.db.CreateGroup(ctx, in)
	if err != nil {
		t.Fatalf("create group %+v: %v", in, err)
	}
	return g
}

func (w *groupWorld) course(t testing.TB, members ...int64) domain.Group {
	t.Helper()
	return w.group(t, domain.GroupInput{Kind: domain.GroupCourse, Name: "Kurs 2027", RunID: w.courseRun.ID, MemberIDs: members})
}

func groupSession(g domain.Group, module int64, date, at string) domain.SessionInput {
	return domain.SessionInput{GroupID: g.ID, ModuleID: module, Date: date, StartTime: at, DurationMinutes: 90, Place: "Raum 1"}
}

// groupTables are the group tables and the session tables.
var groupTables = []string{"groups", "group_members", "course_modules", "practice_projects", "sessions",
	"session_attendance", "session_topics", "notes", "agreements"}

func groupUnchanged(t *testing.T, db *sqlite.DB, code, key string, f func() error) {
	t.Helper()
	unchangedTables(t, db, groupTables, code, key, f)
}

func memberIDs(g domain.Group) []int64 {
	ids := []int64{}
	for _, m := range g.Members {
		ids = append(ids, m.PersonID)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids
}

func TestGroupLifecycle(t *testing.T) {
	w := newGroupWorld(t)
	db := w.db

	peer := w.group(t, domain.GroupInput{Kind: domain.GroupPeerMentees, Name: "  Peergruppe Nord ", Description: "Zeile 1\r\nZeile 2",
		MemberIDs: []int64{w.ben.ID, w.anna.ID}})
	if peer.Kind != domain.GroupPeerMentees || peer.Name != "Peergruppe Nord" || peer.Description != "Zeile 1\nZeile 2" ||
		peer.RunID != 0 || peer.AttendancePercent != 0 || len(peer.Modules) != 0 || peer.Archived || peer.CreatedAt == "" {
		t.Fatalf("peer group %+v", peer)
	}
	if len(peer.Members) != 2 || peer.Members[0].Name != "Anna Albers" || peer.Members[1].Name != "Ben Berger" {
		t.Fatalf("members %+v", peer.Members)
	}
	mentors := w.group(t, domain.GroupInput{Kind: domain.GroupPeerMentors, Name: "Mentor:innen", RunID: w.onboardRun.ID,
		MemberIDs: []int64{w.cem.ID}})
	if mentors.RunID != w.onboardRun.ID || mentors.RunName != "Einarbeitung 2027" || mentors.AttendancePercent != 0 {
		t.Fatalf("mentor group %+v", mentors)
	}
	steering := w.group(t, domain.GroupInput{Kind: domain.GroupSteering, Name: "Steuerungsgruppe", MemberIDs: []int64{w.dora.ID, w.cem.ID}})
	course := w.course(t, w.anna.ID, w.ben.ID)
	if course.AttendancePercent != 80 || course.RunName != "Zertifikatskurs 2027" || len(course.Modules) != 5 {
		t.Fatalf("course %+v", course)
	}
	for i, m := range course.Modules {
		if m.Position != i || m.Speaker != "Dr. Referent "+m.Title || m.Date != "" || m.ID == 0 {
			t.Fatalf("module %d: %+v", i, m)
		}
	}
	if course.Modules[0].Title != "Kinderschutz" || course.Modules[4].Title != "Abschluss" {
		t.Fatalf("module order %+v", course.Modules)
	}

	// List and filter.
	all, err := db.Groups(ctx, domain.GroupFilter{})
	if err != nil || len(all) != 4 {
		t.Fatalf("all groups: %d, %v", len(all), err)
	}
	if got, _ := db.Groups(ctx, domain.GroupFilter{Kind: domain.GroupCourse}); len(got) != 1 || got[0].ID != course.ID ||
		len(got[0].Modules) != 5 || len(got[0].Members) != 2 {
		t.Fatalf("courses %+v", got)
	}
	if _, err := db.Groups(ctx, domain.GroupFilter{Kind: "chess"}); domain.AsError(err).Key != "group.kind.invalid" {
		t.Fatalf("bad filter kind: %v", err)
	}

	// Update: name, members; kind and run may change without sessions.
	upd, err := db.UpdateGroup(ctx, peer.ID, domain.GroupInput{Kind: domain.GroupPeerMentees, Name: "Peergruppe Süd",
		MemberIDs: []int64{w.anna.ID, w.outsider.ID}})
	if err != nil || upd.Name != "Peergruppe Süd" || !reflect.DeepEqual(memberIDs(upd), []int64{w.anna.ID, w.outsider.ID}) {
		t.Fatalf("update: %+v, %v", upd, err)
	}
	if upd, err = db.UpdateGroup(ctx, mentors.ID, domain.GroupInput{Kind: domain.GroupCourse, Name: "Kurs B",
		RunID: w.courseRun.ID, MemberIDs: []int64{w.cem.ID}}); err != nil || len(upd.Modules) != 5 || upd.AttendancePercent != 80 {
		t.Fatalf("peer group to course: %+v, %v", upd, err)
	}
	if upd, err = db.UpdateGroup(ctx, mentors.ID, domain.GroupInput{Kind: domain.GroupPeerMentors, Name: "Mentor:innen",
		MemberIDs: []int64{w.cem.ID}}); err != nil || len(upd.Modules) != 0 || upd.AttendancePercent != 0 || upd.RunID != 0 {
		t.Fatalf("course back to peer group: %+v, %v", upd, err)
	}

	// Module edit.
	g, err := db.UpdateCourseModule(ctx, course.Modules[1].ID, domain.CourseModuleInput{Title: " Hilfeplanung II ", Speaker: "Frau Weiß", Date: "2027-05-04"})
	if err != nil || g.Modules[1].Title != "Hilfeplanung II" || g.Modules[1].Speaker != "Frau Weiß" || g.Modules[1].Date != "2027-05-04" {
		t.Fatalf("module update: %+v, %v", g.Modules, err)
	}
	groupUnchanged(t, db, domain.EINVALID, "text.required", func() error {
		_, err := db.UpdateCourseModule(ctx, course.Modules[1].ID, domain.CourseModuleInput{Title: " "})
		return err
	})
	groupUnchanged(t, db, domain.EINVALID, "date.invalid", func() error {
		_, err := db.UpdateCourseModule(ctx, course.Modules[1].ID, domain.CourseModuleInput{Title: "X", Date: "04.05.2027"})
		return err
	})
	groupUnchanged(t, db, domain.ENOTFOUND, "module.not_found", func() error {
		_, err := db.UpdateCourseModule(ctx, course.Modules[4].ID+100, domain.CourseModuleInput{Title: "X"})
		return err
	})

	// Archive, restore.
	a, err := db.SetGroupArchived(ctx, steering.ID, true)
	if err != nil || !a.Archived {
		t.Fatalf("archive: %+v, %v", a, err)
	}
	if got, _ := db.Groups(ctx, domain.GroupFilter{}); len(got) != 3 {
		t.Fatalf("archived group listed: %d", len(got))
	}
	if got, _ := db.Groups(ctx, domain.GroupFilter{Kind: domain.GroupSteering, IncludeArchived: true}); len(got) != 1 || !got[0].Archived {
		t.Fatalf("archived group not listed on request: %+v", got)
	}
	if _, err := db.CreateSession(ctx, groupSession(steering, 0, "2027-04-01", "10:00")); domain.AsError(err).Key != "session.group.archived" {
		t.Fatalf("session in archived group: %v", err)
	}
	if r, err := db.SetGroupArchived(ctx, steering.ID, false); err != nil || r.Archived {
		t.Fatalf("restore: %+v, %v", r, err)
	}
	if _, err := db.SetGroupArchived(ctx, steering.ID+1000, true); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Fatalf("archive missing: %v", err)
	}

	// Delete: refused with sessions, fine without.
	s, err := db.CreateSession(ctx, groupSession(steering, 0, "2027-04-01", "10:00"))
	if err != nil {
		t.Fatal(err)
	}
	groupUnchanged(t, db, domain.ECONFLICT, "group.has_sessions", func() error { return db.DeleteGroup(ctx, steering.ID) })
	if err := db.DeleteSession(ctx, s.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteGroup(ctx, steering.ID); err != nil {
		t.Fatalf("delete: %v", err)
	}
	if _, err := db.Group(ctx, steering.ID); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Fatalf("deleted group: %v", err)
	}
	if err := db.DeleteGroup(ctx, course.ID); err != nil {
		t.Fatalf("delete course with modules: %v", err)
	}
	if got := tablesSnapshot(t, db, []string{"course_modules"}); strings.Count(got, "\n") != 0 {
		t.Fatalf("modules left: %s", got)
	}
}

func TestGroupRefused(t *testing.T) {
	w := newGroupWorld(t)
	db := w.db
	course := w.course(t, w.anna.ID, w.ben.ID)
	for _, c := range []struct {
		name, code, key, field string
		in                     domain.GroupInput
	}{
		{"CourseWithoutRun", domain.EINVALID, "group.run.required", "runId", domain.GroupInput{Kind: domain.GroupCourse, Name: "K"}},
		{"CourseWrongRunKind", domain.EINVALID, "group.run.not_course", "runId", domain.GroupInput{Kind: domain.GroupCourse, Name: "K", RunID: w.onboardRun.ID}},
		{"UnknownRun", domain.EINVALID, "group.run.not_found", "runId", domain.GroupInput{Kind: domain.GroupSteering, Name: "K", RunID: w.courseRun.ID + 100}},
		{"NoKind", domain.EINVALID, "group.kind.invalid", "kind", domain.GroupInput{Name: "K"}},
		{"NoName", domain.EINVALID, "text.required", "name", domain.GroupInput{Kind: domain.GroupSteering, Name: " "}},
		{"NameTooLong", domain.EINVALID, "text.too_long", "name", domain.GroupInput{Kind: domain.GroupSteering, Name: strings.Repeat("x", 201)}},
		{"ControlInName", domain.EINVALID, "text.control", "name", domain.GroupInput{Kind: domain.GroupSteering, Name: "a\u202eb"}},
		{"DescriptionTooLong", domain.EINVALID, "text.too_long", "description", domain.GroupInput{Kind: domain.GroupSteering, Name: "K", Description: strings.Repeat("x", 5001)}},
		{"DuplicateMember", domain.EINVALID, "group.members.duplicate", "memberIds", domain.GroupInput{Kind: domain.GroupSteering, Name: "K", MemberIDs: []int64{w.anna.ID, w.anna.ID}}},
		{"UnknownPerson", domain.EINVALID, "group.member.not_found", "memberIds", domain.GroupInput{Kind: domain.GroupSteering, Name: "K", MemberIDs: []int64{w.anna.ID, w.archived.ID + 100}}},
		{"NegativeMember", domain.EINVALID, "id.invalid", "memberIds", domain.GroupInput{Kind: domain.GroupSteering, Name: "K", MemberIDs: []int64{-1}}},
		{"ArchivedPerson", domain.EINVALID, "group.member.archived", "memberIds", domain.GroupInput{Kind: domain.GroupSteering, Name: "K", MemberIDs: []int64{w.archived.ID}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			groupUnchanged(t, db, c.code, c.key, func() error {
				_, err := db.CreateGroup(ctx, c.in)
				if err != nil {
					wantField(t, err, c.field)
				}
				return err
			})
		})
	}
	t.Run("TooManyMembers", func(t *testing.T) {
		ids := make([]int64, 201)
		for i := range ids {
			ids[i] = int64(i + 1)
		}
		groupUnchanged(t, db, domain.EINVALID, "group.members.too_many", func() error {
			_, err := db.CreateGroup(ctx, domain.GroupInput{Kind: domain.GroupSteering, Name: "K", MemberIDs: ids})
			return err
		})
	})

	// With a session: kind and run fixed, a member with attendance stays.
	if _, err := db.CreateSession(ctx, groupSession(course, course.Modules[0].ID, "2027-04-01", "09:00")); err != nil {
		t.Fatal(err)
	}
	keep := domain.GroupInput{Kind: domain.GroupCourse, Name: "Kurs 2027", RunID: w.courseRun.ID, MemberIDs: []int64{w.anna.ID, w.ben.ID}}
	changeKind := keep
	changeKind.Kind = domain.GroupPeerMentees
	changeKind.RunID = 0
	groupUnchanged(t, db, domain.ECONFLICT, "group.has_sessions.fixed", func() error {
		_, err := db.UpdateGroup(ctx, course.ID, changeKind)
		return err
	})
	dropBen := keep
	dropBen.MemberIDs = []int64{w.anna.ID, w.outsider.ID}
	groupUnchanged(t, db, domain.ECONFLICT, "group.member.has_attendance", func() error {
		_, err := db.UpdateGroup(ctx, course.ID, dropBen)
		if e := domain.AsError(err); e.Params["name"] != "Ben Berger" {
			t.Errorf("message names %v", e.Params)
		}
		return err
	})
	groupUnchanged(t, db, domain.ENOTFOUND, "group.not_found", func() error {
		_, err := db.UpdateGroup(ctx, course.ID+100, keep)
		return err
	})
	groupUnchanged(t, db, domain.EINVALID, "id.invalid", func() error { return db.DeleteGroup(ctx, 0) })
	groupUnchanged(t, db, domain.ENOTFOUND, "group.not_found", func() error { return db.DeleteGroup(ctx, course.ID+100) })

	// A member with a practice project stays too, and the group cannot be deleted.
	other := w.course(t, w.cem.ID, w.dora.ID)
	if _, err := db.SavePracticeProject(ctx, other.ID, w.cem.ID, domain.PracticeProjectInput{Title: "Projekt", Status: domain.ProjectPlanned}); err != nil {
		t.Fatal(err)
	}
	groupUnchanged(t, db, domain.ECONFLICT, "group.member.has_project", func() error {
		_, err := db.UpdateGroup(ctx, other.ID, domain.GroupInput{Kind: domain.GroupCourse, Name: "K", RunID: w.courseRun.ID, MemberIDs: []int64{w.dora.ID}})
		return err
	})
	groupUnchanged(t, db, domain.ECONFLICT, "group.has_projects", func() error { return db.DeleteGroup(ctx, other.ID) })
	// Removing a member without attendance or project works.
	if g, err := db.UpdateGroup(ctx, other.ID, domain.GroupInput{Kind: domain.GroupCourse, Name: "K", RunID: w.courseRun.ID,
		MemberIDs: []int64{w.cem.ID}}); err != nil || len(g.Members) != 1 {
		t.Fatalf("remove member: %+v, %v", g, err)
	}
	// A person in a group cannot be deleted.
	if err := db.DeletePerson(ctx, w.cem.ID); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Fatalf("delete a member: %v", err)
	}
}

func TestGroupSessions(t *testing.T) {
	w := newGroupWorld(t)
	db := w.db
	peer := w.group(t, domain.GroupInput{Kind: domain.GroupPeerMentors, Name: "Peer", MemberIDs: []int64{w.cem.ID, w.dora.ID}})
	steering := w.group(t, domain.GroupInput{Kind: domain.GroupSteering, Name: "Steuerung", MemberIDs: []int64{w.dora.ID, w.anna.ID}})
	course := w.course(t, w.anna.ID, w.ben.ID)
	other := w.course(t, w.cem.ID)

	// A session of each kind; without participants every member is present.
	ps, err := db.CreateSession(ctx, groupSession(peer, 0, "2027-04-01", "10:00"))
	if err != nil || ps.Kind != domain.SessionPeerGroup || ps.GroupID != peer.ID || ps.GroupName != "Peer" || ps.TandemID != 0 ||
		len(ps.Participants) != 2 || !ps.Participants[0].Present || !ps.Participants[1].Present {
		t.Fatalf("peer session %+v, %v", ps, err)
	}
	in := groupSession(steering, 0, "2027-04-01", "10:00") // same time as the peer group: other group, fine
	in.Participants = []domain.AttendanceInput{{PersonID: w.dora.ID, Present: true}, {PersonID: w.anna.ID, Present: false}}
	ss, err := db.CreateSession(ctx, in)
	if err != nil || ss.Kind != domain.SessionSteering || len(ss.Participants) != 2 || ss.Participants[0].Present {
		t.Fatalf("steering session %+v, %v", ss, err)
	}
	cs, err := db.CreateSession(ctx, groupSession(course, course.Modules[2].ID, "2027-04-02", "09:00"))
	if err != nil || cs.Kind != domain.SessionCourseModule || cs.ModuleID != course.Modules[2].ID || cs.ModuleTitle != "Gesprächsführung" {
		t.Fatalf("course session %+v, %v", cs, err)
	}

	// Steering minutes (note) and an agreement on the steering session.
	note, err := db.SaveNote(ctx, ss.ID, 0, domain.NoteInput{Text: "Protokoll: Zeile 1\nZeile 2", Confidential: true})
	if err != nil {
		t.Fatal(err)
	}
	ag, err := db.AddAgreement(ctx, ss.ID, domain.AgreementInput{Text: "Bericht an die Amtsleitung", OwnerID: w.outsider.ID, DueDate: "2027-05-01"})
	if err != nil || ag.OwnerName != "Ole Ohm" {
		t.Fatalf("agreement %+v, %v", ag, err)
	}
	got, err := db.Session(ctx, ss.ID)
	if err != nil || len(got.Notes) != 1 || got.Notes[0].ID != note.ID || !got.Notes[0].Confidential || len(got.Agreements) != 1 {
		t.Fatalf("steering session %+v, %v", got, err)
	}

	// Lists, newest first; the tandem list does not mix them in.
	if _, err := db.CreateSession(ctx, groupSession(steering, 0, "2027-05-01", "10:00")); err != nil {
		t.Fatal(err)
	}
	list, err := db.GroupSessions(ctx, steering.ID)
	if err != nil || len(list) != 2 || list[0].Date != "2027-05-01" || list[1].ID != ss.ID {
		t.Fatalf("steering sessions %+v, %v", list, err)
	}
	if g, _ := db.Group(ctx, steering.ID); g.SessionCount != 2 {
		t.Fatalf("session count %d", g.SessionCount)
	}
	if _, err := db.GroupSessions(ctx, steering.ID+100); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Fatalf("sessions of a missing group: %v", err)
	}

	// Update within the group: another module, attendance.
	up := groupSession(course, course.Modules[3].ID, "2027-04-02", "09:00")
	up.Participants = []domain.AttendanceInput{{PersonID: w.anna.ID, Present: true}}
	if u, err := db.UpdateSession(ctx, cs.ID, up); err != nil || u.ModuleID != course.Modules[3].ID || len(u.Participants) != 1 {
		t.Fatalf("update course session %+v, %v", u, err)
	}

	refused := []struct {
		name, code, key, field string
		in                     domain.SessionInput
	}{
		{"NonMember", domain.EINVALID, "session.participant_not_member", "participants", func() domain.SessionInput {
			in := groupSession(peer, 0, "2027-06-01", "10:00")
			in.Participants = []domain.AttendanceInput{{PersonID: w.cem.ID, Present: true}, {PersonID: w.outsider.ID, Present: true}}
			return in
		}()},
		{"UnknownPerson", domain.EINVALID, "session.participant.unknown", "participants", func() domain.SessionInput {
			in := groupSession(peer, 0, "2027-06-01", "10:00")
			in.Participants = []domain.AttendanceInput{{PersonID: w.archived.ID + 100, Present: true}}
			return in
		}()},
		{"ModuleOfOtherGroup", domain.EINVALID, "session.module.not_in_group", "moduleId", groupSession(course, other.Modules[0].ID, "2027-06-01", "10:00")},
		{"ModuleMissing", domain.EINVALID, "session.module.required", "moduleId", groupSession(course, 0, "2027-06-01", "10:00")},
		{"ModuleOnPeerGroup", domain.EINVALID, "session.module.not_in_group", "moduleId", groupSession(peer, course.Modules[0].ID, "2027-06-01", "10:00")},
		{"Topics", domain.EINVALID, "session.topics.tandem_only", "topicItemIds", func() domain.SessionInput {
			in := groupSession(peer, 0, "2027-06-01", "10:00")
			in.TopicItemIDs = []int64{1}
			return in
		}()},
		{"MarkTopicsDone", domain.EINVALID, "session.topics.tandem_only", "topicItemIds", func() domain.SessionInput {
			in := groupSession(peer, 0, "2027-06-01", "10:00")
			in.MarkTopicsDone = true
			return in
		}()},
		{"Overlap", domain.ECONFLICT, "session.group_overlap", "", groupSession(peer, 0, "2027-04-01", "11:00")},
		{"BothOwners", domain.EINVALID, "session.owner.both", "groupId", func() domain.SessionInput {
			in := groupSession(peer, 0, "2027-06-01", "10:00")
			in.TandemID = 1
			return in
		}()},
		{"NoOwner", domain.EINVALID, "session.tandem.required", "tandemId", groupSession(domain.Group{}, 0, "2027-06-01", "10:00")},
		{"UnknownGroup", domain.EINVALID, "session.group.not_found", "groupId", groupSession(domain.Group{ID: other.ID + 100}, 0, "2027-06-01", "10:00")},
	}
	for _, c := range refused {
		t.Run(c.name, func(t *testing.T) {
			groupUnchanged(t, db, c.code, c.key, func() error {
				_, err := db.CreateSession(ctx, c.in)
				if err != nil && c.field != "" {
					wantField(t, err, c.field)
				}
				return err
			})
		})
	}
	t.Run("NonMemberNamed", func(t *testing.T) {
		_, err := db.CreateSession(ctx, refused[0].in)
		if e := domain.AsError(err); e.Params["name"] != "Ole Ohm" || e.Params["group"] != "Peer" {
			t.Fatalf("params %v", e.Params)
		}
	})
	t.Run("UpdateRefused", func(t *testing.T) {
		groupUnchanged(t, db, domain.EINVALID, "session.group.changed", func() error {
			_, err := db.UpdateSession(ctx, ps.ID, groupSession(steering, 0, "2027-04-01", "10:00"))
			return err
		})
		groupUnchanged(t, db, domain.ECONFLICT, "session.group_overlap", func() error {
			_, err := db.UpdateSession(ctx, ss.ID, groupSession(steering, 0, "2027-05-01", "10:30"))
			return err
		})
		bad := groupSession(peer, 0, "2027-04-01", "10:00")
		bad.Participants = []domain.AttendanceInput{{PersonID: w.anna.ID, Present: true}}
		groupUnchanged(t, db, domain.EINVALID, "session.participant_not_member", func() error {
			_, err := db.UpdateSession(ctx, ps.ID, bad)
			return err
		})
	})
	// A tandem session input cannot move a group session and vice versa.
	if _, err := db.UpdateSession(ctx, ps.ID, domain.SessionInput{TandemID: 1, Date: "2027-04-01", StartTime: "10:00", DurationMinutes: 60}); domain.AsError(err).Key != "session.group.changed" {
		t.Fatalf("group session as tandem: %v", err)
	}
}

// completion: 5 modules, 80 %: 4 attended and a completed project complete the course.
func TestCourseCompletion(t *testing.T) {
	w := newGroupWorld(t)
	db := w.db
	course := w.course(t, w.anna.ID, w.ben.ID, w.cem.ID, w.dora.ID)
	mod := course.Modules
	// Anna: modules 0-3 (4 of 5), project completed → completed.
	// Ben: modules 0-2 (3 of 5), project completed → not.
	// Cem: modules 0-3, project in progress → not.
	// Dora: absent (present=false) at 0-3, no project → not.
	for i := 0; i < 4; i++ {
		in := groupSession(course, mod[i].ID, fmt.Sprintf("2027-04-%02d", i+1), "09:00")
		in.Participants = []domain.AttendanceInput{{PersonID: w.anna.ID, Present: true}, {PersonID: w.cem.ID, Present: true},
			{PersonID: w.ben.ID, Present: i < 3}, {PersonID: w.dora.ID, Present: false}}
		if _, err := db.CreateSession(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	// A second session of module 0 counts once.
	again := groupSession(course, mod[0].ID, "2027-04-20", "09:00")
	again.Participants = []domain.AttendanceInput{{PersonID: w.anna.ID, Present: true}}
	if _, err := db.CreateSession(ctx, again); err != nil {
		t.Fatal(err)
	}
	for _, p := range []struct {
		id     int64
		status domain.ProjectStatus
	}{{w.anna.ID, domain.ProjectCompleted}, {w.ben.ID, domain.ProjectCompleted}, {w.cem.ID, domain.ProjectInProgress}} {
		c, err := db.SavePracticeProject(ctx, course.ID, p.id, domain.PracticeProjectInput{Title: "Projekt", Description: "Beschreibung",
			HeadSupports: true, Status: p.status})
		if err != nil || c.Project == nil || c.Project.Status != p.status || !c.Project.HeadSupports {
			t.Fatalf("save project: %+v, %v", c, err)
		}
	}
	list, err := db.CourseParticipants(ctx, course.ID)
	if err != nil || len(list) != 4 {
		t.Fatalf("participants %+v, %v", list, err)
	}
	byID := map[int64]domain.CourseParticipant{}
	for _, c := range list {
		byID[c.PersonID] = c
	}
	anna, ben, cem, dora := byID[w.anna.ID], byID[w.ben.ID], byID[w.cem.ID], byID[w.dora.ID]
	if anna.ModulesTotal != 5 || anna.ModulesAttended != 4 || anna.Percent != 80 || anna.RequiredPercent != 80 ||
		!anna.AttendanceMet || !anna.ProjectMet || !anna.Completed || !reflect.DeepEqual(anna.Attended, []int64{mod[0].ID, mod[1].ID, mod[2].ID, mod[3].ID}) {
		t.Errorf("anna %+v", anna)
	}
	if ben.ModulesAttended != 3 || ben.Percent != 60 || ben.AttendanceMet || !ben.ProjectMet || ben.Completed {
		t.Errorf("ben %+v", ben)
	}
	if cem.ModulesAttended != 4 || !cem.AttendanceMet || cem.ProjectMet || cem.Completed {
		t.Errorf("cem %+v", cem)
	}
	if dora.ModulesAttended != 0 || dora.Percent != 0 || dora.Project != nil || dora.Completed || dora.Attended == nil {
		t.Errorf("dora %+v", dora)
	}

	// Project refusals.
	groupUnchanged(t, db, domain.EINVALID, "project.person.not_member", func() error {
		_, err := db.SavePracticeProject(ctx, course.ID, w.outsider.ID, domain.PracticeProjectInput{Title: "P", Status: domain.ProjectPlanned})
		return err
	})
	groupUnchanged(t, db, domain.EINVALID, "project.status.invalid", func() error {
		_, err := db.SavePracticeProject(ctx, course.ID, w.anna.ID, domain.PracticeProjectInput{Title: "P", Status: "graded"})
		return err
	})
	groupUnchanged(t, db, domain.EINVALID, "text.required", func() error {
		_, err := db.SavePracticeProject(ctx, course.ID, w.anna.ID, domain.PracticeProjectInput{Title: "", Status: domain.ProjectPlanned})
		return err
	})
	peer := w.group(t, domain.GroupInput{Kind: domain.GroupPeerMentees, Name: "Peer", MemberIDs: []int64{w.anna.ID}})
	groupUnchanged(t, db, domain.ECONFLICT, "group.not_course", func() error {
		_, err := db.SavePracticeProject(ctx, peer.ID, w.anna.ID, domain.PracticeProjectInput{Title: "P", Status: domain.ProjectPlanned})
		return err
	})
	if _, err := db.CourseParticipants(ctx, peer.ID); domain.AsError(err).Key != "group.not_course" {
		t.Fatalf("participants of a peer group: %v", err)
	}

	// A course whose template has no topics: no modules, never completed.
	empty := progTemplate(t, db, domain.Template{Kind: domain.KindCertificateCourse, Name: "Leerer Kurs"})
	emptyCourse := w.group(t, domain.GroupInput{Kind: domain.GroupCourse, Name: "Leer", RunID: progRun(t, db, empty, "Leer 2027").ID,
		MemberIDs: []int64{w.anna.ID}})
	c, err := db.SavePracticeProject(ctx, emptyCourse.ID, w.anna.ID, domain.PracticeProjectInput{Title: "P", Status: domain.ProjectCompleted})
	if err != nil || c.ModulesTotal != 0 || c.Percent != 0 || c.AttendanceMet || c.Completed || !c.ProjectMet {
		t.Fatalf("empty course %+v, %v", c, err)
	}
}

// TestMigrateGroupsFromVersion6 migrates a version-6 file holding sessions
// with attendance, topics, notes and agreements and finds them intact.
func TestMigrateGroupsFromVersion6(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v6.db")
	raw, err := sql.Open("sqlite", path+"?_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	names, _ := filepath.Glob("migrations/*.sql")
	sort.Strings(names)
	for _, name := range names[:6] {
		script, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := raw.Exec(string(script)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	now := "2027-03-01T08:00:00Z"
	if _, err := raw.Exec(`
		INSERT INTO people (id, first_name, last_name, sort_key, search_key, created_at, updated_at) VALUES
			(1, 'Mia', 'Neumann', 'neumann mia', 'mia neumann', ?1, ?1), (2, 'Max', 'Mentor', 'mentor max', 'max mentor', ?1, ?1);
		INSERT INTO templates (id, kind, name, name_key, duration_weeks, created_at, updated_at) VALUES (1, 'onboarding', 'E', 'e', 26, ?1, ?1);
		INSERT INTO runs (id, template_id, name, start_date, end_date, created_at, updated_at) VALUES (1, 1, 'R', '2027-01-01', '2027-12-31', ?1, ?1);
		INSERT INTO tandems (id, run_id, mentee_id, status, start_date, end_date, created_at, updated_at) VALUES (1, 1, 1, 'active', '2027-03-01', '2027-08-31', ?1, ?1);
		INSERT INTO tandem_mentors (tandem_id, mentor_id, position) VALUES (1, 2, 0);
		INSERT INTO plans (id, newcomer_id, template_id, tandem_id, start_date, created_at, updated_at) VALUES (1, 1, 1, 1, '2027-03-01', ?1, ?1);
		INSERT INTO plan_items (id, plan_id, position, title, start_date, due_date, created_at, updated_at) VALUES
			(1, 1, 0, 'Kinderschutz', '2027-03-01', '2027-04-01', ?1, ?1), (2, 1, 1, 'Recht', '2027-03-01', '2027-04-01', ?1, ?1);
		INSERT INTO sessions (id, kind, tandem_id, date, start_time, duration_minutes, place, created_at, updated_at) VALUES
			(7, 'tandem', 1, '2027-03-08', '09:30', 90, 'online', ?1, ?1), (9, 'tandem', 1, '2027-03-15', '10:00', 60, 'Raum 2', ?1, ?1);
		INSERT INTO session_attendance (session_id, person_id, present) VALUES (7, 1, 1), (7, 2, 0), (9, 1, 1);
		INSERT INTO session_topics (session_id, item_id) VALUES (7, 2), (7, 1);
		INSERT INTO notes (id, session_id, text, confidential, created_at, updated_at) VALUES (3, 7, 'Vertraulich: Müller', 1, ?1, ?1);
		INSERT INTO agreements (id, session_id, text, owner_id, due_date, created_at, updated_at) VALUES (4, 7, 'Akte lesen', 2, '2027-03-20', ?1, ?1);
		PRAGMA user_version = 6;`, now); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	db := MustOpenPath(t, path)
	if v, _ := db.SchemaVersion(ctx); v < 7 {
		t.Fatalf("version %d", v)
	}
	s, err := db.Session(ctx, 7)
	if err != nil {
		t.Fatal(err)
	}
	if s.Kind != domain.SessionTandem || s.TandemID != 1 || s.GroupID != 0 || s.ModuleID != 0 || s.Date != "2027-03-08" ||
		s.StartTime != "09:30" || s.DurationMinutes != 90 || s.Place != "online" || s.CreatedAt != now {
		t.Fatalf("session %+v", s)
	}
	if len(s.Participants) != 2 || s.Participants[0].Name != "Max Mentor" || s.Participants[0].Present ||
		s.Participants[1].Name != "Mia Neumann" || !s.Participants[1].Present {
		t.Fatalf("attendance %+v", s.Participants)
	}
	if !reflect.DeepEqual(s.TopicItemIDs, []int64{1, 2}) {
		t.Fatalf("topics %v", s.TopicItemIDs)
	}
	if len(s.Notes) != 1 || s.Notes[0].ID != 3 || s.Notes[0].Text != "Vertraulich: Müller" || !s.Notes[0].Confidential {
		t.Fatalf("notes %+v", s.Notes)
	}
	if len(s.Agreements) != 1 || s.Agreements[0].ID != 4 || s.Agreements[0].OwnerName != "Max Mentor" || s.Agreements[0].DueDate != "2027-03-20" {
		t.Fatalf("agreements %+v", s.Agreements)
	}
	if list, err := db.Sessions(ctx, 1); err != nil || len(list) != 2 || list[0].ID != 9 {
		t.Fatalf("sessions %+v, %v", list, err)
	}
	// The indexes of sessions are back, the search still finds the note.
	check := rawDB(t, path)
	var idx []string
	rows, err := check.Query(`SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'sessions' AND sql IS NOT NULL ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var n string
		rows.Scan(&n)
		idx = append(idx, n)
	}
	rows.Close()
	if want := []string{"sessions_date", "sessions_group", "sessions_module", "sessions_tandem"}; !reflect.DeepEqual(idx, want) {
		t.Fatalf("indexes %v, want %v", idx, want)
	}
	var leftover int
	check.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name = 'sessions_new' OR sql LIKE '%sessions_new%'`).Scan(&leftover)
	if leftover != 0 {
		t.Fatalf("sessions_new left in the schema")
	}
	// Foreign keys are on again on the writer: cascades and restrictions work.
	if err := db.DeletePerson(ctx, 2); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Fatalf("delete a person with attendance: %v", err)
	}
	if err := db.DeleteSession(ctx, 9); err != nil {
		t.Fatal(err)
	}
	var att int
	check.QueryRow(`SELECT count(*) FROM session_attendance WHERE session_id = 9`).Scan(&att)
	if att != 0 {
		t.Fatalf("attendance of a deleted session not cascaded")
	}
	if err := db.DeleteSession(ctx, 7); domain.AsError(err).Key != "session.has_notes" {
		t.Fatalf("delete a session with notes: %v", err)
	}
	var fk int
	check.QueryRow(`SELECT count(*) FROM pragma_foreign_key_check`).Scan(&fk)
	if fk != 0 {
		t.Fatalf("foreign key check reports %d rows", fk)
	}
}

// TestMigrateRefusesBrokenReferences: a version-6 file with a dangling
// reference is not migrated (foreign_key_check before commit); it stays at
// version 6.
func TestMigrateRefusesBrokenReferences(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v6.db")
	raw, err := sql.Open("sqlite", path+"?_pragma=foreign_keys(0)")
	if err != nil {
		t.Fatal(err)
	}
	names, _ := filepath.Glob("migrations/*.sql")
	sort.Strings(names)
	for _, name := range names[:6] {
		script, _ := os.ReadFile(name)
		if _, err := raw.Exec(string(script)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	if _, err := raw.Exec(`INSERT INTO sessions (id, kind, tandem_id, date, start_time, duration_minutes, created_at, updated_at)
		VALUES (1, 'tandem', 99, '2027-03-08', '09:30', 90, 'x', 'x'); PRAGMA user_version = 6`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	db, err := sqlite.Open(context.Background(), path)
	if err == nil {
		db.Close()
		t.Fatal("migrated a file with a dangling reference")
	}
	if !strings.Contains(err.Error(), "foreign key check") {
		t.Fatalf("refused for another reason: %v", err)
	}
	var v int
	rawDB(t, path).QueryRow(`PRAGMA user_version`).Scan(&v)
	if v != 6 {
		t.Fatalf("version %d after a refused migration", v)
	}
}
