// Package exchange reads and writes programme templates as files that
// offices can pass to each other: the JSON format "tandem-programmvorlage"
// described in docs/template-format.md. A file holds one template without
// anything of the database it came from (no ids, no timestamps, no
// builtin or archived flag).
//
// Decode treats every file as hostile: it refuses files over MaxFileSize,
// anything that is not exactly this format, newer versions, unknown fields
// and templates beyond the domain's limits, always with a *domain.Error
// whose key names the problem.
package exchange

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"tandem/internal/domain"
	"tandem/internal/filename"
)

const (
	// Format is the value of the "format" field of every template file.
	Format = "tandem-programmvorlage"
	// Version is the format version this build writes and the newest it reads.
	Version = 1
	// MaxFileSize is the largest file Decode reads (5 MB).
	MaxFileSize = 5 << 20
	// FileSuffix ends the name of every template file.
	FileSuffix = ".tandem.json"
)

// now gives the export time; tests replace it.
var now = time.Now

// file is version 1 of the format. The field order here is the order in
// the file; changing a field means a new version.
type file struct {
	Format     string       `json:"format"`
	Version    int          `json:"version"`
	ExportedAt string       `json:"exportedAt"`
	Template   fileTemplate `json:"template"`
}

type fileTemplate struct {
	Kind              string      `json:"kind"`
	Name              string      `json:"name"`
	Description       string      `json:"description"`
	DurationWeeks     int         `json:"durationWeeks"`
	ProbationWeeks    int         `json:"probationWeeks"`
	AttendancePercent int         `json:"attendancePercent"`
	Phases            []filePhase `json:"phases"`
	Topics            []fileTopic `json:"topics"`
	FeedbackPrompts   []string    `json:"feedbackPrompts"`
	// Competencies is optional and left out when empty, so files without
	// it stay exactly version 1 as older builds wrote and read it.
	Competencies []string `json:"competencies,omitempty"`
}

type filePhase struct {
	Name        string `json:"name"`
	Description string `json:"description"`
}

type fileTopic struct {
	Title          string `json:"title"`
	Description    string `json:"description"`
	LegalReference string `json:"legalReference"`
	// Phase is an index into phases, -1 for none; missing reads as -1.
	Phase           *int     `json:"phase"`
	StartWeek       int      `json:"startWeek"`
	EndWeek         int      `json:"endWeek"`
	ResponsibleRole string   `json:"responsibleRole"`
	Checklist       []string `json:"checklist"`
	Speaker         string   `json:"speaker"`
	// Kind is optional and left out when empty ("practice_project" marks
	// a course's practice project, which is not a module), so files
	// without it stay exactly version 1 as older builds wrote and read it.
	Kind string `json:"kind,omitempty"`
}

// Encode writes t as a template file: indented UTF-8 JSON in a fixed field
// order, ending in a newline. t is validated first (on a copy), so a file
// Encode writes is one Decode reads.
func Encode(t domain.Template) ([]byte, error) {
	c := t.Clone()
	if err := c.Validate(); err != nil {
		return nil, err
	}
	f := file{
		Format:     Format,
		Version:    Version,
		ExportedAt: now().UTC().Format(time.RFC3339),
		Template: fileTemplate{
			Kind:              string(c.Kind),
			Name:              c.Name,
			Description:       c.Description,
			DurationWeeks:     c.DurationWeeks,
			ProbationWeeks:    c.ProbationWeeks,
			AttendancePercent: c.AttendancePercent,
			Phases:            make([]filePhase, len(c.Phases)),
			Topics:            make([]fileTopic, len(c.Topics)),
			FeedbackPrompts:   c.FeedbackPrompts,
			Competencies:      c.Competencies,
		},
	}
	for i, p := range c.Phases {
		f.Template.Phases[i] = filePhase{Name: p.Name, Description: p.Description}
	}
	for i, tp := range c.Topics {
		phase := tp.Phase
		f.Template.Topics[i] = fileTopic{
			Title: tp.Title, Description: tp.Description, LegalReference: tp.LegalReference,
			Phase: &phase, StartWeek: tp.StartWeek, EndWeek: tp.EndWeek,
			ResponsibleRole: string(tp.ResponsibleRole), Checklist: tp.Checklist, Speaker: tp.Speaker,
			Kind: string(tp.Kind),
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // „Hilfen & Schutz“ stays readable in an editor
	enc.SetIndent("", "  ")
	if err := enc.Encode(f); err != nil {
		return nil, domain.Internal(err, "encode template")
	}
	return buf.Bytes(), nil
}

// Decode reads a template file and returns the template, validated and
// cleaned, with ID 0 and Builtin, Archived and the timestamps unset. Every
// error is a *domain.Error:
//
//   - import.too_large: more than MaxFileSize bytes
//   - import.not_json: not JSON, or cut off
//   - import.trailing: more data after the JSON value
//   - import.not_ours: JSON, but not a Tandem template file
//   - import.version: a newer version of the format (params version, supported)
//   - import.invalid: an unknown field or a value of the wrong type (param name)
//   - import.too_many_topics: more than domain.MaxTopics topics (params count, max),
//     found before the topics are read
//   - any key of domain.Template.Validate
func Decode(data []byte) (domain.Template, error) {
	if len(data) > MaxFileSize {
		return domain.Template{}, domain.Invalid("", "import.too_large", "max", MaxFileSize>>20)
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF")) // Windows editors like to add a byte order mark
	if !json.Valid(data) {
		return domain.Template{}, syntaxProblem(data)
	}

	// The envelope first: is it ours, and which version?
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return domain.Template{}, domain.Invalid("", "import.not_ours")
	}
	var format string
	if raw, ok := top["format"]; !ok || json.Unmarshal(raw, &format) != nil || format != Format {
		return domain.Template{}, domain.Invalid("", "import.not_ours")
	}
	if err := checkVersion(top["version"]); err != nil {
		return domain.Template{}, err
	}
	raw, ok := top["template"]
	if !ok || bytes.Equal(raw, []byte("null")) {
		return domain.Template{}, domain.Invalid("", "import.invalid", "name", "template")
	}
	// Count the topics before building any: a file of 10,000 topics is
	// refused without making 10,000 of them.
	var count struct {
		Topics []struct{} `json:"topics"`
	}
	if json.Unmarshal(raw, &count) == nil && len(count.Topics) > domain.MaxTopics {
		return domain.Template{}, domain.Invalid("", "import.too_many_topics", "count", len(count.Topics), "max", domain.MaxTopics)
	}

	var f file
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return domain.Template{}, fieldProblem(err)
	}
	t := fromFile(f.Template)
	if err := t.Validate(); err != nil {
		return domain.Template{}, err
	}
	return t, nil
}

// DecodeReader reads at most MaxFileSize+1 bytes from r and decodes them
// like Decode, so that a huge file is refused without being read whole. A
// failing read is import.read.
func DecodeReader(r io.Reader) (domain.Template, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return domain.Template{}, &domain.Error{Code: domain.EINVALID, Key: "import.read", Err: err}
	}
	return Decode(data)
}

