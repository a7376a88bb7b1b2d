// gongwen search: the reader for the index that src/search/ builds. No framework, no
// external request, no innerHTML. The core (normalisation, index, ranking, snippets) also runs
// in Node for the relevance tests: it is `globalThis.GongwenSearch`. The user interface (the
// box in every page's header, the search page, highlighting on the target page) starts only
// in a browser.
(function (global) {
  "use strict";

  // ---- Normalisation: the same as src/enrich/fold.rs and src/search/token.rs ----

  var FOLD = { "—": "-", "–": "-", "－": "-", "‐": "-", "‑": "-", "―": "-", "（": "(", "）": ")",
    "，": ",", "；": ";", "：": ":", "員": "员", "\u3000": " " };
  var WORD = /[\p{Alphabetic}\p{N}]/u;
  var MARKS = /\p{M}/gu;

  function fold(c) {
    if (FOLD[c]) { return FOLD[c]; }
    var cp = c.codePointAt(0);
    if (cp >= 0xff01 && cp <= 0xff5e) { return String.fromCodePoint(cp - 0xfee0); }
    return c;
  }

  function isHan(c) {
    var cp = c.codePointAt(0);
    return (cp >= 0x2e80 && cp <= 0x2fdf) || cp === 0x3005 || cp === 0x3007 ||
      (cp >= 0x3021 && cp <= 0x3029) || (cp >= 0x3038 && cp <= 0x303b) ||
      (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) ||
      (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3ffff);
  }

  function foldWord(w) {
    return w.normalize("NFD").replace(MARKS, "").toLowerCase();
  }

  // Tokens of a text: {t: "h" (a Han character) | "w" (a word) | "g" (a gap), v, s, e},
  // with s and e the UTF-16 offsets in the original text.
  function tokens(text) {
    var out = [];
    var word = "";
    var ws = 0;
    var i = 0;
    function endWord(at) {
      if (word) { out.push({ t: "w", v: foldWord(word), s: ws, e: at }); word = ""; }
    }
    for (var ch of text) {
      var c = fold(ch);
      var han = isHan(c);
      if (!han && WORD.test(c)) {
        if (!word) { ws = i; }
        word += c;
      } else {
        endWord(i);
        if (han) {
          out.push({ t: "h", v: c, s: i, e: i + ch.length });
        } else if (out.length && out[out.length - 1].t !== "g") {
          out.push({ t: "g", v: "", s: i, e: i + ch.length });
        }
      }
      i += ch.length;
    }
    endWord(i);
    if (out.length && out[out.length - 1].t === "g") { out.pop(); }
    return out;
  }

  // A word as the glossary's names are matched: folded, a plural -s dropped.
  function stem(w) {
    return w.length > 3 && /[^s]s$/.test(w) ? w.slice(0, -1) : w;
  }

  // FNV-1a over UTF-8, as key_hash in src/search/mod.rs.
  var encoder = new TextEncoder();
  function keyHash(key) {
    var h = 0x811c9dc5;
    var bytes = encoder.encode(key);
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  // ---- The index ----

  // Numbers in base 32, low digits first: the first 32 characters of ALPHABET end a number,
  // the last 32 say more digits follow (as `digits` in src/search/format.rs).
  var ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var DIGIT = new Int8Array(128);
  for (var a = 0; a < 64; a++) { DIGIT[ALPHABET.charCodeAt(a)] = a; }
  function numbers(s) {
    var out = [], x = 0, shift = 1;
    for (var i = 0; i < s.length; i++) {
      var d = DIGIT[s.charCodeAt(i)];
      if (d >= 32) { x += (d - 32) * shift; shift *= 32; } else { out.push(x + d * shift); x = 0; shift = 1; }
    }
    return out;
  }
  function prefixSums(xs) {
    for (var i = 1; i < xs.length; i++) { xs[i] += xs[i - 1]; }
    return xs;
  }
  // Positions per unit, from the position deltas and the counts.
  function positions(s, counts) {
    var all = numbers(s), out = new Array(counts.length), at = 0;
    for (var k = 0; k < counts.length; k++) {
      var list = new Array(counts[k]), p = 0;
      for (var j = 0; j < counts[k]; j++) { p += all[at++]; list[j] = p; }
      out[k] = list;
    }
    return out;
  }

  // `load(url, kind, fresh)` fetches a JSON file: url is absolute or relative to the page;
  // `fresh` asks for it revalidated. The manifest (`search/<lang>/index.json`) keeps its name
  // from build to build and names the folder of this build's files (`dir`, a hash of them),
  // which are fetched from there: so every page links the same manifest, and a reader never
  // mixes the files of two builds.
  function Index(manifestUrl, load) {
    this.url = manifestUrl;
    this.base = manifestUrl.replace(/[^/]*$/, "");
    this.dir = null;
    this.load = load;
    this.files = {};
    this.manifest = null;
  }

  Index.prototype.file = function (name) {
    if (!this.files[name]) {
      var self = this;
      this.files[name] = this.ready().then(function () {
        return self.load(self.dir + name, "json");
      }).catch(function (e) {
        delete self.files[name];
        throw e;
      });
    }
    return this.files[name];
  };

  Index.prototype.ready = function () {
    var self = this;
    if (!this.manifest) {
      this.manifest = this.load(this.url, "json", true).then(function (m) {
        self.dir = self.base + m.dir;
        return m;
      }).catch(function (e) { self.manifest = null; throw e; });
    }
    return this.manifest;
  };

  // A key's entry in its shard: {key, df, cols} where cols(i) gives a promise of its column
  // i (0 units, 1 counts, 2 metas, 3 positions); null for a key no unit has.
  Index.prototype.entry = function (key) {
    var self = this;
    return this.ready().then(function (m) {
      return self.file("s" + (keyHash(key) % m.shards) + ".json");
    }).then(function (shard) {
      var e = Object.prototype.hasOwnProperty.call(shard, key) ? shard[key] : null;
      if (!e) { return null; }
      var cols;
      if (e.length === 5) {
        cols = function (i) { return Promise.resolve(e[i + 1]); };
      } else if (e.length === 3) {
        cols = function (i) { return self.file("k" + e[1] + ".json").then(function (c) { return c[i]; }); };
      } else {
        cols = function (i) {
          var name = (i < 2 ? "u" : i === 2 ? "m" : "p") + e[1] + ".json";
          return self.file(name).then(function (c) { return i < 2 ? c[i] : c; });
        };
      }
      return { key: key, df: e[0], cols: cols };
    });
  };

  // A key's units (ascending) and counts: {units, counts}.
  Index.prototype.units = function (e) {
    return Promise.all([e.cols(0), e.cols(1)]).then(function (c) {
      return { units: prefixSums(numbers(c[0])), counts: numbers(c[1]) };
    });
  };

  // A key's metas, `len << 1 | heading` for each of its units.
  Index.prototype.metas = function (e) {
    return e.cols(2).then(numbers);
  };

  // A key's positions, a list for each of its units (counts from `units`).
  Index.prototype.positions = function (e, counts) {
    return e.cols(3).then(function (s) { return positions(s, counts); });
  };

  Index.prototype.names = function () {
    var self = this;
    return this.ready().then(function (m) {
      if (!m.names) { return []; }
      return self.file("names.json").then(function (list) {
        return list.map(function (e) {
          return { words: e[0].split(" ").map(stem), zh: e[1] };
        });
      });
    });
  };

  // The passage of unit u: {unit, page, id, doc, cite, text, heading, url}.
  Index.prototype.unit = function (u) {
    var self = this;
    return this.ready().then(function (m) {
      var c = Math.floor(u / m.k);
      return self.file("c" + c + ".json").then(function (chunk) {
        var row = chunk.u[u - c * m.k];
        var page = chunk.p[row[0]];
        return { unit: u, page: page, id: row[1], doc: chunk.d[row[2]], cite: row[3],
          text: row[4], heading: row[5] === 1, url: page + (row[1] ? "#" + row[1] : "") };
      });
    });
  };

  // ---- Queries ----

  // A query: terms separated by spaces, each a sequence of tokens that must occur as it is.
  function parse(query) {
    var terms = [];
    Array.from(query).map(fold).join("").split(/\s+/).forEach(function (part) {
      var toks = tokens(part).map(function (t) { return { t: t.t, v: t.v }; });
      if (toks.length) { terms.push(toks); }
    });
    return terms;
  }

  // The keys of a token sequence, each with the span [offset, end) of tokens it vouches for:
  // a pair of neighbours (two Han characters, a character or word and the gap or the word or
  // character after it) with positions; a word alone with positions; a lone Han character
  // (the whole sequence, or the last token after a gap) with counts only: `loose`, a match
  // to check against the text.
  function keysOf(toks) {
    if (toks.length === 1) { return [{ key: toks[0].v, offset: 0, end: 1 }]; }
    var keys = [];
    for (var o = 0; o < toks.length; o++) {
      var t = toks[o], next = toks[o + 1];
      if (t.t === "g") { continue; }
      if (t.t === "w") { keys.push({ key: t.v, offset: o, end: o + 1 }); }
      if (next) {
        keys.push({ key: t.v + (next.t === "g" ? " " : next.v), offset: o, end: o + 2 });
      } else if (t.t === "h" && toks[o - 1].t === "g") {
        keys.push({ key: t.v, offset: o, end: o + 1, loose: true });
      }
    }
    return keys;
  }

  // The cheapest keys (fewest units in all) whose spans cover every token, by dynamic
  // programming over the token offsets.
  function cover(keys, length) {
    var best = [{ cost: 0, keys: [] }];
    for (var end = 1; end <= length; end++) {
      keys.forEach(function (k) {
        if (k.end !== end) { return; }
        for (var j = k.offset; j < end; j++) {
          var b = best[j];
          if (!b) { continue; }
          var cost = b.cost + k.df;
          if (!best[end] || cost < best[end].cost) { best[end] = { cost: cost, keys: b.keys.concat([k]) }; }
        }
      });
    }
    return best[length].keys;
  }

  // Where a token sequence occurs: Map unit → {meta, tf, pos: [start…] or null}. Looks up
  // every key of the sequence (any key no unit has means no match), fetches the units of the
  // rarest keys that cover it and, only where those units meet and there is more than one key
  // (or `needPos`), their positions.
  function matchSeq(index, toks, needPos) {
    var result = new Map();
    var keys = keysOf(toks);
    return Promise.all(keys.map(function (k) { return index.entry(k.key); })).then(function (entries) {
      if (!keys.length || entries.some(function (e) { return !e; })) { return null; }
      keys.forEach(function (k, i) { k.entry = entries[i]; k.df = entries[i].df; });
      var use = cover(keys, toks.length);
      use.sort(function (a, b) { return a.df - b.df; });
      result.loose = use.some(function (k) { return k.loose; });
      return Promise.all([Promise.all(use.map(function (k) { return index.units(k.entry); })),
        index.metas(use[0].entry)]).then(function (got) {
        var lists = got[0], metas = got[1];
        // Units in all lists, from the rarest: [index in each list…].
        var maps = lists.map(function (l) {
          var m = new Map();
          for (var k = 0; k < l.units.length; k++) { m.set(l.units[k], k); }
          return m;
        });
        var found = [];
        for (var k = 0; k < lists[0].units.length; k++) {
          var at = [k];
          for (var i = 1; i < lists.length && at.length === i; i++) {
            var x = maps[i].get(lists[0].units[k]);
            if (x !== undefined) { at.push(x); }
          }
          if (at.length === lists.length) { found.push(at); }
        }
        // One key needs no positions, except for proximity (a lone Han character has none).
        if (!found.length) { return null; }
        if (use.length === 1 && (!needPos || toks[0].t === "h" && toks.length === 1)) {
          found.forEach(function (at) {
            var k = at[0];
            result.set(lists[0].units[k], { meta: metas[k], tf: lists[0].counts[k], pos: null });
          });
          return null;
        }
        // Positions of every key but a loose one; the first such key anchors the check.
        var first = use[0].loose ? 1 : 0;
        return Promise.all(use.map(function (k, i) {
          return k.loose ? null : index.positions(k.entry, lists[i].counts);
        })).then(function (pos) {
          found.forEach(function (at) {
            var starts = [];
            var base = pos[first][at[first]];
            for (var s = 0; s < base.length; s++) {
              var start = base[s] - use[first].offset;
              var ok = true;
              for (var q = 0; q < use.length && ok; q++) {
                ok = q === first || !pos[q] || pos[q][at[q]].indexOf(start + use[q].offset) >= 0;
              }
              if (ok) { starts.push(start); }
            }
            if (starts.length) {
              result.set(lists[0].units[at[0]], { meta: metas[at[0]], tf: starts.length, pos: starts });
            }
          });
        });
      });
    }).then(function () { return result; });
  }

  // The Chinese names a Latin term stands for (from the glossary's English and Spanish names
  // and abbreviations): names whose words contain the term's words in order.
  function expand(index, words) {
    if (!words.length) { return Promise.resolve([]); }
    var want = words.map(stem);
    return index.names().then(function (names) {
      var out = [];
      names.forEach(function (n) {
        for (var i = 0; i + want.length <= n.words.length; i++) {
          var hit = true;
          for (var j = 0; j < want.length && hit; j++) { hit = n.words[i + j] === want[j]; }
          if (hit) {
            n.zh.forEach(function (z) { if (out.indexOf(z) < 0) { out.push(z); } });
            break;
          }
        }
      });
      return out;
    });
  }

  function onlyWords(toks) {
    return toks.every(function (t) { return t.t !== "h"; }) &&
      toks.some(function (t) { return t.t === "w"; });
  }

  // A term's variants: itself, plus for a Latin term the Chinese names it stands for.
  function variants(index, terms) {
    var latin = terms.length > 0 && terms.every(onlyWords);
    var whole = latin && terms.length > 1
      ? expand(index, [].concat.apply([], terms.map(function (t) {
        return t.filter(function (x) { return x.t === "w"; }).map(function (x) { return x.v; });
      })))
      : Promise.resolve([]);
    return whole.then(function (zh) {
      if (zh.length) {
        // The whole query names a glossary term: one term, the phrase or its Chinese names.
        var phrase = [];
        terms.forEach(function (t, i) { if (i) { phrase.push({ t: "g", v: "" }); } phrase.push.apply(phrase, t); });
        return [[phrase].concat(zh.map(function (z) { return parse(z)[0]; }))];
      }
      return Promise.all(terms.map(function (t) {
        if (!onlyWords(t)) { return [t]; }
        return expand(index, t.filter(function (x) { return x.t === "w"; }).map(function (x) { return x.v; }))
          .then(function (zh) { return [t].concat(zh.map(function (z) { return parse(z)[0]; })); });
      }));
    });
  }

  var K1 = 1.2, B = 0.75, HEADING = 1.5;

  // Searches: {query, terms: [[variant tokens…]…], total, hits: [{unit, score}…]} with every
  // unit that contains every term, best first.
  function search(index, query) {
    var terms = parse(query);
    if (!terms.length) { return Promise.resolve({ query: query, terms: [], total: 0, hits: [] }); }
    return index.ready().then(function (m) {
      return variants(index, terms).then(function (vs) {
        return Promise.all(vs.map(function (group) {
          return Promise.all(group.map(function (toks) { return matchSeq(index, toks, vs.length > 1); }))
            .then(function (maps) {
              // The union of the variants.
              var u = new Map();
              u.loose = maps.some(function (mp) { return mp.loose; });
              maps.forEach(function (mp) {
                mp.forEach(function (v, unit) {
                  var had = u.get(unit);
                  if (!had) { u.set(unit, { meta: v.meta, tf: v.tf, pos: v.pos ? v.pos.slice() : null }); return; }
                  had.tf += v.tf;
                  if (had.pos && v.pos) { had.pos = had.pos.concat(v.pos); } else { had.pos = null; }
                });
              });
              return u;
            });
        })).then(function (perTerm) {
          var n = m.n, avg = m.avg || 1;
          perTerm.sort(function (a, b) { return a.size - b.size; });
          var hits = [];
          perTerm[0].forEach(function (v, unit) {
            var score = 0, all = true;
            for (var t = 0; t < perTerm.length; t++) {
              var e = perTerm[t].get(unit);
              if (!e) { all = false; break; }
              var df = perTerm[t].size;
              var idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
              var len = e.meta >> 1;
              score += idf * (e.tf * (K1 + 1)) / (e.tf + K1 * (1 - B + B * len / avg));
            }
            if (!all) { return; }
            if (v.meta & 1) { score *= HEADING; }
            if (perTerm.length > 1) { score *= 1 + 0.5 / (1 + proximity(perTerm, unit) / 8); }
            hits.push({ unit: unit, score: score });
          });
          hits.sort(function (a, b) { return b.score - a.score || a.unit - b.unit; });
          if (!perTerm.some(function (t) { return t.loose; })) {
            return { query: query, terms: vs, total: hits.length, hits: hits };
          }
          // Some term could not be checked by position: check the texts.
          return Promise.all(hits.map(function (h) { return index.unit(h.unit); })).then(function (units) {
            hits = hits.filter(function (h, i) {
              return vs.every(function (group) { return ranges(units[i].text, [group]).length > 0; });
            });
            return { query: query, terms: vs, total: hits.length, hits: hits };
          });
        });
      });
    });
  }

  // The smallest distance between matches of consecutive terms in a unit.
  function proximity(perTerm, unit) {
    var best = Infinity;
    for (var t = 1; t < perTerm.length; t++) {
      var a = perTerm[t - 1].get(unit).pos, b = perTerm[t].get(unit).pos;
      if (!a || !b) { continue; }
      for (var i = 0; i < a.length; i++) {
        for (var j = 0; j < b.length; j++) { best = Math.min(best, Math.abs(a[i] - b[j])); }
      }
    }
    return best === Infinity ? 64 : best;
  }

  // The ranges [start, end) of a text where any variant of any term occurs, merged where
  // they touch, so each contiguous match is one highlight.
  function ranges(text, terms) {
    var toks = tokens(text);
    var found = [];
    terms.forEach(function (group) {
      group.forEach(function (needle) {
        for (var i = 0; i + needle.length <= toks.length; i++) {
          var ok = true;
          for (var j = 0; j < needle.length && ok; j++) {
            ok = toks[i + j].t === needle[j].t && toks[i + j].v === needle[j].v;
          }
          if (ok) { found.push([toks[i].s, toks[i + needle.length - 1].e]); }
        }
      });
    });
    found.sort(function (a, b) { return a[0] - b[0]; });
    var merged = [];
    found.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) { last[1] = Math.max(last[1], r[1]); } else { merged.push(r.slice()); }
    });
    return merged;
  }

  // A snippet around the first match: [{text, mark}…], at most about `width` characters.
  function snippet(text, terms, width) {
    width = width || 90;
    var rs = ranges(text, terms);
    var from = 0;
    if (rs.length && rs[0][0] > width / 3) { from = rs[0][0] - Math.floor(width / 3); }
    var to = Math.min(text.length, from + width);
    var parts = [];
    if (from > 0) { parts.push({ text: "…", mark: false }); }
    var at = from;
    rs.forEach(function (r) {
      if (r[1] <= from || r[0] >= to) { return; }
      var s = Math.max(r[0], from), e = Math.min(r[1], to);
      if (s > at) { parts.push({ text: text.slice(at, s), mark: false }); }
      parts.push({ text: text.slice(s, e), mark: true });
      at = e;
    });
    if (at < to) { parts.push({ text: text.slice(at, to), mark: false }); }
    if (to < text.length) { parts.push({ text: "…", mark: false }); }
    return parts;
  }

  var core = { fold: fold, tokens: tokens, keyHash: keyHash, parse: parse, keysOf: keysOf,
    cover: cover, Index: Index, search: search, ranges: ranges, snippet: snippet };
  global.GongwenSearch = core;

  if (typeof document === "undefined") { return; }

  // ---- The user interface ----

  function loadUrl(url, kind, fresh) {
    return fetch(url, fresh ? { cache: "no-cache" } : {}).then(function (r) {
      if (!r.ok) { throw new Error(url + ": HTTP " + r.status); }
      return r.json();
    });
  }

  var form = document.querySelector("form.search-box");
  if (!form) { return; }
  // The page's interface strings (`<script id="ui-strings">`), `{name}` filled in.
  var strings = {};
  try { strings = JSON.parse(document.getElementById("ui-strings").textContent); } catch (e) { strings = {}; }
  function ui(key, args) {
    return (strings[key] || key).replace(/\{(\w+)\}/g, function (m, name) {
      return args && name in args ? String(args[name]) : m;
    });
  }
  var root = new URL(form.getAttribute("data-root"), location.href);
  var index = new Index(new URL(form.getAttribute("data-index"), location.href).href, loadUrl);

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text) { e.textContent = text; }
    return e;
  }

  function marked(parts) {
    var p = el("span", "snip");
    parts.forEach(function (x) { p.appendChild(x.mark ? el("mark", "", x.text) : document.createTextNode(x.text)); });
    return p;
  }

  function href(u, query) {
    var url = new URL(u.page, root);
    url.searchParams.set("q", query);
    if (u.id) { url.hash = u.id; }
    return url.href;
  }

  function crumb(u) {
    return u.cite ? u.doc + " › " + u.cite : u.doc;
  }

  // Runs a query and fetches the passages of the first `count` hits.
  function run(query, count) {
    return search(index, query).then(function (res) {
      return Promise.all(res.hits.slice(0, count).map(function (h) { return index.unit(h.unit); }))
        .then(function (units) { res.units = units; return res; });
    });
  }

  function debounce(fn, ms) {
    var t = null;
    return function () { clearTimeout(t); t = setTimeout(fn, ms); };
  }

  // The header's combobox: results as you type, arrows to move, Enter to open.
  var input = form.querySelector("input[role=combobox]");
  var list = form.querySelector("[role=listbox]");
  var active = -1;
  var seq = 0;

  function options() { return list.querySelectorAll("[role=option]"); }

  function setActive(i) {
    var opts = options();
    if (!opts.length) { return; }
    active = (i + opts.length) % opts.length;
    opts.forEach(function (o, j) { o.setAttribute("aria-selected", j === active ? "true" : "false"); });
    input.setAttribute("aria-activedescendant", opts[active].id);
    opts[active].scrollIntoView({ block: "nearest" });
  }

  function closeList() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function option(i, link, children) {
    var li = el("li");
    li.id = "q-opt-" + i;
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", "false");
    var a = el("a");
    a.href = link;
    a.tabIndex = -1;
    children.forEach(function (c) { a.appendChild(c); });
    li.appendChild(a);
    return li;
  }

  function searchPage(q) {
    var url = new URL("search/", root);
    url.searchParams.set("q", q);
    return url.href;
  }

  var update = debounce(function () {
    var q = input.value.trim();
    var mine = ++seq;
    if (!q) { closeList(); return; }
    run(q, 8).then(function (res) {
      if (mine !== seq) { return; }
      list.replaceChildren();
      res.units.forEach(function (u, i) {
        list.appendChild(option(i, href(u, q), [el("span", "crumb", crumb(u)), marked(snippet(u.text, res.terms, 60))]));
      });
      var more = res.total ? ui("search_all", { n: res.total }) : ui("search_none", { q: q });
      list.appendChild(option(res.units.length, searchPage(q), [el("span", "more", more)]));
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      active = -1;
      input.removeAttribute("aria-activedescendant");
    }, function () {
      if (mine === seq) { closeList(); }
    });
  }, 60);

  input.addEventListener("input", update);
  input.addEventListener("focus", function () { index.ready().catch(function () {}); });
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (list.hidden) { return; }
      e.preventDefault();
      setActive(active + (e.key === "ArrowDown" ? 1 : -1));
    } else if (e.key === "Enter") {
      var opts = options();
      if (!list.hidden && active >= 0 && opts[active]) {
        e.preventDefault();
        location.href = opts[active].querySelector("a").href;
      }
    } else if (e.key === "Escape") {
      if (!list.hidden) { e.preventDefault(); closeList(); }
    }
  });
  document.addEventListener("click", function (e) {
    if (!form.contains(e.target)) { closeList(); }
  });
  // `/` and Ctrl-K (⌘K) go to the search box, as on documentation sites; not while typing.
  document.addEventListener("keydown", function (e) {
    var typing = e.target.closest && e.target.closest("input, textarea, select, [contenteditable]");
    var slash = e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey;
    var k = (e.key === "k" || e.key === "K") && (e.ctrlKey || e.metaKey) && !e.altKey;
    if (!slash && !k) { return; }
    e.preventDefault();
    var box = document.querySelector("input[data-search-page]") || input;
    box.focus();
    box.select();
  });

  // The search page: every result, grouped by page, the query in the address bar.
  var pageInput = document.querySelector("input[data-search-page]");
  if (pageInput) {
    var status = document.querySelector(".search-status");
    var results = document.querySelector(".search-results");
    var shown = 0;
    var current = null;
    var pageSeq = 0;

    var render = function (res, from) {
      var groups = [];
      var byPage = new Map();
      if (!from) { results.replaceChildren(); }
      res.units.slice(from).forEach(function (u) {
        var g = byPage.get(u.page);
        if (!g) {
          var section = el("section", "result-page");
          var h = el("h2");
          var a = el("a", "", u.doc + (u.cite ? " › " + u.cite.split(" ")[0] : ""));
          a.href = new URL(u.page, root).href;
          h.appendChild(a);
          section.appendChild(h);
          var ol = el("ol");
          section.appendChild(ol);
          g = { ol: ol };
          byPage.set(u.page, g);
          groups.push(section);
        }
        var li = el("li");
        var link = el("a", "crumb", crumb(u));
        link.href = href(u, res.query);
        li.appendChild(link);
        var p = el("p");
        p.appendChild(marked(snippet(u.text, res.terms, 120)));
        li.appendChild(p);
        g.ol.appendChild(li);
      });
      groups.forEach(function (s) { results.appendChild(s); });
      var old = results.querySelector("button.more");
      if (old) { old.remove(); }
      if (res.units.length < res.total) {
        var more = el("button", "more", ui("search_more"));
        more.type = "button";
        more.addEventListener("click", function () { go(res.query, res.units.length + 20); });
        results.appendChild(more);
      }
    };

    var go = function (q, count) {
      var mine = ++pageSeq;
      var url = new URL(location.href);
      if (q) { url.searchParams.set("q", q); } else { url.searchParams.delete("q"); }
      history.replaceState(null, "", url.href);
      if (!q) { results.replaceChildren(); status.textContent = ""; return; }
      status.textContent = ui("searching");
      run(q, count).then(function (res) {
        if (mine !== pageSeq) { return; }
        var from = current && current.query === q ? shown : 0;
        current = res;
        shown = res.units.length;
        status.textContent = res.total ? ui("search_found", { n: res.total }) : ui("search_nothing", { q: q });
        render(res, from);
      }, function (e) {
        if (mine === pageSeq) { status.textContent = ui("search_failed") + e.message; }
      });
    };

    pageInput.addEventListener("input", debounce(function () { current = null; go(pageInput.value.trim(), 20); }, 80));
    pageInput.form.addEventListener("submit", function (e) { e.preventDefault(); current = null; go(pageInput.value.trim(), 20); });
    var initial = new URL(location.href).searchParams.get("q");
    if (initial) { pageInput.value = initial; go(initial.trim(), 20); }
    // The search page is for searching: its box has the focus.
    pageInput.focus();
  }

  // On a page opened from a result (`?q=…#clause`): mark the query in the clause.
  function highlightTarget() {
    var q = new URL(location.href).searchParams.get("q");
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!q || !target) { return; }
    var texts = [];
    var walker = document.createTreeWalker(target, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        var owner = n.parentElement.closest("[id]");
        return owner === target || owner === null ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
      },
    });
    var whole = "";
    for (var n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.parentElement.closest(".pl, .cite, .related, .note")) { continue; }
      texts.push({ node: n, at: whole.length });
      whole += n.data;
    }
    variants(index, parse(q)).then(function (terms) {
      var rs = ranges(whole, terms);
      // Wrap each range, piece by piece in each text node it covers; last first, so
      // earlier offsets stay valid.
      for (var i = texts.length - 1; i >= 0; i--) {
        var t = texts[i], end = t.at + t.node.data.length;
        for (var r = rs.length - 1; r >= 0; r--) {
          var s = Math.max(rs[r][0], t.at), e = Math.min(rs[r][1], end);
          if (s >= e) { continue; }
          var mid = t.node.splitText(s - t.at);
          mid.splitText(e - s);
          var mark = el("mark", "hit");
          mid.parentNode.replaceChild(mark, mid);
          mark.appendChild(mid);
        }
      }
    }).catch(function () {});
  }
  highlightTarget();
})(typeof globalThis !== "undefined" ? globalThis : this);
