package app

import (
	"bytes"
	"context"
	"encoding/base64"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"tandem/internal/domain"
)

// openServices builds the services on a fresh database file and closes it at the end.
func openServices(t *testing.T) (*Services, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "t.db")
	s, closeDB := Open(context.Background(), Config{DBPath: path})
	t.Cleanup(closeDB)
	if st, err := s.System.Status(); err != nil || !st.Ready {
		t.Fatalf("database not ready: %+v, %v", st, err)
	}
	return s, path
}

func testImage() image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 3, 2))
	for x := 0; x < 3; x++ {
		for y := 0; y < 2; y++ {
			img.Set(x, y, color.RGBA{uint8(80 * x), uint8(100 * y), 200, 255})
		}
	}
	return img
}

func encodeImage(t *testing.T, format string) []byte {
	t.Helper()
	var buf bytes.Buffer
	var err error
	switch format {
	case "png":
		err = png.Encode(&buf, testImage())
	case "jpeg":
		err = jpeg.Encode(&buf, testImage(), nil)
	case "gif":
		err = gif.Encode(&buf, testImage(), nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func dataURL(mime string, data []byte) string {
	return "data:" + mime + ";base64," + base64.StdEncoding.EncodeToString(data)
}

// wantAppError checks err's code and key as the UI will see them, and that
// the message is a real German text.
func wantAppError(t *testing.T, err error, code, key string) AppError {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %s/%s", code, key)
	}
	e := toAppError(err)
	if e.Code != code || e.Key != key {
		t.Fatalf("got %s/%s (%v), want %s/%s", e.Code, e.Key, err, code, key)
	}
	if e.Message == "" || e.Message != strings.TrimSpace(e.Message) || strings.Contains(e.Message, "{") {
		t.Fatalf("message %q is not a finished text", e.Message)
	}
	return e
}

func TestOrganisationLogo(t *testing.T) {
	s, _ := openServices(t)
	org := s.Organisation

	// logoState is what must not change when a logo is refused.
	logoState := func() (bool, string) {
		t.Helper()
		o, err := org.Get()
		if err != nil {
			t.Fatal(err)
		}
		l, err := org.Logo()
		if err != nil {
			t.Fatal(err)
		}
		if o.HasLogo != (l != "") {
			t.Fatalf("HasLogo = %v but Logo() = %.40q", o.HasLogo, l)
		}
		return o.HasLogo, l
	}

	pngData := encodeImage(t, "png")
	// padded returns the PNG followed by zero bytes, n bytes in all; PNG
	// decoders stop at IEND, so only the size decides.
	padded := func(n int) []byte {
		return append(append([]byte{}, pngData...), make([]byte, n-len(pngData))...)
	}
	big := padded(domain.MaxLogoSize + 1) // passes the URL length check, decodes to 2 MB + 1 byte
	refused := []struct {
		name, url, key string
	}{
		{"GIF", dataURL("image/png", encodeImage(t, "gif")), "logo.type"},
		{"NoDataScheme", "image/png;base64," + base64.StdEncoding.EncodeToString(pngData), "logo.type"},
		{"JavascriptScheme", "javascript:alert(1)//;base64," + base64.StdEncoding.EncodeToString(pngData), "logo.type"},
		{"NoComma", "data:image/png;base64" + base64.StdEncoding.EncodeToString(pngData), "logo.type"},
		{"NotBase64Header", "data:image/png," + string(pngData), "logo.type"},
		{"Base64PayloadWithoutMarker", "data:image/png," + base64.StdEncoding.EncodeToString(pngData), "logo.type"},
		{"InvalidBase64", "data:image/png;base64,iVBORw0KGgo*&^%$not-base64!!", "logo.type"},
		{"TruncatedPNG", dataURL("image/png", pngData[:len(pngData)-12]), "logo.type"},
		{"TextFile", dataURL("image/png", []byte("<svg onload=alert(1)></svg>")), "logo.type"},
		{"Empty", "data:image/png;base64,", "logo.empty"},
		{"Over2MBURL", "data:image/png;base64," + strings.Repeat("A", 3<<20), "logo.too_large"},
		{"Over2MBDecoded", dataURL("image/png", big), "logo.too_large"},
	}
	checkRefusals := func(t *testing.T) {
		for _, tc := range refused {
			t.Run(tc.name, func(t *testing.T) {
				hadLogo, before := logoState()
				o, err := org.SetLogo(tc.url)
				e := wantAppError(t, err, "invalid", tc.key)
				if e.Field != "logo" {
					t.Errorf("field = %q, want logo", e.Field)
				}
				if o.HasLogo {
					t.Errorf("refused SetLogo returned HasLogo = true")
				}
				if has, after := logoState(); has != hadLogo || after != before {
					t.Fatalf("logo changed by a refused SetLogo: HasLogo %v → %v", hadLogo, has)
				}
			})
		}
	}

	t.Run("RefusedWithoutLogo", checkRefusals)

	t.Run("PNGRoundTrip", func(t *testing.T) {
		o, err := org.SetLogo(dataURL("image/png", pngData))
		if err != nil {
			t.Fatalf("SetLogo: %v", err)
		}
		if !o.HasLogo {
			t.Fatal("HasLogo = false after SetLogo")
		}
		got, err := org.Logo()
		if err != nil {
			t.Fatal(err)
		}
		const prefix = "data:image/png;base64,"
		if !strings.HasPrefix(got, prefix) {
			t.Fatalf("Logo() = %.40q…, want prefix %q", got, prefix)
		}
		data, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(got, prefix))
		if err != nil || !bytes.Equal(data, pngData) {
			t.Fatalf("Logo() bytes differ from what was stored (err %v)", err)
		}
	})

	t.Run("RefusedWithLogo", checkRefusals)

	t.Run("Exactly2MBAccepted", func(t *testing.T) {
		atLimit := padded(domain.MaxLogoSize)
		if _, err := org.SetLogo(dataURL("image/png", atLimit)); err != nil {
			t.Fatalf("SetLogo of exactly %d bytes: %v", domain.MaxLogoSize, err)
		}
		if got, _ := org.Logo(); got != dataURL("image/png", atLimit) {
			t.Fatal("Logo() differs from the 2 MB logo stored")
		}
	})

	t.Run("JPEGByContentNotHeader", func(t *testing.T) {
		jpg := encodeImage(t, "jpeg")
		if _, err := org.SetLogo(dataURL("image/png", jpg)); err != nil {
			t.Fatalf("SetLogo JPEG: %v", err)
		}
		got, _ := org.Logo()
		if want := dataURL("image/jpeg", jpg); got != want {
			t.Fatalf("Logo() = %.40q…, want %.40q…", got, want)
		}
	})

	t.Run("Remove", func(t *testing.T) {
		o, err := org.RemoveLogo()
		if err != nil || o.HasLogo {
			t.Fatalf("RemoveLogo = %+v, %v", o, err)
		}
		if got, err := org.Logo(); got != "" || err != nil {
			t.Fatalf("Logo() after removal = %.40q, %v; want \"\", nil", got, err)
		}
	})
}

func TestPeopleCreate(t *testing.T) {
	s, _ := openServices(t)
	people := s.People

	t.Run("BadEmail", func(t *testing.T) {
		_, err := people.Create(domain.PersonInput{FirstName: "Anna", LastName: "Schmidt", Email: "anna@@stadt"})
		e := wantAppError(t, err, "invalid", "email.invalid")
		if e.Field != "email" {
			t.Errorf("field = %q, want email", e.Field)
		}
		if want := "Bitte eine gültige E-Mail-Adresse eingeben, z. B. name@stadt.de."; e.Message != want {
			t.Errorf("message = %q, want %q", e.Message, want)
		}
		list, err := people.List(domain.PersonFilter{IncludeArchived: true})
		if err != nil || list.Total != 0 {
			t.Fatalf("after a refused Create: %d people, %v; want none", list.Total, err)
		}
	})

	t.Run("MissingLastNameNamesField", func(t *testing.T) {
		_, err := people.Create(domain.PersonInput{FirstName: "Anna", LastName: "  "})
		e := wantAppError(t, err, "invalid", "text.required")
		if e.Field != "lastName" || e.Message != "Bitte „Nachname“ ausfüllen." {
			t.Errorf("got %+v", e)
		}
	})

	t.Run("HostileNameStoredVerbatim", func(t *testing.T) {
		const hostile = `<img src=x onerror=alert(1)>`
		const last = `"; DROP TABLE people; --`
		p, err := people.Create(domain.PersonInput{FirstName: hostile, LastName: last, Email: "a.b@stadt.de"})
		if err != nil {
			t.Fatalf("Create: %v", err)
		}
		if p.ID <= 0 || p.FirstName != hostile || p.LastName != last {
			t.Fatalf("Create returned %+v", p)
		}
		got, err := people.Get(p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.FirstName != hostile || got.LastName != last {
			t.Fatalf("stored %q %q, want them verbatim", got.FirstName, got.LastName)
		}
		list, err := people.List(domain.PersonFilter{Query: "onerror"})
		if err != nil || list.Total != 1 || list.People[0].FirstName != hostile {
			t.Fatalf("search for the hostile name: %+v, %v", list, err)
		}
	})
}

// boundMethods calls every exported method of every bound service except
// SystemService.Status with zero arguments and returns, per method, the error
// it returned.
func boundMethods(t *testing.T, s *Services) map[string]error {
	t.Helper()
	got := map[string]error{}
	errType := reflect.TypeFor[error]()
	for _, svc := range s.Bind() {
		v := reflect.ValueOf(svc)
		typ := v.Type()
		for i := 0; i < typ.NumMethod(); i++ {
			m := typ.Method(i)
			name := typ.Elem().Name() + "." + m.Name
			// These work without a database: the start-up state, and closing the app.
			if name == "SystemService.Status" || name == "SystemService.SetUnsavedChanges" || name == "SystemService.ConfirmClose" {
				continue
			}
			mt := m.Type
			if mt.NumOut() == 0 || mt.Out(mt.NumOut()-1) != errType {
				t.Errorf("%s does not return an error last; a bound method must be able to fail", name)
				continue
			}
			args := []reflect.Value{v}
			for j := 1; j < mt.NumIn(); j++ {
				args = append(args, reflect.Zero(mt.In(j)))
			}
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Errorf("%s panicked: %v", name, r)
					}
				}()
				out := m.Func.Call(args)
				err, _ := out[len(out)-1].Interface().(error)
				got[name] = err
			}()
		}
	}
	return got
}

