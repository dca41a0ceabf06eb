package app

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestWebView2Paths(t *testing.T) {
	exeDir := filepath.Join("C:", "Programme", "Tandem")
	fixedExe := filepath.Join(exeDir, "WebView2", "msedgewebview2.exe")
	has := func(files ...string) func(string) bool {
		return func(p string) bool {
			for _, f := range files {
				if p == f {
					return true
				}
			}
			return false
		}
	}
	t.Run("FixedVersionBesideExe", func(t *testing.T) {
		browser, _ := webView2Paths(exeDir, "", has(fixedExe))
		if want := filepath.Join(exeDir, "WebView2"); browser != want {
			t.Fatalf("browser %q, want %q", browser, want)
		}
	})
	t.Run("FolderWithoutRuntimeIsIgnored", func(t *testing.T) {
		if browser, _ := webView2Paths(exeDir, "", has(filepath.Join(exeDir, "WebView2", "readme.txt"))); browser != "" {
			t.Fatalf("browser %q, want the installed runtime (\"\")", browser)
		}
	})
	t.Run("NoExeDir", func(t *testing.T) {
		if browser, _ := webView2Paths("", "", func(string) bool { return true }); browser != "" {
			t.Fatalf("browser %q without a program folder", browser)
		}
	})
	t.Run("UserDataInLocalAppData", func(t *testing.T) {
		local := filepath.Join("C:", "Users", "m", "AppData", "Local")
		_, userData := webView2Paths(exeDir, local, has())
		if want := filepath.Join(local, "Tandem", "WebView2"); userData != want {
			t.Fatalf("user data %q, want %q", userData, want)
		}
		if _, userData := webView2Paths(exeDir, "", has()); userData != "" {
			t.Fatalf("user data %q without LOCALAPPDATA, want Wails' default", userData)
		}
	})
}

// Every WebView2 dialog is German, and none offers a download.
func TestWebView2MessagesGerman(t *testing.T) {
	v := reflect.ValueOf(*webView2Messages())
	for i := 0; i < v.NumField(); i++ {
		name, text := v.Type().Field(i).Name, v.Field(i).String()
		if name == "PressOKToInstall" {
			continue // only shown by the download strategies, which the build does not use
		}
		if text == "" {
			t.Errorf("%s: no text (Wails would show English)", name)
		}
		if strings.Contains(strings.ToLower(text), "download") || strings.Contains(text, "herunterlad") {
			t.Errorf("%s offers a download: %q", name, text)
		}
	}
	if !strings.Contains(webView2Messages().ContactAdmin, "Evergreen Standalone Installer") {
		t.Error("ContactAdmin must name the Evergreen Standalone Installer")
	}
}
