package app

import (
	"context"
	"sync"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// closeGuard keeps the window open while the UI reports text that is not
// saved yet, and asks the user in the UI first (event "app:confirm-close").
// If the UI does not answer (hung), a second close after a few seconds
// goes through, so the app can always be closed.
type closeGuard struct {
	mu       sync.Mutex
	unsaved  bool
	allowed  bool
	askedAt  time.Time
	now      func() time.Time
	ask      func() // emits the question to the UI
	quit     func()
	patience time.Duration
}

func newCloseGuard() *closeGuard {
	return &closeGuard{
		now:      time.Now,
		patience: 5 * time.Second,
		ask: func() {
			if appCtx != nil {
				runtime.EventsEmit(appCtx, "app:confirm-close")
			}
		},
		quit: func() {
			if appCtx != nil {
				runtime.Quit(appCtx)
			}
		},
	}
}

// beforeClose is Wails' OnBeforeClose: true keeps the window open.
func (g *closeGuard) beforeClose(context.Context) bool {
	g.mu.Lock()
	if g.allowed || !g.unsaved {
		g.mu.Unlock()
		return false
	}
	if !g.askedAt.IsZero() && g.now().Sub(g.askedAt) >= g.patience {
		g.mu.Unlock()
		return false
	}
	g.askedAt = g.now()
	g.mu.Unlock()
	g.ask()
	return true
}

func (g *closeGuard) setUnsaved(unsaved bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.unsaved = unsaved
	if !unsaved {
		g.askedAt = time.Time{}
	}
}

func (g *closeGuard) confirm() {
	g.mu.Lock()
	g.allowed = true
	g.mu.Unlock()
	g.quit()
}

// SetUnsavedChanges tells the app whether the UI holds text not yet saved;
// closing the window then asks first.
func (y *SystemService) SetUnsavedChanges(unsaved bool) error {
	y.closing.setUnsaved(unsaved)
	return nil
}

// ConfirmClose closes the app after the user agreed to lose unsaved text.
func (y *SystemService) ConfirmClose() error {
	y.closing.confirm()
	return nil
}
