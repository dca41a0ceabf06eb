package app

import (
	"os"
	"testing"
)

// symlinkOrSkip makes link point to target and skips the test where the
// link does not reach it: Wine 8 answers CreateSymbolicLink with success
// and makes nothing (a Wine gap; real Windows makes the link or refuses).
func symlinkOrSkip(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	reachesOrSkip(t, target, link)
}

// reachesOrSkip skips the test where link does not reach target.
func reachesOrSkip(t *testing.T, target, link string) {
	t.Helper()
	want, err := os.Stat(target)
	if err != nil {
		t.Skipf("Wine gap: %s does not exist, so the symlink %s made nothing here (%v)", target, link, err)
	}
	if got, err := os.Stat(link); err != nil || !os.SameFile(got, want) {
		t.Skipf("Wine gap: the symlink %s does not reach %s here (%v)", link, target, err)
	}
}

// readOnlyOrSkip skips the test where a file made read-only can still be
// opened for writing: Wine running as root ignores the read-only
// attribute (a Wine gap; real Windows honours it).
func readOnlyOrSkip(t *testing.T, path string) {
	t.Helper()
	if f, err := os.OpenFile(path, os.O_WRONLY, 0); err == nil {
		f.Close()
		t.Skipf("the read-only protection of %s does not hold here (Wine as root ignores it; real Windows honours it)", path)
	}
}
