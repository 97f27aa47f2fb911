"""Reads an .ics file with python-icalendar (Debian's python3-icalendar, run
with /usr/bin/python3) and prints its events as JSON for bp's interop tests.

For a time with a TZID, "start"/"end" are what icalendar itself makes of
it (it prefers pytz's zone of that name), and "startVTZ"/"endVTZ" the same
local time read through the file's own VTIMEZONE (Timezone.to_tz()), so
the test checks the VTIMEZONE bp wrote, not only pytz.
"""
import datetime
import json
import sys

import icalendar


def utc(dt):
    return dt.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def when(prop, zones):
    if prop is None:
        return None, None
    v = prop.dt
    if isinstance(v, datetime.datetime):
        via = None
        tzid = prop.params.get("TZID")
        if tzid:
            via = utc(zones[tzid].localize(v.replace(tzinfo=None)))
        if v.tzinfo is None:
            return "floating " + v.isoformat(), via
        return utc(v), via
    return v.isoformat(), None


def main(path):
    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    zones = {str(z["TZID"]): z.to_tz() for z in cal.walk("VTIMEZONE")}
    events = []
    for ev in cal.walk("VEVENT"):
        start, start_vtz = when(ev.get("DTSTART"), zones)
        end, end_vtz = when(ev.get("DTEND"), zones)
        cats = ev.get("CATEGORIES")
        if cats is None:
            cats = []
        elif not isinstance(cats, list):
            cats = [cats]
        events.append({
            "uid": str(ev["UID"]),
            "summary": str(ev.get("SUMMARY", "")),
            "status": str(ev.get("STATUS", "")),
            "location": str(ev.get("LOCATION", "")),
            "description": str(ev.get("DESCRIPTION", "")),
            "sequence": int(ev.get("SEQUENCE", 0)),
            "categories": [str(c) for cat in cats for c in cat.cats],
            "allDay": not isinstance(ev["DTSTART"].dt, datetime.datetime),
            "start": start,
            "end": end,
            "startVTZ": start_vtz,
            "endVTZ": end_vtz,
        })
    out = {
        "name": str(cal.get("X-WR-CALNAME", "")),
        "refresh": str(cal.get("REFRESH-INTERVAL", "")),
        "events": events,
    }
    json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
