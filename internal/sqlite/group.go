package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"tandem/internal/domain"
)

// groupColumns are one group's values (groups g, runs r).
const groupColumns = `g.id, g.kind, g.name, g.description, coalesce(g.run_id, 0), coalesce(r.name, ''), g.attendance_percent,
	(SELECT count(*) FROM sessions s WHERE s.group_id = g.id), g.archived_at IS NOT NULL, g.created_at, g.updated_at
	FROM groups g LEFT JOIN runs r ON r.id = g.run_id`

// loadGroups reads the groups matching where (on groups g) with members and modules.
func loadGroups(ctx context.Context, q rowsQueryer, where string, args ...any) ([]domain.Group, error) {
	list := []domain.Group{}
	rows, err := q.QueryContext(ctx, `SELECT `+groupColumns+` WHERE `+where+` ORDER BY g.name_key, g.id`, args...)
	if err != nil {
		return list, wrapf(err, "list groups")
	}
	index := map[int64]int{}
	for rows.Next() {
		var g domain.Group
		if err := rows.Scan(&g.ID, &g.Kind, &g.Name, &g.Description, &g.RunID, &g.RunName, &g.AttendancePercent,
			&g.SessionCount, &g.Archived, &g.CreatedAt, &g.UpdatedAt); err != nil {
			rows.Close()
			return list, wrapf(err, "read group")
		}
		g.Members, g.Modules = []domain.GroupMember{}, []domain.CourseModule{}
		index[g.ID] = len(list)
		list = append(list, g)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return list, wrapf(err, "list groups")
	}
	if len(list) == 0 {
		return list, nil
	}
	rows, err = q.QueryContext(ctx, `SELECT m.group_id, m.person_id, p.first_name || ' ' || p.last_name
		FROM group_members m JOIN people p ON p.id = m.person_id JOIN groups g ON g.id = m.group_id
		WHERE `+where+` ORDER BY p.sort_key, p.id`, args...)
	if err != nil {
		return list, wrapf(err, "list group members")
	}
	for rows.Next() {
		var gid int64
		var m domain.GroupMember
		if err := rows.Scan(&gid, &m.PersonID, &m.Name); err != nil {
			rows.Close()
			return list, wrapf(err, "read group member")
		}
		g := &list[index[gid]]
		g.Members = append(g.Members, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return list, wrapf(err, "list group members")
	}
	rows, err = q.QueryContext(ctx, `SELECT c.group_id, c.id, c.position, c.title, c.speaker, coalesce(c.date, '')
		FROM course_modules c JOIN groups g ON g.id = c.group_id WHERE `+where+` ORDER BY c.position, c.id`, args...)
	if err != nil {
		return list, wrapf(err, "list course modules")
	}
	defer rows.Close()
	for rows.Next() {
		var gid int64
		var m domain.CourseModule
		if err := rows.Scan(&gid, &m.ID, &m.Position, &m.Title, &m.Speaker, &m.Date); err != nil {
			return list, wrapf(err, "read course module")
		}
		g := &list[index[gid]]
		g.Modules = append(g.Modules, m)
	}
	return list, wrapf(rows.Err(), "list course modules")
}

func findGroup(ctx context.Context, q rowsQueryer, id int64) (domain.Group, error) {
	if err := domain.ValidID(id); err != nil {
		return domain.Group{}, err
	}
	list, err := loadGroups(ctx, q, `g.id = ?`, id)
	if err != nil {
		return domain.Group{}, err
	}
	if len(list) == 0 {
		return domain.Group{}, domain.NotFound("group")
	}
	return list[0], nil
}

// Groups lists the groups of f.Kind ("" all) by name; archived ones only
// when f.IncludeArchived.
func (db *DB) Groups(ctx context.Context, f domain.GroupFilter) ([]domain.Group, error) {
	if f.Kind != "" && !domain.ValidGroupKind(f.Kind) {
		return []domain.Group{}, domain.Invalid("kind", "group.kind.invalid")
	}
	var list []domain.Group
	err := db.view(ctx, func(tx *sql.Tx) error {
		var err error
		list, err = loadGroups(ctx, tx, `(? = '' OR g.kind = ?) AND (? OR g.archived_at IS NULL)`,
			string(f.Kind), string(f.Kind), f.IncludeArchived)
		return err
	})
	if err != nil {
		return []domain.Group{}, err
	}
	return list, nil
}

// Group returns one group with members and modules, or ENOTFOUND.
func (db *DB) Group(ctx context.Context, id int64) (domain.Group, error) {
	var g domain.Group
	err := db.view(ctx, func(tx *sql.Tx) error {
		var err error
		g, err = findGroup(ctx, tx, id)
		return err
	})
	return g, err
}

// groupRun checks the run of a group input and returns its template id and
// attendance rule. A course needs a run of a certificate-course template;
// the other kinds may name any run. A run newly chosen must not be archived.
func groupRun(ctx context.Context, q queryer, in domain.GroupInput, oldRunID int64) (templateID int64, percent int, err error) {
	if in.RunID == 0 {
		return 0, 0, nil
	}
	var kind, name string
	var archived bool
	err = q.QueryRowContext(ctx, `SELECT t.id, t.kind, t.attendance_percent, r.name, r.archived_at IS NOT NULL
		FROM runs r JOIN templates t ON t.id = r.template_id WHERE r.id = ?`, in.RunID).Scan(&templateID, &kind, &percent, &name, &archived)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, domain.Invalid("runId", "group.run.not_found")
	} else if err != nil {
		return 0, 0, wrapf(err, "get run %d", in.RunID)
	}
	if in.Kind == domain.GroupCourse && domain.TemplateKind(kind) != domain.KindCertificateCourse {
		return 0, 0, domain.Invalid("runId", "group.run.not_course", "name", name)
	}
	if archived && in.RunID != oldRunID {
		return 0, 0, domain.Invalid("runId", "group.run.archived", "name", name)
	}
	if in.Kind != domain.GroupCourse {
		percent = 0
	}
	return templateID, percent, nil
}

