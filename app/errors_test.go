package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"tandem/internal/domain"
)

// errorSite is one place in the Go sources that builds a domain error (or
// hands a field name to a validator helper that will build one).
type errorSite struct {
	pos       string
	key       string   // "" when the site names no key (validator helpers)
	keyDyn    bool     // the key is not a string literal
	field     string   // literal field name, "" when none
	fieldDyn  bool     // the field is passed on from a variable
	params    []string // literal parameter names
	paramsDyn bool     // some parameter names are not string literals
}

// validatorHelpers are the domain validator methods (and functions) whose
// first string argument (after the validator) is a field name that ends up in
// a text.*, email.*, phone.*, id.* or date.* error.
var validatorHelpers = map[string]int{"text": 0, "email": 0, "phone": 0, "id": 0, "validDate": 1}

// scanErrorSites parses every non-test .go file under the given folders and
// returns every place that builds a domain error with a message key.
func scanErrorSites(t *testing.T, roots ...string) []errorSite {
	t.Helper()
	var sites []errorSite
	fset := token.NewFileSet()
	for _, root := range roots {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
			if err != nil {
				return err
			}
			sites = append(sites, scanFile(fset, f)...)
			return nil
		})
		if err != nil {
			t.Fatalf("scan %s: %v", root, err)
		}
	}
	return sites
}

func stringLit(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil
}

// paramNames reads the names of key/value pairs: every even argument.
func paramNames(site *errorSite, args []ast.Expr) {
	for i := 0; i < len(args); i += 2 {
		if s, ok := stringLit(args[i]); ok {
			site.params = append(site.params, s)
		} else {
			site.paramsDyn = true
		}
	}
}

func scanFile(fset *token.FileSet, f *ast.File) []errorSite {
	inDomain := f.Name.Name == "domain"
	// domainFunc names the domain constructor a call refers to, or "".
	domainFunc := func(fun ast.Expr) string {
		switch fn := fun.(type) {
		case *ast.SelectorExpr:
			if x, ok := fn.X.(*ast.Ident); ok && x.Name == "domain" {
				return fn.Sel.Name
			}
		case *ast.Ident:
			if inDomain {
				return fn.Name
			}
		}
		return ""
	}
	isErrorType := func(e ast.Expr) bool {
		switch ty := e.(type) {
		case *ast.SelectorExpr:
			x, ok := ty.X.(*ast.Ident)
			return ok && x.Name == "domain" && ty.Sel.Name == "Error"
		case *ast.Ident:
			return inDomain && ty.Name == "Error"
		}
		return false
	}

	var sites []errorSite
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			// The constructors themselves pass their key parameter on; their callers are checked.
			if inDomain && n.Recv == nil && (n.Name.Name == "Invalid" || n.Name.Name == "NotFound" || n.Name.Name == "Conflict") {
				return false
			}
		case *ast.CallExpr:
			site := errorSite{pos: fset.Position(n.Pos()).String()}
			setKey := func(e ast.Expr) {
				if s, ok := stringLit(e); ok {
					site.key = s
				} else {
					site.keyDyn = true
				}
			}
			setField := func(e ast.Expr) {
				if s, ok := stringLit(e); ok {
					site.field = s
				} else {
					site.fieldDyn = true
				}
			}
			switch name := domainFunc(n.Fun); name {
			case "Invalid": // Invalid(field, key, params...)
				if len(n.Args) < 2 {
					return true
				}
				setField(n.Args[0])
				setKey(n.Args[1])
				paramNames(&site, n.Args[2:])
			case "NotFound": // NotFound(kind): key kind+".not_found"
				if len(n.Args) != 1 {
					return true
				}
				if s, ok := stringLit(n.Args[0]); ok {
					site.key = s + ".not_found"
				} else {
					site.keyDyn = true
				}
			case "Conflict": // Conflict(key, params...)
				if len(n.Args) < 1 {
					return true
				}
				setKey(n.Args[0])
				paramNames(&site, n.Args[1:])
			case "validDate": // validDate(&v, field, s)
				if !inDomain || len(n.Args) != 3 {
					return true
				}
				setField(n.Args[validatorHelpers[name]])
			default:
				// v.text(field, …), v.email(field, …), v.phone(field, …), v.id(field, …)
				sel, ok := n.Fun.(*ast.SelectorExpr)
				if !ok || !inDomain {
					return true
				}
				recv, ok := sel.X.(*ast.Ident)
				if _, helper := validatorHelpers[sel.Sel.Name]; !ok || recv.Name != "v" || !helper || len(n.Args) < 2 {
					return true
				}
				setField(n.Args[0])
			}
			sites = append(sites, site)
		case *ast.CompositeLit:
			if !isErrorType(n.Type) {
				return true
			}
			site := errorSite{pos: fset.Position(n.Pos()).String()}
			for _, elt := range n.Elts {
				kv, ok := elt.(*ast.KeyValueExpr)
				if !ok {
					continue
				}
				id, ok := kv.Key.(*ast.Ident)
				if !ok {
					continue
				}
				switch id.Name {
				case "Key":
					if s, ok := stringLit(kv.Value); ok {
						site.key = s
					} else {
						site.keyDyn = true
					}
				case "Field":
					if s, ok := stringLit(kv.Value); ok {
						site.field = s
					} else {
						site.fieldDyn = true
					}
				case "Params":
					m, ok := kv.Value.(*ast.CompositeLit)
					if !ok {
						site.paramsDyn = true
						continue
					}
					for _, pe := range m.Elts {
						pkv, ok := pe.(*ast.KeyValueExpr)
						if !ok {
							site.paramsDyn = true
							continue
						}
						if s, ok := stringLit(pkv.Key); ok {
							site.params = append(site.params, s)
						} else {
							site.paramsDyn = true
						}
					}
				}
			}
			if site.key == "" && !site.keyDyn {
				return true // e.g. var e *domain.Error; errors.As(err, &e) has no literal
			}
			sites = append(sites, site)
		}
		return true
	})
	return sites
}

