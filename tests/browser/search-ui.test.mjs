// The search interface in headless Chromium, on the seed site served under a sub-path.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startSite, watchErrors } from "./harness.mjs";

let site;
before(async () => { site = await startSite(); });
after(async () => { await site.stop(); });

test("typing in the header box shows highlighted results; Enter lands on the clause", async () => {
  const page = await site.browser.newPage();
  const errors = watchErrors(page);
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(site.origin + "china-lac-policy-paper-2025/part1/");
  const box = page.locator("#q");
  await box.click();
  await box.pressSequentially("基础设施", { delay: 30 });
  await page.waitForSelector("#q-results [role=option] mark");
  assert.equal(await box.getAttribute("aria-expanded"), "true");
  const marks = await page.locator("#q-results mark").allTextContents();
  assert.ok(marks.length >= 3, `${marks.length} highlights`);
  // Each contiguous match is one highlight: the query, or the short form 基建 it also finds.
  for (const m of marks) assert.ok(["基础设施", "基建"].includes(m), m);
  await box.press("ArrowDown");
  const active = await box.getAttribute("aria-activedescendant");
  assert.equal(active, "q-opt-0");
  assert.equal(await page.locator("#q-opt-0").getAttribute("aria-selected"), "true");
  const href = await page.locator("#q-opt-0 a").getAttribute("href");
  await Promise.all([page.waitForURL(href), box.press("Enter")]);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get("q"), "基础设施");
  const id = decodeURIComponent(url.hash.slice(1));
  assert.ok(id, "the result links to a clause");
  await page.waitForSelector(`[id="${id}"] mark.hit`);
  assert.equal(await page.locator(`[id="${id}"] mark.hit`).first().textContent(), "基础设施");
  const top = await page.locator(`[id="${id}"]`).evaluate((el) => el.getBoundingClientRect().top);
  assert.ok(top >= -2 && top < 200, `the clause is at the top of the window (${top} px)`);
  for (const r of requests) assert.ok(r.startsWith(site.origin), `no external request: ${r}`);
  assert.deepEqual(errors, []);
  await page.close();
});

