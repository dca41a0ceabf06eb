package app

import (
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Config is what the command line and environment choose.
type Config struct {
	DBPath       string // --db or TANDEM_DB; default: <UserConfigDir>/Tandem/tandem.db
	StartSection string // --section: the UI section shown first (e.g. "personen")
	SelftestDir  string // --selftest DIR: run the self-test in DIR instead of the window
	ShowVersion  bool   // --version: print the version and exit
}

// ParseConfig reads args (without the program name) and the environment.
// Wails' own development flags (-assetdir, -devserver …) are accepted and ignored.
func ParseConfig(args []string, getenv func(string) string) (Config, error) {
	var c Config
	fs := flag.NewFlagSet("tandem", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&c.DBPath, "db", "", "path of the database file")
	fs.StringVar(&c.StartSection, "section", "", "section shown at start")
	fs.StringVar(&c.SelftestDir, "selftest", "", "run the self-test in this folder and exit")
	fs.BoolVar(&c.ShowVersion, "version", false, "print the version and exit")
	for _, wailsFlag := range []string{"assetdir", "devserver", "frontenddevserverurl", "loglevel", "appargs"} {
		fs.String(wailsFlag, "", "Wails development flag")
	}
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if c.DBPath == "" {
		c.DBPath = getenv("TANDEM_DB")
	}
	if c.DBPath == "" {
		dir, err := os.UserConfigDir()
		if err != nil {
			return c, errors.New("no user config folder; start with --db PATH")
		}
		c.DBPath = filepath.Join(dir, "Tandem", "tandem.db")
	}
	// An absolute path: shown in the settings, used for the instance lock,
	// and needed to tell a mapped network drive from a local one.
	if abs, err := filepath.Abs(c.DBPath); err == nil {
		c.DBPath = abs
	}
	c.StartSection = strings.ToLower(strings.TrimSpace(c.StartSection))
	return c, nil
}
