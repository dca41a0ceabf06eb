// Package domain holds Tandem's domain types, their validation and the coded
// error every layer below the UI returns. It knows nothing of SQL or Wails.
package domain

import (
	"errors"
	"fmt"
)

// Error codes. The app layer maps each (code, key) pair to a German message.
const (
	EINVALID  = "invalid"   // the caller's input is wrong; Field names the input
	ENOTFOUND = "not_found" // the record does not exist
	ECONFLICT = "conflict"  // the action clashes with stored data (duplicates, dependants)
	ELOCKED   = "locked"    // the database is in use by another process
	ETOONEW   = "too_new"   // the database was written by a newer Tandem
	EINTERNAL = "internal"  // anything else: a bug or an I/O failure
)

// Error is the one error type of the domain. Key identifies the message
// (e.g. "person.email.invalid"); Params fill its placeholders; Field names
// the input field the message belongs next to.
type Error struct {
	Code   string
	Key    string
	Field  string
	Params map[string]any
	Err    error // wrapped cause, for logs only; never shown to the user
}

func (e *Error) Error() string {
	s := e.Code + ": " + e.Key
	if e.Field != "" {
		s += " (" + e.Field + ")"
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Invalid reports bad input in field; key names the message.
func Invalid(field, key string, params ...any) *Error {
	return &Error{Code: EINVALID, Key: key, Field: field, Params: pairs(params)}
}

// NotFound reports a missing record of the given kind ("person", "department").
func NotFound(kind string) *Error {
	return &Error{Code: ENOTFOUND, Key: kind + ".not_found"}
}

// Conflict reports an action that clashes with stored data.
func Conflict(key string, params ...any) *Error {
	return &Error{Code: ECONFLICT, Key: key, Params: pairs(params)}
}

// Internal wraps an unexpected failure.
func Internal(err error, format string, args ...any) *Error {
	return &Error{Code: EINTERNAL, Key: "internal", Err: fmt.Errorf(format+": %w", append(args, err)...)}
}

// ErrorCode returns the code of err, EINTERNAL for foreign errors and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// AsError returns err as *Error, wrapping foreign errors as internal ones.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Code: EINTERNAL, Key: "internal", Err: err}
}

func pairs(kv []any) map[string]any {
	if len(kv) == 0 {
		return nil
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		m[fmt.Sprint(kv[i])] = kv[i+1]
	}
	return m
}