// The search page for `q`, once its results are shown: {status, items: [{href, badge, marks}]}.
async function searchPage(q, prefix = "") {
  const page = await site.browser.newPage();
  const errors = watchErrors(page);
  await page.goto(`${site.origin}${prefix}search/?q=${encodeURIComponent(q)}`);
  await page.waitForFunction(() => /\d/.test(document.querySelector(".search-status").textContent));
  const items = await page.$$eval(".search-results li", (lis) => lis.map((li) => ({
    href: li.querySelector("a.crumb").getAttribute("href"),
    badge: !!li.querySelector(".badge"),
    marks: Array.from(li.querySelectorAll("mark"), (m) => m.textContent),
  })));
  // Every result lands on its passage: a document's title is `#title`.
  for (const i of items) assert.match(i.href, /#[\w-]+$/, i.href);
  const status = await page.locator(".search-status").textContent();
  const note = await page.locator(".search-partial").count();
  const headings = await page.locator(".search-results h2").allTextContents();
  const snippets = await page.locator(".search-results li p").allTextContents();
  assert.deepEqual(errors, []);
  await page.close();
  return { status, items, note, headings, snippets };
}

test("a near-phrase finds the clause with other words between, marked as a partial result", async () => {
  // The text has 培训医疗人员, not 医疗人员培训.
  const r = await searchPage("医疗人员培训");
  assert.match(r.status, /没有完全匹配的条文；\d+ 条部分匹配/);
  assert.equal(r.note, 1, "a note says the results hold part of the query");
  assert.ok(r.items.length > 0 && r.items.every((i) => i.badge), "every result is marked partial");
  const first = r.items[0];
  assert.match(first.href, /part3\/\?q=.*#part3-s5-i3-p1$/);
  // The pieces of the query it holds are marked (next to each other here: one mark).
  for (const piece of ["医疗", "人员", "培训"]) assert.ok(first.marks.join(" ").includes(piece), first.marks.join(" "));
});

test("an abbreviation finds the full name and says so; exact results come before partial ones", async () => {
  const r = await searchPage("WTO");
  assert.match(r.status, /也搜索了：.*世贸组织/);
  assert.ok(r.items.some((i) => i.marks.includes("世贸组织")), JSON.stringify(r.items));
  const mixed = await searchPage("AI治理");
  assert.ok(mixed.items.some((i) => !i.badge && i.marks.includes("人工智能治理")), JSON.stringify(mixed.items));
});

test("English and Spanish queries find the Chinese clauses", async () => {
  const en = await searchPage("scholarships");
  assert.ok(en.items.some((i) => /#annex-s3$/.test(i.href) && i.marks.some((m) => m.includes("奖学金"))), JSON.stringify(en.items));
  const es = await searchPage("ciberseguridad");
  assert.ok(es.items.some((i) => /#art4-s1-i2$/.test(i.href) && i.marks.includes("网络安全")), JSON.stringify(es.items));
  // On the English site the same query finds the English text of the clause.
  const site = await searchPage("cybersecurity", "en/");
  assert.ok(site.items.some((i) => /en\/china-celac-joint-action-plan-2025-2027\/art4\/\?q=.*#art4-s1-i2$/.test(i.href)), JSON.stringify(site.items));
  // English results read as English: a group is headed by its whole division label.
  assert.ok(site.headings.some((h) => / › Article 4$/.test(h)), site.headings.join(" | "));
});

test("Escape closes the list; Enter without a choice opens the search page with the query", async () => {
  const page = await site.browser.newPage();
  await page.goto(site.origin);
  const box = page.locator("#q");
  await box.fill("北斗");
  await page.waitForSelector("#q-results [role=option]");
  await box.press("Escape");
  assert.equal(await page.locator("#q-results").isHidden(), true);
  assert.equal(await box.getAttribute("aria-expanded"), "false");
  await Promise.all([page.waitForURL(/\/search\/\?q=/), box.press("Enter")]);
  assert.equal(new URL(page.url()).pathname, "/gongwen/search/");
  await page.waitForSelector(".search-results li");
  assert.equal(await page.locator(".search-results li").count(), 2);
  assert.match(await page.locator(".search-status").textContent(), /找到 2 条/);
  await page.close();
});

test("the search page groups results by page, keeps the query in the address and shows more", async () => {
  const page = await site.browser.newPage();
  await page.goto(site.origin + "search/?q=合作");
  await page.waitForSelector(".search-results li");
  assert.equal(await page.locator("#search-page-q").inputValue(), "合作");
  const total = Number((await page.locator(".search-status").textContent()).match(/\d+/)[0]);
  assert.ok(total > 100, `${total} passages contain 合作`);
  assert.equal(await page.locator(".search-results li").count(), 20);
  assert.ok(await page.locator(".search-results section h2").count() >= 2, "grouped by page");
  await page.locator("button.more").click();
  await page.waitForFunction(() => document.querySelectorAll(".search-results li").length === 40);
  await page.locator("#search-page-q").fill("Beidou");
  await page.waitForFunction(() => new URL(location.href).searchParams.get("q") === "Beidou");
  await page.waitForFunction(() => document.querySelectorAll(".search-results li").length === 2);
  const marks = await page.locator(".search-results mark").allTextContents();
  assert.ok(marks.some((m) => m.includes("北斗")), `the Chinese term is highlighted: ${marks}`);
  await page.locator("#search-page-q").fill("量子引力");
  await page.waitForFunction(() => /没有找到/.test(document.querySelector(".search-status").textContent));
  assert.equal(await page.locator(".search-results li").count(), 0);
  await page.close();
});

test("without JavaScript the search page says that search needs it", async () => {
  const context = await site.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(site.origin + "search/?q=北斗");
  assert.match(await page.locator("main").innerText(), /需要启用 JavaScript/);
  await context.close();
});

test("/ and Ctrl-K go to the search box; the list fits a 390 px phone; the search page has the focus", async () => {
  const page = await site.browser.newPage({ viewport: { width: 390, height: 844 } });
  const errors = watchErrors(page);
  await page.goto(site.origin + "china-lac-policy-paper-2025/part3/");
  await page.keyboard.press("/");
  assert.equal(await page.evaluate(() => document.activeElement.id), "q");
  await page.keyboard.type("合作", { delay: 30 });
  await page.waitForSelector("#q-results [role=option] mark");
  const fit = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    right: document.querySelector("#q-results").getBoundingClientRect().right,
  }));
  assert.ok(fit.page <= 390, `the page is ${fit.page} px wide with the list open`);
  assert.ok(fit.right <= 390, `the list ends at ${fit.right} px`);
  await page.keyboard.press("Escape");
  assert.equal(await page.locator("#q-results").isHidden(), true);
  // Ctrl-K from anywhere on the page, after the focus moved away.
  await page.locator("h1").click();
  await page.keyboard.press("Control+k");
  assert.equal(await page.evaluate(() => document.activeElement.id), "q");
  await page.goto(site.origin + "search/");
  assert.equal(await page.evaluate(() => document.activeElement.matches("input[data-search-page]")), true);
  assert.deepEqual(errors, []);
  await page.close();
});
