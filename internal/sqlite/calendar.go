package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"tandem/internal/calendar"
	"tandem/internal/domain"
)

// CalendarFile is an .ics export ready to be saved: the words of the
// suggested file name (the caller makes it safe and adds ".ics") and the
// bytes.
type CalendarFile struct {
	Name    string
	Content []byte
	Events  int
}

// InstallationID returns the stable random identifier of this database
// (migration 0009), used in calendar UIDs.
func (db *DB) InstallationID(ctx context.Context) (string, error) {
	var id string
	err := db.view(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = installationID(ctx, tx)
		return err
	})
	return id, err
}

func installationID(ctx context.Context, q queryer) (string, error) {
	var id string
	err := q.QueryRowContext(ctx, `SELECT id FROM installation WHERE singleton = 1`).Scan(&id)
	return id, wrapf(err, "read installation id")
}

// SessionCalendar exports one session (of a tandem or a group) as an .ics
// file. A session of a cancelled tandem is not exported (ECONFLICT
// calendar.tandem_cancelled).
func (db *DB) SessionCalendar(ctx context.Context, sessionID int64) (CalendarFile, error) {
	if err := domain.ValidID(sessionID); err != nil {
		return CalendarFile{}, err
	}
	var f CalendarFile
	err := db.view(ctx, func(tx *sql.Tx) error {
		var tandemID, groupID int64
		var date string
		err := tx.QueryRowContext(ctx, `SELECT coalesce(tandem_id, 0), coalesce(group_id, 0), date FROM sessions WHERE id = ?`,
			sessionID).Scan(&tandemID, &groupID, &date)
		if errors.Is(err, sql.ErrNoRows) {
			return domain.NotFound("session")
		} else if err != nil {
			return wrapf(err, "get session %d", sessionID)
		}
		switch {
		case tandemID != 0:
			if f, err = tandemCalendar(ctx, tx, tandemID, `s.id = ?`, sessionID); err != nil {
				return err
			}
			f.Name = "Termin " + date + " " + lastNameOf(ctx, tx, tandemID)
		case groupID != 0:
			var name string
			if f, name, err = groupCalendar(ctx, tx, groupID, `s.id = ?`, sessionID); err != nil {
				return err
			}
			f.Name = "Termin " + date + " " + name
		default:
			return domain.Invalid("id", "calendar.session.not_tandem")
		}
		return nil
	})
	return f, err
}

// GroupCalendar exports the sessions of a peer group, the steering group or
// a course dated from (ISO) or later, in date order. Without such sessions
// nothing is exported (ECONFLICT calendar.group.none_upcoming).
func (db *DB) GroupCalendar(ctx context.Context, groupID int64, from string) (CalendarFile, error) {
	if err := domain.ValidID(groupID); err != nil {
		return CalendarFile{}, err
	}
	if _, ok := domain.ParseDate(from); !ok {
		return CalendarFile{}, domain.Invalid("date", "date.invalid")
	}
	var f CalendarFile
	err := db.view(ctx, func(tx *sql.Tx) error {
		var err error
		var name string
		f, name, err = groupCalendar(ctx, tx, groupID, `s.group_id = ? AND s.date >= ?`, groupID, from)
		if err != nil {
			return err
		}
		if f.Events == 0 {
			return domain.Conflict("calendar.group.none_upcoming")
		}
		f.Name = "Termine " + name
		return nil
	})
	return f, err
}

