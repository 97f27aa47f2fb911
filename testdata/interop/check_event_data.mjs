// Checks the schema.org Event data (JSON-LD) of HTML pages offline, for
// bp's site tests: node check_event_data.mjs PAGE.html... prints a JSON
// array, one object per page: {file, events, errors, warnings}.
//
// Two checks, both without the network:
//   - structured-data-testing-tool (npm) extracts the data from the page
//     as a search engine does and runs a preset of Google's rules for
//     event rich results (developers.google.com/search/docs/appearance/
//     structured-data/event): what is required (an error when missing or
//     malformed) and what is recommended (a warning); the rules its
//     JMESPath tests cannot say (which status may carry
//     previousStartDate, which location each attendance mode wants) are
//     checked here, after it;
//   - the schema.org vocabulary: every Event is type-checked by the
//     TypeScript compiler against schema-dts's WithContext<Event> (an
//     unknown property, type or enumeration value is an error).
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { structuredDataTest } = require("structured-data-testing-tool");
const ts = require("typescript");

const status = /^https:\/\/schema\.org\/Event(Scheduled|Rescheduled|Postponed|Cancelled|MovedOnline)$/;
const mode = /^https:\/\/schema\.org\/(Offline|Online|Mixed)EventAttendanceMode$/;
const isoDate = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z))?$/;

// GoogleEvent is Google's event rules as a structured-data-testing-tool
// preset: the tests of its required properties fail, those of its
// recommended ones warn. (The tool copies a preset's tests, which loses
// a RegExp of expect: the values' forms are checked in googleRules.)
const GoogleEvent = {
  name: "Google event",
  description: "Google's rules for event rich results",
  schema: "Event",
  tests: [
    { test: "Event", type: "jsonld" },
    { test: "Event[*].name" },
    { test: "Event[*].startDate" },
    { test: "Event[*].location" },
    { test: "Event[*].eventStatus", warning: true },
    { test: "Event[*].eventAttendanceMode", warning: true },
    { test: "Event[*].endDate", warning: true },
    { test: "Event[*].description", warning: true },
    { test: "Event[*].organizer", warning: true },
    { test: "Event[*].image", warning: true },
    { test: "Event[*].offers", warning: true },
    { test: "Event[*].performer", warning: true },
  ],
};

const list = (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

// googleRules are the rules the preset cannot say.
function googleRules(ev, errors) {
  for (const k of ["startDate", "endDate"]) {
    if (ev[k] !== undefined && !isoDate.test(ev[k])) errors.push(`${k} ${ev[k]} is not an ISO 8601 date or date-time`);
  }
  if (ev.eventStatus !== undefined && !status.test(ev.eventStatus)) errors.push(`eventStatus ${ev.eventStatus}`);
  if (ev.eventAttendanceMode !== undefined && !mode.test(ev.eventAttendanceMode)) errors.push(`eventAttendanceMode ${ev.eventAttendanceMode}`);
  const prev = list(ev.previousStartDate);
  if (prev.length > 0 && ev.eventStatus !== "https://schema.org/EventRescheduled") {
    errors.push(`previousStartDate with eventStatus ${ev.eventStatus}: Google wants it with EventRescheduled only`);
  }
  if (ev.eventStatus === "https://schema.org/EventRescheduled" && prev.length === 0) {
    errors.push("EventRescheduled without previousStartDate");
  }
  for (const d of prev) {
    if (!isoDate.test(d)) errors.push(`previousStartDate ${d} is not an ISO 8601 date`);
  }
  const locs = list(ev.location);
  const types = locs.map((l) => l && l["@type"]);
  for (const l of locs) {
    if (l["@type"] === "Place") {
      const a = l.address || {};
      if (!l.name) errors.push("a Place without its name");
      if (a["@type"] !== "PostalAddress" || !a.addressLocality || !a.addressCountry) {
        errors.push("a Place without a PostalAddress with addressLocality and addressCountry");
      }
    } else if (l["@type"] === "VirtualLocation") {
      if (!l.url) errors.push("a VirtualLocation without its url");
    } else {
      errors.push(`a location of type ${l["@type"]}`);
    }
  }
  const want = {
    "https://schema.org/OfflineEventAttendanceMode": ["Place"],
    "https://schema.org/OnlineEventAttendanceMode": ["VirtualLocation"],
    "https://schema.org/MixedEventAttendanceMode": ["Place", "VirtualLocation"],
  }[ev.eventAttendanceMode];
  if (want && [...types].sort().join("+") !== want.join("+")) {
    errors.push(`${ev.eventAttendanceMode} with a location of ${types.join(" and ")}`);
  }
}

// vocabulary type-checks the events against schema-dts, returning the
// errors of each.
function vocabulary(events) {
  const dir = path.dirname(require.resolve("schema-dts/package.json"));
  const file = "/bp-check/events.ts";
  const src = 'import type { Event, WithContext } from "schema-dts";\n' +
    events.map((e, i) => `export const e${i}: WithContext<Event> = ${JSON.stringify(e)};\n`).join("");
  const options = {
    noEmit: true, strict: true, skipLibCheck: true, target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ES2022, moduleResolution: ts.ModuleResolutionKind.Node10,
    baseUrl: "/", paths: { "schema-dts": [path.join(dir, "dist", "schema.d.ts")] }, types: [],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (name, lang) => (name === file ? ts.createSourceFile(name, src, lang) : getSourceFile(name, lang));
  const fileExists = host.fileExists;
  host.fileExists = (name) => name === file || fileExists(name);
  const program = ts.createProgram([file], options, host);
  const errs = events.map(() => []);
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const msg = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    const line = d.file && d.file.fileName === file ? d.file.getLineAndCharacterOfPosition(d.start).line : -1;
    (errs[line - 1] || (errs[0] = errs[0] || [])).push("schema.org (schema-dts): " + msg);
  }
  return errs;
}

const out = [];
for (const file of process.argv.slice(2)) {
  const html = fs.readFileSync(file);
  const r = { file, events: [], errors: [], warnings: [] };
  let result;
  try {
    result = await structuredDataTest(html, { presets: [GoogleEvent], schemas: ["jsonld:Event"] });
  } catch (e) {
    result = e.res;
    if (!result) {
      r.errors.push(String(e));
      out.push(r);
      continue;
    }
  }
  for (const t of result.failed) r.errors.push(`${t.description || t.test}: ${t.error ? t.error.message : "failed"}`);
  for (const t of result.warnings) r.warnings.push(`${t.description || t.test}: ${t.error ? t.error.message : "missing"}`);
  r.events = list(result.structuredData.jsonld.Event);
  for (const ev of r.events) googleRules(ev, r.errors);
  out.push(r);
}
const all = out.flatMap((r) => r.events.map((e) => [r, e]));
if (all.length > 0) {
  vocabulary(all.map(([, e]) => e)).forEach((errs, i) => all[i][0].errors.push(...errs));
}
process.stdout.write(JSON.stringify(out, null, 2) + "\n");
