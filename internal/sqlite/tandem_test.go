package sqlite_test

import (
	"reflect"
	"strings"
	"testing"

	"tandem/internal/domain"
	"tandem/internal/sqlite"
)

// tandemWorld is a small office: two departments, a team lead who manages
// the mentee, mentors in both departments, one colleague without the
// mentor role.
type tandemWorld struct {
	db                       *sqlite.DB
	nord, sued               domain.Department
	boss, mentee, other      domain.Person
	mentorNord, mentorSued   domain.Person
	noRole                   domain.Person
	leadership, onboard, sec domain.Run
}

func newTandemWorld(t *testing.T) *tandemWorld {
	t.Helper()
	db := progOpen(t)
	w := &tandemWorld{db: db}
	w.nord = mustCreateDepartment(t, db, "ASD Nord")
	w.sued = mustCreateDepartment(t, db, "ASD Süd")
	w.boss = progPerson(t, db, "Petra", "Schulz", w.nord.ID, 0, domain.RoleTeamLead, domain.RoleMentor)
	w.mentee = progPerson(t, db, "Mia", "Neumann", w.nord.ID, w.boss.ID, domain.RoleMentee)
	w.other = progPerson(t, db, "Ole", "Ohm", w.sued.ID, 0, domain.RoleMentee)
	w.mentorNord = progPerson(t, db, "Nora", "Nordmann", w.nord.ID, 0, domain.RoleMentor)
	w.mentorSued = progPerson(t, db, "Sven", "Südmann", w.sued.ID, 0, domain.RoleMentor)
	w.noRole = progPerson(t, db, "Rolf", "Rollenlos", w.sued.ID, 0, domain.RoleSpeaker)
	w.leadership = progRun(t, db, progKindTemplate(t, db, domain.KindLeadershipMentoring), "Mentoring 2027")
	w.onboard = progRun(t, db, progKindTemplate(t, db, domain.KindOnboarding), "Einarbeitung 2027")
	w.sec = progRun(t, db, progKindTemplate(t, db, domain.KindSecondment), "Personalbereitstellung 2027")
	return w
}

func (w *tandemWorld) input(run domain.Run, mentors ...domain.Person) domain.TandemInput {
	in := domain.TandemInput{RunID: run.ID, MenteeID: w.mentee.ID, StartDate: "2027-03-01", EndDate: "2027-08-31"}
	for _, m := range mentors {
		in.MentorIDs = append(in.MentorIDs, m.ID)
	}
	return in
}

func warningKeys(ws []domain.RuleWarning) []string {
	keys := []string{}
	for _, w := range ws {
		keys = append(keys, w.Key)
	}
	return keys
}

