// Command startup measures how long the production build of Tandem takes
// from process start until its people list shows data, and the same for an
// empty Wails window (bench/emptyapp), both under one Xvfb server, and
// prints both and their ratio. The goal is at most 1.2×.
//
//	go run ./bench/startup -app build/bin/tandem [-runs 5] [-people 200]
//
// Both apps report readiness through the Wails runtime (LogInfo), which the
// production logger prints as "INF | …" on stderr; the clock stops at the
// first line containing "tandem:ready people-list rows=N" with N > 0
// (Tandem, started with --section personen on a database seeded with
// -people people) or "tandem:ready empty" (the empty app). After one
// warm-up run per app the runs alternate between the two apps; median and
// minimum are reported. It exits 1 if an app never reports ready within
// -timeout, and 0 otherwise, whether the goal is met or not.
//
// Needs Xvfb (package xvfb) and, unless -empty names a built empty app, the
// Go toolchain with the WebKitGTK 4.1 headers to build bench/emptyapp.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"tandem/internal/domain"
	"tandem/internal/sqlite"
)

// goal is the largest acceptable ratio of Tandem's median to the empty app's.
const goal = 1.2

var (
	tandemReady = regexp.MustCompile(`tandem:ready people-list rows=(\d+)`)
	emptyReady  = regexp.MustCompile(`tandem:ready empty`)
)

func main() {
	appPath := flag.String("app", "build/bin/tandem", "production build of Tandem")
	emptyPath := flag.String("empty", "", "built bench/emptyapp (default: build it into a temporary folder)")
	runs := flag.Int("runs", 5, "measured runs per app, after one warm-up run each")
	people := flag.Int("people", 200, "people in the seeded database")
	timeout := flag.Duration("timeout", 60*time.Second, "longest wait for an app to report ready")
	verbose := flag.Bool("v", false, "print every run")
	flag.Parse()
	if *runs < 1 || *people < 1 || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	// Ctrl+C ends the runs but still stops the app, Xvfb and removes the
	// temporary folder: the apps run in process groups of their own, so the
	// terminal's signal does not reach them.
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, *appPath, *emptyPath, *runs, *people, *timeout, *verbose)
	cancel()
	if err != nil {
		fmt.Fprintln(os.Stderr, "startup:", err)
		os.Exit(1)
	}
}

// app is one program under test and how it says it is ready.
type app struct {
	name  string
	path  string
	args  func(runDir string) ([]string, error) // command line for one run
	ready func(line string) bool
	times []time.Duration
}

