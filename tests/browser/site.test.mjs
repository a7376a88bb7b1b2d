// Browser tests of the built seed site in headless Chromium: navigation, deep links to a
// clause, reading without JavaScript, no console errors on any page, citations, and the
// screenshots shown in the README.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT, startSite, watchErrors } from "./harness.mjs";

const PLAN = "china-celac-joint-action-plan-2025-2027";
let site, browser, origin;

before(async () => {
  site = await startSite();
  ({ browser, origin } = site);
});

after(async () => {
  await site?.stop();
});

test("every page crawled from the home page loads with no console error or failed request", async () => {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  const seen = new Set();
  const queue = [origin];
  while (queue.length) {
    const url = queue.shift();
    if (seen.has(url)) continue;
    seen.add(url);
    const res = await page.goto(url);
    assert.equal(res.status(), 200, url);
    const links = await page.$$eval("a[href]", (as) => as.map((a) => a.href));
    for (const href of links) {
      const u = new URL(href);
      u.hash = "";
      if (u.origin + u.pathname === u.href && u.href.startsWith(origin) && !seen.has(u.href)) queue.push(u.href);
      // Every anchor a link names exists on its page.
      if (new URL(href).hash && href.startsWith(url.split("#")[0] + "#")) {
        const id = decodeURIComponent(new URL(href).hash.slice(1));
        assert.ok(await page.$(`[id="${id}"]`), `${url}: no #${id}`);
      }
    }
  }
  assert.ok(seen.size >= 14, `crawled ${seen.size} pages`);
  assert.deepEqual(errors, []);
  await page.close();
});

test("the table of contents and previous/next navigate", async () => {
  const page = await browser.newPage();
  await page.goto(origin + PLAN + "/");
  await page.click("nav.outline a[href='art2/']");
  await page.waitForURL(/\/art2\/$/);
  assert.match(await page.textContent("h1"), /第二条/);
  await page.click("nav.pager a[rel=next]");
  await page.waitForURL(/\/art3\/$/);
  assert.match(await page.textContent("h1"), /第三条/);
  await page.click("nav.pager a[rel=prev]");
  await page.waitForURL(/\/art2\/$/);
  // A deep entry of the outline lands on its clause.
  await page.goto(origin + PLAN + "/");
  await page.click("nav.outline a[href='art4/#art4-s2-i1']");
  await page.waitForURL(/art4\/#art4-s2-i1$/);
  assert.ok(await page.$eval("#art4-s2-i1", (el) => el.matches(":target")));
  await page.close();
});

test("opening page#id scrolls to the clause and highlights it", async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 700 } });
  await page.goto(origin + PLAN + "/art2/#art2-s5-i2");
  const box = await page.$eval("#art2-s5-i2", (el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, bg: getComputedStyle(el).backgroundColor };
  });
  assert.ok(box.top >= 0 && box.top < 700, `clause at ${box.top}`);
  assert.notEqual(box.bg, "rgba(0, 0, 0, 0)", "highlighted");
  // The citation box offers the citation with its URL.
  const cite = await page.textContent(".cite-box p");
  assert.ok(cite.startsWith("中国-拉共体成员国重点领域合作共同行动计划（2025-2027）第二条 五（二）"), cite);
  assert.ok(cite.endsWith("/art2/#art2-s5-i2"), cite);
  // In English, arriving from a search: the documented format, the address without `?q=`.
  await page.goto(origin + "en/" + PLAN + "/art2/?q=exchanges#art2-s5-i2");
  const en = await page.textContent(".cite-box p");
  const title = await page.$eval("[data-doc]", (el) => el.getAttribute("data-doc"));
  assert.equal(
    en,
    `${title}, Article 2, 5(2) ${origin}en/${PLAN}/art2/#art2-s5-i2`,
  );
  assert.ok(!en.includes("?q="), en);
  assert.match(await page.$eval("#art2-s5-i2", (el) => getComputedStyle(el, "::after").content), /^"Cite: /);
  // The box never hides the end of the page: scrolled to the bottom, the pager is clear of it.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  const clear = await page.evaluate(() => {
    const box = document.querySelector(".cite-box").getBoundingClientRect();
    const pager = document.querySelector("nav.pager");
    return !pager || pager.getBoundingClientRect().bottom <= box.top;
  });
  assert.ok(clear, "the pager is above the citation box");
  await page.close();
});