// checkNewMembers refuses people that do not exist or are archived.
func checkNewMembers(ctx context.Context, q queryer, ids []int64) error {
	for _, id := range ids {
		var name string
		var archived bool
		err := q.QueryRowContext(ctx, `SELECT first_name || ' ' || last_name, archived_at IS NOT NULL FROM people WHERE id = ?`,
			id).Scan(&name, &archived)
		if errors.Is(err, sql.ErrNoRows) {
			return domain.Invalid("memberIds", "group.member.not_found")
		} else if err != nil {
			return wrapf(err, "get person %d", id)
		}
		if archived {
			return domain.Invalid("memberIds", "group.member.archived", "name", name)
		}
	}
	return nil
}

// copyModules replaces a course's modules with the topics of the template,
// leaving out its practice project: that is no module (the attendance rule
// counts modules) but each participant's own project with its own status.
func copyModules(ctx context.Context, tx *Tx, groupID, templateID int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM course_modules WHERE group_id = ?`, groupID); err != nil {
		return wrapf(err, "clear course modules")
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO course_modules (group_id, position, title, speaker)
		SELECT ?, row_number() OVER (ORDER BY position) - 1, title, speaker FROM template_topics
		WHERE template_id = ? AND kind <> 'practice_project' ORDER BY position`, groupID, templateID)
	return wrapf(err, "copy course modules")
}

