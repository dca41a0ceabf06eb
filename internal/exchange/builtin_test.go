package exchange

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"
	"time"

	"tandem/internal/domain"
)

func TestBuiltin(t *testing.T) {
	list, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	keys, names, kinds := map[string]bool{}, map[string]bool{}, map[domain.TemplateKind]bool{}
	byKey := map[string]domain.Template{}
	for _, b := range list {
		tp := b.Template
		if keys[b.Key] {
			t.Errorf("key %q twice", b.Key)
		}
		keys[b.Key] = true
		folded := strings.ToLower(tp.Name)
		if names[folded] {
			t.Errorf("name %q twice", tp.Name)
		}
		names[folded] = true
		kinds[tp.Kind] = true
		byKey[b.Key] = tp
		c := tp.Clone()
		if err := c.Validate(); err != nil {
			t.Errorf("%s: %v", b.Key, err)
		}
		if len(tp.Topics) == 0 || len(tp.FeedbackPrompts) == 0 || tp.Description == "" {
			t.Errorf("%s: topics, feedback prompts and description must not be empty", b.Key)
		}
		for i, topic := range tp.Topics {
			if topic.Description == "" || len(topic.Checklist) == 0 {
				t.Errorf("%s: topic %d %q lacks description or checklist", b.Key, i+1, topic.Title)
			}
			// German typography: no straight quotes, no hyphen for a dash.
			for _, s := range append([]string{topic.Title, topic.Description, topic.LegalReference}, topic.Checklist...) {
				if strings.ContainsAny(s, "\"'") || strings.Contains(s, " - ") {
					t.Errorf("%s: topic %d: typography in %q", b.Key, i+1, s)
				}
			}
		}
	}
	for _, k := range domain.TemplateKinds {
		if !kinds[k] {
			t.Errorf("no builtin template of kind %s", k)
		}
	}

	t.Run("Onboarding", func(t *testing.T) {
		tp, ok := byKey["einarbeitung-asd"]
		if !ok {
			t.Fatal("einarbeitung-asd missing")
		}
		if tp.Kind != domain.KindOnboarding || tp.Name != "Einarbeitung ASD" || tp.DurationWeeks != 26 || tp.ProbationWeeks != 26 {
			t.Errorf("header: %+v", tp)
		}
		// The Hilden curriculum, in its order.
		curriculum := []struct{ title, legal string }{
			{"Ziele, Leitbilder und Organisation", "SGB X"},
			{"Allgemeine Beratung und Vermittlung", "SGB VIII"},
			{"Hilfen zur Erziehung und Hilfeplanung", "36"},
			{"Krisenintervention und Schutzauftrag bei Kindeswohlgefährdung", "8a"},
			{"Familienunterstützung", "SGB VIII"},
			{"Sozialraumarbeit", "SGB VIII"},
		}
		if len(tp.Topics) != len(curriculum) {
			t.Fatalf("%d topics, want the %d of the curriculum", len(tp.Topics), len(curriculum))
		}
		last := -1
		for i, want := range curriculum {
			got := tp.Topics[i]
			if !strings.HasPrefix(got.Title, want.title) || !strings.Contains(got.LegalReference, want.legal) {
				t.Errorf("topic %d = %q (%q), want %q with %q", i+1, got.Title, got.LegalReference, want.title, want.legal)
			}
			if n := len(got.Checklist); n < 3 || n > 6 {
				t.Errorf("topic %d: %d checklist items, want 3–6", i+1, n)
			}
			if got.ResponsibleRole != domain.RoleMentor && got.ResponsibleRole != domain.RoleTeamLead {
				t.Errorf("topic %d: role %q", i+1, got.ResponsibleRole)
			}
			if got.Phase < last {
				t.Errorf("topic %d: phase %d before phase %d", i+1, got.Phase, last)
			}
			last = got.Phase
		}
		if !strings.Contains(tp.Topics[3].LegalReference, "42") || !strings.Contains(tp.Topics[3].LegalReference, "1666 BGB") {
			t.Errorf("crisis topic lacks § 42 SGB VIII / § 1666 BGB: %q", tp.Topics[3].LegalReference)
		}
		if len(tp.Phases) != 3 || tp.Topics[5].EndWeek != 26 {
			t.Errorf("phases %v, last topic ends week %d", tp.Phases, tp.Topics[5].EndWeek)
		}
	})

	t.Run("LeadershipMentoring", func(t *testing.T) {
		tp := byKey["mentoring-fuehrungskraefte"]
		if tp.Kind != domain.KindLeadershipMentoring || tp.DurationWeeks != 52 || len(tp.Phases) != 4 {
			t.Fatalf("%s: %d weeks, %d phases", tp.Kind, tp.DurationWeeks, len(tp.Phases))
		}
		want := []string{"Kennenlernen und Ziele", "Kleine Führungsaufgaben", "Vertiefung und Reflexion", "Abschluss und Transfer"}
		for i, p := range tp.Phases {
			if p.Name != want[i] {
				t.Errorf("phase %d = %q, want %q", i+1, p.Name, want[i])
			}
		}
		has := func(title string) bool {
			for _, x := range tp.Topics {
				if strings.Contains(x.Title, title) {
					return true
				}
			}
			return false
		}
		for _, title := range []string{"Peergruppe der Mentees", "Peergruppe der Mentor:innen", "Halbzeit", "Abschlussgespräch"} {
			if !has(title) {
				t.Errorf("no topic %q", title)
			}
		}
		if strings.Join(tp.FeedbackPrompts, "|") != "Was ist gut gelungen?|Was möchten Sie weiterentwickeln?|Was nehmen Sie mit?|Wie geht die Unterstützung weiter?" {
			t.Errorf("prompts %q", tp.FeedbackPrompts)
		}
	})

	t.Run("CertificateCourse", func(t *testing.T) {
		tp := byKey["zertifikatskurs-management-asd"]
		if tp.Kind != domain.KindCertificateCourse || tp.AttendancePercent != 80 || tp.DurationWeeks < 40 {
			t.Fatalf("%+v", tp)
		}
		project, modules := false, 0
		for _, x := range tp.Topics {
			project = project || strings.Contains(x.Title, "Praxisprojekt") && strings.Contains(x.Title, "Jugendamtsleitung")
			if strings.HasPrefix(x.Title, "Modul") {
				modules++
				if x.Speaker == "" {
					t.Errorf("module %q has no speaker", x.Title)
				}
			}
		}
		if !project || modules < 6 {
			t.Errorf("practice project %v, %d modules", project, modules)
		}
	})

	t.Run("LearningPath", func(t *testing.T) {
		tp := byKey["lernpfad-fuehrung-change"]
		text := ""
		for _, x := range tp.Topics {
			text += x.Title + " "
		}
		for _, w := range []string{"Stakeholder", "Gremienanalyse", "Working Out Loud", "Lean Coffee"} {
			if !strings.Contains(text, w) {
				t.Errorf("learning path lacks %q", w)
			}
		}
	})

	t.Run("Secondment", func(t *testing.T) {
		tp := byKey["personalbereitstellung"]
		if tp.Kind != domain.KindSecondment || tp.DurationWeeks > domain.MaxSecondmentWeeks {
			t.Fatalf("%s %d weeks", tp.Kind, tp.DurationWeeks)
		}
		first, last := tp.Topics[0], tp.Topics[len(tp.Topics)-1]
		if !strings.Contains(first.Title, "Übergabe") || first.StartWeek != 0 || last.Title != "Erfahrungsbericht" || last.EndWeek != tp.DurationWeeks {
			t.Errorf("first %q week %d, last %q week %d", first.Title, first.StartWeek, last.Title, last.EndWeek)
		}
		follow := 0
		for _, x := range tp.Topics {
			if strings.HasPrefix(x.Title, "Folgetermin") {
				follow++
			}
		}
		if follow < 2 {
			t.Errorf("%d follow-up appointments", follow)
		}
	})
}

// The shipped files are exactly what Encode writes, so an export of an
// unchanged builtin template matches its file.
func TestBuiltinFilesCanonical(t *testing.T) {
	names, _ := fs.Glob(builtinFS, "builtin/*.json")
	defer func(f func() time.Time) { now = f }(now)
	for _, name := range names {
		data, _ := builtinFS.ReadFile(name)
		tp, err := Decode(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var head struct{ ExportedAt string }
		if err := jsonUnmarshal(data, &head); err != nil {
			t.Fatal(err)
		}
		at, err := time.Parse(time.RFC3339, head.ExportedAt)
		if err != nil {
			t.Fatalf("%s: exportedAt %q", name, head.ExportedAt)
		}
		now = func() time.Time { return at }
		again, err := Encode(tp)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(again, data) {
			t.Errorf("%s is not in canonical form (re-encode differs)", name)
		}
	}
}
