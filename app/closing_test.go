package app

import (
	"context"
	"testing"
	"time"
)

func TestCloseGuard(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	asked, quit := 0, 0
	g := newCloseGuard()
	g.now = func() time.Time { return now }
	g.ask = func() { asked++ }
	g.quit = func() { quit++ }
	ctx := context.Background()

	if g.beforeClose(ctx) {
		t.Fatal("nothing unsaved: the window must close")
	}
	g.setUnsaved(true)
	if !g.beforeClose(ctx) || asked != 1 {
		t.Fatalf("unsaved text: must stay open and ask (asked %d)", asked)
	}
	now = now.Add(time.Second)
	if !g.beforeClose(ctx) || asked != 2 {
		t.Fatal("a quick second click asks again")
	}
	now = now.Add(6 * time.Second)
	if g.beforeClose(ctx) {
		t.Fatal("an unanswered question must not keep the app open for ever")
	}
	g.setUnsaved(false)
	g.setUnsaved(true)
	if !g.beforeClose(ctx) {
		t.Fatal("new unsaved text asks again")
	}
	g.confirm()
	if quit != 1 || g.beforeClose(ctx) {
		t.Fatal("after the user agreed, the app closes")
	}
}
