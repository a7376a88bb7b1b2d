// The English side in headless Chromium: the language switcher keeps the reader at the same
// clause, the English search finds translated text and lands on the same clause id, the
// parallel view shows two columns on a wide screen and stacks them on a phone, in either
// interface, and an English page speaks English.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { startSite, watchErrors } from "./harness.mjs";

let site;
before(async () => { site = await startSite(); });
after(async () => { await site.stop(); });

const PLAN = "china-celac-joint-action-plan-2025-2027/";

async function topOf(page, id) {
  return page.locator(`[id="${id}"]`).evaluate((el) => el.getBoundingClientRect().top);
}

test("switching language on page#clause lands on the same clause in the other language", async () => {
  const page = await site.browser.newPage({ viewport: { width: 390, height: 800 } });
  const errors = watchErrors(page);
  const id = "art2-s4-i3";
  await page.goto(`${site.origin}${PLAN}art2/#${id}`);
  assert.equal(await page.getAttribute("html", "lang"), "zh-Hans");
  await Promise.all([page.waitForURL(`${site.origin}en/${PLAN}art2/#${id}`),
    page.click("nav.langs a[hreflang=en]")]);
  assert.equal(await page.getAttribute("html", "lang"), "en");
  const top = await topOf(page, id);
  assert.ok(top >= -2 && top < 200, `the clause is at the top of the window (${top} px)`);
  const text = await page.locator(`[id="${id}"]`).textContent();
  assert.match(text, /[A-Za-z]{4,}/, "the clause reads in English");
  await Promise.all([page.waitForURL(`${site.origin}${PLAN}art2/#${id}`),
    page.click("nav.langs a[hreflang=zh-Hans]")]);
  assert.ok(Math.abs(await topOf(page, id)) < 200, "and back at the same clause in Chinese");
  assert.deepEqual(errors, []);
  await page.close();
});

test("the English search finds translated text and links to the clause on the English page", async () => {
  const page = await site.browser.newPage();
  const errors = watchErrors(page);
  await page.goto(`${site.origin}en/${PLAN}art1/`);
  const box = page.locator("#q");
  await box.click();
  await box.pressSequentially("high-level exchanges", { delay: 20 });
  await page.waitForSelector("#q-results [role=option] mark");
  const href = await page.locator("#q-opt-0 a").getAttribute("href");
  assert.ok(href.includes("/en/"), `an English page: ${href}`);
  await Promise.all([page.waitForURL(href), box.press("ArrowDown").then(() => box.press("Enter"))]);
  const id = decodeURIComponent(new URL(page.url()).hash.slice(1));
  await page.waitForSelector(`[id="${id}"] mark.hit`);
  // The same id exists on the Chinese page.
  const zh = await page.request.get(page.url().replace("/en/", "/").split("?")[0]);
  assert.ok((await zh.text()).includes(`id=${id}`), `${id} on the Chinese page`);
  assert.deepEqual(errors, []);
  await page.close();
});

test("the parallel view shows two aligned columns, stacked on a phone", async () => {
  const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = watchErrors(page);
  await page.goto(`${site.origin}en/${PLAN}art2/`);
  await Promise.all([page.waitForURL(/parallel\/$/), page.click("a.parallel-link")]);
  const row = page.locator(".parallel .row").nth(3);
  const [a, b] = await row.locator(".cell").evaluateAll((cells) => cells.map((c) => c.getBoundingClientRect().toJSON()));
  assert.ok(Math.abs(a.top - b.top) < 2 && b.left > a.right - 1, "side by side on a wide screen");
  assert.equal(await row.locator(".cell").first().getAttribute("lang"), "zh-Hans");
  assert.equal(await row.locator(".cell").last().getAttribute("lang"), "en");
  await page.setViewportSize({ width: 390, height: 800 });
  const [c, d] = await row.locator(".cell").evaluateAll((cells) => cells.map((x) => x.getBoundingClientRect().toJSON()));
  assert.ok(d.top >= c.bottom - 1, "stacked on a phone");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  assert.ok(overflow <= 0, `no sideways scrolling (${overflow} px)`);
  assert.deepEqual(errors, []);
  await page.close();
});

