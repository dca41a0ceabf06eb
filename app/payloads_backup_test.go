package app

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"filippo.io/age"

	"tandem/internal/backup"
	"tandem/internal/domain"
)

// The backup methods take no record text: paths and passphrases, which
// never reach the database. The generic payload suite (payloads_test.go)
// compares table rows, so they are run here, every payload into every
// text argument, with what "nothing changed" and "used verbatim" mean for
// them: the database, its folder and the backup folder unchanged on
// refusal; a folder kept as typed (cleaned); a passphrase that encrypts
// and decrypts as typed.

// folderState lists the files beside the database and in the backup
// folder, with their sizes, and the settings file's content.
func folderState(t *testing.T, dbPath, backupDir string) string {
	t.Helper()
	var out []string
	for _, dir := range []string{filepath.Dir(dbPath), backupDir} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), "-wal") || strings.HasSuffix(e.Name(), "-shm") || e.Name() == filepath.Base(dbPath) {
				continue // the database itself: data_version says whether it changed
			}
			fi, err := e.Info()
			if err != nil {
				continue
			}
			out = append(out, filepath.Join(dir, e.Name())+" "+fi.Mode().String()+" "+strconv.FormatInt(fi.Size(), 10))
		}
	}
	settings, _ := os.ReadFile(dbPath + ".backup.json")
	sort.Strings(out)
	return strings.Join(out, "\n") + "\n" + string(settings)
}

// checkRefusal fails unless err is a finished German message that is not
// an internal error and shows no Go error text.
func checkRefusal(t *testing.T, what string, err error) {
	t.Helper()
	e := toAppError(err)
	if e.Code == domain.EINTERNAL {
		t.Errorf("%s: internal error %v", what, err)
	}
	msg := e.Message
	for _, v := range e.Params {
		if v != "" {
			msg = strings.ReplaceAll(msg, v, "")
		}
	}
	if e.Message == "" || e.Message != strings.TrimSpace(e.Message) {
		t.Errorf("%s: message %q", what, e.Message)
	}
	for _, g := range goErrorText {
		if strings.Contains(msg, g) {
			t.Errorf("%s: message %q contains %q", what, e.Message, g)
		}
	}
}

