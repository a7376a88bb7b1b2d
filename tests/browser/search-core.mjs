// Loads the real theme/search.js core into Node and points it at a built site's index.
import { readFileSync } from "node:fs";
import vm from "node:vm";
import { join } from "node:path";
import { ROOT } from "./harness.mjs";

export function loadCore() {
  const ctx = { TextEncoder, TextDecoder, URL, Map, Promise };
  ctx.globalThis = ctx;
  vm.createContext(ctx);
  vm.runInContext(readFileSync(join(ROOT, "theme/search.js"), "utf8"), ctx);
  return ctx.GongwenSearch;
}

/// The index of a built site: the core's Index reading files from `dir`, plus every unit.
export async function openIndex(S, dir) {
  const html = readFileSync(join(dir, "index.html"), "utf8");
  const manifest = html.match(/data-index="?([^" >]+)/)[1];
  const load = async (url, kind) => {
    const bytes = readFileSync(join(dir, url));
    return kind === "json" ? JSON.parse(bytes.toString("utf8")) : new Uint8Array(bytes);
  };
  const index = new S.Index(manifest, load);
  const m = await index.ready();
  const units = [];
  for (let u = 0; u < m.n; u++) units.push(await index.unit(u));
  return { index, manifest: m, units };
}
