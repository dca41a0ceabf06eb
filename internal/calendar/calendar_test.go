package calendar

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // reference zone data for the tests, whatever the OS has
	"unicode/utf8"

	"tandem/internal/wintest"
)

var berlin = mustZone("Europe/Berlin")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

const installation = "7c1e4a2b9d"

var updated = time.Date(2025, 6, 1, 12, 34, 56, 0, time.UTC)

func longDescription() string {
	var b strings.Builder
	for i := 0; b.Len() < 3000; i++ {
		b.WriteString("Zeile mit Ümläuten äöüß, Emoji 👩‍🏫🎓 und Zeichen ; , \\ – ")
		if i%5 == 4 {
			b.WriteString("\n")
		}
	}
	return b.String()
}

func sampleEvents() []Event {
	return []Event{
		{
			UID:         UID("session", 42, installation),
			Start:       time.Date(2025, 7, 15, 18, 30, 0, 0, berlin),
			Duration:    90 * time.Minute,
			Summary:     "Mentoring „Umlaute“: Jörg, Ärger; Öl\nzweite Zeile",
			Location:    "Raum 3, Haus B; EG \\ Süd",
			Description: longDescription(),
			Updated:     updated,
		},
		{
			UID:         UID("session", 43, installation),
			Start:       time.Date(2025, 1, 20, 9, 0, 0, 0, berlin),
			Duration:    time.Hour,
			Summary:     "Winter-Termin",
			Location:    "wird ignoriert",
			Online:      true,
			Description: "Link folgt.\r\nBis dann!",
			Updated:     updated.Add(time.Hour),
		},
		{
			// Crosses the end of summer time: 01:30 CEST + 2h = 02:30 CET.
			UID:      UID("session", 44, installation),
			Start:    time.Date(2025, 10, 26, 1, 30, 0, 0, berlin),
			Duration: 2 * time.Hour,
			Summary:  "Nachtschicht",
			Updated:  updated,
		},
		{
			// Crosses the end of summer time: 01:30 CEST + 3h = 03:30 CET.
			UID:      UID("session", 45, installation),
			Start:    time.Date(2025, 10, 26, 1, 30, 0, 0, time.UTC), // Location is ignored
			Duration: 3 * time.Hour,
			Summary:  "Herbst",
			Updated:  updated,
		},
		{
			// Crosses the start of summer time: 01:30 CET + 2h = 04:30 CEST.
			UID:      UID("session", 46, installation),
			Start:    time.Date(2025, 3, 30, 1, 30, 0, 0, berlin),
			Duration: 2 * time.Hour,
			Summary:  "Frühling",
			Updated:  updated,
		},
	}
}

func render(t *testing.T, events []Event) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, "Tandem – Sitzungen, 2025", events); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

// physicalLines splits at CRLF and fails on any bare CR or LF.
func physicalLines(t *testing.T, data []byte) []string {
	t.Helper()
	s := string(data)
	if !strings.HasSuffix(s, "\r\n") {
		t.Fatalf("output does not end in CRLF")
	}
	lines := strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n")
	for i, l := range lines {
		if strings.ContainsAny(l, "\r\n") {
			t.Errorf("line %d has a bare CR or LF: %q", i+1, l)
		}
	}
	return lines
}

// unfold joins continuation lines (RFC 5545 section 3.1).
func unfold(lines []string) []string {
	var out []string
	for _, l := range lines {
		if strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t") {
			out[len(out)-1] += l[1:]
			continue
		}
		out = append(out, l)
	}
	return out
}

func unescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// props returns the values of name (without parameters) in the logical lines.
func props(logical []string, name string) []string {
	var out []string
	for _, l := range logical {
		if strings.HasPrefix(l, name+":") || strings.HasPrefix(l, name+";") {
			out = append(out, l[strings.IndexByte(l, ':')+1:])
		}
	}
	return out
}

