// The relevance suite: the real index of the seed site through the real search core
// (theme/search.js) in Node. Each expected clause must be in the top 5, and the exact results
// of every substring query must be exactly the passages that contain it (partial results,
// marked as such, may follow them).
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSite, ROOT } from "./harness.mjs";
import { loadCore, openIndex } from "./search-core.mjs";

const A = "china-celac-joint-action-plan-2025-2027/";
const P = "china-lac-policy-paper-2025/";

// [query, expected in the top 5 ("A#id" for the action plan, "P#id" for the policy paper),
//  whether the results must be exactly the passages containing the query as a substring]
const CASES = [
  // Two-character terms.
  ["北斗", ["A#art4-s7-i8", "P#part3-s2-i10-p2"], true],
  ["粮食", ["A#art2-s5-i2"], true],
  ["减贫", ["P#part3-s5-i2", "A#art4-s4-i1"], true],
  ["航天", ["P#part3-s2-i10", "A#art4-s7-i9"], true],
  ["地质", ["A#art2-s7-i4", "P#part3-s2-i11-p2"], true],
  ["旅游", ["P#part3-s5-i5", "A#art3-s4-i2"], true],
  ["气候", ["A#art4-s5", "P#part3-s2-i14"], true],
  // Long names.
  ["中拉基础设施合作论坛", ["A#art2-s4-i1"], true],
  ["全球发展倡议", ["P#part3-s2-i1", "A#art2-s1"], true],
  ["经认证的经营者", ["A#art2-s8-i1", "P#part3-s2-i12-p1"], true],
  ["鲁班工坊", ["P#part3-s3-i3-p1"], true],
  ["二十国集团", ["P#part3-s1-i7-p1"], true],
  ["联合国反腐败公约", ["A#art4-s2-i2", "P#part3-s4-i4-p1"], true],
  ["中国—拉共体论坛", ["P#part3-s1-i8-p1"], true],
  ["中国-拉共体", ["A#art3-s3-i8", "A#art2-s7-i4"], true],
  // Phrases that a page break split in the source (joined by the recogniser).
  ["促进中拉双方农业科技", ["P#part3-s2-i9-p2"], true],
  ["制定和应用国际标准", ["P#part3-s2-i17-p1"], true],
  ["刑事和民商事司法协助", ["P#part3-s4-i3-p1"], true],
  // Abbreviations and numbers.
  ["AEO", ["A#art2-s8-i1", "P#part3-s2-i12-p1"], false],
  ["FATF", ["P#part3-s4-i4-p1"], false],
  ["5G", ["A#art4-s8-i1"], false],
  ["660亿元", ["A#annex-s2"], true],
  ["3500个", ["A#annex-s3"], true],
  // One character, and the traditional 員 of the policy paper.
  ["斗", ["A#art4-s7-i8"], true],
  ["成員国", ["A#title"], true],
  ["体育管理人员", ["P#part3-s3-i4-p1"], true],
  // Several terms.
  ["航天 合作", ["P#part3-s2-i10", "A#art4-s7-i9"], false],
  ["北斗 论坛", ["A#art4-s7-i8", "P#part3-s2-i10-p2"], false],
  ["农业 科技", ["P#part3-s2-i9-p2"], false],
  // English and Spanish names from the glossary.
  ["Beidou", ["A#art4-s7-i8", "P#part3-s2-i10-p2"], false],
  ["panda bonds", ["A#art2-s3-i3", "P#part3-s2-i4-p1"], false],
  ["Global Development Initiative", ["P#part3-s2-i1", "A#art2-s1"], false],
  ["Luban Workshop", ["P#part3-s3-i3-p1"], false],
  ["becas", ["A#annex-s3"], false],
  ["bonos panda", ["A#art2-s3-i3"], false],
  ["Franja y la Ruta", ["P#part3-s2-i2"], false],
];

let S, idx;
before(async () => {
  S = loadCore();
  idx = await openIndex(S, buildSite());
});

const key = (u) => (u.page.startsWith(A) ? "A#" : u.page.startsWith(P) ? "P#" : "?#") + u.id;
const folded = (s) => Array.from(s).map(S.fold).join("").toLowerCase();

test("the suite has at least 30 queries of every kind", () => {
  assert.ok(CASES.length >= 30, `${CASES.length} queries`);
});

