// Command testwindows cross-compiles the test binaries of every package under
// internal/ and app/ for windows/amd64, runs them under Wine, runs
// `tandem.exe --selftest` there too, and prints what passed, what was
// skipped and why, which failures are only Wine gaps, and the time taken.
// It exits 1 on a real failure. scripts/test-windows.sh prepares Wine first.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
)

func main() {
	wine := flag.String("wine", os.Getenv("WINE"), "the Wine loader (wine64)")
	out := flag.String("out", "build/windows-test", "folder for the .exe files")
	short := flag.Bool("short", true, "pass -test.short (the slow kill and payload tests run shortened)")
	run := flag.String("run", "", "pass -test.run to every test binary")
	parallel := flag.Int("parallel", 2, "test binaries run at the same time")
	flag.Parse()
	if *wine == "" {
		fail("no Wine: run scripts/test-windows.sh, or set WINE")
	}
	start := time.Now()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fail(err.Error())
	}
	pkgs, err := testPackages(flag.Args())
	if err != nil {
		fail(err.Error())
	}
	// The longest runs start first, so two at a time finish together.
	sort.SliceStable(pkgs, func(i, j int) bool { return weight(pkgs[i].path) > weight(pkgs[j].path) })
	results := make([]*pkgResult, len(pkgs))
	var printMu sync.Mutex
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(*parallel, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = testPackage(pkgs[i], *out, *wine, *short, *run)
				printMu.Lock()
				results[i].print()
				printMu.Unlock()
			}
		}()
	}
	for i := range pkgs {
		next <- i
	}
	close(next)
	wg.Wait()
	st := selftest(*wine, *out)
	summary(results, st, *short, time.Since(start))
	if st.failed || anyRealFailure(results) {
		os.Exit(1)
	}
}

// weight orders the packages by how long their tests take under Wine.
func weight(path string) int {
	switch path {
	case "tandem/internal/sqlite":
		return 3
	case "tandem/app":
		return 2
	case "tandem/internal/backup":
		return 1
	}
	return 0
}

// testPackage builds one package's test binary and runs it under Wine.
func testPackage(p pkg, out, wine string, short bool, runPattern string) *pkgResult {
	r := &pkgResult{pkg: p.path, started: time.Now()}
	exe, err := filepath.Abs(filepath.Join(out, strings.ReplaceAll(p.path, "/", "_")+".test.exe"))
	if err != nil {
		r.buildErr = err.Error()
		return r
	}
	if msg, err := buildTests(p, exe); err != nil {
		r.buildErr = msg
		return r
	}
	r.started = time.Now() // the time shown is the run's, without the build
	r.run(wine, exe, p.dir, short, runPattern)
	return r
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, "test-windows:", msg)
	os.Exit(2)
}

type pkg struct{ path, dir, name string }

// testPackages lists the packages under internal/ and app/ that have tests.
func testPackages(only []string) ([]pkg, error) {
	patterns := only
	if len(patterns) == 0 {
		patterns = []string{"./internal/...", "./app/..."}
	}
	args := append([]string{"list", "-f", "{{if or .TestGoFiles .XTestGoFiles}}{{.ImportPath}}\t{{.Dir}}\t{{.Name}}{{end}}"}, patterns...)
	cmd := exec.Command("go", args...)
	cmd.Env = windowsEnv()
	cmd.Stderr = os.Stderr
	b, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %v", err)
	}
	var pkgs []pkg
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if f := strings.Split(line, "\t"); len(f) == 3 {
			pkgs = append(pkgs, pkg{f[0], f[1], f[2]})
		}
	}
	return pkgs, nil
}

func windowsEnv() []string {
	return append(os.Environ(), "GOOS=windows", "GOARCH=amd64", "CGO_ENABLED=0")
}

// buildTests compiles one package's tests. An overlay adds a file that
// imports internal/wintest to the package, and the tag winetest with
// -checklinkname=0 lets it switch os.RemoveAll to the delete call Wine
// implements (see internal/wintest) — for every package, also new ones.
func buildTests(p pkg, exe string) (string, error) {
	args := []string{"test", "-c", "-tags", "winetest", "-ldflags=-checklinkname=0", "-o", exe}
	if p.path != "tandem/internal/wintest" { // it would import itself
		overlay, err := wintestOverlay(p, filepath.Dir(exe))
		if err != nil {
			return err.Error(), err
		}
		args = append(args, "-overlay", overlay)
	}
	cmd := exec.Command("go", append(args, p.path)...)
	cmd.Env = windowsEnv()
	b, err := cmd.CombinedOutput()
	return string(b), err
}

