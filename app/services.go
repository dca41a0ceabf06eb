package app

import (
	"context"
	"encoding/base64"
	"strings"
	"sync"

	"tandem/internal/domain"
	"tandem/internal/sqlite"
)

// store is what every bound service shares: the open database, or the
// problem that kept it from opening (then every call reports that problem).
//
// mu guards db and problem. A call that uses the database holds the read
// lock from use() until it returns, so a restore (app/backups.go), which
// takes the write lock to swap the file, waits for every call in flight
// and no write can land in the old file after its before-restore backup.
// A call must not take the read lock twice: with a restore waiting, the
// second RLock would wait for the restore and the restore for the call.
type store struct {
	mu      sync.RWMutex
	db      *sqlite.DB
	problem error
	ctx     context.Context
}

// use returns the open database for one call and holds the read lock until
// release is called (always, also on error: defer release() right away).
func (s *store) use() (db *sqlite.DB, ctx context.Context, release func(), err error) {
	s.mu.RLock()
	if s.db == nil {
		err := s.problem
		s.mu.RUnlock()
		return nil, nil, func() {}, err
	}
	return s.db, s.ctx, s.mu.RUnlock, nil
}

// ready reports the problem that kept the database from opening, for calls
// that do not use the database themselves; it holds no lock afterwards.
func (s *store) ready() error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.db == nil {
		return s.problem
	}
	return nil
}

// PeopleService is bound to the UI: people (Personen).
type PeopleService struct{ s *store }

// List returns people matching the filter.
func (p *PeopleService) List(f domain.PersonFilter) (domain.PersonList, error) {
	db, ctx, release, err := p.s.use()
	defer release()
	if err != nil {
		return domain.PersonList{}, err
	}
	return db.People(ctx, f)
}

// Get returns one person.
func (p *PeopleService) Get(id int64) (domain.Person, error) {
	db, ctx, release, err := p.s.use()
	defer release()
	if err != nil {
		return domain.Person{}, err
	}
	return db.Person(ctx, id)
}

// Create stores a new person.
func (p *PeopleService) Create(in domain.PersonInput) (domain.Person, error) {
	db, ctx, release, err := p.s.use()
	defer release()
	if err != nil {
		return domain.Person{}, err
	}
	return db.CreatePerson(ctx, in)
}

// Update changes a person.
func (p *PeopleService) Update(id int64, in domain.PersonInput) (domain.Person, error) {
	db, ctx, release, err := p.s.use()
	defer release()
	if err != nil {
		return domain.Person{}, err
	}
	return db.UpdatePerson(ctx, id, in)
}

// Archive hides a person from lists but keeps everything.
func (p *PeopleService) Archive(id int64) (domain.Person, error) { return p.setArchived(id, true) }

// Restore brings an archived person back.
func (p *PeopleService) Restore(id int64) (domain.Person, error) { return p.setArchived(id, false) }

func (p *PeopleService) setArchived(id int64, archived bool) (domain.Person, error) {
	db, ctx, release, err := p.s.use()
	defer release()
	if err != nil {
		return domain.Person{}, err
	}
	return db.SetPersonArchived(ctx, id, archived)
}

// Delete removes a person nothing refers to.
func (p *PeopleService) Delete(id int64) error {
	db, ctx, release, err := p.s.use()
	defer release()
	if err != nil {
		return err
	}
	return db.DeletePerson(ctx, id)
}

// DepartmentService is bound to the UI: departments (Dienststellen).
type DepartmentService struct{ s *store }

// List returns the departments, archived ones only when asked.
func (d *DepartmentService) List(includeArchived bool) ([]domain.Department, error) {
	db, ctx, release, err := d.s.use()
	defer release()
	if err != nil {
		return nil, err
	}
	return db.Departments(ctx, includeArchived)
}

