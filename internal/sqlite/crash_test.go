package sqlite_test

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"tandem/internal/backup"
	"tandem/internal/sqlite"
)

// TestKillWhileCommitting: a child process (this test binary again) opens
// the database and commits transactions in a loop, each one person, one
// note, three agreements and a counter row, and prints the counter after
// each commit. The parent kills it with SIGKILL at a random moment (also
// while it opens and migrates, and in every fourth round while backups are
// being written), then opens the file the way the app does: every reported
// commit must be there, no transaction half applied, integrity_check ok,
// and every backup that is visible passes backup.Check. One round takes
// 60–150 ms (process start, open with integrity_check, checks).
//
// Rounds: 200, 20 with -short; TANDEM_KILL_ROUNDS overrides, TANDEM_KILL_SEED
// repeats a run.
const killChildEnv = "TANDEM_TEST_KILL_CHILD"

func TestKillWhileCommitting(t *testing.T) {
	if path := os.Getenv(killChildEnv); path != "" {
		killChild(path, os.Getenv(killChildEnv+"_BACKUP"))
		return
	}
	rounds := 200
	if testing.Short() {
		rounds = 20
	}
	if s := os.Getenv("TANDEM_KILL_ROUNDS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			t.Fatalf("TANDEM_KILL_ROUNDS=%q", s)
		}
		rounds = n
	}
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("TANDEM_KILL_SEED"); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	rng := rand.New(rand.NewPCG(seed, 6))
	t.Logf("seed %d (TANDEM_KILL_SEED), %d rounds", seed, rounds)

	dir := t.TempDir()
	path := filepath.Join(dir, "tandem.db")
	backupDir := filepath.Join(dir, "Sicherungen")
	reported := map[int64]bool{}
	var lastMax int64
	var commits, backupsChecked, killedInOpen int
	start := time.Now()

	for round := 1; round <= rounds; round++ {
		withBackup := round%4 == 0
		cmd := exec.Command(os.Args[0], "-test.run=^TestKillWhileCommitting$")
		cmd.Env = append(os.Environ(), killChildEnv+"="+path)
		if withBackup {
			cmd.Env = append(cmd.Env, killChildEnv+"_BACKUP="+backupDir)
		}
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		ready := make(chan struct{})
		var lines []string
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			sc := bufio.NewScanner(stdout)
			once := sync.Once{}
			for sc.Scan() {
				line := sc.Text()
				if line == "ready" {
					once.Do(func() { close(ready) })
				}
				lines = append(lines, line)
			}
			once.Do(func() { close(ready) })
		}()
		// Mostly kill while committing; one round in eight at any moment
		// from process start, which includes Open (integrity check, migrations).
		// Backup rounds last longer, so that some backups are finished.
		switch {
		case rng.IntN(8) == 0:
			time.Sleep(time.Duration(rng.IntN(60_000)) * time.Microsecond)
		case withBackup:
			<-ready
			time.Sleep(time.Duration(rng.IntN(250_000)) * time.Microsecond)
		default:
			<-ready
			time.Sleep(time.Duration(rng.IntN(40_000)) * time.Microsecond)
		}
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		wg.Wait()

		sawReady := false
		for _, line := range lines {
			switch {
			case line == "ready":
				sawReady = true
			case strings.HasPrefix(line, "commit "):
				n, err := strconv.ParseInt(strings.TrimPrefix(line, "commit "), 10, 64)
				if err != nil {
					t.Fatalf("round %d: child said %q", round, line)
				}
				reported[n] = true
				commits++
			case strings.HasPrefix(line, "child-error"):
				t.Fatalf("round %d: %s\n%s", round, line, stderr.String())
			}
		}
		if !sawReady {
			killedInOpen++
		}
		lastMax = verifyAfterKill(t, round, path, reported, lastMax)
		if withBackup {
			backupsChecked += verifyBackups(t, round, backupDir)
		}
	}
	lost := 0
	for n := range reported {
		if n > lastMax {
			lost++
		}
	}
	t.Logf("%d rounds in %v: %d commits reported, %d lost, %d rounds killed before ready, %d backups checked, %d unfinished temp files left (not listed)",
		rounds, time.Since(start).Round(time.Millisecond), commits, lost, killedInOpen, backupsChecked, leftovers)
}

