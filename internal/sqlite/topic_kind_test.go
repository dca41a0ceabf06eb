package sqlite_test

import (
	"database/sql"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"tandem/internal/domain"
	"tandem/internal/exchange"
)

const practiceTitle = "Praxisprojekt, von der Jugendamtsleitung unterstützt"

// TestCourseFromShippedTemplateHasNineModules: the shipped certificate
// course copies its nine modules, not the practice project, so the
// attendance rule counts nine.
func TestCourseFromShippedTemplateHasNineModules(t *testing.T) {
	db := progOpen(t)
	seeds, err := exchange.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SeedTemplates(ctx, seeds); err != nil {
		t.Fatal(err)
	}
	tpls, err := db.Templates(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	var course domain.Template
	for _, tp := range tpls {
		if tp.Name == "Zertifikatskurs Professionelles Management im ASD" {
			course = tp
		}
	}
	if len(course.Topics) != 10 || course.Topics[1].Kind != domain.TopicPracticeProject || course.Topics[0].Kind != "" {
		t.Fatalf("shipped course topics: %d, kinds %q %q", len(course.Topics), course.Topics[0].Kind, course.Topics[1].Kind)
	}
	anna := progPerson(t, db, "Anna", "Albers", 0, 0, domain.RoleMentee)
	g, err := db.CreateGroup(ctx, domain.GroupInput{Kind: domain.GroupCourse, Name: "Kurs", RunID: progRun(t, db, course.ID, "Kurs 2027").ID,
		MemberIDs: []int64{anna.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Modules) != 9 {
		t.Fatalf("%d modules, want 9", len(g.Modules))
	}
	for i, m := range g.Modules {
		if m.Title == practiceTitle || m.Speaker == "" {
			t.Errorf("module %d: %+v", i+1, m)
		}
	}
	list, err := db.CourseParticipants(ctx, g.ID)
	if err != nil || len(list) != 1 || list[0].ModulesTotal != 9 {
		t.Fatalf("participants %+v, %v", list, err)
	}
	// The kind survives saving the template and an export and import.
	saved, err := db.UpdateTemplate(ctx, course.ID, course)
	if err != nil || saved.Topics[1].Kind != domain.TopicPracticeProject {
		t.Fatalf("saved %+v, %v", saved.Topics[1], err)
	}
	file, err := exchange.Encode(saved)
	if err != nil {
		t.Fatal(err)
	}
	back, err := exchange.Decode(file)
	if err != nil || back.Topics[1].Kind != domain.TopicPracticeProject || back.Topics[0].Kind != "" {
		t.Fatalf("import %+v, %v", back.Topics[:2], err)
	}
	bad := course.Clone()
	bad.Topics[0].Kind = "exam"
	if _, err := db.UpdateTemplate(ctx, course.ID, bad); domain.AsError(err).Key != "template.topic.kind.invalid" {
		t.Fatalf("unknown kind: %v", err)
	}
}

// TestMigrateTopicKind: a version-16 file whose shipped course was copied
// with the practice project as a module. The migration marks the topic and
// removes the module where nothing was recorded on it; a module with a
// session (attendance) or a date, and courses of an own template, stay.
func TestMigrateTopicKind(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v16.db")
	raw, err := sql.Open("sqlite", path+"?_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	names, _ := filepath.Glob("migrations/*.sql")
	sort.Strings(names)
	for _, name := range names[:16] {
		script, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := raw.Exec(string(script)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	if _, err := raw.Exec(`
		INSERT INTO people (id, first_name, last_name, sort_key, search_key, created_at, updated_at) VALUES
			(1, 'Anna', 'Albers', 'albers anna', 'anna albers', ?1, ?1);
		INSERT INTO templates (id, kind, name, name_key, duration_weeks, attendance_percent, builtin_key, created_at, updated_at) VALUES
			(1, 'certificate_course', 'Zertifikatskurs Professionelles Management im ASD', 'z', 52, 80, 'zertifikatskurs-management-asd', ?1, ?1),
			(2, 'certificate_course', 'Eigener Kurs', 'e', 52, 80, NULL, ?1, ?1);
		INSERT INTO template_topics (template_id, position, title, start_week, end_week, speaker) VALUES
			(1, 0, 'Modul 1', 0, 0, 'Kursleitung'), (1, 1, ?2, 1, 48, ''), (1, 2, 'Modul 2', 6, 6, 'Referentin'),
			(2, 0, ?2, 1, 48, '');
		INSERT INTO runs (id, template_id, name, start_date, end_date, created_at, updated_at) VALUES
			(1, 1, 'Kurs 2026', '2026-01-01', '2026-12-31', ?1, ?1), (2, 2, 'Eigen 2026', '2026-01-01', '2026-12-31', ?1, ?1);
		INSERT INTO groups (id, kind, name, name_key, run_id, attendance_percent, created_at, updated_at) VALUES
			(1, 'course', 'A', 'a', 1, 80, ?1, ?1), (2, 'course', 'B', 'b', 1, 80, ?1, ?1),
			(3, 'course', 'C', 'c', 1, 80, ?1, ?1), (4, 'course', 'D', 'd', 2, 80, ?1, ?1);
		INSERT INTO group_members (group_id, person_id) VALUES (2, 1);
		INSERT INTO course_modules (id, group_id, position, title, speaker, date) VALUES
			(11, 1, 0, 'Modul 1', 'Kursleitung', NULL), (12, 1, 1, ?2, '', NULL), (13, 1, 2, 'Modul 2', 'Referentin', NULL),
			(21, 2, 0, 'Modul 1', 'Kursleitung', NULL), (22, 2, 1, ?2, '', NULL), (23, 2, 2, 'Modul 2', 'Referentin', NULL),
			(31, 3, 0, 'Modul 1', 'Kursleitung', NULL), (32, 3, 1, ?2, '', '2026-05-04'),
			(41, 4, 0, ?2, '', NULL);
		INSERT INTO sessions (id, kind, group_id, module_id, date, start_time, duration_minutes, created_at, updated_at) VALUES
			(5, 'course_module', 2, 22, '2026-03-02', '09:00', 90, ?1, ?1);
		INSERT INTO session_attendance (session_id, person_id, present) VALUES (5, 1, 1);
		PRAGMA user_version = 16;`, "2026-01-05T08:00:00Z", practiceTitle); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	db := MustOpenPath(t, path)
	if v, _ := db.SchemaVersion(ctx); v < 17 {
		t.Fatalf("version %d", v)
	}
	modules := func(id int64) []string {
		g, err := db.Group(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, m := range g.Modules {
			out = append(out, m.Title)
		}
		return out
	}
	for id, want := range map[int64]int{1: 2, 2: 3, 3: 2, 4: 1} {
		if got := modules(id); len(got) != want {
			t.Errorf("group %d: modules %q, want %d", id, got, want)
		}
	}
	if got := modules(1); strings.Join(got, "|") != "Modul 1|Modul 2" {
		t.Errorf("group A keeps %q", got)
	}
	shipped, err := db.Template(ctx, 1)
	if err != nil || shipped.Topics[1].Kind != domain.TopicPracticeProject || shipped.Topics[0].Kind != "" {
		t.Fatalf("shipped template %+v, %v", shipped.Topics, err)
	}
	own, err := db.Template(ctx, 2)
	if err != nil || own.Topics[0].Kind != "" {
		t.Fatalf("own template %+v, %v", own.Topics, err)
	}
}