// CreateGroup stores a group with its members. A course needs a run of a
// certificate-course template (EINVALID group.run.not_course) and copies
// the template's topics as modules and its attendance rule.
func (db *DB) CreateGroup(ctx context.Context, in domain.GroupInput) (domain.Group, error) {
	if err := in.Validate(); err != nil {
		return domain.Group{}, err
	}
	var g domain.Group
	err := db.update(ctx, func(tx *Tx) error {
		templateID, percent, err := groupRun(ctx, tx, in, 0)
		if err != nil {
			return err
		}
		if err := checkNewMembers(ctx, tx, in.MemberIDs); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO groups (kind, name, name_key, description, run_id, attendance_percent,
			created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			in.Kind, in.Name, fold(in.Name), in.Description, nullID(in.RunID), percent, tx.now, tx.now)
		if err != nil {
			return wrapf(err, "insert group")
		}
		id, _ := res.LastInsertId()
		for _, p := range in.MemberIDs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO group_members (group_id, person_id) VALUES (?, ?)`, id, p); err != nil {
				return wrapf(err, "add group member")
			}
		}
		if in.Kind == domain.GroupCourse {
			if err := copyModules(ctx, tx, id, templateID); err != nil {
				return err
			}
		}
		g, err = findGroup(ctx, tx, id)
		return err
	})
	return g, err
}

// UpdateGroup changes a group. Kind and run stay while the group has
// sessions (ECONFLICT group.has_sessions.fixed); a changed course run
// copies modules and rule again. A member with attendance in the group's
// sessions or with a practice project cannot be removed (ECONFLICT
// group.member.has_attendance / group.member.has_project, naming the person).
func (db *DB) UpdateGroup(ctx context.Context, id int64, in domain.GroupInput) (domain.Group, error) {
	if err := domain.ValidID(id); err != nil {
		return domain.Group{}, err
	}
	if err := in.Validate(); err != nil {
		return domain.Group{}, err
	}
	var g domain.Group
	err := db.update(ctx, func(tx *Tx) error {
		old, err := findGroup(ctx, tx, id)
		if err != nil {
			return err
		}
		changed := old.Kind != in.Kind || old.RunID != in.RunID
		if changed && old.SessionCount > 0 {
			return domain.Conflict("group.has_sessions.fixed", "count", old.SessionCount)
		}
		templateID, percent, err := groupRun(ctx, tx, in, old.RunID)
		if err != nil {
			return err
		}
		if changed {
			var projects int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM practice_projects WHERE group_id = ?`, id).Scan(&projects); err != nil {
				return wrapf(err, "count projects")
			}
			if projects > 0 {
				return domain.Conflict("group.has_projects.fixed", "count", projects)
			}
		} else {
			percent = old.AttendancePercent // copied at creation; stays
		}
		keep := map[int64]bool{}
		for _, p := range in.MemberIDs {
			keep[p] = true
		}
		had := map[int64]bool{}
		for _, m := range old.Members {
			had[m.PersonID] = true
			if keep[m.PersonID] {
				continue
			}
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM session_attendance a JOIN sessions s ON s.id = a.session_id
				WHERE s.group_id = ? AND a.person_id = ?`, id, m.PersonID).Scan(&n); err != nil {
				return wrapf(err, "check member attendance")
			}
			if n > 0 {
				return domain.Conflict("group.member.has_attendance", "name", m.Name, "count", n)
			}
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM practice_projects WHERE group_id = ? AND person_id = ?`,
				id, m.PersonID).Scan(&n); err != nil {
				return wrapf(err, "check member project")
			}
			if n > 0 {
				return domain.Conflict("group.member.has_project", "name", m.Name)
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM group_members WHERE group_id = ? AND person_id = ?`, id, m.PersonID); err != nil {
				return wrapf(err, "remove group member")
			}
		}
		var added []int64
		for _, p := range in.MemberIDs {
			if !had[p] {
				added = append(added, p)
			}
		}
		if err := checkNewMembers(ctx, tx, added); err != nil {
			return err
		}
		for _, p := range added {
			if _, err := tx.ExecContext(ctx, `INSERT INTO group_members (group_id, person_id) VALUES (?, ?)`, id, p); err != nil {
				return wrapf(err, "add group member")
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE groups SET kind = ?, name = ?, name_key = ?, description = ?, run_id = ?,
			attendance_percent = ?, updated_at = ? WHERE id = ?`,
			in.Kind, in.Name, fold(in.Name), in.Description, nullID(in.RunID), percent, tx.now, id); err != nil {
			return wrapf(err, "update group %d", id)
		}
		if changed {
			if in.Kind == domain.GroupCourse {
				err = copyModules(ctx, tx, id, templateID)
			} else {
				_, err = tx.ExecContext(ctx, `DELETE FROM course_modules WHERE group_id = ?`, id)
			}
			if err != nil {
				return wrapf(err, "replace course modules")
			}
		}
		g, err = findGroup(ctx, tx, id)
		return err
	})
	return g, err
}

