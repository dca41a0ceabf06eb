package app

import (
	"time"

	"tandem/internal/domain"
	"tandem/internal/exchange"
)

// TemplateService is bound to the UI: programme templates (Programmvorlagen).
type TemplateService struct{ s *store }

// List returns the templates, archived ones only when asked.
func (t *TemplateService) List(includeArchived bool) ([]domain.Template, error) {
	db, ctx, release, err := t.s.use()
	defer release()
	if err != nil {
		return nil, err
	}
	return db.Templates(ctx, includeArchived)
}

// Get returns one template with its phases and topics.
func (t *TemplateService) Get(id int64) (domain.Template, error) {
	db, ctx, release, err := t.s.use()
	defer release()
	if err != nil {
		return domain.Template{}, err
	}
	return db.Template(ctx, id)
}

// Create stores a new template.
func (t *TemplateService) Create(in domain.Template) (domain.Template, error) {
	db, ctx, release, err := t.s.use()
	defer release()
	if err != nil {
		return domain.Template{}, err
	}
	return db.CreateTemplate(ctx, in)
}

// Update replaces a template's content.
func (t *TemplateService) Update(id int64, in domain.Template) (domain.Template, error) {
	db, ctx, release, err := t.s.use()
	defer release()
	if err != nil {
		return domain.Template{}, err
	}
	return db.UpdateTemplate(ctx, id, in)
}

// Copy stores a copy under a new name.
func (t *TemplateService) Copy(id int64) (domain.Template, error) {
	db, ctx, release, err := t.s.use()
	defer release()
	if err != nil {
		return domain.Template{}, err
	}
	return db.CopyTemplate(ctx, id)
}

// Archive hides a template but keeps it.
func (t *TemplateService) Archive(id int64) (domain.Template, error) {
	return t.setArchived(id, true)
}

// Restore brings an archived template back.
func (t *TemplateService) Restore(id int64) (domain.Template, error) {
	return t.setArchived(id, false)
}

func (t *TemplateService) setArchived(id int64, archived bool) (domain.Template, error) {
	db, ctx, release, err := t.s.use()
	defer release()
	if err != nil {
		return domain.Template{}, err
	}
	return db.SetTemplateArchived(ctx, id, archived)
}

// Delete removes a template no run or plan uses.
func (t *TemplateService) Delete(id int64) error {
	db, ctx, release, err := t.s.use()
	defer release()
	if err != nil {
		return err
	}
	return db.DeleteTemplate(ctx, id)
}