func TestServicesWhenDatabaseLocked(t *testing.T) {
	first, path := openServices(t)
	ctx := context.Background()

	second, closeSecond := Open(ctx, Config{DBPath: path, StartSection: "personen"})
	results := boundMethods(t, second)
	if len(results) < 15 {
		t.Fatalf("only %d bound methods called: %v", len(results), results)
	}
	for name, err := range results {
		e := toAppError(err)
		if err == nil || e.Code != "locked" || e.Key != "db.locked" {
			t.Errorf("%s: got %v, want the locked error", name, err)
			continue
		}
		if !strings.Contains(e.Message, "bereits") || !strings.Contains(e.Message, "t.db") {
			t.Errorf("%s: message %q, want the German locked message naming the file", name, e.Message)
		}
	}

	st, err := second.System.Status()
	if err != nil {
		t.Fatalf("Status failed: %v", err)
	}
	if st.Ready || st.Problem == nil {
		t.Fatalf("Status = %+v, want Ready=false with a problem", st)
	}
	if st.Problem.Code != "locked" || !strings.Contains(st.Problem.Message, "bereits") {
		t.Fatalf("Status.Problem = %+v, want the locked problem", *st.Problem)
	}
	if st.DatabasePath != path || st.StartSection != "personen" || st.AppVersion != Version {
		t.Fatalf("Status = %+v, want the configured path, section and version", st)
	}

	// The failed Open's close function must not release the first one's lock.
	closeSecond()
	third, closeThird := Open(ctx, Config{DBPath: path})
	defer closeThird()
	if st, _ := third.System.Status(); st.Ready || st.Problem == nil || st.Problem.Code != "locked" {
		t.Fatalf("after closing the failed second Open, a third Open got %+v; want still locked", st)
	}
	// And the first is unaffected.
	if _, err := first.Departments.Create(domain.DepartmentInput{Name: "Jugendhilfe"}); err != nil {
		t.Fatalf("first services broken by the second Open: %v", err)
	}
}

func TestServicesWhenNotADatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kein.db")
	junk := bytes.Repeat([]byte("Dies ist keine Datenbank.\n"), 200)
	if err := os.WriteFile(path, junk, 0o600); err != nil {
		t.Fatal(err)
	}
	s, closeDB := Open(context.Background(), Config{DBPath: path})
	defer closeDB()
	st, err := s.System.Status()
	if err != nil || st.Ready || st.Problem == nil || st.Problem.Key != "db.not_database" {
		t.Fatalf("Status = %+v, %v; want the not-a-database problem", st, err)
	}
	if !strings.Contains(st.Problem.Message, "keine Tandem-Datenbank") || !strings.Contains(st.Problem.Message, path) {
		t.Fatalf("message %q", st.Problem.Message)
	}
	if _, err := s.People.List(domain.PersonFilter{}); domain.AsError(err).Key != "db.not_database" {
		t.Fatalf("People.List: %v, want the not-a-database problem", err)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, junk) {
		t.Fatal("the foreign file was changed")
	}
}

func TestStatusReady(t *testing.T) {
	s, path := openServices(t)
	st, err := s.System.Status()
	if err != nil || !st.Ready || st.Problem != nil {
		t.Fatalf("Status = %+v, %v", st, err)
	}
	if st.SchemaVersion < 1 || st.DatabasePath != path || st.NetworkDrive {
		t.Fatalf("Status = %+v; want schema ≥ 1, path %s, not a network drive", st, path)
	}
}
