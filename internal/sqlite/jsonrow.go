package sqlite

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// jsonRow reads, value by value, a flat JSON array as SQLite's json_array()
// writes it: strings, integers and null, without whitespace. Strings
// without escapes are returned as slices of the input, so a row costs one
// allocation however many fields it has. The first problem sticks; end
// reports it.
type jsonRow struct {
	rest string // input not yet read
	n    int    // values read
	err  error
}

func newJSONRow(s string) jsonRow {
	if !strings.HasPrefix(s, "[") {
		return jsonRow{err: errors.New("not a JSON array")}
	}
	return jsonRow{rest: s[1:]}
}

// next returns the next value and whether it was a string. A string comes
// unquoted; anything else (a number, null) comes as written.
func (r *jsonRow) next() (string, bool) {
	if r.err != nil {
		return "", false
	}
	if r.n > 0 {
		if !strings.HasPrefix(r.rest, ",") {
			r.err = fmt.Errorf("value %d missing", r.n+1)
			return "", false
		}
		r.rest = r.rest[1:]
	}
	r.n++
	if !strings.HasPrefix(r.rest, `"`) {
		i := strings.IndexAny(r.rest, ",]")
		if i <= 0 {
			r.err = fmt.Errorf("value %d malformed", r.n)
			return "", false
		}
		v := r.rest[:i]
		r.rest = r.rest[i:]
		return v, false
	}
	escaped := false
	for i := 1; i < len(r.rest); i++ {
		switch r.rest[i] {
		case '\\':
			escaped = true
			i++ // the escaped character cannot end the string
		case '"':
			quoted := r.rest[:i+1]
			r.rest = r.rest[i+1:]
			if !escaped {
				return quoted[1:i], true
			}
			var v string
			if err := json.Unmarshal([]byte(quoted), &v); err != nil {
				r.err = fmt.Errorf("value %d: %w", r.n, err)
			}
			return v, true
		}
	}
	r.err = fmt.Errorf("value %d: unterminated string", r.n)
	return "", false
}

// str reads a string; null reads as "".
func (r *jsonRow) str() string {
	v, isString := r.next()
	if isString || r.err != nil {
		return v
	}
	if v != "null" {
		r.err = fmt.Errorf("value %d: want string, got %s", r.n, v)
	}
	return ""
}

// int reads an integer; null reads as 0.
func (r *jsonRow) int() int64 {
	v, isString := r.next()
	if r.err != nil || (!isString && v == "null") {
		return 0
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if isString || err != nil {
		r.err = fmt.Errorf("value %d: want integer, got %q", r.n, v)
	}
	return n
}

// end checks that the whole array was read without problems.
func (r *jsonRow) end() error {
	if r.err == nil && r.rest != "]" {
		r.err = fmt.Errorf("unexpected %q after value %d", r.rest, r.n)
	}
	if r.err != nil {
		return fmt.Errorf("decode row: %w", r.err)
	}
	return nil
}
