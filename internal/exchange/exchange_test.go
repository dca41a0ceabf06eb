package exchange

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"tandem/internal/domain"
)

func sample() domain.Template {
	return domain.Template{
		Kind:           domain.KindOnboarding,
		Name:           "Einarbeitung ASD Süd",
		Description:    "Zeile 1\nZeile 2 – „Hilfen & Schutz“ <b>kein HTML</b> 🙂",
		DurationWeeks:  20,
		ProbationWeeks: 26,
		Phases:         []domain.Phase{{Name: "Ankommen", Description: "Erste Wochen"}, {Name: "Fallarbeit"}},
		Topics: []domain.Topic{
			{Title: "Hilfeplanung", Description: "nach § 36", LegalReference: "§ 36 SGB VIII", Phase: 1, StartWeek: 2, EndWeek: 8,
				ResponsibleRole: domain.RoleMentor, Checklist: []string{"Hilfeplangespräch begleitet", "Hilfeplan geschrieben"}},
			{Title: "Ohne Phase", Phase: -1, StartWeek: 0, EndWeek: 0, Checklist: []string{}},
			{Title: "Modul", Phase: 0, StartWeek: 20, EndWeek: 20, Speaker: "N. N.", ResponsibleRole: domain.RoleSpeaker, Checklist: []string{}},
		},
		FeedbackPrompts: []string{"Was ist gut gelungen?"},
		Competencies:    []string{"Gesprächsführung", "Kinderschutz nach § 8a"},
	}
}

func wantKey(t *testing.T, err error, key string) *domain.Error {
	t.Helper()
	var e *domain.Error
	if !errors.As(err, &e) {
		t.Fatalf("got %v (%T), want *domain.Error %s", err, err, key)
	}
	if e.Key != key {
		t.Fatalf("got key %q (%v), want %q", e.Key, err, key)
	}
	return e
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	in := sample()
	in.ID, in.Builtin, in.Archived, in.CreatedAt, in.UpdatedAt = 7, true, true, "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z"
	data, err := Encode(in)
	if err != nil {
		t.Fatal(err)
	}
	for _, leak := range []string{`"id"`, `"builtin"`, `"archived"`, `"createdAt"`, `"updatedAt"`, `\u003c`, `\u0026`} {
		if bytes.Contains(data, []byte(leak)) {
			t.Errorf("file contains %s:\n%s", leak, data)
		}
	}
	if !bytes.HasPrefix(data, []byte("{\n  \"format\": \"tandem-programmvorlage\",\n  \"version\": 1,\n  \"exportedAt\": ")) || !bytes.HasSuffix(data, []byte("}\n")) {
		t.Errorf("unexpected layout:\n%s", data)
	}
	got, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	want := sample()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("round trip:\ngot  %+v\nwant %+v", got, want)
	}
	// Encode must not clean the caller's template in place.
	in2 := sample()
	in2.Topics[0].Checklist[0] = "  Hilfeplangespräch begleitet  "
	if _, err := Encode(in2); err != nil || in2.Topics[0].Checklist[0] != "  Hilfeplangespräch begleitet  " {
		t.Fatalf("Encode changed its argument: %q, %v", in2.Topics[0].Checklist[0], err)
	}
}

func TestEncodeStableAndTimestamped(t *testing.T) {
	defer func(f func() time.Time) { now = f }(now)
	now = func() time.Time { return time.Date(2026, 3, 1, 12, 30, 0, 0, time.FixedZone("CET", 3600)) }
	a, _ := Encode(sample())
	b, _ := Encode(sample())
	if !bytes.Equal(a, b) {
		t.Fatal("two encodings of one template differ")
	}
	if !bytes.Contains(a, []byte(`"exportedAt": "2026-03-01T11:30:00Z"`)) {
		t.Fatalf("exportedAt not UTC RFC 3339:\n%s", a)
	}
}

func TestEncodeRefusesInvalid(t *testing.T) {
	in := sample()
	in.Topics[0].EndWeek = 1
	_, err := Encode(in)
	wantKey(t, err, "template.topic.end_before_start")
}

