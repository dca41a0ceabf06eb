package app

import "tandem/internal/domain"

// GroupService is bound to the UI: peer groups of mentees or mentors, the
// steering group and certificate courses with members, modules, practice
// projects and completion. Group sessions go through SessionService with
// GroupID (and ModuleID) set.
type GroupService struct{ s *store }

// List returns the groups of a kind ("" all), archived ones on request.
func (x *GroupService) List(f domain.GroupFilter) ([]domain.Group, error) {
	db, ctx, release, err := x.s.use()
	defer release()
	if err != nil {
		return nil, err
	}
	return db.Groups(ctx, f)
}

// Get returns one group with members and modules.
func (x *GroupService) Get(id int64) (domain.Group, error) {
	db, ctx, release, err := x.s.use()
	defer release()
	if err != nil {
		return domain.Group{}, err
	}
	return db.Group(ctx, id)
}

// Create stores a group; a course copies modules and attendance rule from its run's template.
func (x *GroupService) Create(in domain.GroupInput) (domain.Group, error) {
	db, ctx, release, err := x.s.use()
	defer release()
	if err != nil {
		return domain.Group{}, err
	}
	return db.CreateGroup(ctx, in)
}

// Update changes name, description and members (kind and run only while the group has no sessions).
func (x *GroupService) Update(id int64, in domain.GroupInput) (domain.Group, error) {
	db, ctx, release, err := x.s.use()
	defer release()
	if err != nil {
		return domain.Group{}, err
	}
	return db.UpdateGroup(ctx, id, in)
}

// Archive hides a group from the default list.
func (x *GroupService) Archive(id int64) (domain.Group, error) {
	db, ctx, release, err := x.s.use()
	defer release()
	if err != nil {
		return domain.Group{}, err
	}
	return db.SetGroupArchived(ctx, id, true)
}

// Restore brings an archived group back.
func (x *GroupService) Restore(id int64) (domain.Group, error) {
	db, ctx, release, err := x.s.use()
	defer release()
	if err != nil {
		return domain.Group{}, err
	}
	return db.SetGroupArchived(ctx, id, false)
}

// Delete removes a group without sessions.
func (x *GroupService) Delete(id int64) error {
	db, ctx, release, err := x.s.use()
	defer release()
	if err != nil {
		return err
	}
	return db.DeleteGroup(ctx, id)
}

// UpdateModule changes a course module's title, speaker and date.
func (x *GroupService) UpdateModule(moduleID int64, in domain.CourseModuleInput) (domain.Group, error) {
	db, ctx, release, err := x.s.use()
	defer release()
	if err != nil {
		return domain.Group{}, err
	}
	return db.UpdateCourseModule(ctx, moduleID, in)
}

// Sessions returns a group's sessions, newest first.
func (x *GroupService) Sessions(groupID int64) ([]domain.Session, error) {
	db, ctx, release, err := x.s.use()
	defer release()
	if err != nil {
		return nil, err
	}
	return db.GroupSessions(ctx, groupID)
}

// Participants returns the members of a course with attendance, project and completion.
func (x *GroupService) Participants(groupID int64) ([]domain.CourseParticipant, error) {
	db, ctx, release, err := x.s.use()
	defer release()
	if err != nil {
		return nil, err
	}
	return db.CourseParticipants(ctx, groupID)
}

// SaveProject stores a course member's practice project.
func (x *GroupService) SaveProject(groupID, personID int64, in domain.PracticeProjectInput) (domain.CourseParticipant, error) {
	db, ctx, release, err := x.s.use()
	defer release()
	if err != nil {
		return domain.CourseParticipant{}, err
	}
	return db.SavePracticeProject(ctx, groupID, personID, in)
}
