// Command emptyapp is the baseline for bench/startup: a Wails window with
// the same size, background and production log level as Tandem, but no
// bindings, no database and a page that only says it is ready. Its page
// logs "tandem:ready empty" through the Wails runtime once painted.
//
// bench/startup builds it itself, like `wails build` does:
//
//	go build -tags desktop,webkit2_41,production -ldflags '-s -w' -o emptyapp ./bench/emptyapp
package main

import (
	"embed"
	"fmt"
	"io/fs"
	"os"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/logger"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
)

//go:embed frontend
var assets embed.FS

func main() {
	dist, err := fs.Sub(assets, "frontend")
	if err != nil {
		panic(err) // the embed pattern guarantees the folder
	}
	err = wails.Run(&options.App{
		Title:              "Empty",
		Width:              1280,
		Height:             820,
		AssetServer:        &assetserver.Options{Assets: dist},
		BackgroundColour:   &options.RGBA{R: 247, G: 248, B: 250, A: 255},
		LogLevel:           logger.INFO,
		LogLevelProduction: logger.INFO, // the default (ERROR) would swallow the ready line
		Linux:              &linux.Options{ProgramName: "emptyapp"},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "emptyapp:", err)
		os.Exit(1)
	}
}
