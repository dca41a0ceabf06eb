// Package wintest holds what the tests need to run as Windows binaries
// (scripts/test-windows.sh runs them under Wine): telling Wine from Windows,
// and skipping checks that need Linux-only tools. Only tests import it.
package wintest

import (
	"os/exec"
	"runtime"
	"testing"
)

// LinuxTools skips t in the Windows test run when one of tools is missing:
// poppler, qpdf and python3-icalendar are Linux packages there. On Linux a
// missing tool is left to the test to fail on, since install-deps.sh
// installs them.
func LinuxTools(t testing.TB, tools ...string) {
	t.Helper()
	if runtime.GOOS != "windows" {
		return
	}
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("needs %s (Linux tool), not available in the Windows test run", tool)
		}
	}
}

// Missing skips t in the Windows test run, where tool (a Linux package) is
// not found; on Linux it does nothing and the caller fails as before.
func Missing(t testing.TB, tool string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skipf("needs %s (Linux tool), not available in the Windows test run", tool)
	}
}
