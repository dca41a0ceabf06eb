package exchange

import (
	"errors"
	"io/fs"
	"reflect"
	"testing"

	"tandem/internal/domain"
)

// FuzzDecode: Decode never panics, fails only with a coded domain error,
// and whatever it accepts is valid and survives Encode → Decode unchanged.
func FuzzDecode(f *testing.F) {
	names, _ := fs.Glob(builtinFS, "builtin/*.json")
	for _, name := range names {
		data, _ := builtinFS.ReadFile(name)
		f.Add(data)
		f.Add(data[:len(data)/2])
		f.Add(data[:len(data)-2])
	}
	if data, err := Encode(sample()); err == nil {
		f.Add(data)
	}
	for _, s := range []string{
		"", "{}", "null", "[]", `"x"`, "{", `{"format":"tandem-programmvorlage"}`,
		`{"format":"tandem-programmvorlage","version":1,"template":{}}`,
		`{"format":"tandem-programmvorlage","version":2,"template":{}}`,
		`{"format":"tandem-programmvorlage","version":1,"template":{"kind":"onboarding","name":"A","durationWeeks":1,"topics":[{"title":"T","endWeek":1}]}}`,
		`{"format":"tandem-programmvorlage","version":1,"template":{"kind":"secondment","name":"A","durationWeeks":27}}`,
		`{"format":"tandem-programmvorlage","version":1,"template":{"kind":"onboarding","name":"A\u0000","durationWeeks":1}}`,
		`{"format":"tandem-programmvorlage","version":1,"template":{"kind":"onboarding","name":" A\r\n","description":"x\r\ny","durationWeeks":1}}{}`,
		"\xef\xbb\xbf{\"format\":\"tandem-programmvorlage\",\"version\":1,\"template\":{\"kind\":\"onboarding\",\"name\":\"\xff\",\"durationWeeks\":1}}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := Decode(data)
		if err != nil {
			var e *domain.Error
			if !errors.As(err, &e) || e.Key == "" || e.Code != domain.EINVALID {
				t.Fatalf("error %v (%T) is not a coded invalid error", err, err)
			}
			return
		}
		c := got.Clone()
		if err := c.Validate(); err != nil {
			t.Fatalf("accepted template does not validate: %v", err)
		}
		if !reflect.DeepEqual(c, got) {
			t.Fatalf("accepted template is not clean:\n%+v\n%+v", got, c)
		}
		enc, err := Encode(got)
		if err != nil {
			t.Fatalf("accepted template does not encode: %v", err)
		}
		again, err := Decode(enc)
		if err != nil {
			t.Fatalf("re-encoded template refused: %v\n%s", err, enc)
		}
		if !reflect.DeepEqual(again, got) {
			t.Fatalf("round trip changed the template:\n%+v\n%+v", got, again)
		}
	})
}
