package app

import "tandem/internal/domain"

// SessionService is bound to the UI: mentoring sessions (Gespräche) of a
// tandem, their notes and agreements, feedback talks and the timeline.
type SessionService struct{ s *store }

// List returns a tandem's sessions, newest first.
func (x *SessionService) List(tandemID int64) ([]domain.Session, error) {
	db, ctx, release, err := x.s.use()
	defer release()
	if err != nil {
		return nil, err
	}
	return db.Sessions(ctx, tandemID)
}

// Get returns one session with notes and agreements.
func (x *SessionService) Get(id int64) (domain.Session, error) {
	db, ctx, release, err := x.s.use()
	defer release()
	if err != nil {
		return domain.Session{}, err
	}
	return db.Session(ctx, id)
}

// Create records a session.
func (x *SessionService) Create(in domain.SessionInput) (domain.Session, error) {
	db, ctx, release, err := x.s.use()
	defer release()
	if err != nil {
		return domain.Session{}, err
	}
	return db.CreateSession(ctx, in)
}

// Update changes a session's date, time, place, attendance and topics.
func (x *SessionService) Update(id int64, in domain.SessionInput) (domain.Session, error) {
	db, ctx, release, err := x.s.use()
	defer release()
	if err != nil {
		return domain.Session{}, err
	}
	return db.UpdateSession(ctx, id, in)
}

// Delete removes a session without notes or agreements.
func (x *SessionService) Delete(id int64) error {
	db, ctx, release, err := x.s.use()
	defer release()
	if err != nil {
		return err
	}
	return db.DeleteSession(ctx, id)
}

// SaveNote stores a note as typed (noteID 0: a new note); the UI calls it
// while the user types.
func (x *SessionService) SaveNote(sessionID, noteID int64, in domain.NoteInput) (domain.Note, error) {
	db, ctx, release, err := x.s.use()
	defer release()
	if err != nil {
		return domain.Note{}, err
	}
	return db.SaveNote(ctx, sessionID, noteID, in)
}

func (x *SessionService) AddAgreement(sessionID int64, in domain.AgreementInput) (domain.Agreement, error) {
	db, ctx, release, err := x.s.use()
	defer release()
	if err != nil {
		return domain.Agreement{}, err
	}
	return db.AddAgreement(ctx, sessionID, in)
}

func (x *SessionService) UpdateAgreement(id int64, in domain.AgreementInput) (domain.Agreement, error) {
	db, ctx, release, err := x.s.use()
	defer release()
	if err != nil {
		return domain.Agreement{}, err
	}
	return db.UpdateAgreement(ctx, id, in)
}

func (x *SessionService) SetAgreementDone(id int64, done bool) (domain.Agreement, error) {
	db, ctx, release, err := x.s.use()
	defer release()
	if err != nil {
		return domain.Agreement{}, err
	}
	return db.SetAgreementDone(ctx, id, done)
}

func (x *SessionService) DeleteAgreement(id int64) error {
	db, ctx, release, err := x.s.use()
	defer release()
	if err != nil {
		return err
	}
	return db.DeleteAgreement(ctx, id)
}

// FeedbackPrompts are the questions of a tandem's feedback talks.
func (x *SessionService) FeedbackPrompts(tandemID int64) ([]string, error) {
	db, ctx, release, err := x.s.use()
	defer release()
	if err != nil {
		return nil, err
	}
	return db.FeedbackPrompts(ctx, tandemID)
}

// RecordFeedbackTalk stores a feedback talk; the final one completes the tandem.
func (x *SessionService) RecordFeedbackTalk(in domain.FeedbackTalkInput) (domain.FeedbackTalk, error) {
	db, ctx, release, err := x.s.use()
	defer release()
	if err != nil {
		return domain.FeedbackTalk{}, err
	}
	return db.RecordFeedbackTalk(ctx, in)
}

func (x *SessionService) FeedbackTalks(tandemID int64) ([]domain.FeedbackTalk, error) {
	db, ctx, release, err := x.s.use()
	defer release()
	if err != nil {
		return nil, err
	}
	return db.FeedbackTalks(ctx, tandemID)
}

// Timeline lists a tandem's sessions, feedback talks, handovers and done topics in date order.
func (x *SessionService) Timeline(tandemID int64) ([]domain.TimelineEntry, error) {
	db, ctx, release, err := x.s.use()
	defer release()
	if err != nil {
		return nil, err
	}
	return db.Timeline(ctx, tandemID)
}

// DeleteNote deletes one session note (the UI asks first).
func (x *SessionService) DeleteNote(id int64) error {
	db, ctx, release, err := x.s.use()
	defer release()
	if err != nil {
		return err
	}
	return db.DeleteNote(ctx, id)
}
