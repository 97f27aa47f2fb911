// check.mjs opens pages in Debian's chromium (through puppeteer-core, which
// downloads no browser) and reports, for each page at each width, what a
// person and a checker would find. bp's Go browser tests run it and judge
// the report; it decides nothing itself.
//
//   node check.mjs SPEC.json
//
// SPEC: {"chromium": "/usr/bin/chromium", "out": "DIR", "widths": [375, 1280],
//        "pages": [{"name": "index", "url": "file:///…/index.html", "pdf": true}],
//        "measure": [".bar"]}
//
// For each page and width it prints one JSON line on stdout:
//   name, width, url (as loaded), title;
//   violations: axe-core's, for WCAG 2.1 A and AA and best practices
//     (id, impact, help, nodes: [{target, html, summary}]);
//   incomplete: the ids of the rules axe could not decide;
//   overflow: document.documentElement.scrollWidth - innerWidth (0: no
//     horizontal scrolling);
//   overlaps: pairs of visible text fragments that cover each other
//     (text drawn over text: labels that collide);
//   spills: elements whose content is wider than their box (drawn over
//     their neighbours);
//   requests: every URL the page asked for that is not a file: URL
//     (a page that loads nothing from outside asks for none);
//   screenshot: the full-page PNG written to OUT/NAME-WIDTH.png;
//   pdf (for a page with "pdf": true, at the first width): OUT/NAME.pdf,
//     as printed on A4;
//   measured: for each CSS selector of the spec's "measure" list, how many
//     elements match and the smallest width and height any of them has.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import puppeteer from 'puppeteer-core';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));

const browser = await puppeteer.launch({
  executablePath: spec.chromium,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--hide-scrollbars', '--font-render-hinting=none'],
});

// hiddenFromSight tells whether el is drawn nowhere a person can see: not
// displayed, invisible, or inside a box clipped away (the visually hidden
// text that only screen readers read).
function hiddenFromSight(el) {
  for (let e = el; e && e !== document.body; e = e.parentElement) {
    const st = getComputedStyle(e);
    if (st.display === 'none' || st.visibility === 'hidden' || e.getAttribute('aria-hidden') === 'true') return true;
    if (st.clipPath !== 'none' || st.clip !== 'auto') return true;
    const r = e.getBoundingClientRect();
    if (st.overflow === 'hidden' && (r.width <= 1 || r.height <= 1)) return true;
  }
  return false;
}

// textOverlaps finds visible text fragments (one rectangle per line box of
// each text node) that cover each other by more than a sliver.
function textOverlaps() {
  const rects = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.data.trim()) continue;
    if (hiddenFromSight(n.parentElement)) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    for (const r of range.getClientRects()) {
      if (r.width < 1 || r.height < 1) continue;
      rects.push({ x: r.left, y: r.top + scrollY, w: r.width, h: r.height, text: n.data.trim().slice(0, 40) });
    }
  }
  rects.sort((a, b) => a.y - b.y);
  const out = [];
  for (let i = 0; i < rects.length; i++) {
    const a = rects[i];
    for (let j = i + 1; j < rects.length && rects[j].y < a.y + a.h; j++) {
      const b = rects[j];
      const ox = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
      const oy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
      // Line boxes of one paragraph touch; a real collision covers letters.
      if (ox > 1 && oy > 4) out.push([a.text, b.text]);
      if (out.length >= 20) return out;
    }
  }
  return out;
}

// spills finds elements whose content is wider than their own box, so that
// it is drawn over what stands beside them (a label wider than its column).
function spills() {
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const st = getComputedStyle(el);
    if (st.display === 'inline' || st.overflowX !== 'visible' || hiddenFromSight(el)) continue;
    if (el.scrollWidth - el.clientWidth > 1) {
      out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} (${el.scrollWidth - el.clientWidth}px): ${el.textContent.trim().slice(0, 40)}`);
      if (out.length >= 20) break;
    }
  }
  return out;
}

// One tab for every page: axe-core is compiled into each new document as
// the tab loads it (injecting it after the load costs seconds a page).
const page = await browser.newPage();
await page.evaluateOnNewDocument(readFileSync(axePath, 'utf8'));
let requests = [];
page.on('request', (r) => {
  if (!r.url().startsWith('file:')) requests.push(r.url());
});

try {
  for (const p of spec.pages) {
    for (const [i, width] of spec.widths.entries()) {
      requests = [];
      await page.setViewport({ width, height: 900 });
      await page.goto(p.url, { waitUntil: 'load' });
      const title = await page.title();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      const overlaps = await page.evaluate(`${hiddenFromSight}; (${textOverlaps})()`);
      const spilled = await page.evaluate(`${hiddenFromSight}; (${spills})()`);
      const measured = await page.evaluate((sels) => Object.fromEntries(sels.map((sel) => {
        const rects = [...document.querySelectorAll(sel)].map((e) => e.getBoundingClientRect());
        return [sel, {
          count: rects.length,
          minWidth: rects.length ? Math.min(...rects.map((r) => r.width)) : 0,
          minHeight: rects.length ? Math.min(...rects.map((r) => r.height)) : 0,
        }];
      })), spec.measure || []);
      const screenshot = path.join(spec.out, `${p.name}-${width}.png`);
      await page.screenshot({ path: screenshot, fullPage: true });
      let pdf = '';
      if (i === 0 && p.pdf) {
        pdf = path.join(spec.out, `${p.name}.pdf`);
        await page.pdf({ path: pdf, format: 'A4', printBackground: true });
      }
      const axe = await page.evaluate(async () => {
        const r = await window.axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
        });
        return {
          violations: r.violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.join(' '), html: n.html.slice(0, 200), summary: n.failureSummary })),
          })),
          incomplete: r.incomplete.map((v) => v.id),
          passes: r.passes.length,
        };
      });
      console.log(JSON.stringify({ name: p.name, width, url: page.url(), title, overflow, overlaps, spills: spilled, measured, requests, screenshot, pdf, ...axe }));
    }
  }
} finally {
  await browser.close();
}
