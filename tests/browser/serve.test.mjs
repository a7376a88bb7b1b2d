// `gongwen serve` in Chromium: an open page reloads after a rebuild with the new text, at the
// same anchor or scroll offset; a failed rebuild shows its error over the page until the fix.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, BASE, launch, watchErrors } from "./harness.mjs";

const SEED = "seeds/000_e0c0b504374b171f.txt";
const PARAGRAPH = "二、拓展双方各层级人员往来,加强重点领域经验交流。";
const ART1 = "china-celac-joint-action-plan-2025-2027/art1/";

let dir, server, browser, origin, log = "";

/// Starts `gongwen serve` on a copy of the project published under BASE.
function startServe() {
  dir = mkdtempSync(join(tmpdir(), "gongwen-serve-"));
  for (const sub of ["seeds", "content"]) cpSync(join(ROOT, sub), join(dir, sub), { recursive: true });
  const site = join(dir, "content/site.yaml");
  writeFileSync(site, readFileSync(site, "utf8").replace("base_url: /", `base_url: https://owner.github.io${BASE}`));
  const bin = process.env.GONGWEN_BIN || join(ROOT, "target/debug/gongwen");
  server = spawn(bin, ["--root", dir, "serve", "--port", "0"], { stdio: ["ignore", "ignore", "pipe"] });
  return new Promise((ok, fail) => {
    server.stderr.on("data", (chunk) => {
      log += chunk;
      const address = log.match(/http:\/\/(127\.0\.0\.1:\d+)\//);
      if (address && / ms\n/.test(log)) ok(`http://${address[1]}${BASE}`);
    });
    server.on("exit", (code) => fail(new Error(`serve exited with ${code}:\n${log}`)));
  });
}

function edit(rel, from, to) {
  const path = join(dir, rel);
  const text = readFileSync(path, "utf8");
  assert.ok(text.includes(from), `${rel} has ${from}`);
  writeFileSync(path, text.replace(from, to));
}

/// Opens `path` and waits until its live-reload connection is open.
async function open(path) {
  const page = await browser.newPage({ viewport: { width: 1024, height: 700 } });
  const errors = watchErrors(page);
  await page.goto(origin + path);
  await page.waitForFunction(() => document.documentElement.dataset.live === "connected");
  return { page, errors };
}

before(async () => {
  origin = await startServe();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.kill("SIGINT");
  rmSync(dir, { recursive: true, force: true });
});

test("a seed edit reloads the open page with the new text, at the same anchor", async () => {
  const { page, errors } = await open(`${ART1}#art1-s2`);
  const top = () => page.evaluate(() => document.getElementById("art1-s2").getBoundingClientRect().top);
  const before = await top();
  await page.evaluate(() => { window.beforeReload = true; });
  edit(SEED, PARAGRAPH, "二、拓展双方各层级人员往来,加强重点领域经验交流与实时预览。");
  await page.waitForFunction(() => document.getElementById("art1-s2")?.textContent.includes("实时预览"),
    null, { timeout: 15000 });
  assert.equal(await page.evaluate(() => window.beforeReload), undefined, "the page reloaded");
  assert.equal(new URL(page.url()).hash, "#art1-s2");
  await page.waitForFunction(() => document.readyState === "complete"
    && document.documentElement.dataset.live === "connected");
  const now = await top();
  assert.ok(Math.abs(now - before) < 3, `the anchor is where it was (${before} px, now ${now} px)`);
  // The event stream is cut when the page reloads: that request "fails" by design.
  assert.deepEqual(errors.filter((e) => !e.includes("/__gongwen/events")), []);
  await page.close();
});

test("a failed rebuild shows the error over the page; the fix clears it", async () => {
  const { page } = await open(ART1);
  edit("content/site.yaml", "footer:", "footer: [unclosed\nfooter:");
  const overlay = page.locator("#gongwen-error");
  await overlay.waitFor({ state: "visible", timeout: 15000 });
  assert.match(await overlay.textContent(), /content\/site\.yaml:\d+/);
  assert.ok((await page.content()).includes("实时预览"), "the last good page stays");
  edit("content/site.yaml", "footer: [unclosed\nfooter:", "footer:");
  await page.waitForFunction(() => !document.getElementById("gongwen-error")
    && document.documentElement.dataset.live === "connected", null, { timeout: 15000 });
  await page.close();
});

test("a page without an anchor reloads at the same scroll offset", async () => {
  const { page } = await open("china-celac-joint-action-plan-2025-2027/");
  await page.evaluate(() => { window.scrollTo(0, 600); window.beforeReload = true; });
  await page.waitForFunction(() => Math.abs(window.scrollY - 600) < 2);
  edit(SEED, "实时预览", "即时预览");
  await page.waitForFunction(() => window.beforeReload === undefined
    && document.documentElement.dataset.live === "connected", null, { timeout: 15000 });
  await page.waitForFunction(() => Math.abs(window.scrollY - 600) < 2, null, { timeout: 3000 });
  await page.close();
});
