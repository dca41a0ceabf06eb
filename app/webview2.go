package app

import (
	"os"
	"path/filepath"

	"github.com/wailsapp/wails/v2/pkg/options/windows"
)

// webView2Paths chooses the WebView2 runtime and its user data folder on
// Windows. A Fixed Version runtime that IT put into a folder "WebView2"
// beside tandem.exe wins over the installed (Evergreen) one; a folder
// without msedgewebview2.exe is ignored, so a half-copied folder cannot stop
// a start that the installed runtime would allow. The user data (cache,
// cookies) goes to %LocalAppData%\Tandem\WebView2, which never roams,
// instead of WebView2's default under the roaming %AppData%.
func webView2Paths(exeDir, localAppData string, isFile func(string) bool) (browser, userData string) {
	if exeDir != "" {
		if fixed := filepath.Join(exeDir, "WebView2"); isFile(filepath.Join(fixed, "msedgewebview2.exe")) {
			browser = fixed
		}
	}
	if localAppData != "" {
		userData = filepath.Join(localAppData, "Tandem", "WebView2")
	}
	return browser, userData
}

// windowsOptions are the WebView2 settings for this computer.
func windowsOptions() *windows.Options {
	exeDir := ""
	if exe, err := os.Executable(); err == nil {
		exeDir = filepath.Dir(exe)
	}
	browser, userData := webView2Paths(exeDir, os.Getenv("LOCALAPPDATA"), func(p string) bool {
		st, err := os.Stat(p)
		return err == nil && st.Mode().IsRegular()
	})
	return &windows.Options{
		WebviewBrowserPath:  browser,
		WebviewUserDataPath: userData,
		Messages:            webView2Messages(),
	}
}

// webView2Messages are Wails' dialogs when WebView2 is missing or broken.
// The build uses the "error" strategy (-webview2 error): Tandem never
// downloads anything, since many laptops have no internet; IT installs it.
func webView2Messages() *windows.Messages {
	const askIT = "Bitte wenden Sie sich an Ihre IT: Sie muss den „Evergreen Standalone Installer“ " +
		"der Microsoft Edge WebView2 Runtime installieren (das geht ohne Internetverbindung). " +
		"Ihre Daten sind davon nicht betroffen."
	return &windows.Messages{
		InstallationRequired: "Tandem braucht die Microsoft Edge WebView2 Runtime, die auf diesem Computer fehlt. " + askIT,
		UpdateRequired:       "Die Microsoft Edge WebView2 Runtime auf diesem Computer ist zu alt für Tandem. " + askIT,
		MissingRequirements:  "Tandem: Voraussetzung fehlt",
		Webview2NotInstalled: "Die Microsoft Edge WebView2 Runtime ist nicht installiert.",
		Error:                "Tandem kann nicht starten",
		FailedToInstall:      "Die Microsoft Edge WebView2 Runtime konnte nicht installiert werden. " + askIT,
		DownloadPage:         "Tandem braucht die Microsoft Edge WebView2 Runtime. " + askIT + " Mindestens nötige Version: ",
		PressOKToInstall:     "",
		ContactAdmin:         "Tandem braucht die Microsoft Edge WebView2 Runtime, die auf diesem Computer fehlt oder zu alt ist. " + askIT,
		InvalidFixedWebview2: "Der Ordner „WebView2“ neben tandem.exe enthält keine brauchbare WebView2 Runtime (Fixed Version, mindestens 94). " +
			"Bitte wenden Sie sich an Ihre IT: Sie muss den Ordner ersetzen oder entfernen.",
		WebView2ProcessCrash: "Die Anzeige von Tandem (WebView2) ist abgestürzt. Bitte starten Sie Tandem neu; gespeicherte Daten bleiben erhalten.",
	}
}
