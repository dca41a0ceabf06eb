package backup

import (
	"context"
	"database/sql"
	"errors"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	"tandem/internal/sqlite"
)

// Retention of automatic backups: every backup of today, the newest of
// each of the 7 days before, the newest of each of the last 4 weeks and
// the newest of each of the last 12 months. The newest backup of all is
// never deleted. Manual and before-restore backups are never thinned.
const (
	keepDays   = 7
	keepWeeks  = 4
	keepMonths = 12
)

// ToDelete returns the automatic backups of list that the retention rule
// no longer keeps at now. list may be in any order; of two backups in the
// same minute the one with the higher suffix is the newer (as in List).
func ToDelete(list []Info, now time.Time) []Info {
	now = now.Local()
	y, m, d := now.Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.Local)
	dayStart := func(t time.Time) time.Time {
		y, m, d := t.Local().Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.Local)
	}
	monthIndex := func(t time.Time) int { t = t.Local(); return t.Year()*12 + int(t.Month()) - 1 }
	weekKey := func(t time.Time) int { y, w := t.Local().ISOWeek(); return y*100 + w }

	var newest *Info
	for i := range list {
		if newest == nil || newer(list[i], *newest) {
			newest = &list[i]
		}
	}
	// best[bucket] is the newest automatic backup in that bucket.
	type bucket struct {
		kind byte
		key  int
	}
	best := map[bucket]int{}
	consider := func(b bucket, i int) {
		if j, ok := best[b]; !ok || newer(list[i], list[j]) {
			best[b] = i
		}
	}
	for i, b := range list {
		if b.Kind != KindAuto {
			continue
		}
		day := dayStart(b.Time)
		if !day.Before(today.AddDate(0, 0, -keepDays)) {
			consider(bucket{'d', int(day.Unix())}, i)
		}
		if !day.Before(today.AddDate(0, 0, -7*keepWeeks)) {
			consider(bucket{'w', weekKey(b.Time)}, i)
		}
		if monthIndex(now)-monthIndex(b.Time) < keepMonths {
			consider(bucket{'m', monthIndex(b.Time)}, i)
		}
	}
	keep := map[int]bool{}
	for _, i := range best {
		keep[i] = true
	}
	var out []Info
	for i, b := range list {
		if b.Kind != KindAuto || keep[i] || &list[i] == newest || !dayStart(b.Time).Before(today) {
			continue
		}
		out = append(out, b)
	}
	return out
}

// remove is os.Remove; tests replace it to inject failures.
var remove = os.Remove

// Thin deletes the automatic backups in dir of the database with
// installation id that the retention rule no longer keeps, and returns
// them. The folder may be shared with other databases (or laptops): only
// backups whose installation id matches are considered, both for what to
// keep and what to delete; a file whose id cannot be read (encrypted, old,
// damaged) is never deleted. With id "" nothing is deleted. A file that
// cannot be deleted does not stop the others; the errors are joined.
func Thin(ctx context.Context, dir, id string, now time.Time) ([]Info, error) {
	list, err := List(dir)
	if err != nil {
		return nil, err
	}
	removeStaleTemps(dir, now)
	if id == "" {
		return nil, nil
	}
	var mine []Info
	for _, b := range list {
		if b.Kind != KindAuto || b.Encrypted {
			continue
		}
		if got, err := fileID(ctx, b.Path); err == nil && got == id {
			mine = append(mine, b)
		}
	}
	var removed []Info
	var errs []error
	for _, b := range ToDelete(mine, now) {
		if err := remove(b.Path); err != nil {
			errs = append(errs, err)
			continue
		}
		removed = append(removed, b)
	}
	if len(errs) > 0 {
		return removed, dirError(dir, errors.Join(errs...))
	}
	return removed, nil
}

// fileID is InstallationID; tests replace it.
var fileID = InstallationID

// InstallationID reads the installation id (migration 0009) of the
// unencrypted backup at path, opened read-only. A file without one (older
// than the migration, not a Tandem database, damaged) is an error.
func InstallationID(ctx context.Context, path string) (string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	if !fi.Mode().IsRegular() || fi.Size() == 0 {
		return "", errors.New("not a database file")
	}
	db, err := sql.Open("sqlite", roDSN(path)+"&_pragma=query_only(1)")
	if err != nil {
		return "", err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	var id string
	if err := db.QueryRowContext(ctx, "SELECT id FROM installation WHERE singleton = 1").Scan(&id); err != nil {
		return "", err
	}
	if id == "" {
		return "", errors.New("empty installation id")
	}
	return id, nil
}

// removeStaleTemps deletes temp files of backups that were interrupted
// (the app was closed or crashed while writing), once they are an hour old.
// A database moved aside by a restore is left to sqlite.Open, which may
// need to move it back.
func removeStaleTemps(dir string, now time.Time) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), sqlite.TempPrefix) {
			continue
		}
		if _, _, aside := sqlite.ParseAside(e.Name()); aside {
			continue
		}
		if fi, err := e.Info(); err == nil && fi.Mode().IsRegular() && now.Sub(fi.ModTime()) > time.Hour {
			if os.Remove(filepath.Join(dir, e.Name())) == nil {
				log.Printf("removed leftover temp file %s", filepath.Join(dir, e.Name()))
			}
		}
	}
}