// groupCalendar builds the calendar of the group's sessions matching where;
// the summary is the group's name (with the module for a course), the
// description names the module and its speaker. It also returns the name.
func groupCalendar(ctx context.Context, tx *sql.Tx, groupID int64, where string, args ...any) (CalendarFile, string, error) {
	var name, updated string
	err := tx.QueryRowContext(ctx, `SELECT name, updated_at FROM groups WHERE id = ?`, groupID).Scan(&name, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return CalendarFile{}, "", domain.NotFound("group")
	} else if err != nil {
		return CalendarFile{}, "", wrapf(err, "get group %d", groupID)
	}
	groupUpdated := parseStamp(updated)
	install, err := installationID(ctx, tx)
	if err != nil {
		return CalendarFile{}, "", err
	}
	sessions, err := calendarSessions(ctx, tx, where, args...)
	if err != nil {
		return CalendarFile{}, "", err
	}
	modules := map[int64][2]string{}
	rows, err := tx.QueryContext(ctx, `SELECT s.id, m.title, m.speaker FROM sessions s
		JOIN course_modules m ON m.id = s.module_id WHERE `+where, args...)
	if err != nil {
		return CalendarFile{}, "", wrapf(err, "list session modules for calendar")
	}
	for rows.Next() {
		var id int64
		var title, speaker string
		if err := rows.Scan(&id, &title, &speaker); err != nil {
			rows.Close()
			return CalendarFile{}, "", wrapf(err, "read session module for calendar")
		}
		modules[id] = [2]string{title, speaker}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return CalendarFile{}, "", wrapf(err, "list session modules for calendar")
	}
	events := make([]calendar.Event, 0, len(sessions))
	for _, s := range sessions {
		summary := name
		m, isModule := modules[s.id]
		if isModule {
			summary += ": " + m[0]
		}
		e, err := s.event(install, summary)
		if err != nil {
			return CalendarFile{}, "", err
		}
		if isModule {
			e.Description = "Modul: " + m[0]
			if m[1] != "" {
				e.Description += "\nReferent:in: " + m[1]
			}
		}
		// The group's name (and its modules) changed: the event changes too.
		if groupUpdated.After(e.Updated) {
			e.Updated = groupUpdated
		}
		events = append(events, e)
	}
	var b bytes.Buffer
	if err := calendar.Write(&b, name, events); err != nil {
		return CalendarFile{}, "", domain.Internal(err, "write calendar")
	}
	return CalendarFile{Content: b.Bytes(), Events: len(events)}, name, nil
}

// TandemCalendar exports the sessions of a tandem dated from (ISO) or later,
// in date order. A cancelled tandem is not exported (ECONFLICT
// calendar.tandem_cancelled): its sessions will not take place. Without such
// sessions nothing is exported (ECONFLICT calendar.none_upcoming).
func (db *DB) TandemCalendar(ctx context.Context, tandemID int64, from string) (CalendarFile, error) {
	if err := domain.ValidID(tandemID); err != nil {
		return CalendarFile{}, err
	}
	if _, ok := domain.ParseDate(from); !ok {
		return CalendarFile{}, domain.Invalid("date", "date.invalid")
	}
	var f CalendarFile
	err := db.view(ctx, func(tx *sql.Tx) error {
		var err error
		f, err = tandemCalendar(ctx, tx, tandemID, `s.tandem_id = ? AND s.date >= ?`, tandemID, from)
		if err != nil {
			return err
		}
		if f.Events == 0 {
			return domain.Conflict("calendar.none_upcoming")
		}
		f.Name = "Termine Tandem " + lastNameOf(ctx, tx, tandemID)
		return nil
	})
	return f, err
}

// calendarSession is what an event is built from: never notes or agreements.
type calendarSession struct {
	id, tandemID    int64
	date, startTime string
	minutes         int
	place           string
	updated         time.Time
	topics          []string
}

