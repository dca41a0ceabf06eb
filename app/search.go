package app

import "tandem/internal/domain"

// SearchService is bound to the UI: the one search box over people,
// tandems, notes, agreements and feedback answers.
type SearchService struct{ s *store }

// Search returns up to 5 hits per kind, the match highlighted.
func (x *SearchService) Search(query string) (domain.SearchResults, error) {
	db, ctx, release, err := x.s.use()
	defer release()
	if err != nil {
		return domain.SearchResults{}, err
	}
	return db.Search(ctx, query, 5)
}