// encodeRaw builds a file around a template given as a map, for inputs Encode would refuse.
func encodeRaw(t *testing.T, mutate func(top, tpl map[string]any)) []byte {
	t.Helper()
	data, err := Encode(sample())
	if err != nil {
		t.Fatal(err)
	}
	var top map[string]any
	if err := json.Unmarshal(data, &top); err != nil {
		t.Fatal(err)
	}
	mutate(top, top["template"].(map[string]any))
	out, err := json.Marshal(top)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDecodeRefuses(t *testing.T) {
	good, err := Encode(sample())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		data []byte
		key  string
	}{
		{"Empty", nil, "import.not_json"},
		{"Text", []byte("Programmvorlage Einarbeitung"), "import.not_json"},
		{"Truncated", good[:len(good)/2], "import.not_json"},
		{"TruncatedAtEnd", good[:len(good)-3], "import.not_json"},
		{"Trailing", append(append([]byte{}, good...), []byte("{}")...), "import.trailing"},
		{"TrailingGarbage", append(append([]byte{}, good...), []byte("xyz")...), "import.trailing"},
		{"Array", []byte(`[1,2,3]`), "import.not_ours"},
		{"String", []byte(`"tandem-programmvorlage"`), "import.not_ours"},
		{"Null", []byte(`null`), "import.not_ours"},
		{"OtherJSON", []byte(`{"name": "Einarbeitung", "topics": []}`), "import.not_ours"},
		{"OtherFormat", []byte(`{"format": "tandem-sicherung", "version": 1, "template": {}}`), "import.not_ours"},
		{"FormatNotString", []byte(`{"format": 1, "version": 1, "template": {}}`), "import.not_ours"},
		{"NewerVersion", encodeRaw(t, func(top, _ map[string]any) { top["version"] = 2 }), "import.version"},
		{"NewerVersionFloat", []byte(`{"format": "tandem-programmvorlage", "version": 2.5, "template": {}}`), "import.version"},
		{"VersionMissing", encodeRaw(t, func(top, _ map[string]any) { delete(top, "version") }), "import.invalid"},
		{"VersionZero", encodeRaw(t, func(top, _ map[string]any) { top["version"] = 0 }), "import.invalid"},
		{"VersionString", encodeRaw(t, func(top, _ map[string]any) { top["version"] = "1" }), "import.invalid"},
		{"TemplateMissing", []byte(`{"format": "tandem-programmvorlage", "version": 1}`), "import.invalid"},
		{"TemplateNull", []byte(`{"format": "tandem-programmvorlage", "version": 1, "template": null}`), "import.invalid"},
		{"UnknownTopField", encodeRaw(t, func(top, _ map[string]any) { top["signature"] = "x" }), "import.invalid"},
		{"UnknownTemplateField", encodeRaw(t, func(_, tpl map[string]any) { tpl["id"] = 3 }), "import.invalid"},
		{"UnknownTopicField", encodeRaw(t, func(_, tpl map[string]any) {
			tpl["topics"].([]any)[1].(map[string]any)["dueDate"] = "2027-01-01"
		}), "import.invalid"},
		{"WrongType", encodeRaw(t, func(_, tpl map[string]any) { tpl["durationWeeks"] = "26" }), "import.invalid"},
		{"HugeNumber", encodeRaw(t, func(_, tpl map[string]any) { tpl["durationWeeks"] = 1e300 }), "import.invalid"},
		{"Invalid", encodeRaw(t, func(_, tpl map[string]any) { tpl["name"] = "" }), "text.required"},
		{"BadKind", encodeRaw(t, func(_, tpl map[string]any) { tpl["kind"] = "party" }), "template.kind.invalid"},
		{"ControlChar", encodeRaw(t, func(_, tpl map[string]any) { tpl["name"] = "Vorlage\u202e" }), "text.control"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Decode(c.data)
			wantKey(t, err, c.key)
		})
	}

	t.Run("UnknownFieldNamed", func(t *testing.T) {
		_, err := Decode(encodeRaw(t, func(_, tpl map[string]any) { tpl["secret"] = true }))
		if e := wantKey(t, err, "import.invalid"); e.Params["name"] != "secret" {
			t.Fatalf("params %v, want name secret", e.Params)
		}
	})
	t.Run("WrongTypeNamed", func(t *testing.T) {
		_, err := Decode(encodeRaw(t, func(_, tpl map[string]any) { tpl["topics"].([]any)[0].(map[string]any)["phase"] = "eins" }))
		if e := wantKey(t, err, "import.invalid"); !strings.Contains(fmt.Sprint(e.Params["name"]), "phase") {
			t.Fatalf("params %v, want the phase field named", e.Params)
		}
	})
	t.Run("NewerVersionParams", func(t *testing.T) {
		_, err := Decode(encodeRaw(t, func(top, _ map[string]any) { top["version"] = 3 }))
		if e := wantKey(t, err, "import.version"); fmt.Sprint(e.Params["version"]) != "3" || fmt.Sprint(e.Params["supported"]) != "1" {
			t.Fatalf("params %v", e.Params)
		}
	})
	t.Run("TopicProblemNamesTopic", func(t *testing.T) {
		_, err := Decode(encodeRaw(t, func(_, tpl map[string]any) { tpl["topics"].([]any)[2].(map[string]any)["title"] = " " }))
		e := wantKey(t, err, "template.topic.required")
		if e.Field != "topics.title" || e.Params["index"] != 3 {
			t.Fatalf("field %q params %v, want topics.title index 3", e.Field, e.Params)
		}
	})
}

