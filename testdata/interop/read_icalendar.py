"""Reads .ics files with python-icalendar (Debian's python3-icalendar, run
with /usr/bin/python3) and prints their events as JSON for bp's interop
tests: python3 read_icalendar.py FILE... prints a JSON array, one object
per file.

For a time with a TZID, "start"/"end" are what icalendar itself makes of
it (it prefers pytz's zone of that name), and "startVTZ"/"endVTZ" the same
local time read through the file's own VTIMEZONE (Timezone.to_tz()), so
the test checks the VTIMEZONE bp wrote, not only pytz.

"end" is DTEND, or DTSTART + DURATION (python-icalendar parses DURATION
but does not apply it; a client does), or null with neither.

"occurrences" lists each [start, end]: python-icalendar parses RRULE but
does not expand it, so the rule is expanded here with dateutil (which
python-icalendar depends on) over local wall-clock times, each then placed
in the event's zone, as a client does (a daily meeting at 09:00 stays at
09:00 across a change of the clocks).

"links" lists the CONFERENCE and ATTACH properties, each "NAME value
extra": the LABEL of a CONFERENCE, the FMTTYPE of an ATTACH.

"warnings" lists every parse error python-icalendar recorded on any
component (Component.errors) and every Python warning raised while
reading.
"""
import datetime
import json
import sys
import warnings

import icalendar
from dateutil import rrule


def utc(dt):
    return dt.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def text(v):
    if isinstance(v, datetime.datetime):
        if v.tzinfo is None:
            return "floating " + v.isoformat()
        return utc(v)
    return v.isoformat()


def localize(zone, naive):
    """Places a wall-clock time in a pytz zone or a VTIMEZONE's tzinfo."""
    if hasattr(zone, "localize"):
        return zone.localize(naive)
    return naive.replace(tzinfo=zone)


def occurrences(ev, start, dur):
    """Returns [(start, end)] as datetime/date values, the RRULE expanded."""
    rules = ev.get("RRULE")
    if rules is None:
        return [(start, None if dur is None else start + dur)]
    if isinstance(rules, list):
        raise ValueError("more than one RRULE")
    rule = rules.to_ical().decode()
    if isinstance(start, datetime.datetime):
        zone = start.tzinfo
        naive = start.replace(tzinfo=None)
        out = []
        for t in rrule.rrulestr(rule, dtstart=naive):
            s = localize(zone, t) if zone is not None else t
            out.append((s, None if dur is None else s + dur))
        return out
    day = datetime.datetime.combine(start, datetime.time())
    return [(t.date(), None if dur is None else t.date() + dur) for t in rrule.rrulestr(rule, dtstart=day)]


def read(path):
    caught = []
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        with open(path, "rb") as f:
            cal = icalendar.Calendar.from_ical(f.read())
        caught = [str(x.message) for x in w]
    problems = []
    for comp in cal.walk():
        for prop, err in getattr(comp, "errors", []):
            problems.append("%s: %s: %s" % (comp.name, prop, err))
    problems += caught
    zones = {str(z["TZID"]): z.to_tz() for z in cal.walk("VTIMEZONE")}
    events = []
    for ev in cal.walk("VEVENT"):
        dtstart = ev["DTSTART"]
        start = dtstart.dt
        tzid = dtstart.params.get("TZID")
        dur = None
        if "DTEND" in ev:
            dur = ev["DTEND"].dt - start
        elif "DURATION" in ev:
            dur = ev["DURATION"].dt
        occ = occurrences(ev, start, dur)
        end = occ[0][1]
        start_vtz = end_vtz = None
        if tzid and isinstance(start, datetime.datetime):
            z = zones[tzid]
            start_vtz = utc(localize(z, start.replace(tzinfo=None)))
            if "DTEND" in ev:
                end_vtz = utc(localize(z, ev["DTEND"].dt.replace(tzinfo=None)))
            elif dur is not None:
                end_vtz = utc(localize(z, start.replace(tzinfo=None) + dur))
        cats = ev.get("CATEGORIES")
        if cats is None:
            cats = []
        elif not isinstance(cats, list):
            cats = [cats]
        links = []
        for name, param in (("CONFERENCE", "LABEL"), ("ATTACH", "FMTTYPE")):
            props = ev.get(name)
            if props is None:
                continue
            for x in props if isinstance(props, list) else [props]:
                links.append(("%s %s %s" % (name, str(x), x.params.get(param, ""))).strip())
        events.append({
            "uid": str(ev["UID"]),
            "summary": str(ev.get("SUMMARY", "")),
            "status": str(ev.get("STATUS", "")),
            "location": str(ev.get("LOCATION", "")),
            "description": str(ev.get("DESCRIPTION", "")),
            "url": str(ev.get("URL", "")),
            "sequence": int(ev.get("SEQUENCE", 0)),
            "categories": [str(c) for cat in cats for c in cat.cats],
            "allDay": not isinstance(start, datetime.datetime),
            "start": text(start),
            "end": None if end is None else text(end),
            "startVTZ": start_vtz,
            "endVTZ": end_vtz,
            "occurrences": [[text(s), None if e is None else text(e)] for s, e in occ],
            "links": links,
        })
    return {
        "name": str(cal.get("X-WR-CALNAME", "")),
        "refresh": str(cal.get("REFRESH-INTERVAL", "")),
        "events": events,
        "warnings": problems,
    }


def main(paths):
    out = [read(p) for p in paths]
    json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
