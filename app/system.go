package app

import (
	"tandem/internal/fsinfo"
)

// Version is the app's version, set at build time with -ldflags "-X tandem/app.Version=…".
var Version = "0.1.0-dev"

// SystemService is bound to the UI: how the app started and where its data is.
type SystemService struct {
	s       *store
	cfg     Config
	network bool
	closing *closeGuard
}

// Status tells the UI whether the database is usable, and where it is.
type Status struct {
	Ready         bool      `json:"ready"`
	Problem       *AppError `json:"problem"`
	DatabasePath  string    `json:"databasePath"`
	NetworkDrive  bool      `json:"networkDrive"`
	SchemaVersion int       `json:"schemaVersion"`
	AppVersion    string    `json:"appVersion"`
	StartSection  string    `json:"startSection"`
	// Recovery is set after a damaged database was moved aside (app/recovery.go).
	Recovery *RecoveryInfo `json:"recovery"`
}

// Status reports the start-up state. It never fails: a problem is part of the answer.
func (y *SystemService) Status() (Status, error) {
	st := Status{DatabasePath: y.cfg.DBPath, NetworkDrive: y.network, AppVersion: Version, StartSection: y.cfg.StartSection}
	db, ctx, release, err := y.s.use()
	defer release()
	if err != nil {
		e := toAppError(err)
		st.Problem = &e
		return st, nil
	}
	st.Ready = true
	st.DatabasePath = db.Path()
	st.Recovery = loadRecovery(db.Path())
	if v, err := db.SchemaVersion(ctx); err == nil {
		st.SchemaVersion = v
	}
	return st, nil
}

func newSystemService(s *store, cfg Config) *SystemService {
	return &SystemService{s: s, cfg: cfg, network: fsinfo.IsNetworkPath(cfg.DBPath), closing: newCloseGuard()}
}
