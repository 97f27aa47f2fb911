// Reads .ics files with ical.js (Thunderbird's parser) and prints their
// events as JSON for bp's interop tests: node read_icaljs.mjs FILE...
// prints a JSON array, one object per file.
// Each file's VTIMEZONEs are registered first, as a client does; ical.js
// has no zone database of its own, so times come out right only if the
// VTIMEZONE is. "occurrences" are expanded by ical.js's own iterator;
// "links" lists the CONFERENCE and ATTACH properties, each "NAME value
// extra" (the LABEL of a CONFERENCE, the FMTTYPE of an ATTACH);
// "warnings" collects anything ical.js printed on the console while
// reading (it throws on errors it cannot read past).
import fs from "node:fs";
import ICAL from "ical.js";

const printed = [];
for (const level of ["log", "info", "warn", "error", "debug", "trace"]) {
  console[level] = (...args) => printed.push(`console.${level}: ${args.map(String).join(" ")}`);
}
process.on("warning", (w) => printed.push(`process warning: ${w.name}: ${w.message}`));

function when(t) {
  if (!t) return null;
  if (t.isDate) return t.toString(); // YYYY-MM-DD
  if (t.zone === ICAL.Timezone.localTimezone || t.zone.tzid === "floating") {
    return "floating " + t.toString();
  }
  return new Date(t.toUnixTime() * 1000).toISOString().replace(".000Z", "Z");
}

function read(file) {
  printed.length = 0;
  const text = fs.readFileSync(file, "utf8");
  const root = new ICAL.Component(ICAL.parse(text));
  for (const vtz of root.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(vtz);
  }
  const events = root.getAllSubcomponents("vevent").map((v) => {
    const e = new ICAL.Event(v);
    const hasEnd = v.hasProperty("dtend") || v.hasProperty("duration");
    const occurrences = [];
    if (e.isRecurring()) {
      const it = e.iterator();
      for (let next = it.next(); next && occurrences.length < 1000; next = it.next()) {
        const d = e.getOccurrenceDetails(next);
        occurrences.push([when(d.startDate), hasEnd ? when(d.endDate) : null]);
      }
    } else {
      occurrences.push([when(e.startDate), hasEnd ? when(e.endDate) : null]);
    }
    return {
      uid: e.uid,
      summary: e.summary,
      status: v.getFirstPropertyValue("status"),
      location: e.location || "",
      description: e.description || "",
      url: v.getFirstPropertyValue("url") || "",
      sequence: e.sequence,
      categories: v.getAllProperties("categories").flatMap((p) => p.getValues()),
      allDay: e.startDate.isDate,
      start: when(e.startDate),
      end: hasEnd ? when(e.endDate) : null,
      occurrences,
      links: [["conference", "label"], ["attach", "fmttype"]].flatMap(([name, param]) =>
        v.getAllProperties(name).map((p) =>
          [name.toUpperCase(), p.getFirstValue(), p.getParameter(param) || ""].join(" ").trim())),
    };
  });
  for (const tz of root.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.remove(tz.getFirstPropertyValue("tzid"));
  }
  return {
    name: root.getFirstPropertyValue("x-wr-calname"),
    refresh: String(root.getFirstPropertyValue("refresh-interval")),
    events,
    warnings: [...printed],
  };
}

const out = process.argv.slice(2).map(read);
process.stdout.write(JSON.stringify(out, null, 2) + "\n");