var placeholder = regexp.MustCompile(`\{(\w+)\}`)

func TestMessagesCoverEveryErrorKey(t *testing.T) {
	sites := scanErrorSites(t, "../internal", ".")

	keys := map[string]bool{}
	for _, s := range sites {
		if s.keyDyn {
			t.Errorf("%s: message key is not a string literal; this test cannot check it has a German message", s.pos)
			continue
		}
		if s.key == "" {
			continue
		}
		keys[s.key] = true
		msg, ok := messages[s.key]
		if !ok {
			t.Errorf("%s: key %q has no entry in messages", s.pos, s.key)
			continue
		}
		// Every {name} in the message must be filled by this site.
		for _, m := range placeholder.FindAllStringSubmatch(msg, -1) {
			name := m[1]
			if name == "field" {
				if s.field == "" && !s.fieldDyn {
					t.Errorf("%s: key %q uses {field} but the error names no field", s.pos, s.key)
				}
				continue
			}
			if s.paramsDyn {
				continue
			}
			found := false
			for _, p := range s.params {
				found = found || p == name
			}
			if !found {
				t.Errorf("%s: key %q uses {%s} but the error passes only params %v", s.pos, s.key, name, s.params)
			}
		}
	}
	// The scan must really find the error sites, or the checks above prove nothing.
	if len(keys) <= 20 {
		t.Fatalf("scan found only %d distinct keys (%v); expected more than 20", len(keys), keys)
	}
	for _, want := range []string{"db.locked", "department.in_use", "person.not_found", "text.too_long", "logo.type", "internal"} {
		if !keys[want] {
			t.Errorf("scan missed key %q, which the sources are known to use", want)
		}
	}
	t.Logf("checked %d error sites with %d distinct keys", len(sites), len(keys))
}

func TestFieldLabelsCoverEveryField(t *testing.T) {
	sites := scanErrorSites(t, "../internal", ".")
	fields := map[string]bool{}
	for _, s := range sites {
		if s.field == "" {
			continue
		}
		fields[s.field] = true
		if _, ok := fieldLabels[s.field]; !ok {
			t.Errorf("%s: field %q (key %q) has no German label in fieldLabels", s.pos, s.field, s.key)
		}
	}
	if len(fields) < 15 {
		t.Fatalf("scan found only %d field names (%v); expected the person and organisation fields", len(fields), fields)
	}
	for _, want := range []string{"firstName", "email", "lineManagerId", "postalCode", "logo", "path"} {
		if !fields[want] {
			t.Errorf("scan missed field %q, which the sources are known to use", want)
		}
	}
}

