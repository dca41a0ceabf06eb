package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

type selftestResult struct {
	failed  bool
	summary string
}

// selftest builds the release-like tandem.exe (GUI subsystem, production
// tags) and runs --selftest under Wine: once in a fresh folder on C:, which
// must pass, and on folders that cannot work, which must fail with a German
// line and exit status 1, never a crash.
func selftest(wine, out string) selftestResult {
	exe, err := filepath.Abs(filepath.Join(out, "tandem.exe"))
	if err != nil {
		return selftestResult{true, err.Error()}
	}
	build := exec.Command("go", "build", "-tags", "desktop,production", "-ldflags", "-H windowsgui", "-o", exe, ".")
	build.Env = windowsEnv()
	if b, err := build.CombinedOutput(); err != nil {
		fmt.Printf("FAIL  tandem.exe (build)\n%s\n", b)
		return selftestResult{true, "tandem.exe did not build"}
	}
	stamp := time.Now().Format("20060102-150405")
	fresh := `C:\tandem-selftest\` + stamp
	defer os.RemoveAll(filepath.Join(os.Getenv("WINEPREFIX"), "drive_c", "tandem-selftest", stamp))

	start := time.Now()
	outText, code := runSelftest(wine, exe, fresh)
	took := time.Since(start)
	failed := code != 0 || !strings.Contains(outText, "Selbsttest bestanden")
	fmt.Printf("%s  tandem.exe --selftest %s  %.1fs, exit %d\n      %s\n", status(!failed), fresh, took.Seconds(), code,
		strings.ReplaceAll(strings.TrimSpace(outText), "\n", "\n      "))

	bad := []string{`Q:\nirgendwo`, `C:\a<b`, `Z:\proc\tandem-selftest`}
	for _, dir := range bad {
		text, code := runSelftest(wine, exe, dir)
		ok := code == 1 && strings.Contains(text, "FEHLER – ") && !strings.Contains(text, "goroutine ") && !strings.Contains(text, "panic")
		failed = failed || !ok
		fmt.Printf("%s  tandem.exe --selftest %s  exit %d: %s\n", status(ok), dir, code, firstError(text))
	}
	verdict := "passed"
	if failed {
		verdict = "FAILED"
	}
	return selftestResult{failed, fmt.Sprintf("%s (fresh folder in %.1fs under Wine; %d unusable folders refused in German)", verdict, took.Seconds(), len(bad))}
}

func runSelftest(wine, exe, dir string) (string, int) {
	cmd := exec.Command(wine, exe, "--selftest", dir)
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		return err.Error(), -1
	}
	return buf.String(), code
}

func status(ok bool) string {
	if ok {
		return "ok  "
	}
	return "FAIL"
}

func firstError(text string) string {
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, "FEHLER") {
			return strings.TrimSpace(l)
		}
	}
	return strings.TrimSpace(text)
}
