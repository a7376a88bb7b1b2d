// Search benchmark: gongwen's index against Pagefind's on the same built site, in Debian's
// Chromium. Not a test: it prints a table. Run by benches/search.sh, which builds the sites and
// runs Pagefind on them first.
//   node bench.mjs LABEL SITE_DIR [LABEL SITE_DIR…]
// Each SITE_DIR is a gongwen build (base URL /) with a Pagefind index in SITE_DIR/pagefind/.
import { createServer } from "node:http";
import { readFileSync, existsSync, statSync, readdirSync } from "node:fs";
import { join, extname } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";

// Queries: Chinese substrings of every kind (2-character terms, names, phrases a page break
// split, numbers), all of which occur in the seed texts and in the synthetic corpus built from
// them.
const QUERIES = ["北斗", "粮食", "减贫", "航天", "地质", "旅游", "气候", "合作", "基础设施", "人工智能",
  "清洁能源", "汉语桥", "熊猫债券", "中拉基础设施合作论坛", "全球发展倡议", "经认证的经营者", "鲁班工坊",
  "二十国集团", "联合国反腐败公约", "促进中拉双方农业科技", "制定和应用国际标准", "刑事和民商事司法协助",
  "660亿元", "3500个", "孔子学院"];

// GitHub Pages compresses text types on the fly; Pagefind's own files are gzipped already.
const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".json": "application/json", ".svg": "image/svg+xml", ".wasm": "application/wasm" };
const COMPRESS = new Set([".html", ".css", ".js", ".json", ".svg"]);

// Bytes the server sent (bodies as sent, compressed), bench.html excepted: counted at the
// server so that requests from workers count too.
let served = 0;

function serve(dir) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (path === "/bench.html") {
      res.writeHead(200, { "content-type": "text/html" });
      return res.end("<!DOCTYPE html><meta charset=\"utf-8\"><title>bench</title>");
    }
    let file = join(dir, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!file.startsWith(dir) || !existsSync(file)) { res.writeHead(404); return res.end(); }
    let body = readFileSync(file);
    const headers = { "content-type": TYPES[extname(file)] || "application/octet-stream" };
    if (COMPRESS.has(extname(file)) && /gzip/.test(req.headers["accept-encoding"] || "")) {
      body = gzipSync(body, { level: 6 });
      headers["content-encoding"] = "gzip";
    }
    res.writeHead(200, headers);
    served += body.length;
    res.end(body);
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

function du(dir) {
  let raw = 0, gz = 0, files = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const bytes = readFileSync(join(e.parentPath ?? e.path, e.name));
    raw += bytes.length;
    gz += COMPRESS.has(extname(e.name)) ? gzipSync(bytes, { level: 6 }).length : bytes.length;
    files++;
  }
  return { raw, gz, files };
}

const fold = (s) => Array.from(s).map((c) => {
  const m = { "—": "-", "–": "-", "－": "-", "（": "(", "）": ")", "員": "员" }[c];
  if (m) return m;
  const cp = c.codePointAt(0);
  return cp >= 0xff01 && cp <= 0xff5e ? String.fromCodePoint(cp - 0xfee0) : c;
}).join("").toLowerCase();

// The division pages of a site and the text of their clauses (no navigation, tables of
// contents, related links or editors' notes), for the exact answer to each query.
function divisionTexts(dir) {
  const pages = new Map();
  for (const doc of readdirSync(dir)) {
    const d = join(dir, doc);
    if (!statSync(d).isDirectory() || !existsSync(join(d, "index.html"))) continue;
    for (const div of readdirSync(d)) {
      const f = join(d, div, "index.html");
      if (!existsSync(f)) continue;
      const html = readFileSync(f, "utf8");
      if (!html.includes("division-page")) continue;
      const main = html.slice(html.indexOf("<main"), html.indexOf("</main>"))
        .replace(/<(details|nav)[\s\S]*?<\/\1>/g, "")
        .replace(/<p class="?(related|ed-note[^">]*|doc-title)"?>[\s\S]*?<\/p>/g, "")
        .replace(/<a class="?pl"?[^>]*>[^<]*<\/a>/g, "")
        .replace(/<\/?(p|div|section|aside|h\d|li|ol|ul|article)\b[^>]*>/g, "\n")
        .replace(/<[^>]+>/g, "")
        .replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"');
      pages.set(`/${doc}/${div}/`, fold(main));
    }
  }
  return pages;
}

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const median = (xs) => pct(xs, 0.5);

