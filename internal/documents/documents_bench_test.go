package documents

import (
	"testing"

	"tandem/internal/domain"
	"tandem/internal/gctune"
)

// The benchmarks measure with the collector set as the app sets it (main.go).
func init() { gctune.Apply() }

func benchConfirmation(b *testing.B) ConfirmationDoc {
	plan := testPlan()
	in := ConfirmationDocFrom(testOrg(b, true), domain.Tandem{MenteeName: "Zoë Weißgerber", StartDate: "2027-03-01", EndDate: "2027-09-30"},
		"ASD-Einarbeitung Hilden", &plan, "2027-09-28", issued)
	in.Number = "JA-2027-0042"
	return in
}

// BenchmarkConfirmation: one confirmation, warm (goal ≤ 5 ms).
func BenchmarkConfirmation(b *testing.B) {
	in := benchConfirmation(b)
	if _, err := Confirmation(in); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Confirmation(in); err != nil {
			b.Fatal(err)
		}
	}
}

// Benchmark100Confirmations: a run's batch of 100 (goal ≤ 0.5 s).
func Benchmark100Confirmations(b *testing.B) {
	in := benchConfirmation(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j := 0; j < 100; j++ {
			if _, err := Confirmation(in); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkPlanPDF: an onboarding plan of 40 items with logo.
func BenchmarkPlanPDF(b *testing.B) {
	p := testPlan()
	for len(p.Items) < 40 {
		p.Items = append(p.Items, p.Items[len(p.Items)%4])
	}
	in := PlanDocFrom(testOrg(b, true), p, []string{"Jörg Schäfer", "Anna Groß"}, issued)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := OnboardingPlan(in); err != nil {
			b.Fatal(err)
		}
	}
}

// Benchmark100ConfirmationsParallel: the same batch as the app renders it,
// with ConfirmationFiles on GOMAXPROCS workers.
func Benchmark100ConfirmationsParallel(b *testing.B) {
	in := benchConfirmation(b)
	ins := make([]ConfirmationDoc, 100)
	for j := range ins {
		ins[j] = in
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out, stopped, err := ConfirmationFiles(ins, nil)
		if err != nil || stopped || len(out) != 100 {
			b.Fatal(len(out), stopped, err)
		}
	}
}
