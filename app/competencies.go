package app

import "tandem/internal/domain"

// Competency self-assessment (Kompetenzprofil, issue 4) on the TandemService.

// Competencies returns the tandem's competency list (its template's, else
// the default list) and its start and end self-assessments (null while not
// recorded).
func (t *TandemService) Competencies(tandemID int64) (domain.CompetencyProfile, error) {
	db, ctx, release, err := t.s.use()
	defer release()
	if err != nil {
		return domain.CompetencyProfile{}, err
	}
	return db.CompetencyProfile(ctx, tandemID)
}

// SaveSelfAssessment records or corrects the start or end self-assessment
// of a tandem: a level 1–4 for every competency of its list, with the date.
// The end assessment needs a start assessment first; a cancelled tandem is
// refused. It returns the updated profile.
func (t *TandemService) SaveSelfAssessment(tandemID int64, in domain.SelfAssessmentInput) (domain.CompetencyProfile, error) {
	db, ctx, release, err := t.s.use()
	defer release()
	if err != nil {
		return domain.CompetencyProfile{}, err
	}
	return db.SaveSelfAssessment(ctx, tandemID, in)
}