// Every message that shows a field must have a label for it once it is
// rendered: a rendered message never contains an empty „“ or a {placeholder}.
func TestFieldMessagesRenderWithLabels(t *testing.T) {
	var fieldKeys []string
	for k, msg := range messages {
		if strings.Contains(msg, "{field}") {
			fieldKeys = append(fieldKeys, k)
		}
	}
	sort.Strings(fieldKeys)
	if len(fieldKeys) < 4 {
		t.Fatalf("only %d messages use {field}: %v", len(fieldKeys), fieldKeys)
	}
	for _, s := range scanErrorSites(t, "../internal", ".") {
		if s.field == "" {
			continue
		}
		for _, k := range fieldKeys {
			params := []any{}
			for _, m := range placeholder.FindAllStringSubmatch(messages[k], -1) {
				if m[1] != "field" {
					params = append(params, m[1], 7)
				}
			}
			got := toAppError(domain.Invalid(s.field, k, params...)).Message
			if strings.Contains(got, "„“") || strings.Contains(got, "{") {
				t.Errorf("%s: field %q with key %q renders as %q", s.pos, s.field, k, got)
			}
		}
	}
}

func TestToAppError(t *testing.T) {
	t.Run("ParamsSubstituted", func(t *testing.T) {
		got := toAppError(domain.Conflict("department.in_use", "name", "Jugendhilfe", "count", 3))
		want := AppError{
			Code:    "conflict",
			Key:     "department.in_use",
			Message: "Die Dienststelle „Jugendhilfe“ kann nicht gelöscht werden: 3 Person(en) sind ihr zugeordnet. Sie können sie archivieren.",
			Params:  map[string]string{"name": "Jugendhilfe", "count": "3"},
		}
		if !sameAppError(got, want) {
			t.Fatalf("got %+v\nwant %+v", got, want)
		}
	})
	t.Run("FieldLabelAndParam", func(t *testing.T) {
		got := toAppError(domain.Invalid("firstName", "text.too_long", "max", 100))
		want := AppError{Code: "invalid", Key: "text.too_long", Field: "firstName",
			Message: "„Vorname“ darf höchstens 100 Zeichen lang sein.", Params: map[string]string{"max": "100"}}
		if !sameAppError(got, want) {
			t.Fatalf("got %+v\nwant %+v", got, want)
		}
	})
	t.Run("ParamValueIsNotExpandedAgain", func(t *testing.T) {
		// A user-chosen name that looks like a placeholder must stay as typed.
		got := toAppError(domain.Conflict("department.name.taken", "name", "{count} {field}"))
		if want := "Eine Dienststelle „{count} {field}“ gibt es bereits."; got.Message != want {
			t.Fatalf("message = %q, want %q", got.Message, want)
		}
	})
	t.Run("WrappedDomainError", func(t *testing.T) {
		got := toAppError(fmt.Errorf("load: %w", domain.NotFound("person")))
		if got.Code != "not_found" || got.Key != "person.not_found" || got.Message != "Diese Person gibt es nicht (mehr)." {
			t.Fatalf("got %+v", got)
		}
	})
	t.Run("UnknownKeyFallsBackToInternal", func(t *testing.T) {
		got := toAppError(&domain.Error{Code: domain.EINVALID, Key: "no.such.key", Field: "email",
			Params: map[string]any{"name": "x"}})
		if got.Message != messages["internal"] {
			t.Errorf("message = %q, want the internal message", got.Message)
		}
		if got.Code != domain.EINTERNAL || got.Key != "internal" || got.Field != "" || len(got.Params) != 0 {
			t.Errorf("got %+v, want code/key internal with no field or params", got)
		}
	})
	t.Run("ForeignErrorDoesNotLeak", func(t *testing.T) {
		secret := "sqlite: disk I/O error at /home/anna/geheim.db"
		for _, err := range []error{
			errors.New(secret),
			domain.Internal(errors.New(secret), "save person %d", 7),
			fmt.Errorf("wrapped: %w", errors.New(secret)),
		} {
			got := toAppError(err)
			if got.Code != "internal" || got.Key != "internal" || got.Field != "" {
				t.Errorf("%v: got code/key/field %q/%q/%q, want internal/internal/\"\"", err, got.Code, got.Key, got.Field)
			}
			if got.Message != messages["internal"] || !strings.Contains(got.Message, "unerwarteter Fehler") {
				t.Errorf("%v: message = %q, want the German internal message", err, got.Message)
			}
			b, _ := json.Marshal(got)
			for _, leak := range []string{"geheim", "sqlite", "disk I/O", "save person"} {
				if strings.Contains(string(b), leak) || strings.Contains(got.Error(), leak) {
					t.Errorf("%v: %q leaks into what the UI sees: %s", err, leak, b)
				}
			}
		}
	})
}

