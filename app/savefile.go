package app

import (
	"errors"
	"os/exec"
	"path/filepath"
	goruntime "runtime"
	"strings"
	"sync"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"tandem/internal/atomicfile"
	"tandem/internal/domain"
)

// Saving documents (issue 5): every document goes through saveFile, which
// shows the native save dialog with a sensible German file name and writes
// the bytes atomically. The paths written in this process are remembered so
// that OpenFile may open exactly those and nothing else.

// savedFiles is the set of absolute paths this process wrote.
var savedFiles = struct {
	sync.Mutex
	paths map[string]bool
}{paths: map[string]bool{}}

func rememberSaved(path string) {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	savedFiles.Lock()
	savedFiles.paths[filepath.Clean(abs)] = true
	savedFiles.Unlock()
}

// wasSaved reports whether this process wrote path.
func wasSaved(path string) bool {
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	savedFiles.Lock()
	defer savedFiles.Unlock()
	return savedFiles.paths[filepath.Clean(abs)]
}

// Dev hooks (set by savefile_dev.go in the dev build only): a fixed folder
// instead of the dialogs, and recording instead of launching a program.
var (
	devSaveDir  func() string
	devOpenFile func(path string) bool
)

// saveFile asks where to save data (defaultName suggested) and writes it
// atomically. It returns the path written, or "" when the user cancelled.
func saveFile(title, defaultName string, filter runtime.FileFilter, data []byte) (string, error) {
	ext := strings.ToLower(filepath.Ext(defaultName))
	var path string
	if devSaveDir != nil && devSaveDir() != "" {
		path = filepath.Join(devSaveDir(), defaultName)
	} else {
		if appCtx == nil {
			return "", domain.Internal(errors.New("no window"), "save dialog")
		}
		p, err := runtime.SaveFileDialog(appCtx, runtime.SaveDialogOptions{
			Title:           title,
			DefaultFilename: defaultName,
			Filters:         []runtime.FileFilter{filter},
		})
		if err != nil || p == "" {
			return "", err
		}
		path = p
		if ext != "" && !strings.HasSuffix(strings.ToLower(path), ext) {
			path += ext
		}
	}
	if err := atomicfile.Write(path, data); err != nil {
		return "", domain.Invalid("path", "export.write_failed", "path", path)
	}
	rememberSaved(path)
	return path, nil
}

// chooseSavePath asks where to save a file (defaultName in defaultDir
// suggested) without writing it; "" when the user cancelled. For files too
// large to hold in memory (backups), which the caller writes itself.
func chooseSavePath(title, defaultName, defaultDir string, filter runtime.FileFilter) (string, error) {
	if devSaveDir != nil && devSaveDir() != "" {
		return filepath.Join(devSaveDir(), defaultName), nil
	}
	if appCtx == nil {
		return "", domain.Internal(errors.New("no window"), "save dialog")
	}
	p, err := runtime.SaveFileDialog(appCtx, runtime.SaveDialogOptions{
		Title:                title,
		DefaultDirectory:     defaultDir,
		DefaultFilename:      defaultName,
		Filters:              []runtime.FileFilter{filter},
		CanCreateDirectories: true,
	})
	if err != nil || p == "" {
		return "", err
	}
	if ext := strings.ToLower(filepath.Ext(defaultName)); ext != "" && !strings.HasSuffix(strings.ToLower(p), ext) {
		p += ext
	}
	return p, nil
}

// devOpenPath (dev build only) answers the open dialog without showing it.
var devOpenPath func() string

// openFile asks for a file to open; "" when the user cancelled.
func openFile(title, defaultDir string, filters []runtime.FileFilter) (string, error) {
	if devOpenPath != nil && devSaveDir != nil && devSaveDir() != "" {
		return devOpenPath(), nil
	}
	if appCtx == nil {
		return "", domain.Internal(errors.New("no window"), "open dialog")
	}
	return runtime.OpenFileDialog(appCtx, runtime.OpenDialogOptions{
		Title:            title,
		DefaultDirectory: defaultDir,
		Filters:          filters,
	})
}

// saveFolder asks for a folder to save several files into. It returns ""
// when the user cancelled.
func saveFolder(title string) (string, error) {
	if devSaveDir != nil && devSaveDir() != "" {
		return devSaveDir(), nil
	}
	if appCtx == nil {
		return "", domain.Internal(errors.New("no window"), "folder dialog")
	}
	return runtime.OpenDirectoryDialog(appCtx, runtime.OpenDialogOptions{
		Title:                title,
		CanCreateDirectories: true,
	})
}

// writeInFolder writes data as dir/name atomically and remembers the path.
func writeInFolder(dir, name string, data []byte) (string, error) {
	path := filepath.Join(dir, name)
	if err := atomicfile.Write(path, data); err != nil {
		return "", domain.Invalid("path", "export.write_failed", "path", path)
	}
	rememberSaved(path)
	return path, nil
}

// openSaved opens a file this process saved with the system's default
// program. Any other path is refused.
func openSaved(path string) error {
	if strings.TrimSpace(path) == "" || !wasSaved(path) {
		return domain.Invalid("path", "document.open.not_saved")
	}
	if devOpenFile != nil && devOpenFile(path) {
		return nil
	}
	var cmd *exec.Cmd
	switch goruntime.GOOS {
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", path)
	case "darwin":
		cmd = exec.Command("open", path)
	default:
		cmd = exec.Command("xdg-open", path)
	}
	if err := cmd.Start(); err != nil {
		return domain.Invalid("path", "document.open.failed", "path", path)
	}
	go cmd.Wait() //nolint:errcheck // the viewer's exit status does not matter
	return nil
}