// Create stores a new department.
func (d *DepartmentService) Create(in domain.DepartmentInput) (domain.Department, error) {
	db, ctx, release, err := d.s.use()
	defer release()
	if err != nil {
		return domain.Department{}, err
	}
	return db.CreateDepartment(ctx, in)
}

// Update renames a department.
func (d *DepartmentService) Update(id int64, in domain.DepartmentInput) (domain.Department, error) {
	db, ctx, release, err := d.s.use()
	defer release()
	if err != nil {
		return domain.Department{}, err
	}
	return db.UpdateDepartment(ctx, id, in)
}

// Archive hides a department but keeps it.
func (d *DepartmentService) Archive(id int64) (domain.Department, error) {
	return d.setArchived(id, true)
}

// Restore brings an archived department back.
func (d *DepartmentService) Restore(id int64) (domain.Department, error) {
	return d.setArchived(id, false)
}

func (d *DepartmentService) setArchived(id int64, archived bool) (domain.Department, error) {
	db, ctx, release, err := d.s.use()
	defer release()
	if err != nil {
		return domain.Department{}, err
	}
	return db.SetDepartmentArchived(ctx, id, archived)
}

// Delete removes a department nobody belongs to.
func (d *DepartmentService) Delete(id int64) error {
	db, ctx, release, err := d.s.use()
	defer release()
	if err != nil {
		return err
	}
	return db.DeleteDepartment(ctx, id)
}

// OrganisationService is bound to the UI: the organisation profile.
type OrganisationService struct{ s *store }

// Get returns the profile.
func (o *OrganisationService) Get() (domain.Organisation, error) {
	db, ctx, release, err := o.s.use()
	defer release()
	if err != nil {
		return domain.Organisation{}, err
	}
	return db.Organisation(ctx)
}

// Save stores the profile's text fields.
func (o *OrganisationService) Save(in domain.OrganisationInput) (domain.Organisation, error) {
	db, ctx, release, err := o.s.use()
	defer release()
	if err != nil {
		return domain.Organisation{}, err
	}
	return db.SaveOrganisation(ctx, in)
}

// Logo returns the logo as a data: URL for the preview, or "" when none is stored.
func (o *OrganisationService) Logo() (string, error) {
	db, ctx, release, err := o.s.use()
	defer release()
	if err != nil {
		return "", err
	}
	l, err := db.Logo(ctx)
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		return "", nil
	} else if err != nil {
		return "", err
	}
	return "data:" + l.MIME + ";base64," + base64.StdEncoding.EncodeToString(l.Data), nil
}

// maxDataURL bounds the encoded logo before it is decoded: base64 of 2 MB plus a header.
const maxDataURL = domain.MaxLogoSize/3*4 + 100

// SetLogo stores a PNG or JPEG logo sent as a data: URL (what FileReader gives).
func (o *OrganisationService) SetLogo(dataURL string) (domain.Organisation, error) {
	db, ctx, release, err := o.s.use()
	defer release()
	if err != nil {
		return domain.Organisation{}, err
	}
	if len(dataURL) > maxDataURL+8 {
		return domain.Organisation{}, domain.Invalid("logo", "logo.too_large")
	}
	header, payload, ok := strings.Cut(dataURL, ",")
	if !ok || !strings.HasPrefix(header, "data:") || !strings.HasSuffix(header, ";base64") {
		return domain.Organisation{}, domain.Invalid("logo", "logo.type")
	}
	data, err := base64.StdEncoding.DecodeString(payload)
	if err != nil {
		return domain.Organisation{}, domain.Invalid("logo", "logo.type")
	}
	logo, err := domain.ParseLogo(data)
	if err != nil {
		return domain.Organisation{}, err
	}
	return db.SetLogo(ctx, &logo)
}

// RemoveLogo deletes the logo.
func (o *OrganisationService) RemoveLogo() (domain.Organisation, error) {
	db, ctx, release, err := o.s.use()
	defer release()
	if err != nil {
		return domain.Organisation{}, err
	}
	return db.SetLogo(ctx, nil)
}