// syntaxProblem tells a file with data after a complete JSON value from
// one that is not JSON or cut off.
func syntaxProblem(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	var v json.RawMessage
	if dec.Decode(&v) == nil {
		return domain.Invalid("", "import.trailing")
	}
	return domain.Invalid("", "import.not_json")
}

func checkVersion(raw json.RawMessage) error {
	if raw == nil {
		return domain.Invalid("", "import.invalid", "name", "version")
	}
	s := string(raw)
	if v, err := strconv.ParseInt(s, 10, 64); err == nil {
		switch {
		case v > Version:
			return domain.Invalid("", "import.version", "version", v, "supported", Version)
		case v < 1:
			return domain.Invalid("", "import.invalid", "name", "version")
		}
		return nil
	}
	// 2.0, 1e3: a number, but not as we write it. Still newer is newer.
	if v, err := strconv.ParseFloat(s, 64); err == nil && v > Version {
		return domain.Invalid("", "import.version", "version", s, "supported", Version)
	}
	return domain.Invalid("", "import.invalid", "name", "version")
}

// fieldProblem turns a decoding error of a valid JSON document into
// import.invalid naming the field.
func fieldProblem(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		name := te.Field
		if name == "" {
			name = te.Value
		}
		return domain.Invalid("", "import.invalid", "name", name)
	}
	// encoding/json has no error type for unknown fields, only this text.
	if rest, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		name, uerr := strconv.Unquote(rest)
		if uerr != nil {
			name = rest
		}
		return domain.Invalid("", "import.invalid", "name", name)
	}
	return domain.Invalid("", "import.not_json")
}

func fromFile(f fileTemplate) domain.Template {
	t := domain.Template{
		Kind:              domain.TemplateKind(f.Kind),
		Name:              f.Name,
		Description:       f.Description,
		DurationWeeks:     f.DurationWeeks,
		ProbationWeeks:    f.ProbationWeeks,
		AttendancePercent: f.AttendancePercent,
		Phases:            make([]domain.Phase, len(f.Phases)),
		Topics:            make([]domain.Topic, len(f.Topics)),
		FeedbackPrompts:   f.FeedbackPrompts,
		Competencies:      f.Competencies,
	}
	for i, p := range f.Phases {
		t.Phases[i] = domain.Phase{Name: p.Name, Description: p.Description}
	}
	for i, tp := range f.Topics {
		phase := -1
		if tp.Phase != nil {
			phase = *tp.Phase
		}
		t.Topics[i] = domain.Topic{
			Title: tp.Title, Description: tp.Description, LegalReference: tp.LegalReference,
			Phase: phase, StartWeek: tp.StartWeek, EndWeek: tp.EndWeek,
			ResponsibleRole: domain.Role(tp.ResponsibleRole), Checklist: tp.Checklist, Speaker: tp.Speaker,
			Kind: domain.TopicKind(tp.Kind),
		}
	}
	return t
}

// maxFileNameStem bounds the part of a file name taken from the template's name.
const maxFileNameStem = 80

// FileName suggests a file name for t that is safe on Windows, macOS and
// Linux: "Programmvorlage-Einarbeitung-ASD.tandem.json", FileStem(t) with
// FileSuffix.
func FileName(t domain.Template) string {
	return filename.Safe(FileStem(t), FileSuffix)
}

// FileStem is the file name of t without FileSuffix, in ASCII as
// docs/template-format.md shows it: umlauts are spelt out (ä → ae,
// ß → ss), other accents dropped, and everything but ASCII letters and
// digits becomes a hyphen.
func FileStem(t domain.Template) string {
	stem := asciiStem(t.Name)
	if stem == "" {
		return "Programmvorlage"
	}
	return "Programmvorlage-" + stem
}

var umlauts = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "Ä", "Ae", "Ö", "Oe", "Ü", "Ue", "ß", "ss", "ẞ", "SS")

func asciiStem(name string) string {
	s := umlauts.Replace(norm.NFC.String(name))
	if out, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn))), s); err == nil {
		s = out
	}
	var b strings.Builder
	hyphen := false
	for _, r := range s {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
			if b.Len() >= maxFileNameStem {
				break
			}
			continue
		}
		hyphen = true
	}
	return b.String()
}