for (const [query, expected, exact] of CASES) {
  test(`search: ${query}`, async () => {
    const res = await S.search(idx.index, query);
    const top = res.hits.slice(0, 5).map((h) => key(idx.units[h.unit]));
    for (const e of expected) {
      assert.ok(top.includes(e), `${query}: ${e} not in the top 5: ${top.join(", ")}`);
    }
    // Exact results first, then partial ones.
    assert.ok(res.hits.every((h, i) => h.partial === (i >= res.exact)), `${query}: partial results before exact ones`);
    if (exact) {
      // The query, or another name of it that found something (`res.also`).
      const names = [query, ...res.also].map(folded);
      const want = idx.units.filter((u) => names.some((n) => folded(u.text).includes(n))).map((u) => u.unit);
      const got = Array.from(res.hits.slice(0, res.exact), (h) => h.unit).sort((a, b) => a - b);
      assert.deepEqual(got, want, `${query}: the result set is not exactly the passages containing it`);
      // Each contiguous match is one highlight, and highlights are the query.
      for (const h of res.hits.slice(0, Math.min(5, res.exact))) {
        const marks = S.snippet(idx.units[h.unit].text, res.terms, 400).filter((p) => p.mark);
        assert.ok(marks.length > 0, `${query}: no highlight in ${key(idx.units[h.unit])}`);
        for (const m of marks) assert.ok(names.some((n) => folded(m.text).includes(n)), `${query}: highlight ${m.text}`);
      }
    }
  });
}

test("a query that occurs nowhere finds nothing, and a glossary name no text has finds nothing", async () => {
  assert.equal((await S.search(idx.index, "量子引力")).total, 0);
  assert.equal((await S.search(idx.index, "zzyzx")).total, 0);
  assert.equal((await S.search(idx.index, "   ")).total, 0);
});

test("numbers and abbreviations beside characters, and a character after punctuation, give exact sets", async () => {
  for (const query of ["供3500个", "3500个中国", "提升5G网络", "5G网", "AEO)互", "(AEO)互认"]) {
    const res = await S.search(idx.index, query);
    const want = idx.units.filter((u) => folded(u.text).includes(folded(query))).map((u) => u.unit);
    const got = Array.from(res.hits.slice(0, res.exact), (h) => h.unit).sort((a, b) => a - b);
    assert.ok(want.length > 0, `${query} occurs in the seeds`);
    assert.deepEqual(got, want, `${query}: the result set is not exactly the passages containing it`);
  }
});