// ExportJSON returns the template in the exchange format (docs/template-format.md).
func (t *TemplateService) ExportJSON(id int64) (string, error) {
	db, ctx, release, err := t.s.use()
	defer release()
	if err != nil {
		return "", err
	}
	tpl, err := db.Template(ctx, id)
	if err != nil {
		return "", err
	}
	b, err := exchange.Encode(tpl)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// ExportToFile asks where to save the template and writes it there. It
// returns the chosen path, or "" when the user cancelled.
func (t *TemplateService) ExportToFile(id int64) (string, error) {
	db, ctx, release, err := t.s.use()
	defer release()
	if err != nil {
		return "", err
	}
	tpl, err := db.Template(ctx, id)
	if err != nil {
		return "", err
	}
	b, err := exchange.Encode(tpl)
	if err != nil {
		return "", err
	}
	return saveFile("Programmvorlage exportieren", exchange.FileStem(tpl), templateFile, b)
}

// Import stores a template from exchange-format text (what the UI read
// from the chosen file). It never overwrites: a taken name gets a suffix.
func (t *TemplateService) Import(content string) (domain.Template, error) {
	db, ctx, release, err := t.s.use()
	defer release()
	if err != nil {
		return domain.Template{}, err
	}
	tpl, err := exchange.Decode([]byte(content))
	if err != nil {
		return domain.Template{}, err
	}
	return db.ImportTemplate(ctx, tpl)
}

// RunService is bound to the UI: programme runs (Durchgänge).
type RunService struct{ s *store }

func (r *RunService) List(includeArchived bool) ([]domain.Run, error) {
	db, ctx, release, err := r.s.use()
	defer release()
	if err != nil {
		return nil, err
	}
	return db.Runs(ctx, includeArchived)
}

func (r *RunService) Create(in domain.RunInput) (domain.Run, error) {
	db, ctx, release, err := r.s.use()
	defer release()
	if err != nil {
		return domain.Run{}, err
	}
	return db.CreateRun(ctx, in)
}

func (r *RunService) Update(id int64, in domain.RunInput) (domain.Run, error) {
	db, ctx, release, err := r.s.use()
	defer release()
	if err != nil {
		return domain.Run{}, err
	}
	return db.UpdateRun(ctx, id, in)
}

func (r *RunService) Archive(id int64) (domain.Run, error) { return r.setArchived(id, true) }
func (r *RunService) Restore(id int64) (domain.Run, error) { return r.setArchived(id, false) }

func (r *RunService) setArchived(id int64, archived bool) (domain.Run, error) {
	db, ctx, release, err := r.s.use()
	defer release()
	if err != nil {
		return domain.Run{}, err
	}
	return db.SetRunArchived(ctx, id, archived)
}

func (r *RunService) Delete(id int64) error {
	db, ctx, release, err := r.s.use()
	defer release()
	if err != nil {
		return err
	}
	return db.DeleteRun(ctx, id)
}

// TandemService is bound to the UI: tandems.
type TandemService struct{ s *store }

func (t *TandemService) List(f domain.TandemFilter) ([]domain.Tandem, error) {
	db, ctx, release, err := t.s.use()
	defer release()
	if err != nil {
		return nil, err
	}
	return db.Tandems(ctx, f)
}

func (t *TandemService) Get(id int64) (domain.Tandem, error) {
	db, ctx, release, err := t.s.use()
	defer release()
	if err != nil {
		return domain.Tandem{}, err
	}
	return db.Tandem(ctx, id)
}

// Check returns the rule warnings a tandem would be saved with.
func (t *TandemService) Check(in domain.TandemInput) ([]domain.RuleWarning, error) {
	db, ctx, release, err := t.s.use()
	defer release()
	if err != nil {
		return nil, err
	}
	return db.CheckTandem(ctx, in)
}

// CheckUpdate returns the rule warnings an edited tandem would be saved with.
func (t *TandemService) CheckUpdate(id int64, in domain.TandemInput) ([]domain.RuleWarning, error) {
	db, ctx, release, err := t.s.use()
	defer release()
	if err != nil {
		return nil, err
	}
	return db.CheckTandemUpdate(ctx, id, in)
}

func (t *TandemService) Create(in domain.TandemInput) (domain.Tandem, error) {
	db, ctx, release, err := t.s.use()
	defer release()
	if err != nil {
		return domain.Tandem{}, err
	}
	return db.CreateTandem(ctx, in)
}

func (t *TandemService) Update(id int64, in domain.TandemInput) (domain.Tandem, error) {
	db, ctx, release, err := t.s.use()
	defer release()
	if err != nil {
		return domain.Tandem{}, err
	}
	return db.UpdateTandem(ctx, id, in)
}

// SetStatus moves a tandem on: planned → active → completed, or cancelled with a reason.
func (t *TandemService) SetStatus(id int64, status string, reason string) (domain.Tandem, error) {
	db, ctx, release, err := t.s.use()
	defer release()
	if err != nil {
		return domain.Tandem{}, err
	}
	return db.SetTandemStatus(ctx, id, domain.TandemStatus(status), reason)
}

// PlanService is bound to the UI: individual onboarding plans.
type PlanService struct{ s *store }

func (p *PlanService) List(f domain.PlanFilter) ([]domain.Plan, error) {
	db, ctx, release, err := p.s.use()
	defer release()
	if err != nil {
		return nil, err
	}
	return db.Plans(ctx, f)
}

func (p *PlanService) Get(id int64) (domain.Plan, error) {
	db, ctx, release, err := p.s.use()
	defer release()
	if err != nil {
		return domain.Plan{}, err
	}
	return db.Plan(ctx, id)
}

func (p *PlanService) Create(in domain.PlanInput) (domain.Plan, error) {
	db, ctx, release, err := p.s.use()
	defer release()
	if err != nil {
		return domain.Plan{}, err
	}
	return db.CreatePlan(ctx, in)
}

// Shift moves the whole plan to a new start date.
func (p *PlanService) Shift(id int64, newStart string) (domain.Plan, error) {
	db, ctx, release, err := p.s.use()
	defer release()
	if err != nil {
		return domain.Plan{}, err
	}
	return db.ShiftPlan(ctx, id, newStart)
}

func (p *PlanService) Cancel(id int64, reason string) (domain.Plan, error) {
	db, ctx, release, err := p.s.use()
	defer release()
	if err != nil {
		return domain.Plan{}, err
	}
	return db.CancelPlan(ctx, id, reason)
}

func (p *PlanService) AddItem(planID int64, in domain.PlanItemInput) (domain.Plan, error) {
	db, ctx, release, err := p.s.use()
	defer release()
	if err != nil {
		return domain.Plan{}, err
	}
	return db.AddPlanItem(ctx, planID, in)
}

func (p *PlanService) UpdateItem(itemID int64, in domain.PlanItemInput) (domain.Plan, error) {
	db, ctx, release, err := p.s.use()
	defer release()
	if err != nil {
		return domain.Plan{}, err
	}
	return db.UpdatePlanItem(ctx, itemID, in)
}

func (p *PlanService) SetItemStatus(itemID int64, status string) (domain.Plan, error) {
	db, ctx, release, err := p.s.use()
	defer release()
	if err != nil {
		return domain.Plan{}, err
	}
	return db.SetPlanItemStatus(ctx, itemID, domain.PlanItemStatus(status))
}

func (p *PlanService) DeleteItem(itemID int64) (domain.Plan, error) {
	db, ctx, release, err := p.s.use()
	defer release()
	if err != nil {
		return domain.Plan{}, err
	}
	return db.DeletePlanItem(ctx, itemID)
}

func (p *PlanService) MoveItem(itemID int64, position int) (domain.Plan, error) {
	db, ctx, release, err := p.s.use()
	defer release()
	if err != nil {
		return domain.Plan{}, err
	}
	return db.MovePlanItem(ctx, itemID, position)
}

// SetPriorKnowledge records what the newcomer already knows of a topic;
// action "shorten" or "drop" adjusts the item and notes why.
func (p *PlanService) SetPriorKnowledge(itemID int64, knowledge string, action string) (domain.Plan, error) {
	db, ctx, release, err := p.s.use()
	defer release()
	if err != nil {
		return domain.Plan{}, err
	}
	return db.SetPriorKnowledge(ctx, itemID, domain.PriorKnowledge(knowledge), action)
}

func (p *PlanService) AddHandover(planID int64, in domain.HandoverInput) (domain.Plan, error) {
	db, ctx, release, err := p.s.use()
	defer release()
	if err != nil {
		return domain.Plan{}, err
	}
	return db.AddHandover(ctx, planID, in)
}

func (p *PlanService) DeleteHandover(id int64) (domain.Plan, error) {
	db, ctx, release, err := p.s.use()
	defer release()
	if err != nil {
		return domain.Plan{}, err
	}
	return db.DeleteHandover(ctx, id)
}

// OverviewService is bound to the UI: the Übersicht.
type OverviewService struct{ s *store }

func (o *OverviewService) Get() (domain.Overview, error) {
	db, ctx, release, err := o.s.use()
	defer release()
	if err != nil {
		return domain.Overview{}, err
	}
	return db.Overview(ctx, time.Now())
}
