package backup

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// One backup that cannot be deleted (open in another program) does not stop
// the thinning of the others.
func TestThinContinuesAfterFailedRemove(t *testing.T) {
	now := time.Date(2026, 11, 23, 14, 0, 0, 0, time.Local)
	dir := t.TempDir()
	var names []string
	for m := 1; m <= 3; m++ {
		n := FileName(KindAuto, time.Date(2024, time.Month(m), 1, 9, 0, 0, 0, time.Local), false, 1)
		os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o600)
		names = append(names, n)
	}
	os.WriteFile(filepath.Join(dir, FileName(KindAuto, now, false, 1)), []byte("x"), 0o600)
	locked := filepath.Join(dir, names[2]) // the newest: the first to go
	remove = func(p string) error {
		if p == locked {
			return &os.PathError{Op: "remove", Path: p, Err: errors.New("used by another process")}
		}
		return os.Remove(p)
	}
	defer func() { remove = os.Remove }()
	fileID = func(context.Context, string) (string, error) { return "a", nil }
	defer func() { fileID = InstallationID }()
	removed, err := Thin(context.Background(), dir, "a", now)
	if err == nil || len(removed) != 2 {
		t.Fatalf("removed %+v, err %v", removed, err)
	}
	for _, n := range names[:2] {
		if _, err := os.Stat(filepath.Join(dir, n)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s not removed", n)
		}
	}
}

func TestIsUnsupportedSync(t *testing.T) {
	pe := func(err error) error { return &os.PathError{Op: "sync", Path: "/x", Err: err} }
	for _, e := range []error{pe(syscall.EINVAL), pe(syscall.ENOTSUP), pe(syscall.EBADF)} {
		if !isUnsupportedSync(e) {
			t.Errorf("%v not ignored", e)
		}
	}
	if runtime.GOOS != "windows" && isUnsupportedSync(pe(syscall.EIO)) {
		t.Error("EIO ignored")
	}
}