func TestTandem(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		w := newTandemWorld(t)
		db := w.db
		// A mentee from Süd with two mentors from Nord: no warnings.
		in := w.input(w.leadership, w.mentorNord, w.boss)
		in.MenteeID = w.other.ID
		in.WithoutRecommendation = true
		in.OverrideReason = "wird nicht gespeichert"
		warnings, err := db.CheckTandem(ctx, in)
		if err != nil || len(warnings) != 0 {
			t.Fatalf("check = %+v, %v", warnings, err)
		}
		got := progTandem(t, db, in)
		want := domain.Tandem{ID: got.ID, RunID: w.leadership.ID, RunName: "Mentoring 2027", Kind: domain.KindLeadershipMentoring,
			MenteeID: w.other.ID, MenteeName: "Ole Ohm", MentorIDs: []int64{w.mentorNord.ID, w.boss.ID},
			MentorNames: []string{"Nora Nordmann", "Petra Schulz"}, Status: domain.TandemPlanned,
			StartDate: "2027-03-01", EndDate: "2027-08-31", WithoutRecommendation: true, Warnings: []domain.RuleWarning{},
			CreatedAt: got.CreatedAt, UpdatedAt: got.UpdatedAt}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("got  %+v\nwant %+v", got, want)
		}
		if read, err := db.Tandem(ctx, got.ID); err != nil || !reflect.DeepEqual(read, got) {
			t.Fatalf("read %+v, %v", read, err)
		}

		// Mentor order is kept; the list filters by run, status and person (as mentee or mentor).
		second := progTandem(t, db, w.input(w.onboard, w.mentorNord))
		for _, c := range []struct {
			f    domain.TandemFilter
			want []int64
		}{
			{domain.TandemFilter{}, []int64{second.ID, got.ID}}, // same start: by mentee, Neumann before Ohm
			{domain.TandemFilter{RunID: w.onboard.ID}, []int64{second.ID}},
			{domain.TandemFilter{PersonID: w.boss.ID}, []int64{got.ID}},
			{domain.TandemFilter{PersonID: w.mentorNord.ID}, []int64{second.ID, got.ID}},
			{domain.TandemFilter{PersonID: w.mentee.ID}, []int64{second.ID}},
			{domain.TandemFilter{Status: domain.TandemActive}, []int64{}},
		} {
			list, err := db.Tandems(ctx, c.f)
			if err != nil {
				t.Fatal(err)
			}
			ids := []int64{}
			for _, x := range list {
				ids = append(ids, x.ID)
			}
			if !reflect.DeepEqual(ids, c.want) {
				t.Errorf("filter %+v: got %v, want %v", c.f, ids, c.want)
			}
		}
		_, err = db.Tandems(ctx, domain.TandemFilter{Status: "paused"})
		wantCode(t, err, domain.EINVALID, "tandem.status.invalid")

		// Update: swap to one mentor.
		in.MentorIDs = []int64{w.mentorSued.ID}
		up, err := db.UpdateTandem(ctx, got.ID, in)
		if err != nil || !reflect.DeepEqual(up.MentorIDs, []int64{w.mentorSued.ID}) || !reflect.DeepEqual(up.MentorNames, []string{"Sven Südmann"}) {
			t.Fatalf("update = %+v, %v", up, err)
		}
		_, err = db.Tandem(ctx, 9999)
		wantCode(t, err, domain.ENOTFOUND, "tandem.not_found")
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		w := newTandemWorld(t)
		db := w.db
		archived := progPerson(t, db, "Anna", "Archiv", 0, 0, domain.RoleMentor)
		if _, err := db.SetPersonArchived(ctx, archived.ID, true); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name       string
			edit       func(*domain.TandemInput)
			code, key  string
			field      string
			paramsName string
		}{
			{"Self", func(in *domain.TandemInput) { in.MentorIDs = []int64{w.mentee.ID} }, domain.EINVALID, "tandem.self", "mentorIds", ""},
			{"SelfSecond", func(in *domain.TandemInput) { in.MentorIDs = []int64{w.mentorSued.ID, w.mentee.ID} }, domain.EINVALID, "tandem.self", "mentorIds", ""},
			{"NoMentor", func(in *domain.TandemInput) { in.MentorIDs = nil }, domain.EINVALID, "tandem.mentors.count", "mentorIds", ""},
			{"ThreeMentors", func(in *domain.TandemInput) { in.MentorIDs = []int64{w.mentorSued.ID, w.mentorNord.ID, w.boss.ID} }, domain.EINVALID, "tandem.mentors.count", "mentorIds", ""},
			{"SameMentorTwice", func(in *domain.TandemInput) { in.MentorIDs = []int64{w.mentorSued.ID, w.mentorSued.ID} }, domain.EINVALID, "tandem.mentors.duplicate", "mentorIds", ""},
			{"MentorRole", func(in *domain.TandemInput) { in.MentorIDs = []int64{w.mentorSued.ID, w.noRole.ID} }, domain.EINVALID, "tandem.mentor_role", "mentorIds", "Rolf Rollenlos"},
			{"MentorArchived", func(in *domain.TandemInput) { in.MentorIDs = []int64{archived.ID} }, domain.EINVALID, "tandem.mentor.archived", "mentorIds", "Anna Archiv"},
			{"MentorMissing", func(in *domain.TandemInput) { in.MentorIDs = []int64{9999} }, domain.EINVALID, "tandem.mentor.not_found", "mentorIds", ""},
			{"MenteeMissing", func(in *domain.TandemInput) { in.MenteeID = 9999 }, domain.EINVALID, "tandem.mentee.not_found", "menteeId", ""},
			{"MenteeArchived", func(in *domain.TandemInput) { in.MenteeID = archived.ID }, domain.EINVALID, "tandem.mentee.archived", "menteeId", "Anna Archiv"},
			{"RunMissing", func(in *domain.TandemInput) { in.RunID = 9999 }, domain.EINVALID, "tandem.run.not_found", "runId", ""},
			{"NoRun", func(in *domain.TandemInput) { in.RunID = 0 }, domain.EINVALID, "tandem.run.required", "runId", ""},
			{"BadDate", func(in *domain.TandemInput) { in.StartDate = "2027-13-01" }, domain.EINVALID, "date.invalid", "startDate", ""},
			{"EndBeforeStart", func(in *domain.TandemInput) { in.EndDate = "2027-02-28" }, domain.EINVALID, "date.end_before_start", "endDate", ""},
			{"ReasonTooLong", func(in *domain.TandemInput) { in.OverrideReason = strings.Repeat("x", 2001) }, domain.EINVALID, "text.too_long", "overrideReason", ""},
		} {
			t.Run(c.name, func(t *testing.T) {
				in := w.input(w.onboard, w.mentorSued)
				c.edit(&in)
				unchanged(t, db, c.code, c.key, func() error {
					_, err := db.CreateTandem(ctx, in)
					wantField(t, err, c.field)
					if c.paramsName != "" && domain.AsError(err).Params["name"] != c.paramsName {
						t.Errorf("params = %v, want name %q", domain.AsError(err).Params, c.paramsName)
					}
					return err
				})
				_, err := db.CheckTandem(ctx, in)
				wantCode(t, err, c.code, c.key)
			})
		}
	})

	t.Run("LeadershipWarnings", func(t *testing.T) {
		w := newTandemWorld(t)
		db := w.db
		// Nordmann shares the mentee's department; Schulz is also her line manager.
		in := w.input(w.leadership, w.mentorNord, w.boss)
		warnings, err := db.CheckTandem(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		wantKeys := []string{"tandem.same_department", "tandem.same_department", "tandem.line_manager"}
		if got := warningKeys(warnings); !reflect.DeepEqual(got, wantKeys) {
			t.Fatalf("warnings = %v, want %v", got, wantKeys)
		}
		if m := warnings[0].Message; !strings.Contains(m, "„Nora Nordmann“") || !strings.Contains(m, "ASD Nord") || !strings.Contains(m, "Dienststelle") {
			t.Errorf("message = %q", m)
		}
		if m := warnings[2].Message; !strings.Contains(m, "„Petra Schulz“ ist die vorgesetzte Person von „Mia Neumann“") {
			t.Errorf("message = %q", m)
		}

		// Without a reason: refused, with the warnings in the error.
		unchanged(t, db, domain.ECONFLICT, "tandem.reason_required", func() error {
			_, err := db.CreateTandem(ctx, in)
			wantField(t, err, "overrideReason")
			if s, _ := domain.AsError(err).Params["warnings"].(string); !strings.Contains(s, "vorgesetzte Person") {
				t.Errorf("params = %v", domain.AsError(err).Params)
			}
			return err
		})
		in.OverrideReason = "   "
		unchanged(t, db, domain.ECONFLICT, "tandem.reason_required", func() error { _, err := db.CreateTandem(ctx, in); return err })

		// With a reason: stored, and shown with German messages.
		in.OverrideReason = "Einzige Mentorin mit Leitungserfahrung; Steuerungsgruppe hat zugestimmt."
		tandem := progTandem(t, db, in)
		if got := warningKeys(tandem.Warnings); !reflect.DeepEqual(got, wantKeys) || tandem.OverrideReason != in.OverrideReason {
			t.Fatalf("stored warnings %v, reason %q", got, tandem.OverrideReason)
		}
		read, _ := db.Tandem(ctx, tandem.ID)
		if !reflect.DeepEqual(read.Warnings, warnings) {
			t.Fatalf("read warnings %+v\nwant %+v", read.Warnings, warnings)
		}

		// Ohm (Süd) with Nordmann (Nord): no warnings.
		in2 := w.input(w.leadership, w.mentorNord)
		in2.MenteeID = w.other.ID
		if ws, err := db.CheckTandem(ctx, in2); err != nil || len(ws) != 0 {
			t.Fatalf("cross-department tandem warns: %+v, %v", ws, err)
		}
		in2.MenteeID = w.mentee.ID
		// The mentee already has an open tandem in this run.
		unchanged(t, db, domain.ECONFLICT, "tandem.duplicate", func() error { _, err := db.CreateTandem(ctx, in2); return err })

		// The same people in an onboarding run raise no warnings.
		onboard := w.input(w.onboard, w.mentorNord, w.boss)
		if ws, err := db.CheckTandem(ctx, onboard); err != nil || len(ws) != 0 {
			t.Fatalf("onboarding warns: %+v, %v", ws, err)
		}
		if tt := progTandem(t, db, onboard); len(tt.Warnings) != 0 || tt.OverrideReason != "" {
			t.Fatalf("onboarding tandem stored %+v", tt)
		}

		// Updating to a cross-department mentor drops the warnings and the reason.
		in.MentorIDs = []int64{w.mentorSued.ID}
		up, err := db.UpdateTandem(ctx, tandem.ID, in)
		if err != nil || len(up.Warnings) != 0 || up.OverrideReason != "" {
			t.Fatalf("update = %+v, %v", up, err)
		}
		// And back without a reason: refused.
		in.MentorIDs, in.OverrideReason = []int64{w.mentorNord.ID}, ""
		unchanged(t, db, domain.ECONFLICT, "tandem.reason_required", func() error { _, err := db.UpdateTandem(ctx, tandem.ID, in); return err })
		if ws, err := db.CheckTandemUpdate(ctx, tandem.ID, in); err != nil || !reflect.DeepEqual(warningKeys(ws), []string{"tandem.same_department"}) {
			t.Fatalf("check update = %v, %v", ws, err)
		}
	})

	t.Run("Secondment", func(t *testing.T) {
		w := newTandemWorld(t)
		db := w.db
		for _, c := range []struct{ start, end string }{
			{"2027-03-01", "2027-09-01"}, // six months and a day
			{"2026-06-24", "2026-12-24"}, // limit is 23.12.2026
			{"2027-08-31", "2028-03-01"}, // limit is 29.02.2028
			{"2026-08-31", "2027-03-01"}, // limit is 28.02.2027
		} {
			in := w.input(w.sec, w.mentorSued)
			in.StartDate, in.EndDate = c.start, c.end
			unchanged(t, db, domain.EINVALID, "tandem.secondment_too_long", func() error {
				_, err := db.CreateTandem(ctx, in)
				wantField(t, err, "endDate")
				return err
			})
		}
		e := func() *domain.Error {
			in := w.input(w.sec, w.mentorSued)
			in.StartDate, in.EndDate = "2027-08-31", "2028-03-01"
			_, err := db.CreateTandem(ctx, in)
			return domain.AsError(err)
		}()
		if e.Params["limit"] != "29.02.2028" {
			t.Errorf("limit param = %v", e.Params)
		}
		// Exactly six months is fine, and so is the month end.
		for i, c := range []struct{ start, end string }{{"2027-03-01", "2027-08-31"}, {"2027-08-31", "2028-02-29"}} {
			in := w.input(w.sec, w.mentorSued)
			in.MenteeID = []int64{w.mentee.ID, w.other.ID}[i]
			in.StartDate, in.EndDate = c.start, c.end
			progTandem(t, db, in)
		}
		// The same dates in an onboarding run are fine.
		in := w.input(w.onboard, w.mentorSued)
		in.StartDate, in.EndDate = "2027-03-01", "2028-03-01"
		progTandem(t, db, in)
	})

	t.Run("StatusTransitions", func(t *testing.T) {
		w := newTandemWorld(t)
		db := w.db
		all := []domain.TandemStatus{domain.TandemPlanned, domain.TandemActive, domain.TandemCompleted, domain.TandemCancelled}
		allowed := map[[2]domain.TandemStatus]bool{
			{domain.TandemPlanned, domain.TandemActive}: true, {domain.TandemPlanned, domain.TandemCancelled}: true,
			{domain.TandemActive, domain.TandemCompleted}: true, {domain.TandemActive, domain.TandemCancelled}: true,
		}
		// reach brings a fresh tandem into status s.
		reach := func(t *testing.T, s domain.TandemStatus) domain.Tandem {
			mentee := progPerson(t, db, "M", string(s), 0, 0)
			tt := progTandem(t, db, domain.TandemInput{RunID: w.onboard.ID, MenteeID: mentee.ID, MentorIDs: []int64{w.mentorSued.ID},
				StartDate: "2027-03-01", EndDate: "2027-04-01"})
			path := map[domain.TandemStatus][]domain.TandemStatus{
				domain.TandemActive: {domain.TandemActive}, domain.TandemCompleted: {domain.TandemActive, domain.TandemCompleted},
				domain.TandemCancelled: {domain.TandemCancelled},
			}[s]
			for _, step := range path {
				var err error
				if tt, err = db.SetTandemStatus(ctx, tt.ID, step, "Grund"); err != nil {
					t.Fatal(err)
				}
			}
			return tt
		}
		for _, from := range all {
			for _, to := range all {
				t.Run(string(from)+"-"+string(to), func(t *testing.T) {
					tt := reach(t, from)
					if !allowed[[2]domain.TandemStatus{from, to}] {
						unchanged(t, db, domain.ECONFLICT, "tandem.status_transition", func() error {
							_, err := db.SetTandemStatus(ctx, tt.ID, to, "Grund")
							return err
						})
						return
					}
					if to == domain.TandemCancelled {
						unchanged(t, db, domain.EINVALID, "text.required", func() error {
							_, err := db.SetTandemStatus(ctx, tt.ID, to, " \n ")
							wantField(t, err, "cancelReason")
							return err
						})
						unchanged(t, db, domain.EINVALID, "text.too_long", func() error {
							_, err := db.SetTandemStatus(ctx, tt.ID, to, strings.Repeat("x", 2001))
							return err
						})
					}
					got, err := db.SetTandemStatus(ctx, tt.ID, to, " Umzug ")
					if err != nil || got.Status != to {
						t.Fatalf("got %+v, %v", got, err)
					}
					if want := map[bool]string{true: "Umzug", false: ""}[to == domain.TandemCancelled]; got.CancelReason != want {
						t.Fatalf("cancel reason %q, want %q", got.CancelReason, want)
					}
				})
			}
		}
		tt := reach(t, domain.TandemActive)
		unchanged(t, db, domain.EINVALID, "tandem.status.invalid", func() error {
			_, err := db.SetTandemStatus(ctx, tt.ID, "paused", "")
			return err
		})
		// Final tandems cannot be edited either.
		done := reach(t, domain.TandemCompleted)
		unchanged(t, db, domain.ECONFLICT, "tandem.closed", func() error {
			_, err := db.UpdateTandem(ctx, done.ID, domain.TandemInput{RunID: w.onboard.ID, MenteeID: done.MenteeID,
				MentorIDs: []int64{w.mentorSued.ID}, StartDate: "2027-03-01", EndDate: "2027-04-01"})
			return err
		})
	})

	t.Run("DuplicateAfterCancel", func(t *testing.T) {
		w := newTandemWorld(t)
		db := w.db
		in := w.input(w.onboard, w.mentorSued)
		first := progTandem(t, db, in)
		unchanged(t, db, domain.ECONFLICT, "tandem.duplicate", func() error { _, err := db.CreateTandem(ctx, in); return err })
		if _, err := db.SetTandemStatus(ctx, first.ID, domain.TandemCancelled, "Neue Zuordnung"); err != nil {
			t.Fatal(err)
		}
		second := progTandem(t, db, in)
		// Updating a tandem is not a duplicate of itself.
		if _, err := db.UpdateTandem(ctx, second.ID, in); err != nil {
			t.Fatal(err)
		}
		// The same mentee in another run is fine.
		in.RunID = w.leadership.ID
		in.MentorIDs = []int64{w.mentorSued.ID}
		progTandem(t, db, in)
	})

	t.Run("CancelKeepsPlan", func(t *testing.T) {
		w := newTandemWorld(t)
		db := w.db
		tt := progTandem(t, db, w.input(w.onboard, w.mentorSued))
		if tt.PlanID != 0 || tt.Progress != (domain.Progress{}) {
			t.Fatalf("tandem without plan: %+v", tt)
		}
		tmpl := progTemplate(t, db, hildenTemplate())
		plan := progPlan(t, db, domain.PlanInput{NewcomerID: w.mentee.ID, TemplateID: tmpl, TandemID: tt.ID, StartDate: "2027-03-01"})
		if _, err := db.SetPlanItemStatus(ctx, plan.Items[0].ID, domain.ItemDone); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SetTandemStatus(ctx, tt.ID, domain.TandemActive, ""); err != nil {
			t.Fatal(err)
		}
		got, err := db.SetTandemStatus(ctx, tt.ID, domain.TandemCancelled, "Fachkraft hat gekündigt")
		if err != nil {
			t.Fatal(err)
		}
		if got.PlanID != plan.ID || got.Progress != (domain.Progress{Done: 1, Total: 6, Percent: 16}) || got.CancelReason != "Fachkraft hat gekündigt" {
			t.Fatalf("cancelled tandem %+v", got)
		}
		after, err := db.Plan(ctx, plan.ID)
		if err != nil || after.Status != domain.PlanActive || len(after.Items) != 6 || after.TandemID != tt.ID {
			t.Fatalf("plan after cancel: %+v, %v", after, err)
		}
		if list, _ := db.Tandems(ctx, domain.TandemFilter{Status: domain.TandemCancelled}); len(list) != 1 || list[0].Progress.Done != 1 {
			t.Fatalf("cancelled list %+v", list)
		}
	})
}