// wintestOverlay writes the overlay's files below out/_overlay: go's ./...
// patterns skip folders starting with "_", so go vet ./... never sees them.
func wintestOverlay(p pkg, out string) (string, error) {
	dir := filepath.Join(out, "_overlay")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	base := filepath.Join(dir, strings.ReplaceAll(p.path, "/", "_"))
	src := base + ".wintest.go"
	code := "package " + p.name + "\n\nimport _ \"tandem/internal/wintest\"\n"
	if err := os.WriteFile(src, []byte(code), 0o644); err != nil {
		return "", err
	}
	src, _ = filepath.Abs(src)
	b, err := json.Marshal(map[string]map[string]string{"Replace": {filepath.Join(p.dir, "zz_wintest_test.go"): src}})
	if err != nil {
		return "", err
	}
	if err := os.WriteFile(base+".overlay.json", b, 0o644); err != nil {
		return "", err
	}
	return base + ".overlay.json", nil
}

// event is one line of test2json output.
type event struct {
	Action  string
	Test    string
	Output  string
	Elapsed float64
}

type testResult struct {
	name, action string
	output       []string
}

type pkgResult struct {
	pkg      string
	started  time.Time
	elapsed  time.Duration
	buildErr string
	exitErr  string
	tests    map[string]*testResult
	order    []string
	pkgOut   []string
	passed   bool
}

func (r *pkgResult) run(wine, exe, dir string, short bool, runPattern string) {
	r.tests = map[string]*testResult{}
	args := []string{"tool", "test2json", "-t", "-p", r.pkg, wine, exe, "-test.v=test2json", "-test.count=1", "-test.timeout=20m"}
	if short {
		args = append(args, "-test.short")
	}
	if runPattern != "" {
		args = append(args, "-test.run="+runPattern)
	}
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "WINEDEBUG=-all")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		r.exitErr = err.Error()
		return
	}
	if err := cmd.Start(); err != nil {
		r.exitErr = err.Error()
		return
	}
	logFile, lerr := os.Create(strings.TrimSuffix(exe, ".test.exe") + ".log")
	if lerr != nil {
		r.exitErr = lerr.Error()
		return
	}
	defer logFile.Close()
	r.read(stdout, logFile)
	err = cmd.Wait()
	r.elapsed = time.Since(r.started)
	if err != nil && r.passed {
		r.passed = false
	}
	if err != nil {
		r.exitErr = strings.TrimSpace(err.Error() + "\n" + stderr.String())
	}
}

// read takes test2json's events apart and writes the plain -v text to log.
func (r *pkgResult) read(stdout io.Reader, log io.Writer) {
	sc := bufio.NewScanner(stdout)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var e event
		if json.Unmarshal(sc.Bytes(), &e) != nil {
			r.pkgOut = append(r.pkgOut, sc.Text())
			fmt.Fprintln(log, sc.Text())
			continue
		}
		io.WriteString(log, e.Output)
		if e.Test == "" {
			switch e.Action {
			case "output":
				r.pkgOut = append(r.pkgOut, strings.TrimRight(e.Output, "\n"))
			case "pass":
				r.passed = true
			}
			continue
		}
		t := r.tests[e.Test]
		if t == nil {
			t = &testResult{name: e.Test}
			r.tests[e.Test] = t
			r.order = append(r.order, e.Test)
		}
		switch e.Action {
		case "output":
			t.output = append(t.output, strings.TrimRight(e.Output, "\n"))
		case "pass", "fail", "skip":
			t.action = e.Action
		}
	}
}

var (
	cleanupGap = regexp.MustCompile(`TempDir RemoveAll cleanup: .*Invalid function`)
	reasonLine = regexp.MustCompile(`^\s+\S+\.go:\d+: (.*)$`)
)

// wineGap tells a failure that is only Wine's missing delete call from a real one.
func (t *testResult) wineGap() bool {
	gap := false
	for _, l := range t.output {
		m := reasonLine.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		if !cleanupGap.MatchString(l) {
			return false
		}
		gap = true
	}
	return gap
}

// reason is the last message a skipped test logged (its t.Skip text).
func (t *testResult) reason() string {
	for i := len(t.output) - 1; i >= 0; i-- {
		if m := reasonLine.FindStringSubmatch(t.output[i]); m != nil && strings.TrimSpace(m[1]) != "" {
			return m[1]
		}
	}
	return "(no reason given)"
}

func (r *pkgResult) counts() (pass, skip, realFail, gaps int) {
	for _, name := range r.order {
		t := r.tests[name]
		switch {
		case t.action == "pass":
			pass++
		case t.action == "skip":
			skip++
		case t.action == "fail" && t.wineGap():
			gaps++
		case t.action == "fail" && !hasFailedSubtest(r, name):
			realFail++
		}
	}
	return
}

// hasFailedSubtest: a parent fails with its subtests; count the subtests only.
func hasFailedSubtest(r *pkgResult, name string) bool {
	for _, other := range r.order {
		if strings.HasPrefix(other, name+"/") && r.tests[other].action == "fail" {
			return true
		}
	}
	return false
}

