// Package calendar writes mentoring sessions as an RFC 5545 iCalendar file
// (.ics) that Outlook, Thunderbird, Apple Calendar and Google Calendar import.
//
// # Updating instead of duplicating
//
// Every event carries a UID that stays the same for the same record (see
// [UID]). When the user exports again and imports the new file, calendar
// programs match events by UID and replace the old copy when the new one has
// a higher SEQUENCE (or, with an equal SEQUENCE, a later DTSTAMP) instead of
// adding a duplicate. SEQUENCE and DTSTAMP are both derived from
// [Event.Updated], so callers must advance Updated whenever they change a
// record; an unchanged record exports byte for byte the same.
//
// # Content
//
// The file is meant to leave the machine (mail, shared calendars, phones).
// This package writes whatever Summary, Location and Description it is given
// and does not filter anything: the caller decides what is fit to be shared
// and must not pass confidential notes (e.g. session minutes or personal
// data beyond what the invitee already knows).
//
// # Times
//
// Start times are wall-clock times in Europe/Berlin. The file carries its own
// VTIMEZONE for Europe/Berlin with the EU rules in force since 1996, and the
// same rules are used here to compute DTEND, so this package needs no tz
// database (Windows has none for Go without time/tzdata). DTEND is the
// Berlin wall time of Start + Duration (so a session across a clock change
// keeps its real length); only when that end lies in the second pass of the
// hour repeated in October, which a local time cannot express, DURATION is
// written instead.
package calendar

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// TZID is the time zone identifier used for DTSTART and DTEND.
const TZID = "Europe/Berlin"

// ProdID is the PRODID written into every calendar.
const ProdID = "-//Tandem//Tandem//DE"

// maxLineOctets is the longest content line RFC 5545 section 3.1 allows,
// not counting the CRLF.
const maxLineOctets = 75

// sequenceEpoch is the zero point of SEQUENCE: see [Sequence].
var sequenceEpoch = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)

// Event is one calendar entry.
type Event struct {
	// UID identifies the record for good; build it with [UID]. Required.
	UID string
	// Start is the wall-clock start time in Europe/Berlin. Only the reading
	// (year, month, day, hour, minute, second) is used; the time.Location
	// is ignored. Holding an instant, convert it with t.In(berlin) first.
	// A time that does not exist (the hour skipped in March) is read with
	// the offset before the gap, an ambiguous one (the hour repeated in
	// October) as the first occurrence, as RFC 5545 section 3.3.5 says.
	Start time.Time
	// Duration is the length of the session; it must be positive (at
	// least a second, the resolution of iCalendar).
	Duration time.Duration
	// Summary is the title, Location the place, Description the body text.
	// They may contain any valid UTF-8 including newlines; the caller is
	// responsible for leaving out confidential content.
	Summary, Location, Description string
	// Online writes LOCATION:Online; Location is then ignored (put a
	// meeting link into Description if one is wanted).
	Online bool
	// Updated is when the record last changed. It gives DTSTAMP,
	// LAST-MODIFIED and SEQUENCE and must be set.
	Updated time.Time
}

// UID returns the stable unique identifier of a record, for example
// UID("session", 42, "3f9c…") = "tandem-session-42@3f9c…". kind names the
// record type ("session"), id is its database key and installation is the
// stable random identifier the app keeps for its installation, so that two
// installations never produce the same UID for different records. The same
// record always gets the same UID, which lets a re-import update events
// instead of duplicating them.
func UID(kind string, id int64, installation string) string {
	return "tandem-" + kind + "-" + strconv.FormatInt(id, 10) + "@" + installation
}

// Sequence returns the SEQUENCE number written for an event last updated at
// updated: whole minutes since 2020-01-01 00:00 UTC, and 0 for anything
// earlier. It grows with every change that is at least a minute later, stays
// the same for an unchanged record and fits a 32-bit signed integer (which
// some clients use) until far beyond the year 6000.
func Sequence(updated time.Time) int64 {
	if updated.Before(sequenceEpoch) {
		return 0
	}
	return int64(updated.Sub(sequenceEpoch) / time.Minute)
}