func run(ctx context.Context, appPath, emptyPath string, runs, people int, timeout time.Duration, verbose bool) error {
	tandemBin, err := executable(appPath)
	if err != nil {
		return fmt.Errorf("-app: %w (build it with 'make build')", err)
	}
	tmp, err := os.MkdirTemp("", "tandem-startup-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	if emptyPath == "" {
		emptyPath = filepath.Join(tmp, "emptyapp")
		fmt.Fprintln(os.Stderr, "building bench/emptyapp …")
		if err := buildEmptyApp(emptyPath); err != nil {
			return err
		}
	}
	emptyBin, err := executable(emptyPath)
	if err != nil {
		return fmt.Errorf("-empty: %w", err)
	}

	seed := filepath.Join(tmp, "seed", "tandem.db")
	if err := seedDB(ctx, seed, people); err != nil {
		return fmt.Errorf("seed database: %w", err)
	}

	display, stopX, err := startXvfb(filepath.Join(tmp, "xvfb.log"))
	if err != nil {
		return err
	}
	defer stopX()

	tandem := &app{
		name: "Tandem",
		path: tandemBin,
		args: func(runDir string) ([]string, error) {
			// A fresh copy per run: every start sees the same file, and no
			// run depends on how the previous one was ended.
			db := filepath.Join(runDir, "tandem.db")
			return []string{"--db", db, "--section", "personen"}, copyDB(seed, db)
		},
		ready: func(line string) bool {
			m := tandemReady.FindStringSubmatch(line)
			if m == nil {
				return false
			}
			n, _ := strconv.Atoi(m[1])
			return n > 0
		},
	}
	empty := &app{
		name:  "Empty Wails",
		path:  emptyBin,
		args:  func(string) ([]string, error) { return nil, nil },
		ready: emptyReady.MatchString,
	}
	apps := []*app{tandem, empty}

	env, err := benchEnv(display, tmp)
	if err != nil {
		return err
	}
	for i := 0; i <= runs; i++ {
		for _, a := range apps {
			runDir := filepath.Join(tmp, fmt.Sprintf("run-%d-%s", i, strings.ReplaceAll(a.name, " ", "")))
			if err := os.MkdirAll(runDir, 0o700); err != nil {
				return err
			}
			args, err := a.args(runDir)
			if err != nil {
				return err
			}
			d, out, err := startOnce(ctx, a, args, env, timeout)
			if err != nil {
				if ctx.Err() != nil {
					return fmt.Errorf("%s: %w", a.name, err)
				}
				logName := fmt.Sprintf("startup-%s-failed.log", strings.ToLower(strings.ReplaceAll(a.name, " ", "-")))
				return fmt.Errorf("%s (%s): %w%s", a.name, a.path, err, describeOutput(out, logName))
			}
			label := fmt.Sprintf("run %d", i)
			if i == 0 {
				label = "warm-up"
			} else {
				a.times = append(a.times, d)
			}
			if verbose {
				fmt.Fprintf(os.Stderr, "%-12s %-8s %6d ms\n", a.name, label, d.Milliseconds())
			}
			os.RemoveAll(runDir)
		}
	}

	tMed, tMin := stats(tandem.times)
	eMed, eMin := stats(empty.times)
	ratio := float64(tMed) / float64(eMed)
	fmt.Printf("Start until data shows (Xvfb %s, %d people, median of %d runs after 1 warm-up)\n\n", display, people, runs)
	fmt.Printf("%-28s %10s %10s\n", "", "median", "min")
	fmt.Printf("%-28s %7d ms %7d ms\n", "Tandem (people list)", tMed.Milliseconds(), tMin.Milliseconds())
	fmt.Printf("%-28s %7d ms %7d ms\n", "Empty Wails window", eMed.Milliseconds(), eMin.Milliseconds())
	fmt.Printf("%-28s %9.2f× %9.2f×\n\n", "Ratio Tandem / empty", ratio, float64(tMin)/float64(eMin))
	verdict := "erreicht"
	if ratio > goal {
		verdict = "nicht erreicht"
	}
	fmt.Printf("Ziel ≤ %.1f× (Median): %s\n", goal, verdict)
	return nil
}

// executable returns the absolute path of an executable file.
func executable(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	st, err := os.Stat(abs)
	if err != nil {
		return "", err
	}
	if st.IsDir() || st.Mode()&0o111 == 0 {
		return "", fmt.Errorf("%s is not an executable file", path)
	}
	return abs, nil
}

// buildEmptyApp builds bench/emptyapp with the tags `wails build` uses for
// a Linux production build, into out.
func buildEmptyApp(out string) error {
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	cmd := exec.Command("go", "build", "-tags", "desktop,webkit2_41,production", "-ldflags", "-s -w", "-o", out, "./bench/emptyapp")
	cmd.Dir = root
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("build bench/emptyapp: %v\n%s", err, b)
	}
	return nil
}

// moduleRoot is the folder of the tandem module's go.mod.
func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", errors.New("run this inside the tandem module (go run ./bench/startup)")
	}
	return filepath.Dir(gomod), nil
}

