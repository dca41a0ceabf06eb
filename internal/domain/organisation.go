package domain

import (
	"bytes"
	"image"
	_ "image/jpeg"
	_ "image/png"
)

// Organisation is the office's profile; every document's letterhead uses it.
type Organisation struct {
	Municipality      string `json:"municipality"` // e.g. "Stadt Hilden"
	OfficeName        string `json:"officeName"`   // e.g. "Amt für Jugend, Schule und Sport"
	Street            string `json:"street"`
	PostalCode        string `json:"postalCode"`
	City              string `json:"city"`
	Phone             string `json:"phone"`
	Email             string `json:"email"`
	SignatoryName     string `json:"signatoryName"`
	SignatoryFunction string `json:"signatoryFunction"`
	HasLogo           bool   `json:"hasLogo"`
	UpdatedAt         string `json:"updatedAt"`
}

// OrganisationInput is what the UI sends to save the profile (the logo has its own call).
type OrganisationInput struct {
	Municipality      string `json:"municipality"`
	OfficeName        string `json:"officeName"`
	Street            string `json:"street"`
	PostalCode        string `json:"postalCode"`
	City              string `json:"city"`
	Phone             string `json:"phone"`
	Email             string `json:"email"`
	SignatoryName     string `json:"signatoryName"`
	SignatoryFunction string `json:"signatoryFunction"`
}

// Validate cleans the input in place and returns the first problem.
func (in *OrganisationInput) Validate() error {
	var v validator
	in.Municipality = v.text("municipality", in.Municipality, 120, true, false)
	in.OfficeName = v.text("officeName", in.OfficeName, 200, true, false)
	in.Street = v.text("street", in.Street, 120, false, false)
	in.PostalCode = v.text("postalCode", in.PostalCode, 5, false, false)
	if in.PostalCode != "" && !allDigits(in.PostalCode, 5) {
		v.add(Invalid("postalCode", "organisation.postal_code.invalid"))
	}
	in.City = v.text("city", in.City, 80, false, false)
	in.Phone = v.phone("phone", in.Phone)
	in.Email = v.email("email", in.Email)
	in.SignatoryName = v.text("signatoryName", in.SignatoryName, MaxNameLen*2, false, false)
	in.SignatoryFunction = v.text("signatoryFunction", in.SignatoryFunction, 120, false, false)
	return v.Err()
}

func allDigits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// Logo is an image for the letterhead.
type Logo struct {
	MIME string // image/png or image/jpeg
	Data []byte
}

// MaxLogoSize is the largest logo accepted (2 MB).
const MaxLogoSize = 2 << 20

// ParseLogo checks that data is a PNG or JPEG image of at most
// MaxLogoSize bytes and at most 4000×4000 pixels, judged by its content,
// never by a file name.
func ParseLogo(data []byte) (Logo, error) {
	if len(data) == 0 {
		return Logo{}, Invalid("logo", "logo.empty")
	}
	if len(data) > MaxLogoSize {
		return Logo{}, Invalid("logo", "logo.too_large")
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || (format != "png" && format != "jpeg") {
		return Logo{}, Invalid("logo", "logo.type")
	}
	if cfg.Width < 1 || cfg.Height < 1 || cfg.Width > 4000 || cfg.Height > 4000 {
		return Logo{}, Invalid("logo", "logo.dimensions")
	}
	// Decode fully: a truncated or corrupt image must not reach a document.
	if _, _, err := image.Decode(bytes.NewReader(data)); err != nil {
		return Logo{}, Invalid("logo", "logo.type")
	}
	return Logo{MIME: "image/" + format, Data: data}, nil
}
