// Command tandem is the Tandem desktop app: onboarding and mentoring for
// youth welfare offices, with all data in one local SQLite file.
package main

import (
	"embed"
	"fmt"
	"io/fs"
	"os"

	"tandem/app"
	"tandem/internal/applog"
	"tandem/internal/gctune"
)

//go:embed all:frontend/dist
var assets embed.FS

// wails.json keeps the version (info.productVersion) for --version.
//
//go:embed wails.json
var project []byte

func main() {
	gctune.Apply()
	cfg, err := app.ParseConfig(os.Args[1:], os.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, "tandem:", err)
		os.Exit(2)
	}
	if cfg.ShowVersion {
		app.AttachConsole()
		fmt.Println("Tandem", app.ProjectVersion(project))
		return
	}
	if path, err := applog.DefaultPath(); err == nil {
		stop, err := applog.Start(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, "tandem: no log file:", err)
		}
		defer stop()
	}
	if cfg.SelftestDir != "" {
		app.AttachConsole()
		if !app.Selftest(cfg.SelftestDir, os.Stdout) {
			os.Exit(1)
		}
		return
	}
	dist, err := fs.Sub(assets, "frontend/dist")
	if err != nil {
		panic(err) // the embed pattern guarantees the folder
	}
	if err := app.Run(cfg, dist); err != nil {
		fmt.Fprintln(os.Stderr, "tandem:", err)
		os.Exit(1)
	}
}