func TestFormat(t *testing.T) {
	events := sampleEvents()
	data := render(t, events)
	lines := physicalLines(t, data)
	folded := 0
	for i, l := range lines {
		if len(l) > 75 {
			t.Errorf("line %d has %d octets: %q", i+1, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d splits a UTF-8 sequence: %q", i+1, l)
		}
		if strings.HasPrefix(l, " ") {
			folded++
		}
	}
	if folded < 40 {
		t.Errorf("only %d continuation lines; the long description should need many", folded)
	}
	logical := unfold(lines)
	for _, want := range []string{
		"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Tandem//Tandem//DE", "CALSCALE:GREGORIAN",
		"METHOD:PUBLISH", `X-WR-CALNAME:Tandem – Sitzungen\, 2025`,
		"BEGIN:VTIMEZONE", "TZID:Europe/Berlin", "TZNAME:CET", "TZNAME:CEST",
		"RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
		"DTSTART;TZID=Europe/Berlin:20250715T183000", "DTEND;TZID=Europe/Berlin:20250715T200000",
		"DTSTART;TZID=Europe/Berlin:20250120T090000", "DTEND;TZID=Europe/Berlin:20250120T100000",
		"DTSTART;TZID=Europe/Berlin:20251026T013000", "DURATION:PT2H", "DTEND;TZID=Europe/Berlin:20251026T033000",
		"DTSTART;TZID=Europe/Berlin:20250330T013000", "DTEND;TZID=Europe/Berlin:20250330T043000",
		"DTSTAMP:20250601T123456Z", "SEQUENCE:2849074", "LOCATION:Online",
		"UID:tandem-session-42@" + installation, "END:VCALENDAR",
	} {
		found := false
		for _, l := range logical {
			if l == want {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("missing line %q", want)
		}
	}
	if logical[0] != "BEGIN:VCALENDAR" || logical[len(logical)-1] != "END:VCALENDAR" {
		t.Errorf("calendar not enclosed in BEGIN/END:VCALENDAR")
	}

	// Escaping round trip.
	sums, descs, locs := props(logical, "SUMMARY"), props(logical, "DESCRIPTION"), props(logical, "LOCATION")
	if len(sums) != len(events) || len(descs) != 2 || len(locs) != 2 {
		t.Fatalf("got %d SUMMARY, %d DESCRIPTION, %d LOCATION lines", len(sums), len(descs), len(locs))
	}
	for i, e := range events {
		if got := unescape(sums[i]); got != e.Summary {
			t.Errorf("SUMMARY %d round trip: got %q, want %q", i, got, e.Summary)
		}
	}
	if got := unescape(descs[0]); got != events[0].Description {
		t.Errorf("long DESCRIPTION does not round-trip")
	}
	if got, want := unescape(descs[1]), "Link folgt.\nBis dann!"; got != want {
		t.Errorf("CRLF in DESCRIPTION: got %q, want %q", got, want)
	}
	if got := unescape(locs[0]); got != events[0].Location {
		t.Errorf("LOCATION round trip: got %q, want %q", got, events[0].Location)
	}
	// Escaped values carry no raw separators.
	for _, v := range append(sums, descs...) {
		if strings.ContainsAny(strings.ReplaceAll(strings.ReplaceAll(strings.ReplaceAll(v, `\\`, ""), `\;`, ""), `\,`, ""), ";,") {
			t.Errorf("unescaped ; or , in %q", v)
		}
	}

	// Same input, same bytes: a re-export of unchanged records is identical.
	if again := render(t, sampleEvents()); !bytes.Equal(again, data) {
		t.Errorf("output is not deterministic")
	}
}

// TestFoldNeverSplitsRunes folds values of every length and alignment made
// of 1- to 4-octet characters and escapes, and checks each physical line.
func TestFoldNeverSplitsRunes(t *testing.T) {
	pieces := []string{"a", "ä", "€", "😀", "👩‍🏫", `\`, ";", ",", "\n", "ß"}
	for n := 0; n < 400; n++ {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(pieces[(i*7+n)%len(pieces)])
		}
		value := b.String()
		var lw lineWriter
		lw.line("DESCRIPTION:" + escapeText(value))
		lines := physicalLines(t, lw.Bytes())
		for i, l := range lines {
			if len(l) > 75 {
				t.Fatalf("n=%d: line %d has %d octets", n, i, len(l))
			}
			if !utf8.ValidString(l) {
				t.Fatalf("n=%d: line %d splits a rune: %q", n, i, l)
			}
			if i > 0 && !strings.HasPrefix(l, " ") {
				t.Fatalf("n=%d: continuation line %d lacks the leading space", n, i)
			}
			if endsInsideEscape(l) {
				t.Fatalf("n=%d: line %d ends inside an escape: %q", n, i, l)
			}
		}
		logical := unfold(lines)
		if len(logical) != 1 {
			t.Fatalf("n=%d: unfolds to %d lines", n, len(logical))
		}
		if got := unescape(strings.TrimPrefix(logical[0], "DESCRIPTION:")); got != value {
			t.Fatalf("n=%d: round trip: got %q, want %q", n, got, value)
		}
	}
}

// endsInsideEscape reports whether a physical line ends with the backslash
// of an escape pair whose second character went to the next line.
func endsInsideEscape(l string) bool {
	escaped := false
	for i := 0; i < len(l); i++ {
		if l[i] == '\\' {
			escaped = !escaped
		} else {
			escaped = false
		}
	}
	return escaped
}

func TestEscapeText(t *testing.T) {
	for in, want := range map[string]string{
		`a\b`:        `a\\b`,
		"a;b,c":      `a\;b\,c`,
		"x\ny":       `x\ny`,
		"x\r\ny":     `x\ny`,
		"x\ry":       `x\ny`,
		`\n`:         `\\n`,
		"„Umlaute“:": "„Umlaute“:",
	} {
		if got := escapeText(in); got != want {
			t.Errorf("escapeText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRefuses(t *testing.T) {
	good := sampleEvents()[0]
	cases := map[string]func(*Event){
		"empty UID":         func(e *Event) { e.UID = "" },
		"zero duration":     func(e *Event) { e.Duration = 0 },
		"sub-second":        func(e *Event) { e.Duration = time.Millisecond },
		"negative duration": func(e *Event) { e.Duration = -time.Minute },
		"zero start":        func(e *Event) { e.Start = time.Time{} },
		"zero updated":      func(e *Event) { e.Updated = time.Time{} },
		"invalid summary":   func(e *Event) { e.Summary = "ab\xffcd" },
		"invalid location":  func(e *Event) { e.Location = "\xc3" },
		"invalid desc":      func(e *Event) { e.Description = "ok \xed\xa0\x80" },
		"control char":      func(e *Event) { e.Summary = "bell\a" },
	}
	for name, mutate := range cases {
		e := good
		mutate(&e)
		var buf bytes.Buffer
		err := Write(&buf, "Tandem", []Event{sampleEvents()[1], e})
		if err == nil {
			t.Errorf("%s: no error", name)
		}
		if buf.Len() != 0 {
			t.Errorf("%s: wrote %d bytes despite the error", name, buf.Len())
		}
	}
	if err := Write(&bytes.Buffer{}, "bad \xff", nil); err == nil {
		t.Errorf("invalid calendar name: no error")
	}
	if err := Write(&bytes.Buffer{}, "Tandem", nil); err != nil {
		t.Errorf("empty calendar: %v", err)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteError(t *testing.T) {
	if err := Write(failWriter{}, "Tandem", sampleEvents()); err == nil {
		t.Errorf("writer error not returned")
	}
}

func TestUIDAndSequence(t *testing.T) {
	if got, want := UID("session", 42, "abc"), "tandem-session-42@abc"; got != want {
		t.Errorf("UID = %q, want %q", got, want)
	}
	if UID("session", 42, "abc") != UID("session", 42, "abc") || UID("session", 42, "abc") == UID("session", 43, "abc") ||
		UID("session", 42, "abc") == UID("session", 42, "abd") {
		t.Errorf("UID not stable or not distinct")
	}
	if s := Sequence(time.Date(2019, 5, 1, 0, 0, 0, 0, time.UTC)); s != 0 {
		t.Errorf("Sequence before 2020 = %d, want 0", s)
	}
	if s := Sequence(time.Date(2020, 1, 1, 1, 0, 0, 0, time.UTC)); s != 60 {
		t.Errorf("Sequence one hour after epoch = %d, want 60", s)
	}
	a, b := Sequence(updated), Sequence(updated.Add(time.Minute))
	if b <= a {
		t.Errorf("Sequence not increasing: %d then %d", a, b)
	}
	if s := Sequence(time.Date(2999, 12, 31, 0, 0, 0, 0, time.UTC)); s > 1<<31-1 {
		t.Errorf("Sequence in 2999 = %d overflows int32", s)
	}
}

// TestBerlinRules compares the built-in rules with the tz database for
// every half hour of several years, including both transitions.
func TestBerlinRules(t *testing.T) {
	for ts := time.Date(2019, 12, 31, 0, 0, 0, 0, time.UTC); ts.Year() < 2031; ts = ts.Add(30 * time.Minute) {
		ref := ts.In(berlin)
		w := wall(ref)
		if got := berlinWall(ts); !got.Equal(w) {
			t.Fatalf("berlinWall(%v) = %v, want %v", ts, got, w)
		}
		// Ambiguous readings in October: RFC 5545 takes the first occurrence.
		want := ts
		if first := berlinInstant(w); !first.Equal(ts) {
			if _, off := ref.Zone(); off == 3600 && first.Equal(ts.Add(-time.Hour)) {
				continue // second occurrence of a repeated hour
			}
			t.Fatalf("berlinInstant(%v) = %v, want %v", w, first, want)
		}
	}
	// The skipped hour in March is read with the winter offset: 02:30 → 01:30 UTC.
	gap := time.Date(2025, 3, 30, 2, 30, 0, 0, time.UTC)
	if got, want := berlinInstant(gap), time.Date(2025, 3, 30, 1, 30, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("berlinInstant(gap) = %v, want %v", got, want)
	}
}

// pythonWithICalendar finds a python3 that can import icalendar. The
// Debian package python3-icalendar serves /usr/bin/python3, which may
// differ from a python3 earlier on PATH (pyenv).
func pythonWithICalendar(t *testing.T) string {
	t.Helper()
	var tried []string
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		path, err := exec.LookPath(p)
		if err != nil {
			tried = append(tried, p+": not found")
			continue
		}
		out, err := exec.Command(path, "-c", "import icalendar").CombinedOutput()
		if err == nil {
			return path
		}
		tried = append(tried, path+": "+strings.TrimSpace(string(out)))
	}
	wintest.Missing(t, "python3-icalendar")
	t.Fatalf("no python3 can import icalendar (%s); run scripts/install-deps.sh, which installs the Debian package python3-icalendar",
		strings.Join(tried, "; "))
	return ""
}

type parsedTime struct {
	TZID            string `json:"tzid"`
	Local           string `json:"local"`
	ISO             string `json:"iso"`
	TZName          string `json:"tzname"`
	Zone            string `json:"zone"`
	VTimezoneISO    string `json:"vtimezone_iso"`
	VTimezoneTZName string `json:"vtimezone_tzname"`
}

type parsedCalendar struct {
	Version, ProdID, Method, CalName string
	Timezones                        []string
	Events                           []struct {
		UID, Summary, Location, Description string
		Sequence                            int64
		DTStamp                             string
		DTStart                             parsedTime
		DTEnd                               *parsedTime
		DurationSeconds                     *int64 `json:"duration_seconds"`
	}
}

// TestPythonICalendar reads the output back with the Python icalendar
// library, an implementation independent of this package.
func TestPythonICalendar(t *testing.T) {
	python := pythonWithICalendar(t)
	events := sampleEvents()
	file := filepath.Join(t.TempDir(), "tandem.ics")
	if err := os.WriteFile(file, render(t, events), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(python, filepath.Join("testdata", "check_ics.py"), file)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("check_ics.py: %v\n%s", err, stderr.String())
	}
	var cal parsedCalendar
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&cal); err != nil {
		t.Fatalf("decoding %s: %v", out, err)
	}
	check := func(what string, got, want any) {
		t.Helper()
		if got != want {
			t.Errorf("%s: got %#v, want %#v", what, got, want)
		}
	}
	check("VERSION", cal.Version, "2.0")
	check("PRODID", cal.ProdID, ProdID)
	check("METHOD", cal.Method, "PUBLISH")
	check("X-WR-CALNAME", cal.CalName, "Tandem – Sitzungen, 2025")
	if len(cal.Timezones) != 1 || cal.Timezones[0] != "Europe/Berlin" {
		t.Errorf("VTIMEZONE TZIDs = %v, want [Europe/Berlin]", cal.Timezones)
	}
	if len(cal.Events) != len(events) {
		t.Fatalf("parsed %d events, want %d", len(cal.Events), len(events))
	}
	type times struct{ start, end, startName, endName string }
	wantTimes := []times{
		{"2025-07-15T18:30:00+02:00", "2025-07-15T20:00:00+02:00", "CEST", "CEST"},
		{"2025-01-20T09:00:00+01:00", "2025-01-20T10:00:00+01:00", "CET", "CET"},
		{"2025-10-26T01:30:00+02:00", "", "CEST", ""}, // DURATION instead of DTEND
		{"2025-10-26T01:30:00+02:00", "2025-10-26T03:30:00+01:00", "CEST", "CET"},
		{"2025-03-30T01:30:00+01:00", "2025-03-30T04:30:00+02:00", "CET", "CEST"},
	}
	for i, e := range events {
		p := cal.Events[i]
		wantLoc := e.Location
		if e.Online {
			wantLoc = "Online"
		}
		wantDesc := strings.ReplaceAll(e.Description, "\r\n", "\n")
		check("UID", p.UID, e.UID)
		check("SUMMARY", p.Summary, e.Summary)
		check("LOCATION", p.Location, wantLoc)
		check("DESCRIPTION", p.Description, wantDesc)
		check("SEQUENCE", p.Sequence, Sequence(e.Updated))
		check("DTSTAMP", p.DTStamp, e.Updated.UTC().Format("2006-01-02T15:04:05+00:00"))
		w := wantTimes[i]
		checked := []struct {
			name       string
			got        parsedTime
			iso, tzabb string
		}{{"DTSTART", p.DTStart, w.start, w.startName}}
		switch {
		case w.end == "":
			if p.DTEnd != nil || p.DurationSeconds == nil || *p.DurationSeconds != int64(e.Duration/time.Second) {
				t.Errorf("event %d: want DURATION %v and no DTEND, got DTEND %v, DURATION %v", i, e.Duration, p.DTEnd, p.DurationSeconds)
			}
		case p.DTEnd == nil || p.DurationSeconds != nil:
			t.Errorf("event %d: want DTEND and no DURATION", i)
		default:
			checked = append(checked, struct {
				name       string
				got        parsedTime
				iso, tzabb string
			}{"DTEND", *p.DTEnd, w.end, w.endName})
			// The real length is kept across clock changes.
			s, err1 := time.Parse(time.RFC3339, p.DTStart.ISO)
			en, err2 := time.Parse(time.RFC3339, p.DTEnd.ISO)
			if err1 != nil || err2 != nil || en.Sub(s) != e.Duration {
				t.Errorf("event %d: DTEND - DTSTART = %v, want %v", i, en.Sub(s), e.Duration)
			}
		}
		for _, c := range checked {
			check(c.name+" TZID", c.got.TZID, "Europe/Berlin")
			check(c.name+" zone", c.got.Zone, "Europe/Berlin")
			check(c.name, c.got.ISO, c.iso)
			check(c.name+" tzname", c.got.TZName, c.tzabb)
			// The same local time placed by the file's own VTIMEZONE rules.
			check(c.name+" by VTIMEZONE", c.got.VTimezoneISO, c.iso)
			check(c.name+" tzname by VTIMEZONE", c.got.VTimezoneTZName, c.tzabb)
		}
	}
	if t.Failed() {
		t.Logf("parser output:\n%s", out)
	}
}

func TestICalDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		time.Second:                       "PT1S",
		90 * time.Minute:                  "PT1H30M",
		2 * time.Hour:                     "PT2H",
		26*time.Hour + 5*time.Second:      "P1DT2H5S",
		48 * time.Hour:                    "P2D",
		time.Hour + 1500*time.Millisecond: "PT1H1S",
	} {
		if got := icalDuration(d); got != want {
			t.Errorf("icalDuration(%v) = %q, want %q", d, got, want)
		}
	}
}