// SetGroupArchived archives a group (kept with everything, hidden from the
// default list) or restores it.
func (db *DB) SetGroupArchived(ctx context.Context, id int64, archived bool) (domain.Group, error) {
	if err := domain.ValidID(id); err != nil {
		return domain.Group{}, err
	}
	var g domain.Group
	err := db.update(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE groups SET archived_at = CASE WHEN ? THEN coalesce(archived_at, ?) END,
			updated_at = ? WHERE id = ?`, archived, tx.now, tx.now, id)
		if err != nil {
			return wrapf(err, "archive group %d", id)
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return domain.NotFound("group")
		}
		g, err = findGroup(ctx, tx, id)
		return err
	})
	return g, err
}

// DeleteGroup deletes a group entered by mistake, with its members and
// modules: only while it has no sessions (ECONFLICT group.has_sessions)
// and no practice projects (ECONFLICT group.has_projects).
func (db *DB) DeleteGroup(ctx context.Context, id int64) error {
	if err := domain.ValidID(id); err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		var sessions, projects int
		err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM sessions WHERE group_id = g.id),
			(SELECT count(*) FROM practice_projects WHERE group_id = g.id) FROM groups g WHERE g.id = ?`, id).Scan(&sessions, &projects)
		if errors.Is(err, sql.ErrNoRows) {
			return domain.NotFound("group")
		} else if err != nil {
			return wrapf(err, "get group %d", id)
		}
		if sessions > 0 {
			return domain.Conflict("group.has_sessions", "count", sessions)
		}
		if projects > 0 {
			return domain.Conflict("group.has_projects", "count", projects)
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM groups WHERE id = ?`, id)
		return wrapf(err, "delete group %d", id)
	})
}

// UpdateCourseModule changes a module's title, speaker and date and
// returns its group.
func (db *DB) UpdateCourseModule(ctx context.Context, id int64, in domain.CourseModuleInput) (domain.Group, error) {
	if err := domain.ValidID(id); err != nil {
		return domain.Group{}, err
	}
	if err := in.Validate(); err != nil {
		return domain.Group{}, err
	}
	var g domain.Group
	err := db.update(ctx, func(tx *Tx) error {
		var groupID int64
		err := tx.QueryRowContext(ctx, `SELECT group_id FROM course_modules WHERE id = ?`, id).Scan(&groupID)
		if errors.Is(err, sql.ErrNoRows) {
			return domain.NotFound("module")
		} else if err != nil {
			return wrapf(err, "get module %d", id)
		}
		var date any
		if in.Date != "" {
			date = in.Date
		}
		if _, err := tx.ExecContext(ctx, `UPDATE course_modules SET title = ?, speaker = ?, date = ? WHERE id = ?`,
			in.Title, in.Speaker, date, id); err != nil {
			return wrapf(err, "update module %d", id)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE groups SET updated_at = ? WHERE id = ?`, tx.now, groupID); err != nil {
			return wrapf(err, "touch group %d", groupID)
		}
		g, err = findGroup(ctx, tx, groupID)
		return err
	})
	return g, err
}

func groupExists(ctx context.Context, q queryer, id int64) error {
	var one int
	err := q.QueryRowContext(ctx, `SELECT 1 FROM groups WHERE id = ?`, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return domain.NotFound("group")
	}
	return wrapf(err, "find group %d", id)
}

// GroupSessions lists a group's sessions, the latest first, each complete.
func (db *DB) GroupSessions(ctx context.Context, groupID int64) ([]domain.Session, error) {
	if err := domain.ValidID(groupID); err != nil {
		return []domain.Session{}, err
	}
	var list []domain.Session
	err := db.view(ctx, func(tx *sql.Tx) error {
		if err := groupExists(ctx, tx, groupID); err != nil {
			return err
		}
		var err error
		list, err = loadSessions(ctx, tx, `s.group_id = ?`, `s.date DESC, s.start_time DESC, s.id DESC`, groupID)
		return err
	})
	if err != nil {
		return []domain.Session{}, err
	}
	return list, nil
}

// courseGroup returns the attendance rule of a course group; other kinds
// are refused (ECONFLICT group.not_course).
func courseGroup(ctx context.Context, q queryer, groupID int64) (int, error) {
	var kind string
	var percent int
	err := q.QueryRowContext(ctx, `SELECT kind, attendance_percent FROM groups WHERE id = ?`, groupID).Scan(&kind, &percent)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, domain.NotFound("group")
	} else if err != nil {
		return 0, wrapf(err, "get group %d", groupID)
	}
	if domain.GroupKind(kind) != domain.GroupCourse {
		return 0, domain.Conflict("group.not_course", "kind", domain.GroupKindLabel(domain.GroupKind(kind)))
	}
	return percent, nil
}

