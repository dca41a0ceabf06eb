package sqlite_test

import (
	"testing"

	"tandem/internal/domain"
)

func TestDepartment(t *testing.T) {
	t.Run("CRUD", func(t *testing.T) {
		db := MustOpenDB(t)
		d := mustCreateDepartment(t, db, "Allgemeiner Sozialer Dienst")
		d2, err := db.UpdateDepartment(ctx, d.ID, domain.DepartmentInput{Name: "ASD Mitte", ShortName: "51.1"})
		if err != nil || d2.Name != "ASD Mitte" || d2.ShortName != "51.1" {
			t.Fatalf("update: %+v %v", d2, err)
		}
		if a, _ := db.SetDepartmentArchived(ctx, d.ID, true); !a.Archived {
			t.Fatal("not archived")
		}
		if l, _ := db.Departments(ctx, false); len(l) != 0 {
			t.Fatalf("archived listed: %+v", l)
		}
		if l, _ := db.Departments(ctx, true); len(l) != 1 {
			t.Fatalf("archived lost: %+v", l)
		}
		if err := db.DeleteDepartment(ctx, d.ID); err != nil {
			t.Fatal(err)
		}
		_, err = db.Department(ctx, d.ID)
		wantCode(t, err, domain.ENOTFOUND, "department.not_found")
	})

	t.Run("ErrNameTaken", func(t *testing.T) {
		db := MustOpenDB(t)
		mustCreateDepartment(t, db, "ASD Süd")
		_, err := db.CreateDepartment(ctx, domain.DepartmentInput{Name: "asd sud"})
		wantCode(t, err, domain.ECONFLICT, "department.name.taken")
		other := mustCreateDepartment(t, db, "ASD Nord")
		_, err = db.UpdateDepartment(ctx, other.ID, domain.DepartmentInput{Name: "ASD SÜD"})
		wantCode(t, err, domain.ECONFLICT, "department.name.taken")
		if _, err := db.UpdateDepartment(ctx, other.ID, domain.DepartmentInput{Name: "ASD Nord", ShortName: "N"}); err != nil {
			t.Fatalf("renaming to own name: %v", err)
		}
	})

	t.Run("ErrInUse", func(t *testing.T) {
		db := MustOpenDB(t)
		d := mustCreateDepartment(t, db, "ASD Ost")
		p := mustCreatePerson(t, db, domain.PersonInput{FirstName: "A", LastName: "B", DepartmentID: d.ID})
		db.SetPersonArchived(ctx, p.ID, true) // archived people still belong to it
		wantCode(t, db.DeleteDepartment(ctx, d.ID), domain.ECONFLICT, "department.in_use")
		if _, err := db.Department(ctx, d.ID); err != nil {
			t.Fatal("refused delete removed the department")
		}
	})

	t.Run("ErrArchivedForNewMembers", func(t *testing.T) {
		db := MustOpenDB(t)
		d := mustCreateDepartment(t, db, "Alt")
		p := mustCreatePerson(t, db, domain.PersonInput{FirstName: "A", LastName: "B", DepartmentID: d.ID})
		db.SetDepartmentArchived(ctx, d.ID, true)
		_, err := db.CreatePerson(ctx, domain.PersonInput{FirstName: "C", LastName: "D", DepartmentID: d.ID})
		wantCode(t, err, domain.EINVALID, "department.archived")
		if _, err := db.UpdatePerson(ctx, p.ID, domain.PersonInput{FirstName: "A", LastName: "B2", DepartmentID: d.ID}); err != nil {
			t.Fatalf("keeping an archived department: %v", err)
		}
	})

	t.Run("ErrNameRequired", func(t *testing.T) {
		db := MustOpenDB(t)
		_, err := db.CreateDepartment(ctx, domain.DepartmentInput{Name: " "})
		wantCode(t, err, domain.EINVALID, "text.required")
	})
}

func TestOrganisation(t *testing.T) {
	db := MustOpenDB(t)
	in := domain.OrganisationInput{Municipality: "Stadt Hilden", OfficeName: "Amt für Jugend, Schule und Sport",
		Street: "Am Rathaus 1", PostalCode: "40721", City: "Hilden", Email: "jugendamt@hilden.de",
		SignatoryName: "Dr. Grete Groß", SignatoryFunction: "Amtsleitung"}
	o, err := db.SaveOrganisation(ctx, in)
	if err != nil || o.OfficeName != in.OfficeName || o.SignatoryName != "Dr. Grete Groß" || o.HasLogo {
		t.Fatalf("save: %+v %v", o, err)
	}
	bad := in
	bad.PostalCode = "4072"
	_, err = db.SaveOrganisation(ctx, bad)
	wantCode(t, err, domain.EINVALID, "organisation.postal_code.invalid")
	if o2, _ := db.Organisation(ctx); o2.PostalCode != "40721" {
		t.Fatal("bad input changed the profile")
	}

	_, err = db.Logo(ctx)
	wantCode(t, err, domain.ENOTFOUND, "logo.not_found")
	logo := domain.Logo{MIME: "image/png", Data: []byte{1, 2, 3}}
	if o, err := db.SetLogo(ctx, &logo); err != nil || !o.HasLogo {
		t.Fatalf("set logo: %+v %v", o, err)
	}
	if l, err := db.Logo(ctx); err != nil || l.MIME != "image/png" || len(l.Data) != 3 {
		t.Fatalf("logo: %+v %v", l, err)
	}
	gif := domain.Logo{MIME: "image/gif", Data: []byte{1}}
	_, err = db.SetLogo(ctx, &gif)
	wantCode(t, err, domain.EINVALID, "logo.type")
	if o, _ := db.SetLogo(ctx, nil); o.HasLogo {
		t.Fatal("logo not removed")
	}
}
