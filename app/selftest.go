package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"tandem/internal/domain"
)

// SelftestDBName is the database the self-test makes in the folder it is given.
const SelftestDBName = "tandem-selftest.db"

// Selftest checks, without a window, that this installation can do the
// essentials in dir: a fresh database with all migrations, a person written
// and read, an Abschlussbestätigung issued through the app's own path
// (organisation profile, tandem, final talk, register entry, PDF file), a
// backup and its restore. It prints one German line per step and reports
// whether all passed. It never touches an existing database: a folder that
// already holds one from an earlier self-test is refused.
func Selftest(dir string, out io.Writer) bool {
	started := time.Now()
	ok := selftestSteps(dir, out)
	verdict := "Selbsttest bestanden"
	if !ok {
		verdict = "Selbsttest fehlgeschlagen"
	}
	fmt.Fprintf(out, "%s (%s s).\n", verdict, strings.Replace(fmt.Sprintf("%.1f", time.Since(started).Seconds()), ".", ",", 1))
	return ok
}

func selftestSteps(dir string, out io.Writer) bool {
	step := func(name string, err error, detail string) bool {
		switch {
		case err != nil:
			fmt.Fprintf(out, "%s: FEHLER – %s\n", name, selftestMessage(err))
		case detail != "":
			fmt.Fprintf(out, "%s: OK (%s)\n", name, detail)
		default:
			fmt.Fprintf(out, "%s: OK\n", name)
		}
		return err == nil
	}
	abs, err := selftestFolder(dir)
	if !step("Ordner prüfen", err, abs) {
		return false
	}
	dbPath := filepath.Join(abs, SelftestDBName)
	if _, err := os.Lstat(dbPath); !errors.Is(err, os.ErrNotExist) {
		return step("Datenbank anlegen", fmt.Errorf("„%s“ gibt es schon; bitte einen leeren Ordner angeben (eine vorhandene Datenbank wird nie verändert)", dbPath), "")
	}
	cfg := Config{DBPath: dbPath}
	s, closeDB := Open(context.Background(), cfg)
	if st, err := s.System.Status(); err != nil || !st.Ready {
		closeDB()
		if err == nil {
			err = s.System.s.problem
		}
		return step("Datenbank anlegen und migrieren", err, "")
	}
	step("Datenbank anlegen und migrieren", nil, dbPath)
	ok := selftestData(s, abs, step)
	closeDB()
	return ok && step("Datenbank schließen", nil, "")
}

// selftestData runs the steps that need the open database.
func selftestData(s *Services, dir string, step func(string, error, string) bool) bool {
	person, err := selftestPerson(s)
	if !step("Person speichern und lesen", err, "") {
		return false
	}
	// The save dialog's stand-in: issued documents go into the folder.
	oldDir := devSaveDir
	devSaveDir = func() string { return dir }
	defer func() { devSaveDir = oldDir }()
	pdf, err := selftestConfirmation(s, person)
	if !step("Abschlussbestätigung als PDF ausstellen", err, pdf) {
		return false
	}
	made, err := s.Backups.Create("")
	if !step("Datensicherung anlegen", err, made.Path) {
		return false
	}
	return step("Datensicherung wiederherstellen", selftestRestore(s, made.Path, person), "")
}

func selftestPerson(s *Services) (domain.Person, error) {
	in := domain.PersonInput{FirstName: "Jürgen", LastName: "Selbsttest-Müßig", Roles: []domain.Role{domain.RoleMentee}}
	p, err := s.People.Create(in)
	if err != nil {
		return p, err
	}
	back, err := s.People.Get(p.ID)
	if err != nil {
		return p, err
	}
	if back.FirstName != in.FirstName || back.LastName != in.LastName {
		return p, fmt.Errorf("gelesen „%s %s“ statt „%s %s“", back.FirstName, back.LastName, in.FirstName, in.LastName)
	}
	return p, nil
}

