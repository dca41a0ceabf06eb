// Package app is what Wails binds: thin services that validate, call
// internal/ and turn errors into German messages. It holds no domain logic.
package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"log"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/logger"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"tandem/internal/exchange"
	"tandem/internal/filelock"
	"tandem/internal/sqlite"
)

// Services are the structs bound to the UI. Every exported method of each
// is callable from JavaScript: keep them small and validate every argument.
type Services struct {
	People       *PeopleService
	Departments  *DepartmentService
	Organisation *OrganisationService
	System       *SystemService
	Templates    *TemplateService
	Runs         *RunService
	Tandems      *TandemService
	Plans        *PlanService
	Overview     *OverviewService
	Sessions     *SessionService
	Search       *SearchService
	Groups       *GroupService
	Documents    *DocumentService
	Backups      *BackupService
	Privacy      *PrivacyService
}

// Bind lists the services for Wails.
func (s *Services) Bind() []any {
	return []any{s.People, s.Departments, s.Organisation, s.System, s.Templates, s.Runs, s.Tandems, s.Plans, s.Overview, s.Sessions, s.Search, s.Groups, s.Documents, s.Backups, s.Privacy}
}

// Open opens the database chosen by cfg and builds the services. When the
// database cannot be opened (locked by another process, too new, not a
// database) the services still exist and report that problem, so the UI
// can say it in German; the returned close function is then a no-op.
func Open(ctx context.Context, cfg Config) (*Services, func()) {
	st := &store{ctx: ctx}
	db, err := sqlite.Open(ctx, cfg.DBPath)
	if err != nil {
		log.Printf("database %s not opened: %v", cfg.DBPath, err)
		st.problem = err
	} else {
		st.db = db
		noteRecovery(ctx, db, cfg) // a damaged file was moved aside: find the backup to offer first
		seedTemplates(ctx, db)
	}
	closeDB := func() {
		st.mu.Lock() // waits for a running restore
		defer st.mu.Unlock()
		if st.db != nil {
			if err := st.db.Close(); err != nil {
				log.Printf("close database: %v", err)
			}
		}
	}
	return &Services{
		People:       &PeopleService{s: st},
		Departments:  &DepartmentService{s: st},
		Organisation: &OrganisationService{s: st},
		System:       newSystemService(st, cfg),
		Templates:    &TemplateService{s: st},
		Runs:         &RunService{s: st},
		Tandems:      &TandemService{s: st},
		Plans:        &PlanService{s: st},
		Overview:     &OverviewService{s: st},
		Sessions:     &SessionService{s: st},
		Search:       &SearchService{s: st},
		Groups:       &GroupService{s: st},
		Documents:    &DocumentService{s: st},
		Backups:      newBackupService(st, cfg),
		Privacy:      &PrivacyService{s: st},
	}, closeDB
}

// Run opens the database and shows the window until the user closes it.
func Run(cfg Config, assets fs.FS) error {
	services, closeDB := Open(context.Background(), cfg)
	defer closeDB()
	autoCtx, stopAuto := context.WithCancel(context.Background())
	defer stopAuto()
	services.Backups.startAuto(autoCtx)

	return wails.Run(&options.App{
		Title:     "Tandem",
		Width:     defaultWindowWidth,
		Height:    defaultWindowHeight,
		MinWidth:  minWindowWidth,
		MinHeight: minWindowHeight,
		AssetServer: &assetserver.Options{
			Assets:     assets,
			Middleware: bootMiddleware(services.System),
		},
		BackgroundColour:   &options.RGBA{R: 247, G: 248, B: 250, A: 255},
		Bind:               services.Bind(),
		ErrorFormatter:     formatError,
		LogLevel:           logger.INFO,
		LogLevelProduction: logger.INFO,
		SingleInstanceLock: &options.SingleInstanceLock{
			// One instance per database file: a second start on the same
			// file brings the open window forward instead.
			UniqueId: instanceID(cfg.DBPath),
			OnSecondInstanceLaunch: func(data options.SecondInstanceData) {
				if ctx := appCtx; ctx != nil {
					runtime.WindowUnminimise(ctx)
					runtime.WindowShow(ctx)
					runtime.EventsEmit(ctx, "app:second-instance")
				}
			},
		},
		OnStartup: func(ctx context.Context) {
			appCtx = ctx
			restoreWindow(ctx)
		},
		OnBeforeClose: func(ctx context.Context) bool {
			if services.System.closing.beforeClose(ctx) {
				return true
			}
			saveWindow(ctx)
			return false
		},
		Windows: windowsOptions(),
		Linux:   &linux.Options{ProgramName: "tandem"},
	})
}

// seedTemplates stores the shipped programme templates that the database
// does not have yet; edited ones are never touched.
func seedTemplates(ctx context.Context, db *sqlite.DB) {
	seeds, err := exchange.Builtin()
	if err != nil {
		log.Printf("shipped templates unreadable: %v", err)
		return
	}
	if n, err := db.SeedTemplates(ctx, seeds); err != nil {
		log.Printf("seeding templates: %v", err)
	} else if n > 0 {
		log.Printf("stored %d shipped programme templates", n)
	}
}

// appCtx is the Wails runtime context, set once at start-up; only the
// single-instance callback uses it.
var appCtx context.Context

func instanceID(dbPath string) string {
	abs, err := filelock.Canonical(dbPath) // every name of the file brings the same window forward
	if err != nil {
		abs = dbPath
	}
	sum := sha256.Sum256([]byte(abs))
	return "de.tandem.app." + hex.EncodeToString(sum[:8])
}
