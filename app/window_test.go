package app

import (
	"path/filepath"
	"testing"
)

func TestPlaceWindow(t *testing.T) {
	for _, c := range []struct {
		name        string
		saved       *windowPlace
		screenW, sH int
		want        windowPlace
		keepPos     bool
	}{
		// A 1366×768 laptop: the default must fit its 1366×728 work area.
		{"laptop default", nil, 1366, 768, windowPlace{Width: 1280, Height: 720}, false},
		{"full HD default", nil, 1920, 1080, windowPlace{Width: 1280, Height: 720}, false},
		{"small screen", nil, 1024, 700, windowPlace{Width: 1024, Height: 652}, false},
		{"saved place restored", &windowPlace{X: 200, Y: 100, Width: 1500, Height: 900}, 1920, 1080,
			windowPlace{X: 200, Y: 100, Width: 1500, Height: 900}, true},
		{"saved on a screen that is gone (far right)", &windowPlace{X: 2500, Y: 100, Width: 1200, Height: 700}, 1920, 1080,
			windowPlace{Width: 1200, Height: 700}, false},
		{"saved above the screen", &windowPlace{X: 100, Y: -300, Width: 1200, Height: 700}, 1920, 1080,
			windowPlace{Width: 1200, Height: 700}, false},
		{"saved big window on a small screen", &windowPlace{X: 10, Y: 10, Width: 1900, Height: 1040}, 1366, 768,
			windowPlace{Width: 1366, Height: 720}, false},
		{"saved too small", &windowPlace{X: 10, Y: 10, Width: 300, Height: 200}, 1366, 768,
			windowPlace{Width: 1280, Height: 720}, false},
		{"maximised kept", &windowPlace{X: 50, Y: 40, Width: 1200, Height: 650, Maximised: true}, 1366, 768,
			windowPlace{X: 50, Y: 40, Width: 1200, Height: 650, Maximised: true}, true},
	} {
		got, keep := placeWindow(c.saved, c.screenW, c.sH)
		if got != c.want || keep != c.keepPos {
			t.Errorf("%s: placeWindow = %+v, %v; want %+v, %v", c.name, got, keep, c.want, c.keepPos)
		}
		if got.Width > c.screenW || got.Height > c.sH-taskbarReserve && c.sH-taskbarReserve >= minWindowHeight {
			t.Errorf("%s: %dx%d does not fit the work area of %dx%d", c.name, got.Width, got.Height, c.screenW, c.sH)
		}
	}
}

func TestWindowPlaceFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "Tandem", "window.json")
	if readWindowPlace(path) != nil {
		t.Fatal("a missing file gives a place")
	}
	want := windowPlace{X: 12, Y: 34, Width: 1100, Height: 700}
	if err := writeWindowPlace(path, want); err != nil {
		t.Fatal(err)
	}
	if got := readWindowPlace(path); got == nil || *got != want {
		t.Fatalf("read back %+v, want %+v", got, want)
	}
}
