package domain

import (
	"regexp"
	"strings"
)

// Documents (issue 5): the register of issued confirmations and
// certificates, and the organisation's editable document texts.

// DocumentKind is what a register entry records.
type DocumentKind string

const (
	DocConfirmation DocumentKind = "confirmation" // Abschlussbestätigung of a tandem's mentee
	DocCertificate  DocumentKind = "certificate"  // Zertifikat of a certificate course
)

// Valid reports whether k is a known kind.
func (k DocumentKind) Valid() bool { return k == DocConfirmation || k == DocCertificate }

// RegisterStatus is the state of an issued document.
type RegisterStatus string

const (
	RegisterValid      RegisterStatus = "valid"
	RegisterRevoked    RegisterStatus = "revoked"
	RegisterSuperseded RegisterStatus = "superseded"
)

// Valid reports whether s is a known status.
func (s RegisterStatus) Valid() bool {
	return s == RegisterValid || s == RegisterRevoked || s == RegisterSuperseded
}

// RegisterEntry is one issued document. The person's name is read from
// people; when the person was deleted PersonID is 0 and PersonName "".
type RegisterEntry struct {
	ID           int64          `json:"id"`
	Number       string         `json:"number"` // JA-2027-0042
	Kind         DocumentKind   `json:"kind"`
	PersonID     int64          `json:"personId"`   // 0: deleted
	PersonName   string         `json:"personName"` // "first last", "" when deleted
	TandemID     int64          `json:"tandemId"`   // confirmation: the tandem (0 when deleted)
	GroupID      int64          `json:"groupId"`    // certificate: the course group (0 when deleted)
	About        string         `json:"about"`      // programme / run or course name, "" when gone
	IssuedAt     string         `json:"issuedAt"`   // RFC 3339 UTC
	SHA256       string         `json:"sha256"`
	Status       RegisterStatus `json:"status"`
	RevokedAt    string         `json:"revokedAt"` // "" unless revoked
	RevokeReason string         `json:"revokeReason"`
	SupersededBy string         `json:"supersededBy"` // number of the reissue, "" unless superseded
	Supersedes   string         `json:"supersedes"`   // number this entry replaced, "" when none
}

// RegisterInput is a document about to be recorded.
type RegisterInput struct {
	Kind     DocumentKind
	PersonID int64
	TandemID int64 // confirmation
	GroupID  int64 // certificate
	SHA256   string
}

var sha256Pattern = regexp.MustCompile(`^[0-9a-f]{64}$`)

// Validate checks the input.
func (in RegisterInput) Validate() error {
	var v validator
	if !in.Kind.Valid() {
		v.add(Invalid("kind", "register.kind.invalid"))
	}
	need := func(field string, id int64) {
		if id <= 0 {
			v.add(Invalid(field, "id.invalid"))
		}
	}
	need("personId", in.PersonID)
	switch in.Kind {
	case DocConfirmation:
		need("tandemId", in.TandemID)
		if in.GroupID != 0 {
			v.add(Invalid("groupId", "id.invalid"))
		}
	case DocCertificate:
		need("groupId", in.GroupID)
		if in.TandemID != 0 {
			v.add(Invalid("tandemId", "id.invalid"))
		}
	}
	if !sha256Pattern.MatchString(in.SHA256) {
		v.add(Invalid("sha256", "register.hash.invalid"))
	}
	return v.Err()
}

// RegisterFilter selects register entries; zero values select all.
type RegisterFilter struct {
	Kind   DocumentKind   `json:"kind"`
	Status RegisterStatus `json:"status"`
	Year   int            `json:"year"`
	Query  string         `json:"query"` // part of the number or of the person's name
	Limit  int            `json:"limit"` // 0 = 500
}

// MaxRegisterLimit is the most entries one list returns.
const MaxRegisterLimit = 2000

// Validate checks the filter and returns it cleaned.
func (f RegisterFilter) Validate() (RegisterFilter, error) {
	var v validator
	if f.Kind != "" && !f.Kind.Valid() {
		v.add(Invalid("kind", "register.kind.invalid"))
	}
	if f.Status != "" && !f.Status.Valid() {
		v.add(Invalid("status", "register.status.invalid"))
	}
	if f.Year != 0 && (f.Year < 2000 || f.Year > 9999) {
		v.add(Invalid("year", "register.year.invalid"))
	}
	f.Query = v.text("query", f.Query, 200, false, false)
	if f.Limit < 0 || f.Limit > MaxRegisterLimit {
		v.add(Invalid("limit", "limit.invalid"))
	}
	if f.Limit == 0 {
		f.Limit = 500
	}
	return f, v.Err()
}

// registerNumber reads a number as people type it: any case, the parts
// separated by spaces, hyphens or dashes or not at all ("ja 2026 0002",
// "JA–2026–2", "ja20260002").
var registerNumber = regexp.MustCompile(`^JA[\s\p{Z}\-‐‑‒–—−]*(\d{4})[\s\p{Z}\-‐‑‒–—−]*(\d{1,6})$`)

// NormalizeRegisterNumber brings a number typed by a user into the
// register's form JA-JJJJ-NNNN (at least four digits) and checks it
// (EINVALID register.number.invalid).
func NormalizeRegisterNumber(s string) (string, error) {
	m := registerNumber.FindStringSubmatch(strings.ToUpper(strings.TrimSpace(s)))
	if m == nil {
		return "", Invalid("number", "register.number.invalid")
	}
	serial := m[2]
	if len(serial) < 4 {
		serial = strings.Repeat("0", 4-len(serial)) + serial
	}
	return "JA-" + m[1] + "-" + serial, nil
}

// MaxRevokeReasonLen is the longest reason for a revocation.
const MaxRevokeReasonLen = 1000

// CleanRevokeReason validates the reason for revoking (required).
func CleanRevokeReason(s string) (string, error) {
	var v validator
	s = v.text("reason", s, MaxRevokeReasonLen, true, true)
	return s, v.Err()
}

// DocumentTexts are the organisation's editable document texts; "" means
// the German default of internal/documents.
type DocumentTexts struct {
	WelcomeText         string `json:"welcomeText"`         // Einarbeitungshandbuch
	ConfirmationWording string `json:"confirmationWording"` // Abschlussbestätigung, with {{placeholders}}
}

// NotValidEntry is the conflict of revoking or reissuing an entry that is
// no longer valid: register.revoked (number, date, reason) or
// register.superseded (number, by).
func NotValidEntry(e RegisterEntry) *Error {
	if e.Status == RegisterRevoked {
		return Conflict("register.revoked", "number", e.Number, "reason", e.RevokeReason)
	}
	return Conflict("register.superseded", "number", e.Number, "by", e.SupersededBy)
}