test("pages read without JavaScript, with plain permalinks", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(origin + "china-lac-policy-paper-2025/part3/#part3-s2-i9-p2");
  assert.match(await page.textContent("h1"), /第三部分/);
  assert.match(await page.textContent("#part3-s2-i9-p2"), /促进中拉双方农业科技进步/);
  assert.equal(await page.$(".cite-box"), null);
  const after = await page.$eval("#part3-s2-i9-p2", (el) => getComputedStyle(el, "::after").content);
  assert.match(after, /第三部分 二（九）第2段/);
  await context.close();
});

test("the 404 page is served with its styles at any depth", async () => {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  const res = await page.goto(origin + "a/b/c/no-such-page/");
  assert.equal(res.status(), 404);
  assert.match(await page.textContent("h1"), /页面不存在/);
  // One 404 page serves every language: it says it in English too, linking the English home.
  const en = page.locator("section[lang=en]");
  assert.match(await en.locator("h2").textContent(), /Page not found/);
  const home = new URL(await en.locator("a").getAttribute("href"), page.url());
  assert.equal(home.pathname, new URL("en/", origin).pathname);
  assert.equal((await page.request.get(home.href)).status(), 200);
  const color = await page.$eval("h1", (el) => getComputedStyle(el).color);
  assert.notEqual(color, "rgb(0, 0, 0)", "the stylesheet loaded");
  assert.deepEqual(errors.filter((e) => !e.startsWith("console: Failed to load resource: the server responded with a status of 404")), []);
  await page.close();
});

test("screenshots at 390 and 1280 px, light and dark; no sideways scrolling down to 360 px", async () => {
  const dir = join(ROOT, "tests/browser/screenshots");
  mkdirSync(dir, { recursive: true });
  for (const width of [390, 1280]) {
    for (const scheme of ["light", "dark"]) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
      const page = await context.newPage();
      await page.goto(origin + PLAN + "/art3/#art3-s2");
      const path = join(dir, `art3-${width}-${scheme}.png`);
      await page.screenshot({ path });
      const bg = await page.$eval("body", (el) => getComputedStyle(el).backgroundColor);
      assert.equal(bg === "rgb(23, 24, 26)", scheme === "dark", `${scheme} background ${bg}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `no horizontal scroll at ${width}px (${overflow})`);
      await context.close();
    }
  }
  // The narrowest phone the theme supports.
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  for (const path of ["", PLAN + "/", PLAN + "/art2/", "china-lac-policy-paper-2025/part3/", "about/"]) {
    await page.goto(origin + path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scroll at 360px on /${path} (${overflow})`);
  }
  await context.close();
});

test("permalinks show on keyboard focus", async () => {
  const page = await browser.newPage();
  await page.goto(origin + PLAN + "/art1/");
  const link = page.locator("#art1-s2 a.pl");
  assert.equal(await link.evaluate((el) => getComputedStyle(el).opacity), "0");
  await link.focus();
  assert.equal(await link.evaluate((el) => getComputedStyle(el).opacity), "1");
  await page.close();
});

test("the library browses by kind and year, newest first, down to a document", async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto(origin + "library/");
  const kinds = await page.locator("section.facets").first().locator("a").allTextContents();
  assert.deepEqual(kinds.sort(), ["共同行动计划", "政策文件"]);
  await Promise.all([page.waitForURL(/library\/year\/2025\/$/), page.click("a[href$='library/year/2025/']")]);
  const titles = await page.locator("ul.docs h2").allTextContents();
  // The policy paper (December 2025) before the action plan (May 2025).
  assert.deepEqual(titles, ["中国对拉丁美洲和加勒比政策文件", "中国-拉共体成员国重点领域合作共同行动计划（2025-2027）"]);
  await Promise.all([page.waitForURL(/china-lac-policy-paper-2025\/$/), page.click("ul.docs h2 a >> nth=0")]);
  assert.match(await page.textContent("h1"), /政策文件/);
  await page.close();
});