// selftestConfirmation issues the mentee's Abschlussbestätigung as the app
// does: organisation profile, onboarding run, active tandem, final talk.
func selftestConfirmation(s *Services, mentee domain.Person) (string, error) {
	if _, err := s.Organisation.Save(domain.OrganisationInput{Municipality: "Stadt Selbsttest", OfficeName: "Jugendamt",
		City: "Selbsttest", SignatoryName: "Dr. Anna Amt", SignatoryFunction: "Amtsleitung"}); err != nil {
		return "", err
	}
	mentor, err := s.People.Create(domain.PersonInput{FirstName: "Max", LastName: "Mentor", Roles: []domain.Role{domain.RoleMentor}})
	if err != nil {
		return "", err
	}
	tpls, err := s.Templates.List(false)
	if err != nil {
		return "", err
	}
	var onboarding int64
	for _, tp := range tpls {
		if tp.Kind == domain.KindOnboarding && onboarding == 0 {
			onboarding = tp.ID
		}
	}
	today := time.Now()
	iso := func(t time.Time) string { return t.Format(domain.DateLayout) }
	run, err := s.Runs.Create(domain.RunInput{TemplateID: onboarding, Name: "Selbsttest", StartDate: iso(today.AddDate(-1, 0, 0)), EndDate: iso(today.AddDate(1, 0, 0))})
	if err != nil {
		return "", err
	}
	t, err := s.Tandems.Create(domain.TandemInput{RunID: run.ID, MenteeID: mentee.ID, MentorIDs: []int64{mentor.ID},
		StartDate: iso(today.AddDate(0, -5, 0)), EndDate: iso(today.AddDate(0, 1, 0)), OverrideReason: "Selbsttest"})
	if err != nil {
		return "", err
	}
	if _, err := s.Tandems.SetStatus(t.ID, string(domain.TandemActive), ""); err != nil {
		return "", err
	}
	if _, err := s.Sessions.RecordFeedbackTalk(domain.FeedbackTalkInput{TandemID: t.ID, Kind: domain.FeedbackFinal, Date: iso(today)}); err != nil {
		return "", err
	}
	res, err := s.Documents.IssueConfirmation(t.ID)
	if err != nil {
		return "", err
	}
	head := make([]byte, 5)
	f, err := os.Open(res.Path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	if _, err := io.ReadFull(f, head); err != nil || string(head) != "%PDF-" {
		return "", fmt.Errorf("„%s“ ist keine PDF-Datei", res.Path)
	}
	return res.Path, nil
}

// selftestRestore adds a person after the backup, restores it and checks
// that the person made before is there and the one made after is gone.
func selftestRestore(s *Services, backupPath string, before domain.Person) error {
	after, err := s.People.Create(domain.PersonInput{FirstName: "Nach", LastName: "Der Sicherung"})
	if err != nil {
		return err
	}
	if _, err := s.Backups.Restore(backupPath, ""); err != nil {
		return err
	}
	if _, err := s.People.Get(before.ID); err != nil {
		return fmt.Errorf("nach der Wiederherstellung fehlt die Person von vorher: %s", selftestMessage(err))
	}
	if _, err := s.People.Get(after.ID); domain.AsError(err).Code != domain.ENOTFOUND {
		return errors.New("nach der Wiederherstellung ist die später angelegte Person noch da")
	}
	return nil
}

// selftestMessage is the German text of err: the app's message for its
// coded errors, the text itself for the self-test's own ones.
func selftestMessage(err error) string {
	var de *domain.Error
	if errors.As(err, &de) {
		return toAppError(err).Message
	}
	return err.Error()
}

// selftestFolder makes dir if needed and checks that files can be written
// there; its errors are German sentences.
func selftestFolder(dir string) (string, error) {
	if strings.TrimSpace(dir) == "" {
		return "", errors.New("kein Ordner angegeben: tandem --selftest ORDNER")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return dir, fmt.Errorf("„%s“ ist kein gültiger Ordnername", dir)
	}
	if runtime.GOOS == "windows" {
		if bad := windowsForbidden(abs); bad != "" {
			return abs, fmt.Errorf("„%s“ enthält Zeichen, die Windows in Ordnernamen nicht erlaubt (%s)", abs, bad)
		}
		if vol := filepath.VolumeName(abs); vol != "" {
			if _, err := os.Stat(vol + `\`); err != nil {
				return abs, fmt.Errorf("das Laufwerk oder die Freigabe „%s“ ist nicht erreichbar", vol)
			}
		}
	}
	if fi, err := os.Stat(abs); err == nil && !fi.IsDir() {
		return abs, fmt.Errorf("„%s“ ist eine Datei, kein Ordner", abs)
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		return abs, fmt.Errorf("der Ordner „%s“ kann nicht angelegt werden (%s)", abs, folderProblem(err))
	}
	probe, err := os.CreateTemp(abs, ".tandem-selftest-*")
	if err != nil {
		return abs, fmt.Errorf("im Ordner „%s“ kann keine Datei angelegt werden (%s)", abs, folderProblem(err))
	}
	probe.Close()
	os.Remove(probe.Name())
	return abs, nil
}

// folderProblem names the usual causes in German; others keep the
// system's own text.
func folderProblem(err error) string {
	switch {
	case errors.Is(err, os.ErrPermission):
		return "keine Schreibrechte"
	case errors.Is(err, os.ErrNotExist):
		return "ein übergeordneter Ordner fehlt"
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		return "Systemmeldung: " + pe.Err.Error()
	}
	return "Systemmeldung: " + err.Error()
}

// windowsForbidden lists the characters of path (after its drive letter)
// that Windows refuses in file and folder names. Plain string work, so the
// Linux tests check it too.
func windowsForbidden(path string) string {
	rest := strings.TrimPrefix(path, `\\?\`)
	if len(rest) >= 2 && rest[1] == ':' && ('A' <= rest[0]&^0x20 && rest[0]&^0x20 <= 'Z') {
		rest = rest[2:]
	}
	var bad []string
	for _, c := range `<>:"|?*` {
		if strings.ContainsRune(rest, c) {
			bad = append(bad, string(c))
		}
	}
	return strings.Join(bad, " ")
}