// The whole result set of a query, as pages, for recall and exactness.
async function resultSet(browser, origin, engine, query, manifest, searchJs) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(origin + "bench.html");
  let out;
  if (engine === "gongwen") {
    await page.addScriptTag({ url: origin + searchJs });
    out = await page.evaluate(async ({ q, manifest }) => {
      const S = globalThis.GongwenSearch;
      const load = (url, kind) => fetch(url).then((r) => (kind === "json" ? r.json() : r.arrayBuffer().then((b) => new Uint8Array(b))));
      const index = new S.Index(manifest, load);
      const t0 = performance.now();
      const res = await S.search(index, q);
      const top = await Promise.all(res.hits.slice(0, 5).map((h) => index.unit(h.unit)));
      const ms = performance.now() - t0;
      // In batches: thousands of hits at once would open thousands of requests.
      // The exact results only: partial ones (a share of the query) follow them.
      const exact = res.hits.slice(0, res.exact);
      const all = [];
      for (let i = 0; i < exact.length; i += 64) {
        all.push(...await Promise.all(exact.slice(i, i + 64).map((h) => index.unit(h.unit))));
      }
      return { ms, total: res.exact, top: top.map((u) => u.url), pages: [...new Set(all.map((u) => "/" + u.page))] };
    }, { q: query, manifest: origin + manifest });
  } else {
    out = await page.evaluate(async ({ q, origin }) => {
      const pf = await import(origin + "pagefind/pagefind.js");
      const t0 = performance.now();
      const res = await pf.search(q);
      const top = await Promise.all(res.results.slice(0, 5).map((r) => r.data()));
      const ms = performance.now() - t0;
      const all = [];
      for (let i = 0; i < res.results.length; i += 64) {
        all.push(...await Promise.all(res.results.slice(i, i + 64).map((r) => r.data())));
      }
      return { ms, total: res.results.length, top: top.map((d) => d.url), pages: all.map((d) => new URL(d.url, origin).pathname) };
    }, { q: query, origin });
  }
  await context.close();
  return out;
}

// Bytes fetched (as sent, compressed) and time taken by a first query in a fresh browser
// context, up to its top 5 results with their snippets, including the search code.
async function firstQueryBytes(browser, origin, engine, query, manifest, searchJs) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(origin + "bench.html");
  served = 0;
  let ms;
  if (engine === "gongwen") {
    await page.addScriptTag({ url: origin + searchJs });
    ms = await page.evaluate(async ({ q, manifest }) => {
      const S = globalThis.GongwenSearch;
      const load = (url, kind) => fetch(url).then((r) => (kind === "json" ? r.json() : r.arrayBuffer().then((b) => new Uint8Array(b))));
      const index = new S.Index(manifest, load);
      const t0 = performance.now();
      const res = await S.search(index, q);
      await Promise.all(res.hits.slice(0, 5).map((h) => index.unit(h.unit)));
      return performance.now() - t0;
    }, { q: query, manifest: origin + manifest });
  } else {
    ms = await page.evaluate(async ({ q, origin }) => {
      const pf = await import(origin + "pagefind/pagefind.js");
      const t0 = performance.now();
      const res = await pf.search(q);
      await Promise.all(res.results.slice(0, 5).map((r) => r.data()));
      return performance.now() - t0;
    }, { q: query, origin });
  }
  await page.waitForTimeout(50);
  await context.close();
  return { bytes: served, ms };
}

// Warm latency: every query in turn in one page, after a first query loaded the code.
async function warm(browser, origin, engine, manifest, searchJs) {
  const page = await browser.newPage();
  await page.goto(origin + "bench.html");
  if (engine === "gongwen") await page.addScriptTag({ url: origin + searchJs });
  const times = await page.evaluate(async ({ engine, queries, manifest, origin }) => {
    let run;
    if (engine === "gongwen") {
      const S = globalThis.GongwenSearch;
      const load = (url, kind) => fetch(url).then((r) => (kind === "json" ? r.json() : r.arrayBuffer().then((b) => new Uint8Array(b))));
      const index = new S.Index(manifest, load);
      run = async (q) => { const res = await S.search(index, q); await Promise.all(res.hits.slice(0, 5).map((h) => index.unit(h.unit))); };
    } else {
      const pf = await import(origin + "pagefind/pagefind.js");
      run = async (q) => { const res = await pf.search(q); await Promise.all(res.results.slice(0, 5).map((r) => r.data())); };
    }
    await run("合作");
    const out = [];
    for (const q of queries) {
      await run(q); // first time: fetches its files
      const t0 = performance.now();
      await run(q); // again: warm
      out.push(performance.now() - t0);
    }
    return out;
  }, { engine, queries: QUERIES, manifest: origin + manifest, origin });
  await page.close();
  return times;
}

