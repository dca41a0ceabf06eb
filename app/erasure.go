package app

import "tandem/internal/sqlite"

// Erasure with the mentions of the person in others' free text (see
// sqlite.Mentions): the dialog lists them first, the user ticks those to
// redact, and the erasure redacts them in its own transaction.

// Mentions lists where the person's names stand in free text of records
// that stay after their erasure, with context and whose record it is.
func (v *PrivacyService) Mentions(personID int64) ([]sqlite.Mention, error) {
	db, ctx, release, err := v.s.use()
	defer release()
	if err != nil {
		return []sqlite.Mention{}, err
	}
	return db.Mentions(ctx, personID)
}

// ErasePerson removes a person everywhere for good and replaces the
// mentions named by redact (ids from Mentions) by „[gelöscht]“, all in one
// transaction; confirmName must repeat the person's name. An id that is
// not a current mention of this person is refused and nothing changes.
func (v *PrivacyService) ErasePerson(personID int64, confirmName string, redact []string) error {
	db, ctx, release, err := v.s.use()
	defer release()
	if err != nil {
		return err
	}
	return db.ErasePersonRedacting(ctx, personID, confirmName, redact)
}
