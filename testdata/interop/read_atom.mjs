// Reads Atom feeds with @rowanmanning/feed-parser and prints them as JSON
// for bp's site tests: node read_atom.mjs FEED.atom... prints a JSON
// array, one object per file: the feed's title, link and items (id,
// title, url, updated, content), and "warnings": anything the parser
// printed, or the error it threw.
import fs from "node:fs";
import { parseFeed } from "@rowanmanning/feed-parser";

const printed = [];
for (const level of ["log", "info", "warn", "error", "debug", "trace"]) {
  console[level] = (...args) => printed.push(`console.${level}: ${args.map(String).join(" ")}`);
}
process.on("warning", (w) => printed.push(`process warning: ${w.name}: ${w.message}`));

function read(file) {
  printed.length = 0;
  try {
    const feed = parseFeed(fs.readFileSync(file, "utf8"));
    return {
      type: feed.meta.type,
      title: feed.title,
      url: feed.url,
      updated: feed.updated ? feed.updated.toISOString() : null,
      items: feed.items.map((it) => ({
        id: it.id,
        title: it.title,
        url: it.url,
        updated: it.updated ? it.updated.toISOString() : null,
        content: it.content,
      })),
      warnings: [...printed],
    };
  } catch (e) {
    return { items: [], warnings: [...printed, `parseFeed: ${e.message}`] };
  }
}

process.stdout.write(JSON.stringify(process.argv.slice(2).map(read), null, 2) + "\n");