test("printed, a page shows its text without the site's chrome; related passages fold", async () => {
  const page = await browser.newPage();
  await page.goto(origin + "china-lac-policy-paper-2025/part3/");
  // On screen, related passages sit folded behind one line that opens them.
  const related = page.locator("details.related").first();
  assert.equal(await related.evaluate((d) => d.open), false);
  assert.equal(await related.locator("a").first().isVisible(), false);
  await related.locator("summary").click();
  assert.equal(await related.locator("a").first().isVisible(), true);
  await page.emulateMedia({ media: "print" });
  const shown = (sel) => page.locator(sel).first().evaluate((e) => getComputedStyle(e).display !== "none");
  for (const sel of ["header.site form", "header.site nav", "nav.crumbs", "nav.pager", ".parallel-link", "details.related", ".doc-title .pos"]) {
    assert.equal(await shown(sel), false, `${sel} is printed`);
  }
  for (const sel of ["h1, h2", "main p"]) assert.equal(await shown(sel), true, `${sel} is not printed`);
  await page.close();
});

test("a long division: the document's outline beside the text follows the reader; on a phone it folds and the heading is on the first screen", async () => {
  const wide = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await wide.goto(origin + "china-lac-policy-paper-2025/part3/");
  const nav = wide.locator("nav.doc-nav");
  assert.equal(await nav.locator("details").evaluate((d) => d.open), true, "open where there is room");
  const box = await nav.boundingBox();
  const main = await wide.locator("main article").boundingBox();
  assert.ok(box.x + box.width <= main.x, `beside the text: nav ends at ${box.x + box.width}, text starts at ${main.x}`);
  // Every division of the document, this one marked as the page.
  assert.equal(await nav.locator("ol").first().locator(":scope > li").count(), 4);
  assert.match(await nav.locator("a[aria-current=page]").textContent(), /第三部分/);
  // Scrolled down to 四、, the outline marks it, and stays in view.
  await wide.locator("#part3-s4").scrollIntoViewIfNeeded();
  await wide.evaluate(() => window.scrollBy(0, document.getElementById("part3-s4").getBoundingClientRect().top - 40));
  await wide.waitForFunction(() => document.querySelector("nav.doc-nav a[aria-current=location]")?.getAttribute("href") === "#part3-s4");
  const after = await nav.boundingBox();
  assert.ok(after.y >= 0 && after.y < 200, `the outline stays in view (${after.y} px)`);
  // Back to the top from the end of the page.
  await wide.click("p.to-top a");
  await wide.waitForFunction(() => Math.abs(document.getElementById("main").getBoundingClientRect().top) < 80);
  await wide.close();

  const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await phone.goto(origin + "en/china-lac-policy-paper-2025/part3/");
  assert.equal(await phone.locator("nav.doc-nav details").evaluate((d) => d.open), false, "folded on a phone");
  const h1 = await phone.locator("h1").boundingBox();
  assert.ok(h1.y + h1.height < 844, `the heading is on the first screen (${h1.y} px)`);
  await phone.click("nav.doc-nav summary");
  assert.ok(await phone.locator("nav.doc-nav a[href='#part3-s2']").isVisible());
  await phone.close();
});

