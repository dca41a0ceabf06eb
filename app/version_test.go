package app

import (
	"os"
	"regexp"
	"testing"
)

// The installer and the MSI need MAJOR.MINOR.PATCH (scripts/windows-build.sh).
func TestProjectVersion(t *testing.T) {
	data, err := os.ReadFile("../wails.json")
	if err != nil {
		t.Fatal(err)
	}
	if v := ProjectVersion(data); !regexp.MustCompile(`^\d+\.\d+\.\d+$`).MatchString(v) {
		t.Fatalf("wails.json info.productVersion = %q, want MAJOR.MINOR.PATCH", v)
	}
	if v := ProjectVersion([]byte(`{"info":{}}`)); v != "unbekannt" {
		t.Fatalf("without a version: %q", v)
	}
}
