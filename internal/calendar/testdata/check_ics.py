"""Parses an .ics file with the icalendar library (an implementation
independent of the Go writer) and prints what it read as JSON.

Usage: python3 check_ics.py FILE.ics

Besides the fields of each VEVENT it reports, for DTSTART and DTEND, the
UTC offset that the file's own VTIMEZONE gives the local time, which checks
the VTIMEZONE rules independently of any tz database.
"""
import json
import sys

import icalendar


def when(component, name, vtz):
    prop = component[name]
    dt = prop.dt
    out = {
        "tzid": str(prop.params.get("TZID", "")),
        "local": dt.replace(tzinfo=None).isoformat(),
        "iso": dt.isoformat(),
        "tzname": dt.tzname() if dt.tzinfo else None,
        "zone": getattr(dt.tzinfo, "zone", str(dt.tzinfo)),
    }
    if vtz is not None:
        local = vtz.localize(dt.replace(tzinfo=None))
        out["vtimezone_iso"] = local.isoformat()
        out["vtimezone_tzname"] = local.tzname()
    return out


def main():
    with open(sys.argv[1], "rb") as f:
        raw = f.read()
    cal = icalendar.Calendar.from_ical(raw)
    timezones = {}
    for tz in cal.walk("VTIMEZONE"):
        timezones[str(tz["TZID"])] = tz.to_tz()
    events = []
    for ev in cal.walk("VEVENT"):
        tzid = str(ev["DTSTART"].params.get("TZID", ""))
        vtz = timezones.get(tzid)
        events.append({
            "uid": str(ev.get("UID", "")),
            "summary": str(ev.get("SUMMARY", "")),
            "location": str(ev.get("LOCATION", "")),
            "description": str(ev.get("DESCRIPTION", "")),
            "sequence": int(ev.get("SEQUENCE", -1)),
            "dtstamp": ev.decoded("DTSTAMP").isoformat(),
            "dtstart": when(ev, "DTSTART", vtz),
            "dtend": when(ev, "DTEND", vtz) if "DTEND" in ev else None,
            "duration_seconds": (int(ev.decoded("DURATION").total_seconds())
                                 if "DURATION" in ev else None),
        })
    print(json.dumps({
        "version": str(cal.get("VERSION", "")),
        "prodid": str(cal.get("PRODID", "")),
        "method": str(cal.get("METHOD", "")),
        "calname": str(cal.get("X-WR-CALNAME", "")),
        "timezones": sorted(timezones),
        "events": events,
    }, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
