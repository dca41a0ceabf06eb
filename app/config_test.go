package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// abs is what ParseConfig makes of a path: on Windows "/data/x.db" lies on
// the current drive (C:\data\x.db).
func abs(t *testing.T, p string) string {
	t.Helper()
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestParseConfig(t *testing.T) {
	t.Run("Version", func(t *testing.T) {
		c, err := ParseConfig([]string{"--version"}, env(nil))
		if err != nil || !c.ShowVersion {
			t.Fatalf("got %+v, %v; want ShowVersion", c, err)
		}
	})
	t.Run("FlagWinsOverEnvironment", func(t *testing.T) {
		c, err := ParseConfig([]string{"--db", "/data/flag.db"}, env(map[string]string{"TANDEM_DB": "/data/env.db"}))
		if err != nil || c.DBPath != abs(t, "/data/flag.db") {
			t.Fatalf("got %+v, %v; want DBPath from --db", c, err)
		}
	})
	t.Run("FlagWithEquals", func(t *testing.T) {
		c, err := ParseConfig([]string{"-db=/data/x y.db"}, env(nil))
		if err != nil || c.DBPath != abs(t, "/data/x y.db") {
			t.Fatalf("got %+v, %v", c, err)
		}
	})
	t.Run("EnvironmentWithoutFlag", func(t *testing.T) {
		c, err := ParseConfig(nil, env(map[string]string{"TANDEM_DB": "/data/env.db"}))
		if err != nil || c.DBPath != abs(t, "/data/env.db") {
			t.Fatalf("got %+v, %v; want DBPath from TANDEM_DB", c, err)
		}
	})
	t.Run("Default", func(t *testing.T) {
		t.Setenv("XDG_CONFIG_HOME", t.TempDir()) // Linux: makes UserConfigDir known and fixed
		c, err := ParseConfig([]string{}, env(nil))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(c.DBPath, filepath.Join("Tandem", "tandem.db")) {
			t.Fatalf("DBPath = %q, want …%s", c.DBPath, filepath.Join("Tandem", "tandem.db"))
		}
		if dir, err := os.UserConfigDir(); err == nil && c.DBPath != filepath.Join(dir, "Tandem", "tandem.db") {
			t.Fatalf("DBPath = %q, want it inside the user config folder %q", c.DBPath, dir)
		}
		if c.StartSection != "" {
			t.Fatalf("StartSection = %q, want empty", c.StartSection)
		}
	})
	t.Run("WailsDevFlagsIgnored", func(t *testing.T) {
		c, err := ParseConfig([]string{"-assetdir", "x", "-devserver", "127.0.0.1:1", "--db", "/d/t.db"}, env(nil))
		if err != nil {
			t.Fatalf("Wails dev flags refused: %v", err)
		}
		if c.DBPath != abs(t, "/d/t.db") || c.StartSection != "" {
			t.Fatalf("got %+v; the dev flags must not change the config", c)
		}
		if _, err := ParseConfig([]string{"-assetdir", "x", "-devserver", "127.0.0.1:1"}, env(map[string]string{"TANDEM_DB": "/e.db"})); err != nil {
			t.Fatalf("Wails dev flags alone refused: %v", err)
		}
	})
	t.Run("SectionLowercased", func(t *testing.T) {
		c, err := ParseConfig([]string{"--section", " Personen "}, env(map[string]string{"TANDEM_DB": "/e.db"}))
		if err != nil || c.StartSection != "personen" {
			t.Fatalf("got %+v, %v; want StartSection personen", c, err)
		}
	})
	t.Run("Selftest", func(t *testing.T) {
		c, err := ParseConfig([]string{"--selftest", `C:\Prüfung`}, env(nil))
		if err != nil || c.SelftestDir != `C:\Prüfung` {
			t.Fatalf("got %+v, %v; want SelftestDir as given", c, err)
		}
	})
	t.Run("UnknownFlag", func(t *testing.T) {
		if c, err := ParseConfig([]string{"--datenbank", "/x.db"}, env(nil)); err == nil {
			t.Fatalf("unknown flag accepted: %+v", c)
		}
	})
	t.Run("FlagWithoutValue", func(t *testing.T) {
		if c, err := ParseConfig([]string{"--db"}, env(nil)); err == nil {
			t.Fatalf("--db without a value accepted: %+v", c)
		}
	})
}

func TestParseConfigMakesPathAbsolute(t *testing.T) {
	c, err := ParseConfig([]string{"--db", "daten/tandem.db"}, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	if want := filepath.Join(wd, "daten", "tandem.db"); c.DBPath != want {
		t.Fatalf("DBPath = %q, want %q", c.DBPath, want)
	}
}