// Write writes a complete VCALENDAR named calName with the given events to
// w, with CRLF line endings and lines folded at 75 octets. It checks every
// event before writing anything and returns an error, writing nothing, when
// an event has an empty UID, a non-positive duration (or one under a
// second), a zero Start or
// Updated, or any text is not valid UTF-8 or holds control characters other
// than tab and newline.
func Write(w io.Writer, calName string, events []Event) error {
	if err := checkText("calendar name", calName); err != nil {
		return err
	}
	for i, e := range events {
		if err := e.validate(); err != nil {
			return fmt.Errorf("calendar: event %d (%q): %w", i, e.UID, err)
		}
	}

	var b lineWriter
	b.line("BEGIN:VCALENDAR")
	b.line("VERSION:2.0")
	b.line("PRODID:" + ProdID)
	b.line("CALSCALE:GREGORIAN")
	b.line("METHOD:PUBLISH")
	b.line("X-WR-CALNAME:" + escapeText(calName))
	b.line("X-WR-TIMEZONE:" + TZID)
	writeTimezone(&b)
	for _, e := range events {
		writeEvent(&b, e)
	}
	b.line("END:VCALENDAR")
	_, err := w.Write(b.Bytes())
	return err
}

func (e Event) validate() error {
	if e.UID == "" {
		return errors.New("empty UID")
	}
	if e.Duration <= 0 {
		return fmt.Errorf("duration %v is not positive", e.Duration)
	}
	if e.Duration < time.Second {
		return fmt.Errorf("duration %v is shorter than a second", e.Duration)
	}
	if e.Start.IsZero() {
		return errors.New("no start time")
	}
	if e.Updated.IsZero() {
		return errors.New("no update time")
	}
	if y := e.Start.Year(); y < 1000 || y > 9998 {
		return fmt.Errorf("start year %d out of range", y)
	}
	for _, f := range []struct{ name, s string }{
		{"UID", e.UID}, {"summary", e.Summary}, {"location", e.Location}, {"description", e.Description},
	} {
		if err := checkText(f.name, f.s); err != nil {
			return err
		}
	}
	return nil
}

// checkText refuses what a TEXT value cannot carry: invalid UTF-8 and
// control characters other than tab, line feed and carriage return.
func checkText(what, s string) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("%s is not valid UTF-8", what)
	}
	for i, r := range s {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7f {
			return fmt.Errorf("%s has control character %U at byte %d", what, r, i)
		}
	}
	return nil
}

