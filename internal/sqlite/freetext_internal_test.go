package sqlite

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
)

// TestFreeTextColumnsClassified: every text column of the schema is
// either searched for mentions of an erased person, with a German
// description of its records (recordOwners), or marked as never holding
// free text; a mark or description of a column or table that does not
// exist fails too. A new text column thus fails here until it is decided.
func TestFreeTextColumnsClassified(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var all, free []textColumn
	err = db.update(ctx, func(tx *Tx) error {
		if all, err = textColumns(ctx, tx); err != nil {
			return err
		}
		if free, err = freeTextColumns(ctx, tx); err != nil {
			return err
		}
		return errDryRun
	})
	if !errors.Is(err, errDryRun) {
		t.Fatal(err)
	}
	exists := map[string]map[string]bool{}
	for _, c := range all {
		if exists[c.table] == nil {
			exists[c.table] = map[string]bool{}
		}
		exists[c.table][c.column] = true
	}
	for _, c := range free {
		if _, ok := recordOwners[c.table]; !ok {
			t.Errorf("%s.%s is searched for mentions, but recordOwners does not describe %s: add it there, or mark the column in notFreeText", c.table, c.column, c.table)
		}
	}
	for table, cols := range notFreeText {
		for col := range cols {
			if !exists[table][col] {
				t.Errorf("notFreeText marks %s.%s, which is no text column of the schema", table, col)
			}
		}
	}
	for table := range recordOwners {
		if exists[table] == nil {
			t.Errorf("recordOwners describes %s, which is no table of the schema", table)
		}
	}
	if len(free) < 30 {
		t.Fatalf("only %d free-text columns: %v", len(free), free)
	}
	// A column of a table WITHOUT ROWID is found by its primary key.
	for _, c := range free {
		if c.table == "template_topics" && len(c.keyCols) != 2 {
			t.Fatalf("template_topics key %v", c.keyCols)
		}
	}
}

func TestFindForms(t *testing.T) {
	forms := mentionForms("Frau", "Mira", "Müller")
	text := "Mira Müller rief an; Frau MUELLER kommt, Müller, Mira auch. Müller allein, Mira allein, Müllerstraße, Mira-Müller, Dr. Muller, Herr Mueller"
	var got []string
	for _, s := range findForms(text, forms) {
		got = append(got, s.form+":"+text[s.start:s.end])
	}
	want := []string{"full:Mira Müller", "salutation:Frau MUELLER", "full:Müller, Mira", "last:Müller", "first:Mira",
		"full:Mira-Müller", "salutation:Dr. Muller", "other_salutation:Herr Mueller"}
	if len(got) != len(want) {
		t.Fatalf("got %q\nwant %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %q\nwant %q", got, want)
		}
	}
}
