// Shared setup for the browser tests: build the site into a temporary folder, serve it on
// 127.0.0.1 under a sub-path (as GitHub Pages serves a project site), and launch Debian's
// Chromium through playwright-core.
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { mkdtempSync, readFileSync, statSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, extname, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const BASE = "/gongwen/";

const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".json": "application/json", ".png": "image/png", ".svg": "image/svg+xml", ".xml": "application/xml",
  ".txt": "text/plain" };

export function buildSite(root = ROOT) {
  const out = mkdtempSync(join(tmpdir(), "gongwen-browser-"));
  const bin = process.env.GONGWEN_BIN || join(ROOT, "target/debug/gongwen");
  execFileSync(bin, ["--root", root, "build", "--out", join(out, "site"), "--base-url", BASE],
    { stdio: ["ignore", "ignore", "pipe"] });
  return join(out, "site");
}

export function serve(dir) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    let path = decodeURIComponent(url.pathname);
    const send = (status, file) => {
      res.writeHead(status, { "content-type": TYPES[extname(file)] || "application/octet-stream" });
      res.end(readFileSync(file));
    };
    if (!path.startsWith(BASE)) return send(404, join(dir, "404.html"));
    let file = join(dir, path.slice(BASE.length));
    if (!file.startsWith(dir)) return send(404, join(dir, "404.html"));
    if (existsSync(file) && statSync(file).isDirectory()) {
      if (!path.endsWith("/")) { res.writeHead(301, { location: path + "/" }); return res.end(); }
      file = join(file, "index.html");
    }
    if (!existsSync(file)) return send(404, join(dir, "404.html"));
    send(200, file);
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--disable-quic"],
  });
}

/// Records console errors, page errors and failed requests of a page.
export function watchErrors(page) {
  const errors = [];
  page.on("console", (m) => {
    // Chromium asks for /favicon.ico at the server's root whatever the page declares; under
    // a sub-path that file belongs to the host, not to this site.
    if (m.type() === "error" && !/^http:\/\/[^/]+\/favicon\.ico$/.test(m.location().url)) {
      errors.push(`console: ${m.text()} at ${m.location().url}`);
    }
  });
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("requestfailed", (r) => errors.push(`requestfailed: ${r.url()}`));
  page.on("response", (r) => { if (r.status() >= 400 && !r.url().endsWith("/no-such-page/")) errors.push(`HTTP ${r.status()}: ${r.url()}`); });
  return errors;
}

/// Builds, serves and opens a browser for one test file; `stop()` closes both.
export async function startSite() {
  const dir = buildSite();
  const server = await serve(dir);
  const origin = `http://127.0.0.1:${server.address().port}${BASE}`;
  const browser = await launch();
  return { dir, origin, browser, stop: async () => { await browser.close(); server.close(); } };
}
