package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"tandem/internal/domain"
)

// Organisation returns the office's profile (without the logo's bytes).
func (db *DB) Organisation(ctx context.Context) (domain.Organisation, error) {
	return getOrganisation(ctx, db.read)
}

func getOrganisation(ctx context.Context, q queryer) (domain.Organisation, error) {
	var o domain.Organisation
	err := q.QueryRowContext(ctx, `SELECT municipality, office_name, street, postal_code, city, phone, email,
		signatory_name, signatory_function, logo IS NOT NULL, updated_at FROM organisation WHERE id = 1`).Scan(
		&o.Municipality, &o.OfficeName, &o.Street, &o.PostalCode, &o.City, &o.Phone, &o.Email,
		&o.SignatoryName, &o.SignatoryFunction, &o.HasLogo, &o.UpdatedAt)
	return o, wrapf(err, "get organisation")
}

// SaveOrganisation replaces the profile's text fields.
func (db *DB) SaveOrganisation(ctx context.Context, in domain.OrganisationInput) (domain.Organisation, error) {
	if err := in.Validate(); err != nil {
		return domain.Organisation{}, err
	}
	var o domain.Organisation
	err := db.update(ctx, func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE organisation SET municipality = ?, office_name = ?, street = ?,
			postal_code = ?, city = ?, phone = ?, email = ?, signatory_name = ?, signatory_function = ?, updated_at = ?
			WHERE id = 1`, in.Municipality, in.OfficeName, in.Street, in.PostalCode, in.City, in.Phone, in.Email,
			in.SignatoryName, in.SignatoryFunction, tx.now); err != nil {
			return wrapf(err, "save organisation")
		}
		var err error
		o, err = getOrganisation(ctx, tx)
		return err
	})
	return o, err
}

// Logo returns the stored logo, or ENOTFOUND when there is none.
func (db *DB) Logo(ctx context.Context) (domain.Logo, error) {
	var l domain.Logo
	var mime sql.NullString
	err := db.read.QueryRowContext(ctx, `SELECT logo_mime, logo FROM organisation WHERE id = 1 AND logo IS NOT NULL`).Scan(&mime, &l.Data)
	if errors.Is(err, sql.ErrNoRows) {
		return l, domain.NotFound("logo")
	}
	l.MIME = mime.String
	return l, wrapf(err, "get logo")
}

// SetLogo stores (or, with nil, removes) the letterhead logo. The caller
// has checked the image; the table's CHECK allows only PNG and JPEG.
func (db *DB) SetLogo(ctx context.Context, logo *domain.Logo) (domain.Organisation, error) {
	var o domain.Organisation
	err := db.update(ctx, func(tx *Tx) error {
		var mime, data any
		if logo != nil {
			if len(logo.Data) == 0 || len(logo.Data) > domain.MaxLogoSize {
				return domain.Invalid("logo", "logo.too_large")
			}
			mime, data = logo.MIME, logo.Data
		}
		if _, err := tx.ExecContext(ctx, `UPDATE organisation SET logo_mime = ?, logo = ?, updated_at = ? WHERE id = 1`,
			mime, data, tx.now); err != nil {
			if isConstraint(err) {
				return domain.Invalid("logo", "logo.type")
			}
			return wrapf(err, "save logo")
		}
		var err error
		o, err = getOrganisation(ctx, tx)
		return err
	})
	return o, err
}