// seedDB creates a database at path with n people in a few departments.
func seedDB(ctx context.Context, path string, n int) error {
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		return err
	}
	var deps []int64
	for _, name := range []string{"Allgemeiner Sozialer Dienst", "Pflegekinderdienst", "Jugendgerichtshilfe", "Wirtschaftliche Jugendhilfe", "Amtsvormundschaft"} {
		d, err := db.CreateDepartment(ctx, domain.DepartmentInput{Name: name})
		if err != nil {
			db.Close()
			return err
		}
		deps = append(deps, d.ID)
	}
	first := []string{"Anna", "Jörg", "Mehmet", "Sophie", "Lukas", "Zoë", "Ines", "Paul", "Fatma", "Tobias", "Ülkü", "Maria"}
	last := []string{"Müller", "Schmidt", "Yılmaz", "Weber", "Becker", "Hoffmann", "Schäfer", "Koch", "Richter", "Wolf", "Neumann", "Krüger"}
	roles := [][]domain.Role{{domain.RoleMentor}, {domain.RoleMentee}, {domain.RoleMentor, domain.RoleTeamLead}, {domain.RoleMentee}}
	for i := range n {
		_, err := db.CreatePerson(ctx, domain.PersonInput{
			FirstName:    first[i%len(first)],
			LastName:     fmt.Sprintf("%s %d", last[(i/len(first))%len(last)], i+1),
			Email:        fmt.Sprintf("person%d@jugendamt.example.de", i+1),
			DepartmentID: deps[i%len(deps)],
			Roles:        roles[i%len(roles)],
			StartDate:    fmt.Sprintf("20%02d-%02d-01", 10+i%15, 1+i%12),
		})
		if err != nil {
			db.Close()
			return fmt.Errorf("person %d: %w", i+1, err)
		}
	}
	return db.Close()
}

// copyDB copies a closed database, with its write-ahead log if one is left.
func copyDB(from, to string) error {
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(from + suffix)
		if suffix != "" && errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		if err := os.WriteFile(to+suffix, b, 0o600); err != nil {
			return err
		}
	}
	return nil
}

// startXvfb starts an X server on a display it picks itself (-displayfd)
// and returns that display and a function that stops the server.
func startXvfb(logPath string) (string, func(), error) {
	if _, err := exec.LookPath("Xvfb"); err != nil {
		return "", nil, errors.New("Xvfb is missing (run scripts/install-deps.sh)")
	}
	logFile, err := os.Create(logPath)
	if err != nil {
		return "", nil, err
	}
	r, w, err := os.Pipe()
	if err != nil {
		return "", nil, err
	}
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1400x900x24", "-nolisten", "tcp")
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.ExtraFiles = []*os.File{w} // fd 3
	if err := cmd.Start(); err != nil {
		return "", nil, fmt.Errorf("start Xvfb: %w", err)
	}
	w.Close()
	stop := func() {
		cmd.Process.Kill()
		cmd.Wait()
		logFile.Close()
	}

	// Xvfb writes the display number once it accepts connections.
	got := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		got <- strings.TrimSpace(line)
		r.Close()
	}()
	select {
	case n := <-got:
		if n == "" {
			stop()
			b, _ := os.ReadFile(logPath)
			return "", nil, fmt.Errorf("Xvfb did not start:\n%s", b)
		}
		return ":" + n, stop, nil
	case <-time.After(15 * time.Second):
		stop()
		return "", nil, errors.New("Xvfb did not report a display within 15 s")
	}
}

// benchEnv is the environment of every app start: this process's, on the
// bench's own X server, never on Wayland, and with its own XDG folders so
// that no WebKit cache or Tandem setting from the user's profile counts.
func benchEnv(display, tmp string) ([]string, error) {
	xdg := map[string]string{}
	for _, name := range []string{"cache", "config", "data"} {
		dir := filepath.Join(tmp, "xdg", name)
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, err
		}
		xdg[name] = dir
	}
	var env []string
	for _, kv := range os.Environ() {
		switch strings.SplitN(kv, "=", 2)[0] {
		case "DISPLAY", "WAYLAND_DISPLAY", "GDK_BACKEND", "TANDEM_DB", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME":
			continue
		}
		env = append(env, kv)
	}
	return append(env,
		"DISPLAY="+display,
		"GDK_BACKEND=x11",
		"XDG_CACHE_HOME="+xdg["cache"],
		"XDG_CONFIG_HOME="+xdg["config"],
		"XDG_DATA_HOME="+xdg["data"],
	), nil
}

