package sqlite_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"
	"time"

	"tandem/internal/domain"
)

var registerTables = []string{"document_register"}

func hashOf(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

func TestRegisterNumbersAndStatus(t *testing.T) {
	w := newSessionWorld(t)
	db := w.db
	in := func(s string) domain.RegisterInput {
		return domain.RegisterInput{Kind: domain.DocConfirmation, PersonID: w.mentee.ID, TandemID: w.tandem.ID, SHA256: hashOf(s)}
	}
	issued := time.Date(2027, 3, 10, 12, 0, 0, 0, time.Local)
	// Sequential within a year, from 0001; each one after the first
	// replaces the one before (a tandem never has two valid confirmations).
	var nums []string
	for i := 0; i < 3; i++ {
		n, err := db.NextRegisterNumber(ctx, issued)
		if err != nil {
			t.Fatal(err)
		}
		replaces := ""
		if i > 0 {
			replaces = nums[i-1]
		}
		e, err := db.RecordDocument(ctx, n, issued, in(fmt.Sprint("pdf", i)), replaces)
		if err != nil {
			t.Fatal(err)
		}
		if e.Status != domain.RegisterValid || e.PersonName != "Mia Neumann" || e.About != "Einarbeitung 2027" || e.Number != n {
			t.Fatalf("entry %+v", e)
		}
		nums = append(nums, n)
	}
	if strings.Join(nums, " ") != "JA-2027-0001 JA-2027-0002 JA-2027-0003" {
		t.Fatalf("numbers %v", nums)
	}
	// A second valid confirmation of the same tandem is refused; it must
	// replace the valid one.
	unchangedTables(t, db, registerTables, domain.ECONFLICT, "register.already_issued.confirmation", func() error {
		_, err := db.RecordDocument(ctx, "JA-2027-0004", issued, in("again"), "")
		return err
	})
	if v, ok, err := db.ValidDocument(ctx, in("")); err != nil || !ok || v.Number != "JA-2027-0003" {
		t.Fatalf("valid document %+v %v %v", v, ok, err)
	}
	// A new year starts again at 0001.
	next := time.Date(2028, 1, 2, 9, 0, 0, 0, time.Local)
	if n, _ := db.NextRegisterNumber(ctx, next); n != "JA-2028-0001" {
		t.Fatalf("next year %s", n)
	}
	// A number out of turn (taken or skipped) is refused, nothing recorded.
	unchangedTables(t, db, registerTables, domain.ECONFLICT, "register.number.taken", func() error {
		_, err := db.RecordDocument(ctx, "JA-2027-0002", issued, in("x"), "")
		return err
	})
	unchangedTables(t, db, registerTables, domain.ECONFLICT, "register.number.taken", func() error {
		_, err := db.RecordDocument(ctx, "JA-2027-0009", issued, in("x"), "")
		return err
	})
	// Another person than the mentee is refused.
	unchangedTables(t, db, registerTables, domain.EINVALID, "register.person.mismatch", func() error {
		bad := in("y")
		bad.PersonID = w.outsider.ID
		_, err := db.RecordDocument(ctx, "JA-2027-0004", issued, bad, "")
		return err
	})
	unchangedTables(t, db, registerTables, domain.EINVALID, "register.hash.invalid", func() error {
		bad := in("y")
		bad.SHA256 = "XYZ"
		_, err := db.RecordDocument(ctx, "JA-2027-0004", issued, bad, "")
		return err
	})

	// Look-up by number and by hash.
	e, err := db.RegisterEntry(ctx, " ja-2027-0002 ")
	if err != nil || e.SHA256 != hashOf("pdf1") {
		t.Fatalf("lookup %+v, %v", e, err)
	}
	if _, err := db.RegisterEntry(ctx, "JA-2027-0099"); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Fatalf("unknown number: %v", err)
	}
	if list, err := db.RegisterEntriesByHash(ctx, hashOf("pdf2")); err != nil || len(list) != 1 || list[0].Number != "JA-2027-0003" {
		t.Fatalf("by hash %+v, %v", list, err)
	}
	if list, err := db.RegisterEntriesByHash(ctx, hashOf("pdf2 changed")); err != nil || len(list) != 0 {
		t.Fatalf("modified %+v, %v", list, err)
	}

	// Revoke needs a reason; then the entry stays, revoked.
	unchangedTables(t, db, registerTables, domain.EINVALID, "text.required", func() error {
		_, err := db.RevokeDocument(ctx, "JA-2027-0003", "  ")
		return err
	})
	r, err := db.RevokeDocument(ctx, "JA-2027-0003", "Falscher Zeitraum")
	if err != nil || r.Status != domain.RegisterRevoked || r.RevokeReason != "Falscher Zeitraum" || r.RevokedAt == "" {
		t.Fatalf("revoke %+v, %v", r, err)
	}
	unchangedTables(t, db, registerTables, domain.ECONFLICT, "register.revoked", func() error {
		_, err := db.RevokeDocument(ctx, "JA-2027-0003", "nochmal")
		return err
	})
	// With the valid one revoked, a new one may be issued.
	if _, ok, _ := db.ValidDocument(ctx, in("")); ok {
		t.Fatal("revoked entry counted as valid")
	}
	if e, err := db.RecordDocument(ctx, "JA-2027-0004", issued, in("pdf3"), ""); err != nil || e.Number != "JA-2027-0004" {
		t.Fatalf("after revoking %+v, %v", e, err)
	}

	// Reissue: new number, old one superseded in the same transaction.
	n, _ := db.NextRegisterNumber(ctx, issued)
	ne, err := db.RecordDocument(ctx, n, issued, in("pdf-new"), "JA-2027-0004")
	if err != nil || ne.Number != "JA-2027-0005" || ne.Supersedes != "JA-2027-0004" {
		t.Fatalf("reissue %+v, %v", ne, err)
	}
	old, _ := db.RegisterEntry(ctx, "JA-2027-0004")
	if old.Status != domain.RegisterSuperseded || old.SupersededBy != "JA-2027-0005" {
		t.Fatalf("old %+v", old)
	}
	// A superseded or revoked entry cannot be superseded again.
	unchangedTables(t, db, registerTables, domain.ECONFLICT, "register.superseded", func() error {
		_, err := db.RecordDocument(ctx, "JA-2027-0006", issued, in("pdf-x"), "JA-2027-0004")
		return err
	})

	// Filtered list, newest first.
	list, err := db.RegisterEntries(ctx, domain.RegisterFilter{Query: "neumann"})
	if err != nil || len(list) != 5 {
		t.Fatalf("list %+v, %v", list, err)
	}
	if list, _ := db.RegisterEntries(ctx, domain.RegisterFilter{Status: domain.RegisterRevoked}); len(list) != 1 {
		t.Fatalf("revoked list %+v", list)
	}
	if _, err := db.RegisterEntries(ctx, domain.RegisterFilter{Kind: "zeugnis"}); domain.ErrorCode(err) != domain.EINVALID {
		t.Fatalf("bad kind: %v", err)
	}

	// Never deleted, fixed fields never changed (triggers), even with raw SQL.
	raw := progWriter(t, db)
	if _, err := raw.Exec(`DELETE FROM document_register`); err == nil || !strings.Contains(err.Error(), "never deleted") {
		t.Fatalf("delete: %v", err)
	}
	if _, err := raw.Exec(`UPDATE document_register SET sha256 = ? WHERE number = 'JA-2027-0003'`, hashOf("other")); err == nil {
		t.Fatal("hash changed")
	}
	if _, err := raw.Exec(`UPDATE document_register SET status = 'valid', revoked_at = NULL, revoke_reason = '' WHERE number = 'JA-2027-0003'`); err == nil {
		t.Fatal("revoked entry made valid again")
	}

	// Deleting the person keeps the entries, anonymous.
	if _, err := raw.Exec(`DELETE FROM people WHERE id = ?`, w.mentee.ID); err != nil {
		// the mentee is referenced by the tandem and plan: remove those first
		for _, q := range []string{`DELETE FROM feedback_talks`, `DELETE FROM plans`, `DELETE FROM tandems`} {
			if _, err := raw.Exec(q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		if _, err := raw.Exec(`DELETE FROM people WHERE id = ?`, w.mentee.ID); err != nil {
			t.Fatal(err)
		}
	}
	e, err = db.RegisterEntry(ctx, "JA-2027-0003")
	if err != nil || e.PersonID != 0 || e.PersonName != "" || e.TandemID != 0 || e.SHA256 != hashOf("pdf2") {
		t.Fatalf("after deletion %+v, %v", e, err)
	}
	var count int
	if err := raw.QueryRow(`SELECT count(*) FROM document_register`).Scan(&count); err != nil || count != 5 {
		t.Fatalf("count %d, %v", count, err)
	}
}

func TestDocumentTexts(t *testing.T) {
	db := progOpen(t)
	got, err := db.DocumentTexts(ctx)
	if err != nil || got != (domain.DocumentTexts{}) {
		t.Fatalf("default %+v, %v", got, err)
	}
	in := domain.DocumentTexts{WelcomeText: "  Herzlich willkommen im {{amt}}!  ", ConfirmationWording: "{{name}} hat am Programm „{{programm}}“ teilgenommen."}
	saved, err := db.SaveDocumentTexts(ctx, in)
	if err != nil || saved.WelcomeText != "Herzlich willkommen im {{amt}}!" {
		t.Fatalf("save %+v, %v", saved, err)
	}
	if got, _ := db.DocumentTexts(ctx); got != saved {
		t.Fatalf("read back %+v", got)
	}
	for _, c := range []struct {
		in         domain.DocumentTexts
		field, key string
	}{
		{domain.DocumentTexts{ConfirmationWording: "{{note}} gut"}, "confirmationWording", "document.wording.placeholder.unknown"},
		{domain.DocumentTexts{WelcomeText: "Hallo {{name"}, "welcomeText", "document.wording.unclosed"},
		{domain.DocumentTexts{WelcomeText: strings.Repeat("x", 5001)}, "welcomeText", "document.wording.too_long"},
		{domain.DocumentTexts{WelcomeText: "\xff"}, "welcomeText", "text.encoding"},
	} {
		unchangedTables(t, db, []string{"document_texts"}, domain.EINVALID, c.key, func() error {
			_, err := db.SaveDocumentTexts(ctx, c.in)
			wantField(t, err, c.field)
			return err
		})
	}
}
