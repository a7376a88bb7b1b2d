// The English side in headless Chromium: the language switcher keeps the reader at the same
// clause, the English search finds translated text and lands on the same clause id, and the
// parallel view shows two columns on a wide screen and stacks them on a phone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
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
