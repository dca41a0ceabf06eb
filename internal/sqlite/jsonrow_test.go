package sqlite

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"tandem/internal/domain"
)

func TestJSONRow(t *testing.T) {
	t.Run("Values", func(t *testing.T) {
		r := newJSONRow(`[42,"plain",null,null,"a\"b\\c\nd\te\u0001f\u00e9",-7,"",0,"ü🦤"]`)
		got := []any{r.int(), r.str(), r.str(), r.int(), r.str(), r.int(), r.str(), r.int(), r.str()}
		want := []any{int64(42), "plain", "", int64(0), "a\"b\\c\nd\te\x01fé", int64(-7), "", int64(0), "ü🦤"}
		if err := r.end(); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("got %q, want %q", got, want)
		}
	})

	t.Run("Malformed", func(t *testing.T) {
		for _, c := range []struct {
			in   string
			read func(*jsonRow)
		}{
			{``, func(r *jsonRow) { r.int() }},
			{`{"a":1}`, func(r *jsonRow) { r.int() }},
			{`[1`, func(r *jsonRow) { r.int() }},
			{`[1]`, func(r *jsonRow) { r.int(); r.int() }},
			{`[1,2]`, func(r *jsonRow) { r.int() }},
			{`["1"]`, func(r *jsonRow) { r.int() }},
			{`[1]`, func(r *jsonRow) { r.str() }},
			{`[1.5]`, func(r *jsonRow) { r.int() }},
			{`["abc]`, func(r *jsonRow) { r.str() }},
			{`["a\"]`, func(r *jsonRow) { r.str() }},
			{`["\x"]`, func(r *jsonRow) { r.str() }},
			{`[1 2]`, func(r *jsonRow) { r.int(); r.int() }},
		} {
			r := newJSONRow(c.in)
			c.read(&r)
			if err := r.end(); err == nil {
				t.Errorf("%s: no error", c.in)
			}
		}
	})

	t.Run("MatchesSQLite", func(t *testing.T) {
		// Whatever json_array writes, jsonRow reads back unchanged.
		db, err := Open(context.Background(), t.TempDir()+"/t.db")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var all strings.Builder
		for r := rune(0); r < 0x3000; r++ {
			all.WriteRune(r)
		}
		for _, s := range []string{"", "plain", `"`, `\`, "\x00\x01\x1f\x7f", "\u2028\u2029", all.String(), "🦤", `\u0041`} {
			var packed string
			if err := db.read.QueryRow(`SELECT json_array(?, ?, NULL)`, s, int64(-1)<<62).Scan(&packed); err != nil {
				t.Fatal(err)
			}
			r := newJSONRow(packed)
			got, n, null := r.str(), r.int(), r.str()
			if err := r.end(); err != nil || got != s || n != int64(-1)<<62 || null != "" {
				t.Fatalf("%q: read %q, %d, %q, %v from %q", s, got, n, null, err, packed)
			}
		}
	})
}

func TestReadPage(t *testing.T) {
	line := func(id, key string) string {
		return `[` + id + `,"","F","L","","",null,null,"mentee,mentor",null,null,null,null,"",0,"c","u","` + key + `"]`
	}
	ids := func(people []domain.Person) []int64 {
		out := []int64{}
		for _, p := range people {
			out = append(out, p.ID)
		}
		return out
	}
	if got, err := readPage(""); err != nil || got == nil || len(got) != 0 {
		t.Fatalf("empty page: %v, %v", got, err)
	}
	// In order, the page is taken as it is.
	got, err := readPage(strings.Join([]string{line("3", "a"), line("1", "b"), line("2", "b")}, "\n"))
	if err != nil || !reflect.DeepEqual(ids(got), []int64{3, 1, 2}) {
		t.Fatalf("ordered: %v, %v", ids(got), err)
	}
	if !reflect.DeepEqual(got[0].Roles, []domain.Role{domain.RoleMentor, domain.RoleMentee}) {
		t.Fatalf("roles = %v", got[0].Roles)
	}
	// Out of order, it is sorted by sort key, then id.
	got, err = readPage(strings.Join([]string{line("2", "b"), line("3", "a"), line("1", "b"), line("4", "ab")}, "\n"))
	if err != nil || !reflect.DeepEqual(ids(got), []int64{3, 4, 1, 2}) {
		t.Fatalf("unordered: %v, %v", ids(got), err)
	}
	if _, err := readPage(line("1", "a") + "\n[1]"); err == nil {
		t.Fatal("bad line accepted")
	}
}