test("from a Chinese page the parallel view keeps the Chinese interface; the switcher keeps the view", async () => {
  const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = watchErrors(page);
  await page.goto(`${site.origin}${PLAN}art2/`);
  await Promise.all([page.waitForURL(/\/art2\/parallel\/en\/$/), page.click("a.parallel-link")]);
  assert.equal(await page.getAttribute("html", "lang"), "zh-Hans");
  assert.match(await page.textContent("header.site nav"), /术语/);
  const row = page.locator(".parallel .row").nth(3);
  assert.equal(await row.locator(".cell").first().getAttribute("lang"), "zh-Hans");
  assert.equal(await row.locator(".cell").last().getAttribute("lang"), "en");
  assert.match(await row.locator(".cell").last().textContent(), /[A-Za-z]{4,}/);
  // The English text takes the Latin font, not the Chinese page's.
  const font = await row.locator(".cell").last().evaluate((el) => getComputedStyle(el).fontFamily);
  assert.match(font, /^system-ui/, font);
  // Aligned with the header: the rows start where the site's name does.
  const [brand, first] = await page.evaluate(() => [document.querySelector("header.site .brand"),
    document.querySelector(".parallel .row")].map((el) => el.getBoundingClientRect().left));
  assert.ok(Math.abs(brand - first) < 2, `header at ${brand}, rows at ${first}`);
  await Promise.all([page.waitForURL(`${site.origin}en/${PLAN}art2/parallel/`), page.click("nav.langs a[hreflang=en]")]);
  assert.equal(await page.getAttribute("html", "lang"), "en");
  await Promise.all([page.waitForURL(`${site.origin}${PLAN}art2/parallel/en/`), page.click("nav.langs a[hreflang=zh-Hans]")]);
  assert.deepEqual(errors, []);
  await page.close();
});

test("an English page has no Chinese in its interface: Chinese shows only quoted or marked as Chinese", async () => {
  const files = [];
  (function walk(d) {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (f === "index.html") files.push(p.slice(site.dir.length + 1).replace(/index\.html$/, ""));
    }
  })(join(site.dir, "en"));
  assert.ok(files.length > 150, `${files.length} English pages`);
  const page = await site.browser.newPage();
  const found = [];
  for (const f of files) {
    await page.goto(site.origin + f, { waitUntil: "domcontentloaded" });
    const bad = await page.evaluate(() => {
      const out = [];
      // Chinese quoted in English text (“中加”, 《框架公约》) is a quotation, not interface.
      const quoted = /“[^”]*”|《[^》]*》|「[^」]*」/g;
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const lang = n.parentElement.closest("[lang]").getAttribute("lang");
        if (lang.startsWith("en") && /\p{Script=Han}/u.test(n.data.replace(quoted, ""))) {
          out.push(`${n.parentElement.tagName}: ${n.data.slice(0, 60)}`);
        }
      }
      const title = document.title.replace(quoted, "");
      if (/\p{Script=Han}/u.test(title)) out.push(`title: ${document.title}`);
      return out;
    });
    for (const b of bad) found.push(`${f}: ${b}`);
  }
  assert.deepEqual(found, []);
  await page.close();
});

test("an editor's note reads in English where its translation exists, with the page's label", async () => {
  const page = await site.browser.newPage();
  await page.goto(`${site.origin}en/${PLAN}art3/`);
  const notes = await page.$$eval("p.ed-note", (ps) => ps.map((p) => p.textContent));
  assert.ok(notes.some((n) => /^Editor's note: The following six paragraphs/.test(n)), notes.join(" | "));
  assert.ok(notes.some((n) => /^Editor's note: The editors inferred this label from the numbering/.test(n)), notes.join(" | "));
  await page.close();
});
