package backup_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"tandem/internal/backup"
	"tandem/internal/domain"
	"tandem/internal/sqlite"
)

func openDB(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "tandem.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func addPerson(t *testing.T, db *sqlite.DB, last string) {
	t.Helper()
	if _, err := db.CreatePerson(context.Background(), domain.PersonInput{FirstName: "Erika", LastName: last}); err != nil {
		t.Fatal(err)
	}
}

// lastNames reads the people of a database file directly.
func lastNames(t *testing.T, path string) []string {
	t.Helper()
	db, err := sql.Open("sqlite", path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query("SELECT last_name FROM people ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

func wantKey(t *testing.T, err error, key string) {
	t.Helper()
	if err == nil {
		t.Fatalf("want %s, got nil", key)
	}
	if got := domain.AsError(err).Key; got != key {
		t.Fatalf("want %s, got %v", key, err)
	}
}

var fixed = time.Date(2026, 11, 23, 14, 5, 0, 0, time.Local)

func TestCreateChecksAndHoldsData(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	addPerson(t, db, "Musterfrau")
	dir := filepath.Join(t.TempDir(), "Sicherungen")
	info, err := backup.Create(ctx, db, dir, backup.KindAuto, fixed)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(info.Path) != "tandem-2026-11-23T1405-auto.db" || info.Encrypted || info.Kind != "auto" || info.Size == 0 {
		t.Fatalf("info %+v", info)
	}
	if err := backup.Check(info.Path); err != nil {
		t.Fatal(err)
	}
	if got := lastNames(t, info.Path); len(got) != 1 || got[0] != "Musterfrau" {
		t.Fatalf("people in backup: %v", got)
	}
	// A second one in the same minute gets its own name; temp files and
	// foreign files are not listed.
	info2, err := backup.Create(ctx, db, dir, backup.KindAuto, fixed)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(info2.Path) != "tandem-2026-11-23T1405-auto-2.db" {
		t.Fatalf("second name %s", info2.Path)
	}
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("x"), 0o600)
	os.WriteFile(filepath.Join(dir, ".tandem-tmp-1.db"), []byte("x"), 0o600)
	list, err := backup.List(dir)
	if err != nil || len(list) != 2 || list[0].Path != info2.Path {
		t.Fatalf("list %+v %v", list, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 4 {
		t.Fatalf("files left behind: %v", entries)
	}
}

func TestCheckRefusesDamaged(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	for i := 0; i < 300; i++ {
		addPerson(t, db, "Person")
	}
	dir := t.TempDir()
	info, err := backup.Create(ctx, db, dir, backup.KindManual, fixed)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(info.Path)
	for i := 4096 * 2; i < len(data); i += 7 { // scribble over every page after the first two
		data[i] ^= 0x5a
	}
	os.WriteFile(info.Path, data, 0o600)
	wantKey(t, backup.Check(info.Path), "backup.damaged")
	_, err = backup.Prepare(ctx, info.Path, "", t.TempDir(), sqlite.KnownSchemaVersion())
	wantKey(t, err, "backup.damaged")

	junk := filepath.Join(dir, "tandem-2026-01-01T0000-auto.db")
	os.WriteFile(junk, []byte("kein SQLite"), 0o600)
	wantKey(t, backup.Check(junk), "backup.damaged")
	wantKey(t, backup.Check(filepath.Join(dir, "fehlt.db")), "backup.not_found")
}

func TestEncryptedRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	addPerson(t, db, "Geheim")
	dir := t.TempDir()
	info, err := backup.CreateIn(ctx, db, dir, backup.KindManual, fixed, "richtig-geheim")
	if err != nil {
		t.Fatal(err)
	}
	if !info.Encrypted || filepath.Base(info.Path) != "tandem-2026-11-23T1405-manual.db.age" {
		t.Fatalf("info %+v", info)
	}
	raw, _ := os.ReadFile(info.Path)
	if string(raw[:21]) != "age-encryption.org/v1" {
		t.Fatalf("not an age file: %q", raw[:21])
	}
	wantKey(t, backup.Check(info.Path), "backup.passphrase_required")
	// No plaintext left anywhere.
	for _, d := range []string{dir, filepath.Dir(db.Path())} {
		entries, _ := os.ReadDir(d)
		for _, e := range entries {
			if filepath.Ext(e.Name()) == ".db" && filepath.Join(d, e.Name()) != db.Path() {
				t.Fatalf("plaintext left: %s", e.Name())
			}
		}
	}
	work := t.TempDir()
	_, err = backup.Prepare(ctx, info.Path, "falsch-falsch", work, sqlite.KnownSchemaVersion())
	wantKey(t, err, "backup.passphrase_wrong")
	_, err = backup.Prepare(ctx, info.Path, "", work, sqlite.KnownSchemaVersion())
	wantKey(t, err, "backup.passphrase_required")
	if entries, _ := os.ReadDir(work); len(entries) != 0 {
		t.Fatalf("refused restore left files: %v", entries)
	}
	tmp, err := backup.Prepare(ctx, info.Path, "richtig-geheim", work, sqlite.KnownSchemaVersion())
	if err != nil {
		t.Fatal(err)
	}
	if got := lastNames(t, tmp); len(got) != 1 || got[0] != "Geheim" {
		t.Fatalf("decrypted people %v", got)
	}
	// Damaged ciphertext: refused as damaged.
	raw[len(raw)-10] ^= 1
	bad := filepath.Join(dir, "tandem-2026-11-23T1406-manual.db.age")
	os.WriteFile(bad, raw, 0o600)
	_, err = backup.Prepare(ctx, bad, "richtig-geheim", t.TempDir(), sqlite.KnownSchemaVersion())
	wantKey(t, err, "backup.damaged")

	wantKey(t, backup.ValidatePassphrase("kurz"), "backup.passphrase_short")
}

func TestPrepareRefusesNewerSchemaAndForeignDB(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	foreign := filepath.Join(dir, "fremd.db")
	f, _ := sql.Open("sqlite", foreign)
	f.Exec("CREATE TABLE x(a); PRAGMA user_version = 3")
	f.Close()
	_, err := backup.Prepare(ctx, foreign, "", t.TempDir(), sqlite.KnownSchemaVersion())
	wantKey(t, err, "backup.not_tandem")

	db := openDB(t)
	info, err := backup.Create(ctx, db, dir, backup.KindManual, fixed)
	if err != nil {
		t.Fatal(err)
	}
	_, err = backup.Prepare(ctx, info.Path, "", t.TempDir(), sqlite.KnownSchemaVersion()-1)
	wantKey(t, err, "backup.too_new")
}

// restoreCase is a closed database holding „Alt“ and „Neu“ and a manual
// backup holding „Alt“ only: what a restore starts from.
func restoreCase(t *testing.T) (ctx context.Context, dir, dbPath string, info backup.Info) {
	t.Helper()
	ctx = context.Background()
	dir = t.TempDir()
	dbPath = filepath.Join(dir, "tandem.db")
	db, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	addPerson(t, db, "Alt")
	info, err = backup.Create(ctx, db, backup.DefaultDir(dbPath), backup.KindManual, fixed)
	if err != nil {
		t.Fatal(err)
	}
	addPerson(t, db, "Neu")
	db.Close()
	return ctx, dir, dbPath, info
}

func TestReplaceAndUndo(t *testing.T) {
	ctx, dir, dbPath, info := restoreCase(t)
	tmp, err := backup.Prepare(ctx, info.Path, "", dir, sqlite.KnownSchemaVersion())
	if err != nil {
		t.Fatal(err)
	}
	undo, discard, err := backup.Replace(dbPath, tmp)
	if err != nil {
		t.Fatal(err)
	}
	if got := lastNames(t, dbPath); len(got) != 1 {
		t.Fatalf("after replace %v", got)
	}
	if err := undo(); err != nil {
		t.Fatal(err)
	}
	if got := lastNames(t, dbPath); len(got) != 2 {
		t.Fatalf("after undo %v", got)
	}
	_ = discard
}

func TestToDelete(t *testing.T) {
	now := time.Date(2026, 11, 23, 14, 0, 0, 0, time.Local) // a Monday
	at := func(s string) time.Time {
		t, err := time.ParseInLocation("2006-01-02 15:04", s, time.Local)
		if err != nil {
			panic(err)
		}
		return t
	}
	type b struct {
		time string
		kind string
		kept bool
	}
	cases := []struct {
		name string
		list []b
	}{
		{"all of today kept", []b{{"2026-11-23 08:00", "auto", true}, {"2026-11-23 11:00", "auto", true}, {"2026-11-23 13:59", "auto", true}}},
		{"newest of each of the 7 days before", []b{
			{"2026-11-22 09:00", "auto", false}, {"2026-11-22 18:00", "auto", true},
			{"2026-11-16 10:00", "auto", true}, // 7 days ago
			{"2026-11-20 07:00", "auto", false}, {"2026-11-20 07:30", "auto", true},
		}},
		{"weekly up to 4 weeks, monthly up to 12 months", []b{
			{"2026-11-23 10:00", "auto", true},
			{"2026-11-11 09:00", "auto", false}, {"2026-11-12 09:00", "auto", true}, // same ISO week 46
			{"2026-10-27 09:00", "auto", true},                                      // week 44, within 28 days
			{"2026-10-20 09:00", "auto", false},                                     // week 43, older than 4 weeks, Oct has a newer one
			{"2026-09-03 09:00", "auto", false}, {"2026-09-28 09:00", "auto", true}, // newest of September
			{"2025-12-31 09:00", "auto", true},  // 11 months back
			{"2025-11-30 09:00", "auto", false}, // 12 months back: gone
			{"2024-01-01 09:00", "auto", false},
		}},
		{"the newest is never deleted", []b{{"2024-03-01 10:00", "auto", true}, {"2024-02-01 10:00", "auto", false}}},
		{"manual and before-restore are never thinned", []b{
			{"2026-11-23 10:00", "auto", true},
			{"2020-01-01 10:00", "manual", true}, {"2020-01-01 11:00", "before-restore", true},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var list []backup.Info
			want := map[string]bool{}
			for i, x := range c.list {
				p := x.time + "#" + string(rune('a'+i))
				list = append(list, backup.Info{Path: p, Time: at(x.time), Kind: x.kind})
				want[p] = !x.kept
			}
			got := map[string]bool{}
			for _, d := range backup.ToDelete(list, now) {
				got[d.Path] = true
			}
			for p, del := range want {
				if got[p] != del {
					t.Errorf("%s: deleted=%v, want %v", p, got[p], del)
				}
			}
		})
	}
}

func TestThinKeepsFiles(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	dir := t.TempDir()
	for _, d := range []time.Time{fixed.AddDate(-2, 0, 0), fixed.AddDate(-2, 0, 1), fixed} {
		if _, err := backup.Create(ctx, db, dir, backup.KindAuto, d); err != nil {
			t.Fatal(err)
		}
	}
	id, err := db.InstallationID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	removed, err := backup.Thin(ctx, dir, id, fixed)
	if err != nil || len(removed) != 2 {
		t.Fatalf("removed %v %v", removed, err)
	}
	list, _ := backup.List(dir)
	if len(list) != 1 || !list[0].Time.Equal(fixed) {
		t.Fatalf("left %+v", list)
	}
}