// sealCheap writes an age-encrypted copy of the plain backup src to dst
// with a low scrypt work factor, so that each wrong passphrase costs
// milliseconds instead of a second. The app reads any work factor.
func sealCheap(t *testing.T, src, dst, passphrase string) {
	t.Helper()
	r, err := age.NewScryptRecipient(passphrase)
	if err != nil {
		t.Fatal(err)
	}
	r.SetWorkFactor(10)
	plain, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, r)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(w, bytes.NewReader(plain))
	w.Close()
	if err := os.WriteFile(dst, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestBackupPayloads(t *testing.T) {
	payloads := loadPayloads(t)
	w := newPayWorld(t)
	b := w.s.Backups
	dbPath := w.db.Path()
	dir := b.folder()
	b.now = func() time.Time { return time.Date(2027, 6, 15, 10, 0, 0, 0, time.Local) }
	if made, err := b.autoTick(b.now()); err != nil || !made {
		t.Fatalf("a first backup: %v %v", made, err)
	}
	list, err := b.List()
	if err != nil || len(list.Items) != 1 {
		t.Fatalf("list %+v %v", list, err)
	}
	const secret = "Richtiges Kennwort 2027"
	sealed := filepath.Join(dir, "tandem-2027-06-15T0900-manual.db.age")
	sealCheap(t, list.Items[0].Path, sealed, secret)

	oldOpen := devOpenPath
	devOpenPath = func() string { return "" } // the open dialog is cancelled
	t.Cleanup(func() { devOpenPath = oldOpen })

	calls, refused, accepted := 0, 0, 0
	start := time.Now()
	for _, p := range payloads {
		before, state := w.dataVersion(t), folderState(t, dbPath, dir)
		unchanged := func(what string) {
			t.Helper()
			if w.dataVersion(t) != before {
				t.Errorf("%s = %s: the database changed", what, p.name)
			}
			if now := folderState(t, dbPath, dir); now != state {
				t.Errorf("%s = %s: files changed:\n%s\nwas:\n%s", what, p.name, now, state)
			}
		}

		// Restore: a payload path is never one of ours.
		calls++
		if _, err := b.Restore(p.value, ""); err == nil {
			t.Errorf("Restore(path = %s) accepted", p.name)
		} else {
			refused++
			checkRefusal(t, "Restore path = "+p.name, err)
		}
		unchanged("Restore path")

		// Restore of an encrypted backup: a payload passphrase is wrong.
		calls++
		res, err := b.Restore(sealed, p.value)
		switch {
		case p.value == "" && err == nil && res.NeedsPassphrase:
			accepted++ // asks for it
		case err == nil:
			t.Errorf("Restore(passphrase = %s) accepted: %+v", p.name, res)
		default:
			refused++
			checkRefusal(t, "Restore passphrase = "+p.name, err)
		}
		unchanged("Restore passphrase")

		// ChooseAndRestore: refused, or the cancelled dialog.
		calls++
		if res, err := b.ChooseAndRestore(p.value); err != nil {
			refused++
			checkRefusal(t, "ChooseAndRestore passphrase = "+p.name, err)
		} else if !res.Cancelled {
			t.Errorf("ChooseAndRestore(%s) = %+v, want cancelled", p.name, res)
		} else {
			accepted++
		}
		unchanged("ChooseAndRestore passphrase")

		// Create: a passphrase that is not valid is refused before the
		// dialog; valid ones are used verbatim (TestBackupPassphraseRoundTrip:
		// each takes seconds of scrypt).
		if backup.ValidatePassphrase(p.value) != nil {
			calls++
			refused++
			_, err := b.Create(p.value)
			if err == nil {
				t.Errorf("Create(%s) accepted", p.name)
			}
			checkRefusal(t, "Create passphrase = "+p.name, err)
			unchanged("Create passphrase")
		}

		// SaveSettings: as typed, and below a real folder.
		for _, folder := range []string{p.value, filepath.Join(t.TempDir(), p.value)} {
			clean := strings.TrimSpace(folder)
			if filepath.IsAbs(clean) && !strings.HasPrefix(filepath.Clean(clean), os.TempDir()) {
				continue // would create folders outside the test's own
			}
			calls++
			got, err := b.SaveSettings(folder)
			if err != nil {
				refused++
				checkRefusal(t, "SaveSettings = "+p.name, err)
				unchanged("SaveSettings")
				continue
			}
			accepted++
			want := filepath.Clean(clean)
			if clean == "" {
				want = b.defaultFolder() // nothing typed: the default
			}
			if got.Folder != want || !utf8.ValidString(got.Folder) {
				t.Errorf("SaveSettings(%s): folder %q, want %q", p.name, got.Folder, want)
			}
			if fi, err := os.Stat(got.Folder); err != nil || !fi.IsDir() {
				t.Errorf("SaveSettings(%s): folder not there: %v", p.name, err)
			}
			if _, err := b.SaveSettings(""); err != nil { // back to the default
				t.Fatal(err)
			}
		}
	}
	if got := peopleNames(t, w.s); len(got) == 0 {
		t.Fatal("people gone")
	}
	t.Logf("%d payloads, %d calls (%d refused, %d accepted) in %v", len(payloads), calls, refused, accepted, time.Since(start).Round(time.Millisecond))
}

// TestBackupPassphraseRoundTrip: hostile but valid passphrases encrypt a
// manual backup through Backups.Create and restore it as typed; the same
// passphrase with one character changed is refused. Only a few, because
// each costs a full scrypt.
func TestBackupPassphraseRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("scrypt takes seconds")
	}
	s, _ := openServices(t)
	addPersonNamed(t, s, "Verschlüsselt")
	b := s.Backups
	out := t.TempDir()
	oldDir := devSaveDir
	devSaveDir = func() string { return out }
	t.Cleanup(func() { devSaveDir = oldDir })
	for i, pass := range []string{
		"\u202eKennwort\u202c mit RTL-Override",
		"'; DROP TABLE people; --",
		"<script>alert(1)</script>",
		strings.Repeat("😀", backup.MaxPassphrase),
		"  Leerzeichen vorn und hinten  ",
	} {
		if err := backup.ValidatePassphrase(pass); err != nil {
			t.Fatalf("%d: not a valid passphrase: %v", i, err)
		}
		res, err := b.Create(pass)
		if err != nil || res.Path == "" || !strings.HasSuffix(res.Path, ".age") {
			t.Fatalf("%d: Create: %+v %v", i, res, err)
		}
		data, _ := os.ReadFile(res.Path)
		if bytes.Contains(data, []byte("Verschlüsselt")) || bytes.Contains(data, []byte("SQLite format")) {
			t.Fatalf("%d: the encrypted backup holds plain text", i)
		}
		if i == 0 { // one wrong-passphrase try (a further second of scrypt)
			r := []rune(pass)
			r[1]++
			_, err := b.Restore(res.Path, string(r))
			wantAppError(t, err, domain.EINVALID, "backup.passphrase_wrong")
		}
		addPersonNamed(t, s, "Danach"+strconv.Itoa(i))
		if _, err := b.Restore(res.Path, pass); err != nil {
			t.Fatalf("%d: restore with the same passphrase: %v", i, err)
		}
		if got := peopleNames(t, s); len(got) != 1 || got[0] != "Verschlüsselt" { // Danach<i> is gone
			t.Fatalf("%d: after restore %v", i, got)
		}
		os.Remove(res.Path)
	}
}