func TestDecodeTooLarge(t *testing.T) {
	// 50 MB of otherwise valid JSON: refused by size before it is parsed.
	data := make([]byte, 0, 50<<20+64)
	data = append(data, `{"format":"tandem-programmvorlage","version":1,"template":{"name":"`...)
	data = append(data, bytes.Repeat([]byte("a"), 50<<20)...)
	data = append(data, `"}}`...)
	start := time.Now()
	_, err := Decode(data)
	e := wantKey(t, err, "import.too_large")
	if e.Params["max"] != 5 {
		t.Errorf("params %v, want max 5", e.Params)
	}
	if d := time.Since(start); d > 100*time.Millisecond {
		t.Errorf("refusing 50 MB took %v", d)
	}
	// Exactly at the limit is read (and refused for what it holds, not its size).
	at := append([]byte(`"`), bytes.Repeat([]byte("a"), MaxFileSize-2)...)
	at = append(at, '"')
	_, err = Decode(at)
	wantKey(t, err, "import.not_ours")
}

func TestDecodeTooManyTopics(t *testing.T) {
	var b bytes.Buffer
	b.WriteString(`{"format":"tandem-programmvorlage","version":1,"exportedAt":"","template":{"kind":"onboarding","name":"Viel","durationWeeks":10,"topics":[`)
	for i := range 10000 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"title":"Thema %d","phase":-1,"startWeek":0,"endWeek":1,"checklist":["a","b"]}`, i)
	}
	b.WriteString(`]}}`)
	if b.Len() > MaxFileSize {
		t.Fatalf("test file is %d bytes, over the size limit", b.Len())
	}
	start := time.Now()
	_, err := Decode(b.Bytes())
	e := wantKey(t, err, "import.too_many_topics")
	if e.Params["count"] != 10000 || e.Params["max"] != domain.MaxTopics {
		t.Errorf("params %v", e.Params)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("refusing 10,000 topics took %v", d)
	}
	// At the limit it is read.
	one := `{"title":"T","phase":-1,"startWeek":0,"endWeek":1,"checklist":[]}`
	file := `{"format":"tandem-programmvorlage","version":1,"template":{"kind":"onboarding","name":"Voll","durationWeeks":10,"topics":[` +
		strings.TrimSuffix(strings.Repeat(one+",", domain.MaxTopics), ",") + `]}}`
	got, err := Decode([]byte(file))
	if err != nil || len(got.Topics) != domain.MaxTopics {
		t.Fatalf("%d topics: %v", len(got.Topics), err)
	}
}

func TestDecodeLenient(t *testing.T) {
	t.Run("ByteOrderMark", func(t *testing.T) {
		data, _ := Encode(sample())
		got, err := Decode(append([]byte("\uFEFF"), data...))
		if err != nil || got.Name != sample().Name {
			t.Fatalf("%+v %v", got, err)
		}
	})
	t.Run("MissingOptionalFields", func(t *testing.T) {
		got, err := Decode([]byte(`{"format":"tandem-programmvorlage","version":1,"template":{"kind":"learning_path","name":"Kurz","durationWeeks":4,
			"topics":[{"title":"Erstes Modul","endWeek":1}]}}`))
		if err != nil {
			t.Fatal(err)
		}
		want := domain.Template{Kind: domain.KindLearningPath, Name: "Kurz", DurationWeeks: 4, Phases: []domain.Phase{},
			Topics:          []domain.Topic{{Title: "Erstes Modul", Phase: -1, EndWeek: 1, Checklist: []string{}}},
			FeedbackPrompts: []string{}, Competencies: []string{}}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("got %+v\nwant %+v", got, want)
		}
	})
	t.Run("NoCompetenciesLeftOut", func(t *testing.T) {
		// Without competencies a file is exactly what builds before the
		// field wrote, so they can still read it.
		in := sample()
		in.Competencies = nil
		data, err := Encode(in)
		if err != nil || bytes.Contains(data, []byte(`"competencies"`)) {
			t.Fatalf("%s %v", data, err)
		}
	})
	t.Run("CompetencyDuplicate", func(t *testing.T) {
		_, err := Decode(encodeRaw(t, func(_, tpl map[string]any) { tpl["competencies"] = []string{"A", "a"} }))
		wantKey(t, err, "template.competency.duplicate")
	})
	t.Run("WindowsLineEndingsAndSpaces", func(t *testing.T) {
		got, err := Decode(encodeRaw(t, func(_, tpl map[string]any) { tpl["description"] = "  a\r\nb  "; tpl["name"] = " Name " }))
		if err != nil || got.Description != "a\nb" || got.Name != "Name" {
			t.Fatalf("%q %q %v", got.Description, got.Name, err)
		}
	})
}

func TestFileName(t *testing.T) {
	for name, want := range map[string]string{
		"Einarbeitung ASD":                      "Programmvorlage-Einarbeitung-ASD.tandem.json",
		"Mentoring für künftige Führungskräfte": "Programmvorlage-Mentoring-fuer-kuenftige-Fuehrungskraefte.tandem.json",
		"Lernpfad Führung / Change":             "Programmvorlage-Lernpfad-Fuehrung-Change.tandem.json",
		"ÄÖÜ äöü ß Straße":                      "Programmvorlage-AeOeUe-aeoeue-ss-Strasse.tandem.json",
		`..\..\Windows\System32`:                "Programmvorlage-Windows-System32.tandem.json",
		"../../etc/passwd":                      "Programmvorlage-etc-passwd.tandem.json",
		"CON":                                   "Programmvorlage-CON.tandem.json",
		"Café Crème – 2027":                     "Programmvorlage-Cafe-Creme-2027.tandem.json",
		"Ольга 李":                               "Programmvorlage.tandem.json",
		"":                                      "Programmvorlage.tandem.json",
		"a:b*c?d\"e<f>g|h":                      "Programmvorlage-a-b-c-d-e-f-g-h.tandem.json",
	} {
		if got := FileName(domain.Template{Name: name}); got != want {
			t.Errorf("FileName(%q) = %q, want %q", name, got, want)
		}
	}
	long := FileName(domain.Template{Name: strings.Repeat("Einarbeitung ", 20)})
	if len(long) > len("Programmvorlage-")+maxFileNameStem+len(FileSuffix) || strings.Contains(long, "--") || strings.Contains(long, "-.") {
		t.Errorf("long name: %q", long)
	}
}

func jsonUnmarshal(data []byte, v any) error { return json.Unmarshal(data, v) }

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("disk gone") }

func TestDecodeReader(t *testing.T) {
	data, _ := Encode(sample())
	got, err := DecodeReader(bytes.NewReader(data))
	if err != nil || got.Name != sample().Name {
		t.Fatalf("%+v %v", got, err)
	}
	// An endless stream is cut after the limit and refused by size.
	_, err = DecodeReader(endless{})
	wantKey(t, err, "import.too_large")
	_, err = DecodeReader(failingReader{})
	wantKey(t, err, "import.read")
}

type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	return len(p), nil
}
