package backup_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"

	"tandem/internal/backup"
	"tandem/internal/sqlite"
)

// BenchmarkBackup200MB: a backup (VACUUM INTO, fsync, integrity_check,
// rename) of a ~200 MB database, then once its check alone and a restore
// (check of the source, VACUUM INTO a working copy, its check, swap of the
// files, reopen with migrations). Run with
//
//	go test ./internal/backup -run '^$' -bench Backup200MB -benchtime 3x
func BenchmarkBackup200MB(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	dbPath := filepath.Join(dir, "tandem.db")
	db, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		b.Fatal(err)
	}
	db.Close()
	// Fill the people table directly (the API would take far longer):
	// ~45 000 people with a 2 KB note each, through the search triggers.
	raw, err := sql.Open("sqlite", dbPath+"?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)")
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	if _, err := raw.Exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 45000)
		INSERT INTO people (first_name, last_name, note, sort_key, search_key, created_at, updated_at)
		SELECT 'Vorname' || i, 'Nachname' || i, hex(randomblob(1000)), 'nachname' || i, 'nachname' || i, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM n`); err != nil {
		b.Fatal(err)
	}
	raw.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	raw.Close()
	fi, _ := os.Stat(dbPath)
	b.Logf("database %.0f MB built in %s", float64(fi.Size())/1e6, time.Since(start).Round(time.Millisecond))

	db, err = sqlite.Open(ctx, dbPath)
	if err != nil {
		b.Fatal(err)
	}
	defer func() { db.Close() }()
	bdir := backup.DefaultDir(dbPath)
	var last backup.Info
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if last, err = backup.Create(ctx, db, bdir, backup.KindAuto, time.Now()); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(last.Size)/1e6, "backup-MB")

	t0 := time.Now()
	if err := backup.Check(last.Path); err != nil {
		b.Fatal(err)
	}
	check := time.Since(t0)
	b.ReportMetric(check.Seconds(), "check-s")

	t0 = time.Now()
	// What BackupService.restore does: before-restore backup, prepare, the
	// erasure list and the audit log read, swap, reopen, the audit lines
	// carried over and the erasures applied again.
	if _, err := backup.Create(ctx, db, bdir, backup.KindBeforeRestore, time.Now()); err != nil {
		b.Fatal(err)
	}
	erased, err := db.ErasureList(ctx)
	if err != nil {
		b.Fatal(err)
	}
	trail, err := db.AuditLogAll(ctx)
	if err != nil {
		b.Fatal(err)
	}
	tmp, err := backup.Prepare(ctx, last.Path, "", dir, sqlite.KnownSchemaVersion())
	if err != nil {
		b.Fatal(err)
	}
	db.Close()
	_, discard, err := backup.Replace(dbPath, tmp)
	if err != nil {
		b.Fatal(err)
	}
	if db, err = sqlite.Open(ctx, dbPath); err != nil {
		b.Fatal(err)
	}
	if _, err := db.CarryAudit(ctx, trail); err != nil {
		b.Fatal(err)
	}
	if _, err := db.ReapplyErasures(ctx, erased...); err != nil {
		b.Fatal(err)
	}
	discard()
	restore := time.Since(t0)
	b.ReportMetric(restore.Seconds(), "restore-s")
	b.Logf("backup %.0f MB; check %s; restore (incl. before-restore backup, %d audit lines compared) %s", float64(last.Size)/1e6, check.Round(time.Millisecond), len(trail), restore.Round(time.Millisecond))
}