// verifyAfterKill opens the killed child's database as the app does and
// checks it; it returns the highest counter stored.
func verifyAfterKill(t *testing.T, round int, path string, reported map[int64]bool, lastMax int64) int64 {
	t.Helper()
	ctx := context.Background()
	if _, err := os.Stat(path); os.IsNotExist(err) {
		if len(reported) > 0 {
			t.Fatalf("round %d: database file gone", round)
		}
		return 0
	}
	db, err := sqlite.Open(ctx, path) // the marker is there: runs integrity_check
	if err != nil {
		t.Fatalf("round %d: open after kill: %v", round, err)
	}
	if r := db.Recovery(); r != nil {
		t.Fatalf("round %d: open after kill moved the file aside: %+v", round, r)
	}
	var max, rows, people, notes, agreements, orphanPeople, orphanNotes, orphanAgreements int64
	var check string
	err = db.ExecInTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name = 'crash_log'`).Scan(&rows); err != nil || rows == 0 {
			rows = 0
			return err // killed before the first setup committed
		}
		for _, q := range []struct {
			sql  string
			dest *int64
		}{
			{`SELECT coalesce(max(n), 0) FROM crash_log`, &max},
			{`SELECT count(*) FROM crash_log`, &rows},
			{`SELECT count(*) FROM crash_log c JOIN people p ON p.id = c.person_id AND p.last_name = 'K' || c.n`, &people},
			{`SELECT count(*) FROM crash_log c JOIN notes o ON o.id = c.note_id AND o.text LIKE 'kill ' || c.n || ' %'`, &notes},
			{`SELECT count(*) FROM crash_log c JOIN agreements a ON a.owner_id = c.person_id`, &agreements},
			{`SELECT count(*) FROM people WHERE first_name = 'Kill' AND id NOT IN (SELECT person_id FROM crash_log)`, &orphanPeople},
			{`SELECT count(*) FROM notes WHERE text LIKE 'kill %' AND id NOT IN (SELECT note_id FROM crash_log)`, &orphanNotes},
			{`SELECT count(*) FROM agreements WHERE owner_id NOT IN (SELECT person_id FROM crash_log)`, &orphanAgreements},
		} {
			if err := tx.QueryRow(q.sql).Scan(q.dest); err != nil {
				return fmt.Errorf("%s: %w", q.sql, err)
			}
		}
		return tx.QueryRow(`PRAGMA integrity_check`).Scan(&check)
	})
	if cerr := db.Close(); cerr != nil {
		t.Fatalf("round %d: close: %v", round, cerr)
	}
	if err != nil {
		t.Fatalf("round %d: %v", round, err)
	}
	if rows == 0 && max == 0 {
		if len(reported) > 0 {
			t.Fatalf("round %d: counter table lost", round)
		}
		return 0
	}
	if check != "ok" {
		t.Fatalf("round %d: integrity_check = %q", round, check)
	}
	for n := range reported {
		if n > max {
			t.Fatalf("round %d: commit %d was reported but the highest stored is %d", round, n, max)
		}
	}
	if max < lastMax {
		t.Fatalf("round %d: highest commit went back from %d to %d", round, lastMax, max)
	}
	if rows != max || people != max || notes != max || agreements != 3*max {
		t.Fatalf("round %d: half applied: counter 1..%d, rows %d, people %d, notes %d, agreements %d", round, max, rows, people, notes, agreements)
	}
	if orphanPeople+orphanNotes+orphanAgreements != 0 {
		t.Fatalf("round %d: half applied: %d people, %d notes, %d agreements without their counter row", round, orphanPeople, orphanNotes, orphanAgreements)
	}
	return max
}

var leftovers int // files in the backup folder that List does not show (temp files of killed backups)

// verifyBackups checks every backup a killed child left visible, then
// removes them to keep the folder small.
func verifyBackups(t *testing.T, round int, dir string) int {
	t.Helper()
	list, err := backup.List(dir)
	if err != nil {
		t.Fatalf("round %d: list backups: %v", round, err)
	}
	for _, b := range list {
		if err := backup.Check(b.Path); err != nil {
			t.Fatalf("round %d: visible backup %s fails the check: %v", round, filepath.Base(b.Path), err)
		}
		os.Remove(b.Path)
	}
	// What a kill leaves besides (unfinished temp files) is not listed, so never offered.
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		leftovers += len(entries)
		os.RemoveAll(dir)
	}
	return len(list)
}

// killChild is the child's side: open, commit and report until killed.
func killChild(path, backupDir string) {
	ctx := context.Background()
	fail := func(err error) {
		fmt.Printf("child-error %v\n", err)
		os.Exit(2)
	}
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		fail(err)
	}
	now := time.Now().UTC().Format(time.RFC3339)
	var n int64
	err = db.ExecInTx(ctx, func(tx *sql.Tx) error {
		for _, q := range []string{
			`CREATE TABLE IF NOT EXISTS crash_log (n INTEGER PRIMARY KEY, person_id INTEGER NOT NULL REFERENCES people (id), note_id INTEGER NOT NULL REFERENCES notes (id))`,
			`INSERT INTO groups (id, kind, name, name_key, created_at, updated_at) VALUES (1, 'peer_mentees', 'Kill', 'kill', ?1, ?1) ON CONFLICT DO NOTHING`,
			`INSERT INTO sessions (id, kind, group_id, date, start_time, duration_minutes, created_at, updated_at) VALUES (1, 'peer_group', 1, '2026-01-01', '10:00', 60, ?1, ?1) ON CONFLICT DO NOTHING`,
		} {
			if _, err := tx.Exec(q, now); err != nil {
				return fmt.Errorf("%s: %w", q, err)
			}
		}
		return tx.QueryRow(`SELECT coalesce(max(n), 0) FROM crash_log`).Scan(&n)
	})
	if err != nil {
		fail(err)
	}
	os.Stdout.WriteString("ready\n")
	if backupDir != "" {
		go func() {
			for {
				if _, err := backup.Create(ctx, db, backupDir, backup.KindAuto, time.Now()); err != nil {
					fail(fmt.Errorf("backup: %w", err))
				}
				time.Sleep(5 * time.Millisecond)
			}
		}()
	}
	filler := strings.Repeat("Gesprächsnotiz mit Ümlauten und etwas Text. ", 40) // ~1.8 KB: pages split, the WAL checkpoints
	for i := 0; i < 1_000_000; i++ {
		n++
		err := db.ExecInTx(ctx, func(tx *sql.Tx) error {
			res, err := tx.Exec(`INSERT INTO people (first_name, last_name, sort_key, search_key, created_at, updated_at) VALUES ('Kill', ?1, ?1, ?1, ?2, ?2)`, "K"+strconv.FormatInt(n, 10), now)
			if err != nil {
				return err
			}
			person, _ := res.LastInsertId()
			res, err = tx.Exec(`INSERT INTO notes (session_id, text, created_at, updated_at) VALUES (1, ?1, ?2, ?2)`, fmt.Sprintf("kill %d %s", n, filler), now)
			if err != nil {
				return err
			}
			note, _ := res.LastInsertId()
			for a := 1; a <= 3; a++ {
				if _, err := tx.Exec(`INSERT INTO agreements (session_id, text, owner_id, created_at, updated_at) VALUES (1, ?1, ?2, ?3, ?3)`, fmt.Sprintf("Vereinbarung %d.%d", n, a), person, now); err != nil {
					return err
				}
			}
			_, err = tx.Exec(`INSERT INTO crash_log (n, person_id, note_id) VALUES (?1, ?2, ?3)`, n, person, note)
			return err
		})
		if err != nil {
			fail(err)
		}
		os.Stdout.WriteString("commit " + strconv.FormatInt(n, 10) + "\n")
	}
	db.Close()
	os.Exit(0)
}