// courseParticipants reads the members of a course group (only personID
// when not 0) with the modules they were present at and their projects.
func courseParticipants(ctx context.Context, q rowsQueryer, groupID, personID int64) ([]domain.CourseParticipant, error) {
	list := []domain.CourseParticipant{}
	percent, err := courseGroup(ctx, q, groupID)
	if err != nil {
		return list, err
	}
	var total int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM course_modules WHERE group_id = ?`, groupID).Scan(&total); err != nil {
		return list, wrapf(err, "count modules")
	}
	rows, err := q.QueryContext(ctx, `SELECT m.person_id, p.first_name || ' ' || p.last_name,
		pp.title, pp.description, pp.head_supports, pp.status, pp.updated_at
		FROM group_members m JOIN people p ON p.id = m.person_id
		LEFT JOIN practice_projects pp ON pp.group_id = m.group_id AND pp.person_id = m.person_id
		WHERE m.group_id = ? AND (? = 0 OR m.person_id = ?) ORDER BY p.sort_key, p.id`, groupID, personID, personID)
	if err != nil {
		return list, wrapf(err, "list participants")
	}
	index := map[int64]int{}
	for rows.Next() {
		c := domain.CourseParticipant{Attended: []int64{}, ModulesTotal: total, RequiredPercent: percent}
		var title, desc, status, updated sql.NullString
		var head sql.NullBool
		if err := rows.Scan(&c.PersonID, &c.Name, &title, &desc, &head, &status, &updated); err != nil {
			rows.Close()
			return list, wrapf(err, "read participant")
		}
		if title.Valid {
			c.Project = &domain.PracticeProject{GroupID: groupID, PersonID: c.PersonID, Title: title.String,
				Description: desc.String, HeadSupports: head.Bool, Status: domain.ProjectStatus(status.String), UpdatedAt: updated.String}
		}
		index[c.PersonID] = len(list)
		list = append(list, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return list, wrapf(err, "list participants")
	}
	// A module counts once per person, however many of its sessions they attended.
	rows, err = q.QueryContext(ctx, `SELECT a.person_id, c.id FROM course_modules c
		JOIN sessions s ON s.module_id = c.id JOIN session_attendance a ON a.session_id = s.id AND a.present = 1
		WHERE c.group_id = ? AND s.group_id = ? AND (? = 0 OR a.person_id = ?)
		GROUP BY a.person_id, c.id ORDER BY c.position, c.id`, groupID, groupID, personID, personID)
	if err != nil {
		return list, wrapf(err, "list module attendance")
	}
	defer rows.Close()
	for rows.Next() {
		var pid, mid int64
		if err := rows.Scan(&pid, &mid); err != nil {
			return list, wrapf(err, "read module attendance")
		}
		if i, ok := index[pid]; ok {
			list[i].Attended = append(list[i].Attended, mid)
		}
	}
	if err := rows.Err(); err != nil {
		return list, wrapf(err, "list module attendance")
	}
	for i := range list {
		list[i].Complete()
	}
	return list, nil
}

// CourseParticipants lists the members of a course group with attendance
// per module, practice project and completion. Other kinds are refused
// (ECONFLICT group.not_course).
func (db *DB) CourseParticipants(ctx context.Context, groupID int64) ([]domain.CourseParticipant, error) {
	if err := domain.ValidID(groupID); err != nil {
		return []domain.CourseParticipant{}, err
	}
	var list []domain.CourseParticipant
	err := db.view(ctx, func(tx *sql.Tx) error {
		var err error
		list, err = courseParticipants(ctx, tx, groupID, 0)
		return err
	})
	if err != nil {
		return []domain.CourseParticipant{}, err
	}
	return list, nil
}

// SavePracticeProject stores the practice project of a member of a course
// group (EINVALID project.person.not_member otherwise) and returns the
// participant with the completion computed anew.
func (db *DB) SavePracticeProject(ctx context.Context, groupID, personID int64, in domain.PracticeProjectInput) (domain.CourseParticipant, error) {
	if err := domain.ValidID(groupID); err != nil {
		return domain.CourseParticipant{}, err
	}
	if personID <= 0 {
		return domain.CourseParticipant{}, domain.Invalid("personId", "id.invalid")
	}
	if err := in.Validate(); err != nil {
		return domain.CourseParticipant{}, err
	}
	var c domain.CourseParticipant
	err := db.update(ctx, func(tx *Tx) error {
		if _, err := courseGroup(ctx, tx, groupID); err != nil {
			return err
		}
		var member int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM group_members WHERE group_id = ? AND person_id = ?`,
			groupID, personID).Scan(&member); err != nil {
			return wrapf(err, "check member")
		}
		if member == 0 {
			p, err := findPerson(ctx, tx, personID)
			if domain.ErrorCode(err) == domain.ENOTFOUND {
				return domain.Invalid("personId", "group.member.not_found")
			} else if err != nil {
				return err
			}
			return domain.Invalid("personId", "project.person.not_member", "name", p.FirstName+" "+p.LastName)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO practice_projects (group_id, person_id, title, description, head_supports,
			status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (group_id, person_id) DO UPDATE SET title = excluded.title, description = excluded.description,
			head_supports = excluded.head_supports, status = excluded.status, updated_at = excluded.updated_at`,
			groupID, personID, in.Title, in.Description, in.HeadSupports, in.Status, tx.now, tx.now); err != nil {
			return wrapf(err, "save project")
		}
		list, err := courseParticipants(ctx, tx, groupID, personID)
		if err != nil {
			return err
		}
		if len(list) != 1 {
			return domain.Internal(errors.New("participant missing"), "read participant %d", personID)
		}
		c = list[0]
		return nil
	})
	return c, err
}
