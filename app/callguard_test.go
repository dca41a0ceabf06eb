package app

import (
	"os"
	"strings"
	"testing"
)

// The frontend's call guard (frontend/src/lib/callGuard.ts) answers calls
// Wails refuses before they reach Go with the "request.invalid" AppError;
// its German text must be the one this package shows.
func TestCallGuardSpeaksLikeGo(t *testing.T) {
	src, err := os.ReadFile("../frontend/src/lib/callGuard.ts")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"key: 'request.invalid'", "code: 'invalid'", "message: '" + messages["request.invalid"] + "'"} {
		if !strings.Contains(string(src), want) {
			t.Errorf("callGuard.ts lacks %s", want)
		}
	}
}
