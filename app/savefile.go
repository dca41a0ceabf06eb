package app

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	goruntime "runtime"
	"strings"
	"sync"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"tandem/internal/atomicfile"
	"tandem/internal/domain"
	"tandem/internal/exchange"
	"tandem/internal/filename"
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

// fileKind is what a proposed file is: its extension, which saveFile and
// writeInFolder add (and nothing else does), and the save dialog's filter.
type fileKind struct {
	ext    string
	filter runtime.FileFilter
}

var (
	pdfFile      = fileKind{".pdf", runtime.FileFilter{DisplayName: "PDF-Dokument (*.pdf)", Pattern: "*.pdf"}}
	csvFile      = fileKind{".csv", runtime.FileFilter{DisplayName: "CSV-Datei (*.csv)", Pattern: "*.csv"}}
	jsonFile     = fileKind{".json", runtime.FileFilter{DisplayName: "JSON-Datei (*.json)", Pattern: "*.json"}}
	icsFile      = fileKind{".ics", runtime.FileFilter{DisplayName: "Kalenderdatei (*.ics)", Pattern: "*.ics"}}
	templateFile = fileKind{exchange.FileSuffix, runtime.FileFilter{DisplayName: "Tandem-Programmvorlage (*.json)", Pattern: "*.json"}}
)

// nameStem joins the words of a proposed file name (without extension).
func nameStem(parts ...string) string { return strings.Join(parts, " ") }

// withExt adds the kind's extension to a path typed in the save dialog
// unless the path already ends in it (or, for ".tandem.json", in ".json").
func withExt(path string, kind fileKind) string {
	if !strings.HasSuffix(strings.ToLower(path), filepath.Ext(kind.ext)) {
		path += kind.ext
	}
	return path
}

// saveFile asks where to save data, proposing stem as a safe file name
// with the kind's extension, and writes it atomically. It returns the path
// written, or "" when the user cancelled.
func saveFile(title, stem string, kind fileKind, data []byte) (string, error) {
	name := filename.Safe(stem, kind.ext)
	var path string
	if devSaveDir != nil && devSaveDir() != "" {
		path = filepath.Join(devSaveDir(), name)
	} else {
		if appCtx == nil {
			return "", domain.Internal(errors.New("no window"), "save dialog")
		}
		p, err := runtime.SaveFileDialog(appCtx, runtime.SaveDialogOptions{
			Title:           title,
			DefaultFilename: name,
			Filters:         []runtime.FileFilter{kind.filter},
		})
		if err != nil || p == "" {
			return "", err
		}
		path = withExt(p, kind)
	}
	if err := atomicfile.Write(path, data); err != nil {
		return "", writeFailed(path, err)
	}
	rememberSaved(path)
	return path, nil
}

// writeFailed is the message for a file that could not be written: on
// Windows most often one still open in a viewer, which refuses its
// replacement.
func writeFailed(path string, err error) error {
	if atomicfile.InUse(err) {
		return domain.Invalid("path", "export.in_use", "path", path)
	}
	return domain.Invalid("path", "export.write_failed", "path", path)
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

// freeName is the safe name of stem with the kind's extension in dir, or
// "stem (2).pdf"… when dir already holds it.
func freeName(dir, stem string, kind fileKind) string {
	for n := 1; ; n++ {
		name := filename.Numbered(stem, kind.ext, n)
		if _, err := os.Lstat(filepath.Join(dir, name)); errors.Is(err, os.ErrNotExist) {
			return name
		}
	}
}

// writeInFolder writes data as dir/name atomically and remembers the path.
// name comes from freeName.
func writeInFolder(dir, name string, data []byte) (string, error) {
	path := filepath.Join(dir, name)
	if err := atomicfile.Write(path, data); err != nil {
		return "", writeFailed(path, err)
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
