package sqlite_test

import (
	"testing"
	"time"
)

// BenchmarkSearch measures search-as-you-type with 100,000 notes and
// 300,000 agreements (seedSessions; the triggers fill the index), five
// hits per kind, over queries from rare to matching every agreement.
// Goal: ≤ 30 ms.
func BenchmarkSearch(b *testing.B) {
	w := newSessionWorld(b)
	start := time.Now()
	seedSessions(b, w)
	b.ReportMetric(float64(time.Since(start).Milliseconds()), "seed-ms")
	queries := []string{"v", "ve", "verein", "vereinbarung akte", "akte les", "gesprächsnot", "müll", "mia neu", "3f", "zz",
		"a", "vereinbart", "gesprächsnotizen", "vereinbarungen"}
	for _, q := range queries {
		if _, err := w.db.Search(ctx, q, 5); err != nil {
			b.Fatal(err)
		}
	}
	r, _ := w.db.Search(ctx, "vereinbarung", 5)
	if len(r.Agreements.Hits) != 5 || !r.Agreements.More {
		b.Fatalf("agreements %+v", r.Agreements)
	}
	var worst time.Duration
	i := 0
	b.ResetTimer()
	for b.Loop() {
		t0 := time.Now()
		if _, err := w.db.Search(ctx, queries[i%len(queries)], 5); err != nil {
			b.Fatal(err)
		}
		worst = max(worst, time.Since(t0))
		i++
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/1e6/float64(b.N), "ms/op")
	b.ReportMetric(float64(worst.Microseconds())/1e3, "worst-ms")
}
