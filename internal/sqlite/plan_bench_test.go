package sqlite_test

import (
	"fmt"
	"strings"
	"testing"

	"tandem/internal/domain"
)

// BenchmarkCreatePlan200 measures CreatePlan from a template of 200 topics
// (with descriptions and checklists), prior knowledge for a quarter of them
// and responsible people per role: validation, reading the template,
// storing plan and items in one transaction and reading the whole plan
// back. Goal: ≤ 20 ms per plan, reported as ms/op.
func BenchmarkCreatePlan200(b *testing.B) {
	db := progOpen(b)
	tmpl := domain.Template{Kind: domain.KindOnboarding, Name: "Große Einarbeitung", DurationWeeks: 104, ProbationWeeks: 26}
	for i := 0; i < 6; i++ {
		tmpl.Phases = append(tmpl.Phases, domain.Phase{Name: fmt.Sprintf("Phase %d", i+1), Description: "Beschreibung der Phase"})
	}
	roles := []domain.Role{domain.RoleMentor, domain.RoleTeamLead, domain.RoleMentee, ""}
	for i := 0; i < 200; i++ {
		tmpl.Topics = append(tmpl.Topics, domain.Topic{
			Title: fmt.Sprintf("Thema %d: Hilfen zur Erziehung", i+1), Phase: i % 6,
			Description:    strings.Repeat("Hilfeplanung nach § 36 SGB VIII, Zusammenarbeit mit Trägern. ", 4),
			LegalReference: "§ 36 SGB VIII", StartWeek: i / 2, EndWeek: i/2 + 3, ResponsibleRole: roles[i%4],
			Checklist: []string{"Akte lesen", "Hospitation", "Gespräch mit „Team Süd“"},
		})
	}
	id := progTemplate(b, db, tmpl)
	mentor := progPerson(b, db, "Max", "Mentor", 0, 0, domain.RoleMentor)
	lead := progPerson(b, db, "Petra", "Schulz", 0, 0, domain.RoleTeamLead)
	newcomer := progPerson(b, db, "Mia", "Neumann", 0, 0, domain.RoleMentee)
	knowledge := map[int]domain.PriorKnowledge{}
	for i := 0; i < 200; i += 4 {
		knowledge[i] = domain.KnowledgeConfident
	}
	in := domain.PlanInput{NewcomerID: newcomer.ID, TemplateID: id, StartDate: "2027-03-01", PriorKnowledge: knowledge,
		Responsible: map[domain.Role]int64{domain.RoleMentor: mentor.ID, domain.RoleTeamLead: lead.ID, domain.RoleMentee: newcomer.ID}}

	b.ResetTimer()
	var p domain.Plan
	for i := 0; i < b.N; i++ {
		var err error
		if p, err = db.CreatePlan(ctx, in); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if len(p.Items) != 200 || p.Items[198].ResponsibleName != "Mia Neumann" || p.Items[0].PriorKnowledge != domain.KnowledgeConfident ||
		len(p.PhaseProgress) != 6 || p.Progress.Total != 200 {
		b.Fatalf("plan %d items, %+v", len(p.Items), p.Progress)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/1e6/float64(b.N), "ms/op")
}
