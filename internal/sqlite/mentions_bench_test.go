package sqlite_test

import (
	"fmt"
	"testing"
	"time"

	"tandem/internal/domain"
)

// BenchmarkMentions: the list of mentions for the erasure dialog in a
// database with 20,000 people whose notes (about 300 characters each)
// name someone every hundredth time. The dialog waits for it.
func BenchmarkMentions(b *testing.B) {
	db := MustOpenDB(b)
	mira := mustCreatePerson(b, db, domain.PersonInput{FirstName: "Mira", LastName: "Müller"})
	raw := progWriter(b, db)
	tx, err := raw.Begin()
	if err != nil {
		b.Fatal(err)
	}
	filler := "Gespräch über die Einarbeitung, Fallzahlen und die nächsten Schritte im Team; Rückmeldung zur Vertretung im Urlaub und zu den Hausbesuchen. "
	for i := 0; i < 20000; i++ {
		note := filler + filler
		if i%100 == 0 {
			note += "Rücksprache mit Frau Mueller."
		}
		if _, err := tx.Exec(`INSERT INTO people (first_name, last_name, sort_key, search_key, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
			"Vorname", fmt.Sprintf("Nachname%05d", i), fmt.Sprintf("nachname%05d", i), "x", note); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		list, err := db.Mentions(ctx, mira.ID)
		if err != nil || len(list) != 200 {
			b.Fatalf("%d mentions %v", len(list), err)
		}
		b.ReportMetric(time.Since(t0).Seconds(), "s/list")
	}
}
