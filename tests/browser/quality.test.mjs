// Quality gates for publishing, on the seed site built for a sub-path and served on
// 127.0.0.1: the Nu HTML Checker on every page, axe-core (WCAG 2.1 AA) on every kind of page
// in light and dark, and the weight of an article page with its CSS and JS.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { createRequire } from "node:module";
import { startSite } from "./harness.mjs";

const require = createRequire(import.meta.url);
let site, dir, browser, origin;

before(async () => {
  site = await startSite();
  ({ browser, origin } = site);
  dir = site.dir;
});

after(async () => {
  await site?.stop();
});

function htmlFiles(d) {
  return readdirSync(d).flatMap((name) => {
    const p = join(d, name);
    return statSync(p).isDirectory() ? htmlFiles(p) : p.endsWith(".html") ? [p] : [];
  });
}

test("the Nu HTML Checker finds no error on any page", () => {
  const pages = htmlFiles(dir);
  const jar = join(require.resolve("vnu-jar"), "..", "build", "dist", "vnu.jar");
  const run = spawnSync("java", ["-jar", jar, "--errors-only", "--format", "json", "--exit-zero-always", ...pages],
    { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  assert.equal(run.status, 0, run.error?.message || run.stderr);
  // vnu writes its JSON report to stderr.
  const report = JSON.parse(run.stderr);
  const errors = report.messages.filter((m) => m.type === "error");
  assert.ok(pages.length >= 15, `${pages.length} pages checked`);
  assert.deepEqual(errors.map((m) => `${m.url}:${m.lastLine}: ${m.message}`), []);
});

const KINDS = {
  home: "",
  document: "china-celac-joint-action-plan-2025-2027/",
  print: "china-lac-policy-paper-2025/print/",
  division: "china-celac-joint-action-plan-2025-2027/art3/#art3-s2",
  "titled items": "china-lac-policy-paper-2025/part3/",
  about: "about/",
  glossary: "glossary/",
  term: "glossary/beidou-navigation-satellite-system/",
  subjects: "subjects/",
  subject: "subjects/finance/",
  "404": "no/such/page/",
  search: "search/?q=北斗",
  "English division": "en/china-celac-joint-action-plan-2025-2027/art2/",
  "English fallback": "en/china-lac-policy-paper-2025/part3/",
  "English term": "en/glossary/beidou-navigation-satellite-system/",
  "parallel view": "en/china-lac-policy-paper-2025/part3/parallel/",
  "Chinese parallel view": "china-lac-policy-paper-2025/part3/parallel/en/",
  library: "library/",
  "library list": "library/year/2025/",
};

test("axe-core finds no WCAG 2.1 AA violation on any kind of page, light or dark", async () => {
  const axe = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  const found = [];
  for (const scheme of ["light", "dark"]) {
    const context = await browser.newContext({ colorScheme: scheme });
    const page = await context.newPage();
    for (const [kind, path] of Object.entries(KINDS)) {
      await page.goto(origin + path);
      if (kind === "search") await page.waitForSelector(".search-results li");
      await page.addScriptTag({ content: axe });
      const result = await page.evaluate(() =>
        window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
      for (const v of result.violations) {
        found.push(`${scheme} ${kind}: ${v.id} (${v.nodes.length}): ${v.nodes[0].target.join(" ")}`);
      }
      assert.ok(result.passes.length > 10, `${kind}: axe ran ${result.passes.length} passing rules`);
    }
    await context.close();
  }
  assert.deepEqual(found, []);
});

test("an article page with its CSS and JS weighs at most 50 KB gzipped", () => {
  const assets = readdirSync(join(dir, "assets")).filter((f) => /\.(css|js)$/.test(f));
  const assetBytes = assets.reduce((sum, f) => sum + gzipSync(readFileSync(join(dir, "assets", f))).length, 0);
  const articles = htmlFiles(dir).filter((p) => /\/(art|part|preface|annex)\d*\/index\.html$/.test(p));
  assert.ok(articles.length >= 10);
  const largest = Math.max(...articles.map((p) => gzipSync(readFileSync(p)).length));
  const total = largest + assetBytes;
  console.log(`largest article page: ${largest} B gzip; with CSS and JS: ${total} B`);
  assert.ok(total <= 50 * 1024, `${total} bytes`);
});