test("Chinese text takes a Chinese font first, English text the system font", async () => {
  const page = await browser.newPage();
  const first = (sel) => page.locator(sel).first().evaluate((e) => getComputedStyle(e).fontFamily.split(",")[0].trim().replace(/"/g, ""));
  await page.goto(origin + "china-lac-policy-paper-2025/part3/");
  assert.equal(await first("p.para"), "PingFang SC");
  await page.goto(origin + "en/china-lac-policy-paper-2025/");
  assert.equal(await first("main h1"), "system-ui");
  assert.equal(await first("main [lang=zh-Hans]"), "PingFang SC");
  await page.close();
});

test("on a phone a permalink mark never sits alone on a line", async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, hasTouch: true });
  for (const path of ["china-lac-policy-paper-2025/part3/", `${PLAN}/art3/`, `en/${PLAN}/art2/`]) {
    await page.goto(origin + path);
    const alone = await page.$$eval("a.pl", (marks) => marks.filter((a) => {
      // The last character before the mark: on the same line as the mark.
      let prev = a.previousSibling;
      while (prev && !(prev.textContent || "").trim()) prev = prev.previousSibling;
      if (!prev) return false;
      const node = prev.nodeType === 3 ? prev : document.createTreeWalker(prev, NodeFilter.SHOW_TEXT).lastChild() || prev;
      const text = node.nodeType === 3 ? node : null;
      if (!text || !text.data.trim()) return false;
      const r = document.createRange();
      const end = text.data.replace(/\s+$/, "").length;
      r.setStart(text, Math.max(0, end - 1));
      r.setEnd(text, end);
      const last = r.getClientRects();
      const mark = a.getBoundingClientRect();
      return last.length && Math.abs(last[last.length - 1].bottom - mark.bottom) > 8;
    }).map((a) => a.getAttribute("href")));
    assert.deepEqual(alone, [], `${path}: marks alone on a line`);
  }
  await page.close();
});

test("on a desktop the header is one row; the translation note lines up with the text", async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  for (const path of [PLAN + "/art2/", "en/" + PLAN + "/art2/"]) {
    await page.goto(origin + path);
    const tops = await page.$$eval("header.site > *", (els) => els.map((el) => {
      const r = el.getBoundingClientRect();
      return r.top + r.height / 2;
    }));
    assert.ok(Math.max(...tops) - Math.min(...tops) < 12, `${path}: one row (${tops.join(", ")})`);
  }
  const [note, h1] = await page.evaluate(() => [".tr-note", "main h1"].map((s) => {
    const el = document.querySelector(s);
    const range = document.createRange();
    range.selectNodeContents(el);
    return range.getBoundingClientRect().left;
  }));
  assert.ok(Math.abs(note - h1) < 2, `note at ${note}, text at ${h1}`);
  // On a phone the header wraps, and nothing scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  assert.ok(overflow <= 0, `no sideways scrolling (${overflow} px)`);
  await page.close();
});

test("half-width punctuation inside Chinese text is shown full-width; the download keeps the text as received", async () => {
  const page = await browser.newPage();
  await page.goto(origin + "china-lac-policy-paper-2025/part3/");
  const text = await page.textContent("main");
  assert.doesNotMatch(text, /\p{Script=Han}[,;:]\p{Script=Han}/u);
  assert.match(text, /“五大工程”，共谋发展振兴，共同谱写/);
  assert.match(text, /中加（勒比）/);
  const res = await page.request.get(origin + "china-lac-policy-paper-2025/china-lac-policy-paper-2025.txt");
  assert.match(await res.text(), /“五大工程”,共谋发展振兴,共同谱写/);
  // Search snippets read like the page.
  await page.goto(origin + "search/?q=" + encodeURIComponent("共谋发展振兴"));
  await page.waitForSelector(".search-results mark");
  assert.match(await page.textContent(".search-results"), /，共谋发展振兴，/);
  await page.close();
});

test("a document prints whole from its print page: every division, the text only", async () => {
  const page = await browser.newPage();
  await page.goto(origin + "china-lac-policy-paper-2025/");
  await Promise.all([page.waitForURL(/\/print\/$/), page.click("a[href='print/']")]);
  const headings = await page.$$eval("main section.division", (ss) => ss.map((s) => s.id));
  for (const id of ["preface", "part1", "part2", "part3"]) assert.ok(headings.includes(id), headings.join(" "));
  assert.equal(await page.$("a.term, details.related, a.pl"), null);
  // A clause's anchor lands there.
  await page.goto(origin + "china-lac-policy-paper-2025/print/#part3-s2-i9-p2");
  const top = await page.$eval("#part3-s2-i9-p2", (el) => el.getBoundingClientRect().top);
  assert.ok(top >= 0 && top < 200, `the clause at the top (${top} px)`);
  await page.emulateMedia({ media: "print" });
  for (const sel of ["header.site form", "header.site nav", "nav.crumbs"]) {
    assert.equal(await page.locator(sel).first().evaluate((e) => getComputedStyle(e).display), "none", sel);
  }
  await page.close();
});
