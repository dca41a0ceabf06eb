package sqlite

import (
	"sync"
	"testing"
)

func TestFoldConcurrent(t *testing.T) {
	want := map[string]string{"Müller": "muller", "Élodie Strauß": "elodie strauss", "ZOË Ñandú": "zoe nandu"}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 500 {
				for in, out := range want {
					if got := fold(in); got != out {
						t.Errorf("fold(%q) = %q, want %q", in, got, out)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
}
