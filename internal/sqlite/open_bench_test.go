package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"tandem/internal/sqlite"
)

// BenchmarkOpenClose: opening an existing database (lock, leftovers,
// migrations check, erasure list, readers) and closing it, as every start
// and every restore does.
func BenchmarkOpenClose(b *testing.B) {
	path := filepath.Join(b.TempDir(), "tandem.db")
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	db.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		db, err := sqlite.Open(context.Background(), path)
		if err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
}