// tandemCalendar builds the calendar of the tandem's sessions matching where.
func tandemCalendar(ctx context.Context, tx *sql.Tx, tandemID int64, where string, args ...any) (CalendarFile, error) {
	t, err := findTandem(ctx, tx, tandemID)
	if err != nil {
		return CalendarFile{}, err
	}
	if t.Status == domain.TandemCancelled {
		return CalendarFile{}, domain.Conflict("calendar.tandem_cancelled")
	}
	install, err := installationID(ctx, tx)
	if err != nil {
		return CalendarFile{}, err
	}
	sessions, err := calendarSessions(ctx, tx, where, args...)
	if err != nil {
		return CalendarFile{}, err
	}
	// Names in the summary: a renamed person changes the event too.
	var names string
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(p.updated_at), '') FROM people p
		WHERE p.id = ? OR p.id IN (SELECT mentor_id FROM tandem_mentors WHERE tandem_id = ?)`, t.MenteeID, t.ID).Scan(&names); err != nil {
		return CalendarFile{}, wrapf(err, "read people of tandem %d", t.ID)
	}
	peopleUpdated := parseStamp(names)
	summary := "Mentoring-Gespräch: " + t.MenteeName
	if len(t.MentorNames) > 0 {
		summary += " – " + strings.Join(t.MentorNames, ", ")
	}
	events := make([]calendar.Event, 0, len(sessions))
	for _, s := range sessions {
		e, err := s.event(install, summary)
		if err != nil {
			return CalendarFile{}, err
		}
		if peopleUpdated.After(e.Updated) {
			e.Updated = peopleUpdated
		}
		events = append(events, e)
	}
	var b bytes.Buffer
	if err := calendar.Write(&b, "Mentoring-Gespräche "+t.MenteeName, events); err != nil {
		return CalendarFile{}, domain.Internal(err, "write calendar")
	}
	return CalendarFile{Content: b.Bytes(), Events: len(events)}, nil
}

// calendarSessions reads the sessions matching where (on sessions s) with
// the titles of their plan topics, in date order.
func calendarSessions(ctx context.Context, tx *sql.Tx, where string, args ...any) ([]calendarSession, error) {
	rows, err := tx.QueryContext(ctx, `SELECT s.id, coalesce(s.tandem_id, 0), s.date, s.start_time, s.duration_minutes,
		s.place, s.updated_at FROM sessions s WHERE `+where+` ORDER BY s.date, s.start_time, s.id`, args...)
	if err != nil {
		return nil, wrapf(err, "list sessions for calendar")
	}
	list := []calendarSession{}
	index := map[int64]int{}
	for rows.Next() {
		var s calendarSession
		var updated string
		if err := rows.Scan(&s.id, &s.tandemID, &s.date, &s.startTime, &s.minutes, &s.place, &updated); err != nil {
			rows.Close()
			return nil, wrapf(err, "read session for calendar")
		}
		s.updated = parseStamp(updated)
		index[s.id] = len(list)
		list = append(list, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, wrapf(err, "list sessions for calendar")
	}
	if len(list) == 0 {
		return list, nil
	}
	rows, err = tx.QueryContext(ctx, `SELECT x.session_id, i.title, i.updated_at FROM session_topics x
		JOIN plan_items i ON i.id = x.item_id JOIN sessions s ON s.id = x.session_id
		WHERE `+where+` ORDER BY i.position, i.id`, args...)
	if err != nil {
		return nil, wrapf(err, "list session topics for calendar")
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var title, updated string
		if err := rows.Scan(&id, &title, &updated); err != nil {
			return nil, wrapf(err, "read session topic for calendar")
		}
		s := &list[index[id]]
		s.topics = append(s.topics, title)
		// A renamed topic changes the event's description.
		if u := parseStamp(updated); u.After(s.updated) {
			s.updated = u
		}
	}
	return list, wrapf(rows.Err(), "list session topics for calendar")
}

// event is the calendar entry of a session: date, time, place and the
// titles of the topics covered. Notes and agreements never go into it: they
// may be confidential and the file leaves the machine.
func (s calendarSession) event(install, summary string) (calendar.Event, error) {
	start, err := time.Parse("2006-01-02 15:04", s.date+" "+s.startTime)
	if err != nil {
		return calendar.Event{}, domain.Internal(err, "session start")
	}
	var desc string
	if len(s.topics) > 0 {
		desc = "Themen:\n- " + strings.Join(s.topics, "\n- ")
	}
	updated := s.updated
	if updated.IsZero() {
		updated = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return calendar.Event{
		UID:         calendar.UID("session", s.id, install),
		Start:       start,
		Duration:    time.Duration(s.minutes) * time.Minute,
		Summary:     summary,
		Location:    s.place,
		Online:      strings.EqualFold(strings.TrimSpace(s.place), "online"),
		Description: desc,
		Updated:     updated,
	}, nil
}

// parseStamp reads a stored RFC 3339 time; the zero time when it is not one.
func parseStamp(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}
	}
	return t.UTC()
}

// lastNameOf is the mentee's last name of a tandem, for file names.
func lastNameOf(ctx context.Context, q queryer, tandemID int64) string {
	var name string
	if err := q.QueryRowContext(ctx, `SELECT p.last_name FROM tandems t JOIN people p ON p.id = t.mentee_id
		WHERE t.id = ?`, tandemID).Scan(&name); err != nil {
		return ""
	}
	return name
}
