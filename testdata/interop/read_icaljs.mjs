// Reads an .ics file with ical.js (Thunderbird's parser) and prints its
// events as JSON for bp's interop tests: node read_icaljs.mjs FILE
// The file's VTIMEZONEs are registered first, as a client does; ical.js
// has no zone database of its own, so times come out right only if the
// VTIMEZONE is.
import fs from "node:fs";
import ICAL from "ical.js";

const text = fs.readFileSync(process.argv[2], "utf8");
const root = new ICAL.Component(ICAL.parse(text));
for (const vtz of root.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(vtz);
}

function when(t) {
  if (!t) return null;
  if (t.isDate) return t.toString(); // YYYY-MM-DD
  if (t.zone === ICAL.Timezone.localTimezone || t.zone.tzid === "floating") {
    return "floating " + t.toString();
  }
  return new Date(t.toUnixTime() * 1000).toISOString().replace(".000Z", "Z");
}

const events = root.getAllSubcomponents("vevent").map((v) => {
  const e = new ICAL.Event(v);
  return {
    uid: e.uid,
    summary: e.summary,
    status: v.getFirstPropertyValue("status"),
    location: e.location || "",
    description: e.description || "",
    sequence: e.sequence,
    categories: v.getAllProperties("categories").flatMap((p) => p.getValues()),
    allDay: e.startDate.isDate,
    start: when(e.startDate),
    end: v.hasProperty("dtend") ? when(e.endDate) : null,
  };
});
const cal = {
  name: root.getFirstPropertyValue("x-wr-calname"),
  refresh: String(root.getFirstPropertyValue("refresh-interval")),
  events,
};
process.stdout.write(JSON.stringify(cal, null, 2) + "\n");