func (r *pkgResult) realFailure() bool {
	if r.buildErr != "" {
		return true
	}
	_, _, realFail, _ := r.counts()
	if realFail > 0 {
		return true
	}
	// A crash or timeout outside any test, or a fail without a failed test.
	return !r.passed && !r.onlyGaps()
}

func (r *pkgResult) onlyGaps() bool {
	_, _, realFail, gaps := r.counts()
	return realFail == 0 && gaps > 0
}

func (r *pkgResult) print() {
	if r.buildErr != "" {
		fmt.Printf("FAIL  %s (build)\n%s\n", r.pkg, r.buildErr)
		return
	}
	pass, skip, realFail, gaps := r.counts()
	status := "ok  "
	switch {
	case r.realFailure():
		status = "FAIL"
	case gaps > 0:
		status = "gap "
	}
	fmt.Printf("%s  %-28s %6.1fs  %d passed, %d skipped, %d failed, %d Wine gaps\n",
		status, r.pkg, r.elapsed.Seconds(), pass, skip, realFail, gaps)
	if !r.realFailure() {
		return
	}
	for _, name := range r.order {
		t := r.tests[name]
		if t.action == "fail" && !t.wineGap() && !hasFailedSubtest(r, name) {
			fmt.Printf("      --- FAIL %s\n", name)
			shown := 0
			for _, l := range t.output {
				if strings.HasPrefix(l, "=== ") || strings.HasPrefix(strings.TrimSpace(l), "--- ") || shown == 12 {
					continue
				}
				fmt.Printf("      %s\n", strings.TrimSpace(l))
				shown++
			}
		}
	}
	if realFail == 0 {
		tail := r.pkgOut
		if len(tail) > 30 {
			tail = tail[len(tail)-30:]
		}
		fmt.Printf("      %s\n      %s\n", strings.Join(tail, "\n      "), r.exitErr)
	}
}

func anyRealFailure(rs []*pkgResult) bool {
	for _, r := range rs {
		if r.realFailure() {
			return true
		}
	}
	return false
}

func summary(rs []*pkgResult, st selftestResult, short bool, total time.Duration) {
	var passed, failed, gapPkgs []string
	skips := map[string][]string{}
	var gaps []string
	for _, r := range rs {
		switch {
		case r.realFailure():
			failed = append(failed, r.pkg)
		case r.onlyGaps():
			gapPkgs = append(gapPkgs, r.pkg)
		default:
			passed = append(passed, r.pkg)
		}
		for _, name := range r.order {
			t := r.tests[name]
			if t.action == "skip" {
				skips[t.reason()] = append(skips[t.reason()], strings.TrimPrefix(r.pkg, "tandem/")+"."+name)
			}
			if t.action == "fail" && t.wineGap() {
				gaps = append(gaps, strings.TrimPrefix(r.pkg, "tandem/")+"."+name)
			}
		}
	}
	fmt.Println("\n== Windows test run under Wine ==")
	fmt.Printf("packages passed: %d/%d\n", len(passed), len(rs))
	if len(gapPkgs) > 0 {
		fmt.Printf("packages passed except for Wine gaps: %s\n", strings.Join(gapPkgs, ", "))
	}
	if len(failed) > 0 {
		fmt.Printf("packages FAILED: %s\n", strings.Join(failed, ", "))
	}
	if short {
		fmt.Println("ran with -test.short: the kill tests and the large payload tests are shortened (see their testing.Short checks)")
	}
	reasons := make([]string, 0, len(skips))
	for reason := range skips {
		reasons = append(reasons, reason)
	}
	sort.Strings(reasons)
	fmt.Printf("tests skipped: %d\n", countAll(skips))
	for _, reason := range reasons {
		fmt.Printf("  %d× %s\n      %s\n", len(skips[reason]), reason, strings.Join(skips[reason], ", "))
	}
	fmt.Println("Wine gaps (differences of Wine 8 from Windows 10/11, not faults of Tandem):")
	fmt.Println("  - bcryptprimitives.dll is missing: scripts/wine/bcryptprimitives.c stands in (ProcessPrng → RtlGenRandom)")
	fmt.Println("  - os.RemoveAll's FileDispositionInformationEx answers \"Invalid function\": the test binaries use Go's fallback delete under Wine (internal/wintest)")
	if len(gaps) > 0 {
		fmt.Printf("  - tests that failed only on the cleanup message: %s\n", strings.Join(gaps, ", "))
	}
	fmt.Printf("selftest: %s\n", st.summary)
	fmt.Printf("total time: %s (each package's full output: build/windows-test/*.log)\n", total.Round(time.Second))
}

func countAll(m map[string][]string) int {
	n := 0
	for _, v := range m {
		n += len(v)
	}
	return n
}