// escapeText escapes a TEXT value (RFC 5545 section 3.3.11): backslash,
// semicolon, comma and line breaks (CRLF, CR or LF all become \n).
func escapeText(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			b.WriteString(`\\`)
		case ';':
			b.WriteString(`\;`)
		case ',':
			b.WriteString(`\,`)
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			b.WriteString(`\n`)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

const vtimezone = `BEGIN:VTIMEZONE
TZID:Europe/Berlin
X-LIC-LOCATION:Europe/Berlin
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE`

func writeTimezone(b *lineWriter) {
	for _, l := range strings.Split(vtimezone, "\n") {
		b.line(l)
	}
}

func writeEvent(b *lineWriter, e Event) {
	start := wall(e.Start)
	endInstant := berlinInstant(start).Add(e.Duration)
	end := berlinWall(endInstant)
	updated := e.Updated.UTC().Format("20060102T150405Z")

	b.line("BEGIN:VEVENT")
	b.line("UID:" + escapeText(e.UID))
	b.line("DTSTAMP:" + updated)
	b.line("LAST-MODIFIED:" + updated)
	b.line("SEQUENCE:" + strconv.FormatInt(Sequence(e.Updated), 10))
	b.line("DTSTART;TZID=" + TZID + ":" + start.Format("20060102T150405"))
	if berlinInstant(end).Equal(endInstant) {
		b.line("DTEND;TZID=" + TZID + ":" + end.Format("20060102T150405"))
	} else {
		// The end falls into the second pass of the hour repeated in
		// October, which a local time cannot name (readers take the first
		// pass), so the length is given instead.
		b.line("DURATION:" + icalDuration(e.Duration))
	}
	b.line("SUMMARY:" + escapeText(e.Summary))
	switch {
	case e.Online:
		b.line("LOCATION:Online")
	case e.Location != "":
		b.line("LOCATION:" + escapeText(e.Location))
	}
	if e.Description != "" {
		b.line("DESCRIPTION:" + escapeText(e.Description))
	}
	b.line("STATUS:CONFIRMED")
	b.line("TRANSP:OPAQUE")
	b.line("END:VEVENT")
}

// icalDuration formats a positive duration as an RFC 5545 DURATION value,
// e.g. PT1H30M or P1DT2H; fractions of a second are dropped.
func icalDuration(d time.Duration) string {
	secs := int64(d / time.Second)
	days, secs := secs/86400, secs%86400
	h, m, sec := secs/3600, secs%3600/60, secs%60
	var b strings.Builder
	b.WriteString("P")
	if days > 0 {
		fmt.Fprintf(&b, "%dD", days)
	}
	if h > 0 || m > 0 || sec > 0 || days == 0 {
		b.WriteString("T")
		if h > 0 {
			fmt.Fprintf(&b, "%dH", h)
		}
		if m > 0 {
			fmt.Fprintf(&b, "%dM", m)
		}
		if sec > 0 || (h == 0 && m == 0) {
			fmt.Fprintf(&b, "%dS", sec)
		}
	}
	return b.String()
}

// wall returns t's clock reading as a time in UTC, which serves as a
// zone-less "floating" value for the computations below.
func wall(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
}

// lastSunday returns the date of the last Sunday of month in year, at
// hour:00, as a UTC-located value.
func lastSunday(year int, month time.Month, hour int) time.Time {
	d := time.Date(year, month+1, 0, hour, 0, 0, 0, time.UTC) // last day of month
	return d.AddDate(0, 0, -int(d.Weekday()))
}

// berlinInstant turns a Berlin wall-clock reading (see wall) into the
// instant it denotes, following the rules of the VTIMEZONE written above.
// Summer time holds from 03:00 on the last Sunday of March (readings in the
// skipped hour 02:00–03:00 get the winter offset, as RFC 5545 asks) until
// 03:00 on the last Sunday of October (the repeated hour counts as summer).
func berlinInstant(w time.Time) time.Time {
	y := w.Year()
	offset := time.Hour
	if !w.Before(lastSunday(y, time.March, 3)) && w.Before(lastSunday(y, time.October, 3)) {
		offset = 2 * time.Hour
	}
	return w.Add(-offset)
}

// berlinWall is the inverse of berlinInstant: the Berlin wall-clock reading
// of instant t. Summer time runs from 01:00 UTC on the last Sunday of March
// to 01:00 UTC on the last Sunday of October.
func berlinWall(t time.Time) time.Time {
	u := t.UTC()
	y := u.Year()
	offset := time.Hour
	if !u.Before(lastSunday(y, time.March, 1)) && u.Before(lastSunday(y, time.October, 1)) {
		offset = 2 * time.Hour
	}
	return u.Add(offset)
}

// lineWriter collects content lines, folding each at 75 octets.
type lineWriter struct{ bytes.Buffer }

// line writes one content line followed by CRLF, folded as RFC 5545
// section 3.1 describes: no physical line exceeds 75 octets (the leading
// space of a continuation line included), a fold never falls inside a
// UTF-8 sequence, and for the benefit of lax readers never between a
// backslash and the character it escapes.
func (b *lineWriter) line(s string) {
	limit := maxLineOctets
	for len(s) > limit {
		cut := 0
		for cut < len(s) {
			n := 1
			if s[cut] == '\\' && cut+1 < len(s) {
				n = 2 // escapes are ASCII pairs
			} else if s[cut] >= utf8.RuneSelf {
				_, n = utf8.DecodeRuneInString(s[cut:])
			}
			if cut+n > limit {
				break
			}
			cut += n
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = maxLineOctets - 1
	}
	b.WriteString(s)
	b.WriteString("\r\n")
}