// The relevance set (relevance.json, see RELEVANCE.md): each query typed into the site's
// search page (the Chinese site for Chinese and Spanish queries, the English one for English),
// its first five clause results read from the page; Pagefind's first five sub-results through
// its API, from the index of the same pages. Recall@5 (share of the expected clauses among
// them, at most five), queries with every expected clause there, and MRR (the first expected
// clause's rank among all results shown). Pagefind's sub-results reach only headings with an
// id, so both engines are also scored by page: the share of the expected clauses' pages among
// the first five distinct pages of results.
const RELEVANCE = JSON.parse(readFileSync(new URL("relevance.json", import.meta.url), "utf8"));

async function gongwenRanked(browser, origin, q) {
  const page = await browser.newPage();
  const prefix = q.lang === "en" ? "en/" : "";
  await page.goto(`${origin}${prefix}search/?q=${encodeURIComponent(q.q)}`);
  await page.waitForFunction(() => {
    const s = document.querySelector(".search-status");
    return s && s.textContent && !/…/.test(s.textContent);
  });
  const links = await page.$$eval(".search-results a.crumb", (as) => as.map((a) => a.href));
  await page.close();
  return links.map((h) => { const u = new URL(h); return u.pathname.replace(/^\//, "") + u.hash; });
}

async function pagefindRanked(browser, origin, q) {
  const page = await browser.newPage();
  await page.goto(origin + "bench.html");
  const bundle = q.lang === "en" ? "pagefind-en/" : "pagefind/";
  const urls = await page.evaluate(async ({ q, origin, bundle }) => {
    const pf = await import(origin + bundle + "pagefind.js");
    const res = await pf.search(q);
    const out = [];
    for (const r of res.results.slice(0, 10)) {
      const d = await r.data();
      for (const s of d.sub_results || []) out.push(new URL(s.url, origin).href);
      if (!(d.sub_results || []).length) out.push(new URL(d.url, origin).href);
    }
    return out;
  }, { q: q.q, origin, bundle });
  await page.close();
  return urls.map((h) => { const u = new URL(h); return u.pathname.replace(/^\//, "") + u.hash; });
}

async function relevance(browser, origin, engine) {
  const byKind = {};
  const all = { n: 0, recall: 0, full: 0, rr: 0, pages: 0 };
  const misses = [];
  for (const q of RELEVANCE) {
    const ranked = engine === "gongwen" ? await gongwenRanked(browser, origin, q) : await pagefindRanked(browser, origin, q);
    const want = q.expect.map((e) => (q.lang === "en" ? "en/" : "") + e);
    const clauses = ranked.filter((r) => r.includes("#"));
    const top = clauses.slice(0, 5);
    const found = want.filter((w) => top.includes(w)).length;
    const first = clauses.findIndex((c) => want.includes(c));
    const wantPages = [...new Set(want.map((w) => w.split("#")[0]))];
    const topPages = [...new Set(ranked.map((r) => r.split("#")[0]))].slice(0, 5);
    const pageRecall = wantPages.filter((w) => topPages.includes(w)).length / Math.min(wantPages.length, 5);
    const k = (byKind[q.kind] ||= { n: 0, recall: 0, full: 0, rr: 0, pages: 0 });
    for (const x of [k, all]) {
      x.n++;
      x.recall += found / Math.min(want.length, 5);
      x.full += found === Math.min(want.length, 5) ? 1 : 0;
      x.rr += first < 0 ? 0 : 1 / (first + 1);
      x.pages += pageRecall;
    }
    if (found < Math.min(want.length, 5)) misses.push(`${q.lang} ${q.kind} ${q.q}: ${found}/${want.length}`);
  }
  const line = (x) => `recall@5 ${(x.recall / x.n).toFixed(3)}, all found ${x.full}/${x.n}, MRR ${(x.rr / x.n).toFixed(3)}, ` +
    `page recall@5 ${(x.pages / x.n).toFixed(3)}`;
  console.log(`${engine} relevance (${all.n} queries): ${line(all)}`);
  for (const [kind, x] of Object.entries(byKind)) console.log(`  ${kind}: ${line(x)}`);
  if (misses.length && engine === "gongwen") console.log(`  missed: ${misses.join("; ")}`);
}

const args = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic"],
});
for (let a = 0; a < args.length; a += 2) {
  const [label, dir] = [args[a], args[a + 1]];
  const server = await serve(dir);
  const origin = `http://127.0.0.1:${server.address().port}/`;
  const home = readFileSync(join(dir, "index.html"), "utf8");
  // Paths from the site root (the home page writes them as `./…`).
  const manifest = home.match(/data-index="?(?:\.\/)?([^" >]+)/)[1];
  const searchJs = home.match(/src="?(?:\.\/)?(assets\/search\.[^" >]+)/)[1];
  const truth = divisionTexts(dir);
  console.log(`\n## ${label}: ${truth.size} division pages, ${QUERIES.length} queries`);
  const ours = du(join(dir, manifest.replace(/[^/]*$/, "")));
  const theirs = du(join(dir, "pagefind"));
  console.log(`index size: gongwen ${(ours.raw / 1e6).toFixed(2)} MB raw, ${(ours.gz / 1e6).toFixed(2)} MB gzip, ${ours.files} files; ` +
    `pagefind ${(theirs.raw / 1e6).toFixed(2)} MB (${theirs.files} files, compressed already)`);
  const rows = { gongwen: [], pagefind: [] };
  for (const q of QUERIES) {
    const want = [...truth].filter(([, t]) => t.includes(fold(q))).map(([p]) => p).sort();
    for (const engine of ["gongwen", "pagefind"]) {
      const first = await firstQueryBytes(browser, origin, engine, q, manifest, searchJs);
      const full = await resultSet(browser, origin, engine, q, manifest, searchJs);
      const got = full.pages.filter((p) => truth.has(p)).sort();
      const found = want.filter((p) => got.includes(p)).length;
      rows[engine].push({ q, bytes: first.bytes, ms: first.ms, want: want.length, got: got.length, found,
        exact: got.length === want.length && found === want.length });
    }
  }
  console.log("query | exact pages | gongwen: pages found / returned, KB first query | pagefind: found / returned, KB");
  for (let i = 0; i < QUERIES.length; i++) {
    const g = rows.gongwen[i], p = rows.pagefind[i];
    console.log(`${g.q} | ${g.want} | ${g.found}/${g.got} ${g.exact ? "exact" : "NOT EXACT"}, ${(g.bytes / 1024).toFixed(1)} KB | ` +
      `${p.found}/${p.got} ${p.exact ? "exact" : "not exact"}, ${(p.bytes / 1024).toFixed(1)} KB`);
  }
  for (const engine of ["gongwen", "pagefind"]) {
    const r = rows[engine];
    const recall = r.reduce((s, x) => s + (x.want ? x.found / x.want : 1), 0) / r.length;
    const w = await warm(browser, origin, engine, manifest, searchJs);
    console.log(`${engine}: exact result sets ${r.filter((x) => x.exact).length}/${r.length}, mean recall ${recall.toFixed(3)}, ` +
      `first-query KB median ${(median(r.map((x) => x.bytes)) / 1024).toFixed(1)} max ${(Math.max(...r.map((x) => x.bytes)) / 1024).toFixed(1)}, ` +
      `cold latency ms median ${median(r.map((x) => x.ms)).toFixed(1)} p95 ${pct(r.map((x) => x.ms), 0.95).toFixed(1)}, ` +
      `warm latency ms median ${median(w).toFixed(2)} p95 ${pct(w, 0.95).toFixed(2)}`);
  }
  const ratio = median(rows.gongwen.map((x) => x.bytes)) / median(rows.pagefind.map((x) => x.bytes));
  console.log(`first-query bytes, gongwen / pagefind (medians): ${ratio.toFixed(2)}`);
  // The relevance set is written for the seed site.
  if (existsSync(join(dir, "pagefind-en"))) {
    for (const engine of ["gongwen", "pagefind"]) await relevance(browser, origin, engine);
  }
  server.close();
}
await browser.close();
