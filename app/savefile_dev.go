//go:build dev

package app

import (
	"log"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// In the dev build only: with TANDEM_E2E_SAVE_DIR set, the save and folder
// dialogs are skipped (files go into that folder under their suggested
// name) and OpenFile only records the request, so e2e tests can run
// without native dialogs. The production build has no such hook.

// openedFiles records OpenFile requests in the dev build with the env set.
var openedFiles struct {
	sync.Mutex
	paths []string
}

func init() {
	devSaveDir = func() string { return os.Getenv("TANDEM_E2E_SAVE_DIR") }
	// The open dialog answers TANDEM_E2E_OPEN_FILE, else the newest file
	// in TANDEM_E2E_SAVE_DIR.
	devOpenPath = func() string {
		if p := os.Getenv("TANDEM_E2E_OPEN_FILE"); p != "" {
			return p
		}
		dir := os.Getenv("TANDEM_E2E_SAVE_DIR")
		entries, _ := os.ReadDir(dir)
		var best string
		var bestTime time.Time
		for _, e := range entries {
			fi, err := e.Info()
			if err != nil || !fi.Mode().IsRegular() {
				continue
			}
			if best == "" || fi.ModTime().After(bestTime) {
				best, bestTime = filepath.Join(dir, e.Name()), fi.ModTime()
			}
		}
		return best
	}
	devOpenFile = func(path string) bool {
		if os.Getenv("TANDEM_E2E_SAVE_DIR") == "" {
			return false
		}
		openedFiles.Lock()
		openedFiles.paths = append(openedFiles.paths, path)
		openedFiles.Unlock()
		log.Printf("e2e: open file requested: %s", path)
		return true
	}
}
