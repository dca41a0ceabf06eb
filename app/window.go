package app

import (
	"context"
	"encoding/json"
	"log"
	"os"
	"path/filepath"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"tandem/internal/atomicfile"
)

// The window opens at a size that fits a 1366×768 laptop screen minus the
// taskbar (a 1366×728 work area) and remembers the size and position the
// user left it at, per user, in os.UserConfigDir()/Tandem/window.json.
const (
	defaultWindowWidth  = 1280
	defaultWindowHeight = 720
	minWindowWidth      = 1000
	minWindowHeight     = 600
	// taskbarReserve is what the screen loses to the taskbar and the
	// window's frame; Wails reports whole screens, not work areas.
	taskbarReserve = 48
	// A window counts as on screen when this much of its title bar is.
	visibleEdge = 100
)

// windowPlace is a window's size and position (relative to its screen, as
// Wails reports and sets them).
type windowPlace struct {
	X         int  `json:"x"`
	Y         int  `json:"y"`
	Width     int  `json:"width"`
	Height    int  `json:"height"`
	Maximised bool `json:"maximised,omitempty"`
}

// placeWindow decides where the window opens on a screen of screenW×screenH
// logical pixels: the saved place when it fits that screen and lies on it,
// the saved size (centred) when only the position does not, and otherwise
// the default size shrunk to the screen's work area. keepPos is false
// when the window should be centred.
func placeWindow(saved *windowPlace, screenW, screenH int) (p windowPlace, keepPos bool) {
	workW, workH := screenW, screenH-taskbarReserve
	fit := func(w, h int) (int, int) {
		return max(minWindowWidth, min(w, workW)), max(minWindowHeight, min(h, workH))
	}
	if screenW <= 0 || screenH <= 0 {
		return windowPlace{Width: defaultWindowWidth, Height: defaultWindowHeight}, false
	}
	if saved == nil || saved.Width < minWindowWidth || saved.Height < minWindowHeight {
		w, h := fit(defaultWindowWidth, defaultWindowHeight)
		return windowPlace{Width: w, Height: h}, false
	}
	w, h := fit(saved.Width, saved.Height)
	p = windowPlace{X: saved.X, Y: saved.Y, Width: w, Height: h, Maximised: saved.Maximised}
	onScreen := saved.X > -w+visibleEdge && saved.X < screenW-visibleEdge && saved.Y >= 0 && saved.Y < workH-visibleEdge/2
	shrunk := w != saved.Width || h != saved.Height
	if !onScreen || shrunk {
		p.X, p.Y = 0, 0
		return p, false
	}
	return p, true
}

// windowFile is the per-user file that keeps the window's place.
func windowFile() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "Tandem", "window.json"), nil
}

func readWindowPlace(path string) *windowPlace {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var p windowPlace
	if json.Unmarshal(b, &p) != nil {
		return nil
	}
	return &p
}

func writeWindowPlace(path string, p windowPlace) error {
	b, err := json.Marshal(p)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	return atomicfile.Write(path, b)
}

// currentScreen returns the logical size of the screen the window is on.
func currentScreen(ctx context.Context) (int, int) {
	screens, err := runtime.ScreenGetAll(ctx)
	if err != nil {
		return 0, 0
	}
	var w, h int
	for _, s := range screens {
		if s.IsCurrent || (w == 0 && s.IsPrimary) {
			w, h = s.Size.Width, s.Size.Height
		}
	}
	return w, h
}

// restoreWindow places the window at start-up (Wails' OnStartup).
func restoreWindow(ctx context.Context) {
	path, err := windowFile()
	if err != nil {
		return
	}
	sw, sh := currentScreen(ctx)
	p, keepPos := placeWindow(readWindowPlace(path), sw, sh)
	runtime.WindowSetSize(ctx, p.Width, p.Height)
	if keepPos {
		runtime.WindowSetPosition(ctx, p.X, p.Y)
	} else {
		runtime.WindowCenter(ctx)
	}
	if p.Maximised {
		runtime.WindowMaximise(ctx)
	}
}

// saveWindow keeps the window's place for the next start (on close).
func saveWindow(ctx context.Context) {
	path, err := windowFile()
	if err != nil {
		return
	}
	p := windowPlace{Maximised: runtime.WindowIsMaximised(ctx)}
	if old := readWindowPlace(path); p.Maximised && old != nil {
		// A maximised window reports the screen's size: keep the size to
		// return to when it is restored.
		p.X, p.Y, p.Width, p.Height = old.X, old.Y, old.Width, old.Height
	} else {
		p.Width, p.Height = runtime.WindowGetSize(ctx)
		p.X, p.Y = runtime.WindowGetPosition(ctx)
	}
	if err := writeWindowPlace(path, p); err != nil {
		log.Printf("save window place: %v", err)
	}
}