// startOnce starts a, waits for its ready line and ends it again. It
// returns the time from start to the ready line.
// On failure it also returns everything the app printed.
func startOnce(ctx context.Context, a *app, args, env []string, timeout time.Duration) (time.Duration, []string, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return 0, nil, err
	}
	cmd := exec.Command(a.path, args...)
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = w, w // one pipe keeps stdout and stderr in order
	cmd.SysProcAttr = newProcessGroup()

	type line struct {
		text string
		at   time.Time
	}
	lines := make(chan line, 256)
	start := time.Now()
	if err := cmd.Start(); err != nil {
		w.Close()
		r.Close()
		return 0, nil, err
	}
	w.Close()
	go func() {
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 64*1024), 1024*1024)
		for sc.Scan() {
			lines <- line{sc.Text(), time.Now()}
		}
		close(lines)
	}()
	done := make(chan struct{})
	var waitErr error
	go func() { waitErr = cmd.Wait(); close(done) }()
	defer func() {
		stop(cmd, done)
		r.Close()
		for range lines { // let the reader finish
		}
	}()

	var out []string
	deadline := time.After(timeout)
	exited := (<-chan struct{})(done) // nil once seen
	var gone <-chan time.Time         // set once the app has ended: a last look at its output
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				<-done
				return 0, out, fmt.Errorf("ended (%v) before it reported ready", waitErr)
			}
			if a.ready(l.text) {
				return l.at.Sub(start), nil, nil
			}
			out = append(out, l.text)
		case <-exited:
			// Helpers may hold the output open: read what is left, briefly.
			exited = nil
			gone = time.After(500 * time.Millisecond)
		case <-gone:
			return 0, out, fmt.Errorf("ended (%v) before it reported ready", waitErr)
		case <-deadline:
			return 0, out, fmt.Errorf("did not report ready within %s", timeout)
		case <-ctx.Done():
			return 0, nil, errors.New("interrupted")
		}
	}
}

// describeOutput turns what a failed run printed into the end of an error
// message: the first Go panic or fatal signal line, if any, and the last
// lines. The whole output goes to bench/out/<file>, where it outlives the
// temporary folder.
func describeOutput(out []string, file string) string {
	if len(out) == 0 {
		return "; it printed nothing"
	}
	var b strings.Builder
	if root, err := moduleRoot(); err == nil {
		path := filepath.Join(root, "bench", "out", file)
		if os.MkdirAll(filepath.Dir(path), 0o755) == nil &&
			os.WriteFile(path, []byte(strings.Join(out, "\n")+"\n"), 0o644) == nil {
			fmt.Fprintf(&b, "; all its output is in %s", path)
		}
	}
	for _, l := range out {
		if strings.HasPrefix(l, "panic:") || strings.HasPrefix(l, "fatal error:") || strings.HasPrefix(l, "SIG") {
			fmt.Fprintf(&b, "\n  %s\n  …", l)
			break
		}
	}
	tail := out[max(0, len(out)-15):]
	fmt.Fprintf(&b, "\n  last output:\n  %s", strings.Join(tail, "\n  "))
	return b.String()
}

// stop ends cmd (whose Wait closes done): SIGTERM, up to 5 s to finish,
// then SIGKILL, and finally SIGKILL to its process group so that no WebKit
// helper outlives it.
func stop(cmd *exec.Cmd, done <-chan struct{}) {
	select {
	case <-done:
	default:
		terminate(cmd.Process)
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	}
	killGroup(cmd.Process)
}

// stats returns the median and the minimum of ds.
func stats(ds []time.Duration) (median, minimum time.Duration) {
	s := slices.Clone(ds)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		median = s[n/2]
	} else {
		median = (s[n/2-1] + s[n/2]) / 2
	}
	return median, s[0]
}