func TestFormatError(t *testing.T) {
	err := domain.Conflict("department.in_use", "name", "ASD Süd", "count", 3)
	v := formatError(err)
	// Wails' JavaScript runtime rejects with new Error(v): v must be the
	// AppError as JSON text, or the UI would only see "[object Object]".
	s, ok := v.(string)
	if !ok {
		t.Fatalf("formatError returned %T, want the AppError as a JSON string", v)
	}
	var got AppError
	if err := json.Unmarshal([]byte(s), &got); err != nil {
		t.Fatalf("not JSON: %v: %s", err, s)
	}
	if !sameAppError(got, toAppError(err)) || got.Code != "conflict" || got.Params["count"] != "3" || !strings.Contains(got.Message, "„ASD Süd“") {
		t.Fatalf("got %+v", got)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"code", "key", "field", "message", "params"} {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON lacks %q: %s", k, s)
		}
	}
}

// sameAppError compares two AppErrors, treating a nil and an empty Params alike.
func sameAppError(a, b AppError) bool {
	if len(a.Params) != len(b.Params) {
		return false
	}
	for k, v := range a.Params {
		if w, ok := b.Params[k]; !ok || w != v {
			return false
		}
	}
	a.Params, b.Params = nil, nil
	return reflect.DeepEqual(a, b)
}

// The scanner itself must recognise every form of error construction, or the
// tests above could pass by finding nothing.
func TestScanErrorSitesFindsFixture(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("a.go", `package store
import "tandem/internal/domain"
func f(k string) error {
	_ = domain.Invalid("firstName", "text.too_long", "max", 100)
	_ = domain.NotFound("person")
	_ = domain.Conflict("department.in_use", "name", "A", "count", 2)
	_ = &domain.Error{Code: domain.ELOCKED, Key: "db.locked", Field: "path", Params: map[string]any{"path": "/x"}}
	_ = domain.Conflict(k)
	var e *domain.Error
	_ = e
	return nil
}`)
	write("a_test.go", `package store
import "tandem/internal/domain"
var _ = domain.Conflict("only.in.tests")`)
	write("b.go", `package domain
func Invalid(field, key string, params ...any) *Error { return &Error{Key: key, Field: field} }
func g(v *validator, name string) {
	v.add(Invalid("roles", "person.role.invalid"))
	v.text("city", "", 80, false, false)
	v.id("lineManagerId", 0)
	validDate(v, "exitDate", "")
	v.text(name, "", 1, false, false)
}`)
	sites := scanErrorSites(t, dir)
	var got []string
	for _, s := range sites {
		got = append(got, fmt.Sprintf("%s|%s|%v|%v|%v|%v", s.key, s.field, s.params, s.keyDyn, s.fieldDyn, s.paramsDyn))
	}
	sort.Strings(got)
	want := []string{
		"|city|[]|false|false|false",
		"|exitDate|[]|false|false|false",
		"||[]|false|true|false", // v.text(name, …)
		"|lineManagerId|[]|false|false|false",
		"||[]|true|false|false", // Conflict(k)
		"db.locked|path|[path]|false|false|false",
		"department.in_use||[name count]|false|false|false",
		"person.not_found||[]|false|false|false",
		"person.role.invalid|roles|[]|false|false|false",
		"text.too_long|firstName|[max]|false|false|false",
	}
	sort.Strings(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("scan found\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
