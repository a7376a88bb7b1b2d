// Walks a built library in Debian's Chromium as a reader would: the home page, the library's
// facets (kind, year, issuer), each facet value's list page by page, down to documents and
// their pages; checks that each list runs newest first, that every page loads without a
// console error or failed request, and measures every HTML file of the site. Not a test: it
// prints what it found and exits non-zero when a check fails.
//   node benches/search/browse.mjs SITE_DIR
import { createServer } from "node:http";
import { readFileSync, existsSync, statSync, readdirSync } from "node:fs";
import { join, extname } from "node:path";
import { chromium } from "playwright-core";

const dir = process.argv[2];
if (!dir || !existsSync(join(dir, "index.html"))) {
  console.error("usage: node benches/search/browse.mjs SITE_DIR (a built site)");
  process.exit(2);
}
const LIMIT = 200 * 1024;
const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".json": "application/json", ".svg": "image/svg+xml", ".txt": "text/plain" };

const server = createServer((req, res) => {
  let file = join(dir, decodeURIComponent(new URL(req.url, "http://x").pathname));
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
  if (!existsSync(file)) { res.writeHead(404); return res.end(); }
  res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" });
  res.end(readFileSync(file));
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const origin = `http://127.0.0.1:${server.address().port}/`;

// Every HTML file: browsing pages against the limit; print pages apart.
const sizes = [];
(function walk(d) {
  for (const f of readdirSync(d)) {
    const p = join(d, f);
    const s = statSync(p);
    if (s.isDirectory()) walk(p);
    else if (f.endsWith(".html")) sizes.push([s.size, p.slice(dir.length + 1)]);
  }
})(dir);
const isPrint = (p) => /(^|\/)print\/index\.html$/.test(p);
const browsing = sizes.filter(([, p]) => !isPrint(p)).sort((a, b) => b[0] - a[0]);
const prints = sizes.filter(([, p]) => isPrint(p)).sort((a, b) => b[0] - a[0]);
const problems = browsing.filter(([s]) => s > LIMIT).map(([s, p]) => `${p}: ${s} bytes of HTML`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run"],
});
const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()} on ${page.url()}`); });
// A request the next navigation cancels (the favicon, often) is not a failure of the site.
page.on("requestfailed", (r) => {
  if (r.failure()?.errorText !== "net::ERR_ABORTED") problems.push(`failed: ${r.url()}`);
});
page.on("response", (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });

const visited = new Set();
async function open(url) {
  visited.add(url);
  const res = await page.goto(url, { waitUntil: "load" });
  if (res.status() !== 200) problems.push(`HTTP ${res.status()}: ${url}`);
}

await open(origin);
await open(origin + "library/");
const facets = await page.$$eval("section.facets a", (as) => as.map((a) => ({
  href: a.href, count: Number((a.parentElement.querySelector(".count")?.textContent || "").replace(/\D/g, "")) })));
// And the list of all documents, with the library's total.
const total = Number((await page.textContent("main p")).match(/\d+/)?.[0] || 0);
facets.push({ href: origin + "library/all/", count: total });
const counts = {};
let lists = 0, listed = 0;
const documents = new Set();
for (const { href: facet, count: promised } of facets) {
  // A facet value's list, page by page: newest first, the count it promised.
  let url = facet;
  let dates = [], n = 0;
  while (url) {
    await open(url);
    lists += 1;
    const items = await page.$$eval("ul.docs > li", (lis) => lis.map((li) => ({
      href: li.querySelector("h2 a")?.href, date: li.querySelector("time")?.getAttribute("datetime") || "" })));
    n += items.length;
    for (const i of items) { if (i.href) documents.add(i.href); dates.push(i.date); }
    const next = await page.$("nav.pager a[rel=next]");
    url = next ? await next.evaluate((a) => a.href) : null;
  }
  listed += n;
  const dated = dates.filter(Boolean);
  if (dated.some((d, i) => i > 0 && d > dated[i - 1])) problems.push(`${facet}: not newest first`);
  if (promised && promised !== n) problems.push(`${facet}: lists ${n}, the library says ${promised}`);
  const kind = facet.endsWith("/all/") ? "all" : new URL(facet).pathname.split("/").filter(Boolean).at(-2);
  counts[kind] = (counts[kind] || 0) + 1;
}
// Down to every document reached, and each one's first page.
let pagesOpened = 0;
for (const doc of documents) {
  await open(doc);
  const first = await page.$("nav.outline a");
  if (first) { await open(await first.evaluate((a) => a.href)); pagesOpened += 1; }
}
await browser.close();
server.close();

const kb = (b) => `${(b / 1024).toFixed(0)} KB`;
console.log(`facet values: ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(", ")}`);
console.log(`list pages opened: ${lists}, documents listed (with repeats across facets): ${listed}`);
console.log(`documents reached from the lists: ${documents.size}, their first pages opened: ${pagesOpened}`);
console.log(`pages opened in Chromium: ${visited.size}`);
console.log(`HTML files: ${sizes.length}; browsing pages ${browsing.length}, largest ${kb(browsing[0][0])} (${browsing[0][1]})`);
if (prints.length) console.log(`print pages: ${prints.length}, largest ${kb(prints[0][0])} (${prints[0][1]})`);
console.log(`browsing pages over ${kb(LIMIT)}: ${browsing.filter(([s]) => s > LIMIT).length}`);
if (problems.length) {
  console.log(`problems (${problems.length}):\n  ${problems.slice(0, 40).join("\n  ")}`);
  process.exit(1);
}
console.log("no problems");
