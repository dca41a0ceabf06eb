package wintest

import (
	"runtime"
	"testing"
)

// A missing Linux tool skips the test on Windows, with the reason the
// Windows run prints, and nowhere else.
func TestLinuxTools(t *testing.T) {
	var skipped, wentOn bool
	t.Run("missing", func(t *testing.T) {
		defer func() { skipped = t.Skipped() }()
		LinuxTools(t, "tandem-no-such-tool")
		wentOn = true
	})
	if want := runtime.GOOS == "windows"; skipped != want || wentOn == want {
		t.Fatalf("on %s: skipped %v, went on %v", runtime.GOOS, skipped, wentOn)
	}
}

func TestIsWine(t *testing.T) {
	if runtime.GOOS != "windows" && IsWine() {
		t.Fatal("Wine detected off Windows")
	}
	t.Logf("IsWine() = %v on %s", IsWine(), runtime.GOOS)
}