// An index over the same files that records the names of the files a search fetches.
function recording() {
  const seen = [];
  const index = new S.Index(idx.index.url, (url, kind) => {
    seen.push(url.replace(/.*\//, ""));
    return idx.index.load(url, kind);
  });
  const keyFiles = () => new Set(seen.filter((f) => /^[kump]\d/.test(f)).map((f) => f.replace(/^[kump]|\.json$/g, "")));
  return { index, seen, keyFiles };
}

test("a two-character query fetches the manifest, one shard, its key's files and the names of its key only", async () => {
  const r = recording();
  assert.ok((await S.search(r.index, "合作")).total > 100);
  assert.equal(r.seen.filter((f) => /^s\d+\.json$/.test(f)).length, 1, r.seen.join(" "));
  assert.equal(r.keyFiles().size, 1, r.seen.join(" "));
  assert.ok(r.seen.every((f) => /^(index|s\d+|[kump]\d+)\.json$/.test(f) || /^n\d+\.json$/.test(f)), r.seen.join(" "));
  assert.ok(r.seen.filter((f) => /^n\d+\.json$/.test(f)).length <= 1, r.seen.join(" "));
});

test("a phrase is covered by its rarest bigrams, every character at least once", () => {
  const toks = S.parse("甲乙丙丁戊")[0];
  const keys = S.keysOf(toks);
  assert.deepEqual(Array.from(keys, (k) => k.key), ["甲乙", "乙丙", "丙丁", "丁戊"]);
  const df = { 甲乙: 10, 乙丙: 1000, 丙丁: 20, 丁戊: 30 };
  keys.forEach((k) => { k.df = df[k.key]; });
  assert.deepEqual(Array.from(S.cover(keys, toks.length), (k) => k.key), ["甲乙", "丙丁", "丁戊"]);
  df.乙丙 = 5;
  keys.forEach((k) => { k.df = df[k.key]; });
  assert.deepEqual(Array.from(S.cover(keys, toks.length), (k) => k.key), ["甲乙", "乙丙", "丁戊"]);
});

test("a phrase fetches the files of the keys that cover it, not of all its bigrams", async () => {
  const r = recording();
  assert.ok((await S.search(r.index, "中拉基础设施合作论坛")).total > 0);
  const keys = r.keyFiles().size;
  assert.ok(keys < 9, `${keys} keys for 10 characters (9 bigrams): ${r.seen.join(" ")}`);
});

test("a query no passage has any piece of fetches no key file", async () => {
  const r = recording();
  assert.equal((await S.search(r.index, "量子引力")).total, 0);
  assert.equal(r.keyFiles().size, 0, r.seen.join(" "));
});

test("a query found nowhere as a whole gives partial results: most of it, close together", async () => {
  const res = await S.search(idx.index, "制定和应用量子");
  assert.equal(res.exact, 0);
  assert.ok(res.total > 0 && res.hits.every((h) => h.partial));
  assert.equal(key(idx.units[res.hits[0].unit]), "P#part3-s2-i17-p1");
  // A passage with under 60% of the query's weight is not a result.
  const few = await S.search(idx.index, "北斗量子引力波探测");
  assert.ok(few.hits.length === 0, few.hits.map((h) => key(idx.units[h.unit])).join(" "));
});

test("a snippet of Latin text starts and ends between words", () => {
  const text = "The two sides are willing to cooperate in the field of food security and, in line with " +
    "the goals of the Global Alliance against Hunger and Poverty, strengthen the exchange of experience.";
  const words = new Set(text.split(/[^A-Za-z]+/));
  for (const q of ["hunger", "security", "exchange", "two"]) {
    for (const width of [30, 45, 60, 90]) {
      const parts = S.snippet(text, [[S.parse(q)[0]]], width);
      const shown = parts.map((p) => p.text).join("").replace(/…/g, " ");
      for (const w of shown.split(/[^A-Za-z]+/).filter(Boolean)) assert.ok(words.has(w), `${q}/${width}: "${w}" is a piece of a word`);
      assert.ok(parts.some((p) => p.mark), `${q}/${width}: no highlight`);
    }
  }
});

test("on the English site, an English query finds a clause that has no translation yet", async () => {
  // The seed project without the action plan's English translation: its clauses are shown,
  // and searched, in Chinese on the English pages.
  const root = mkdtempSync(join(tmpdir(), "gongwen-untranslated-"));
  cpSync(join(ROOT, "seeds"), join(root, "seeds"), { recursive: true });
  cpSync(join(ROOT, "content"), join(root, "content"), { recursive: true });
  for (const f of readdirSync(join(root, "content/translations/en"))) {
    if (f.startsWith("000_")) rmSync(join(root, "content/translations/en", f));
  }
  const en = await openIndex(S, join(buildSite(root), "en"));
  const res = await S.search(en.index, "scholarships");
  const top = res.hits.slice(0, 8).map((h) => en.units[h.unit]);
  const annex = top.find((u) => u.page === `${A}annex/` && u.id === "annex-s3");
  assert.ok(annex, top.map((u) => u.page + u.id).join(" "));
  assert.match(annex.text, /奖学金/, "the clause is found in Chinese");
  const marks = S.snippet(annex.text, res.terms, 400).filter((p) => p.mark).map((p) => p.text);
  assert.ok(marks.some((m) => m.includes("奖学金")), marks.join(" "));
  rmSync(root, { recursive: true });
});

test("a page-break join is one highlight, not two", async () => {
  const res = await S.search(idx.index, "促进中拉双方农业科技");
  const u = idx.units[res.hits[0].unit];
  const marks = Array.from(S.snippet(u.text, res.terms, 400).filter((p) => p.mark), (p) => p.text);
  assert.deepEqual(marks, ["促进中拉双方农业科技"]);
});

test("the index agrees with the text on every bigram of a passage", async () => {
  // Every 2-, 3- and 4-character Han substring of a sample of passages finds that passage.
  for (const u of idx.units.filter((_, i) => i % 17 === 0)) {
    const chars = Array.from(u.text);
    for (let i = 0; i + 4 <= chars.length; i += 7) {
      for (const n of [2, 3, 4]) {
        const q = chars.slice(i, i + n).join("");
        if (!/^\p{Script=Han}+$/u.test(q)) continue;
        const res = await S.search(idx.index, q);
        assert.ok(res.hits.some((h) => h.unit === u.unit), `${q} does not find ${key(u)}`);
      }
    }
  }
});

test("the manifest keeps its path, is fetched revalidated, and names the folder of every other file", async () => {
  const fresh = [];
  const files = [];
  const index = new S.Index(idx.index.url, (url, kind, revalidate) => {
    (revalidate ? fresh : files).push(url);
    return idx.index.load(url, kind);
  });
  assert.ok((await S.search(index, "合作")).total > 100);
  assert.deepEqual(fresh.map((u) => u.replace(/^.*?search\//, "search/")), ["search/zh-Hans/index.json"]);
  const m = await index.ready();
  assert.match(m.dir, /^[0-9a-f]{8}\/$/);
  assert.ok(files.length > 0 && files.every((u) => u.includes(`/zh-Hans/${m.dir}`)), files.join(" "));
});
