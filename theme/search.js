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
  var decoder = new TextDecoder();
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

  function Reader(bytes) { this.b = bytes; this.i = 0; }
  Reader.prototype.v = function () {
    var x = 0, shift = 1, byte;
    do {
      byte = this.b[this.i++];
      x += (byte & 0x7f) * shift;
      shift *= 128;
    } while (byte & 0x80);
    return x;
  };

  // Postings: {units: [unit…], metas: [len << 1 | heading…], pos: [[position…]…] or
  // counts: [n…]}.
  function decodePostings(bytes, countsOnly) {
    var r = new Reader(bytes);
    var n = r.v();
    var units = new Array(n), metas = new Array(n), pos = new Array(n), counts = new Array(n);
    var unit = 0;
    for (var k = 0; k < n; k++) {
      unit += r.v();
      units[k] = unit;
      metas[k] = r.v();
      var m = r.v();
      counts[k] = m;
      if (!countsOnly) {
        var list = new Array(m), p = 0;
        for (var j = 0; j < m; j++) { p += r.v(); list[j] = p; }
        pos[k] = list;
      }
    }
    return { units: units, metas: metas, pos: countsOnly ? null : pos, counts: counts };
  }

  // `load(url, kind)` fetches a file relative to nothing: url is absolute or relative to the
  // page; kind is "json" or "bytes".
  function Index(manifestUrl, load) {
    this.url = manifestUrl;
    this.dir = manifestUrl.replace(/[^/]*$/, "");
    this.load = load;
    this.files = {};
    this.manifest = null;
  }

  Index.prototype.file = function (name, kind) {
    if (!this.files[name]) {
      var self = this;
      this.files[name] = this.load(this.dir + name, kind).catch(function (e) {
        delete self.files[name];
        throw e;
      });
    }
    return this.files[name];
  };

  Index.prototype.ready = function () {
    var self = this;
    if (!this.manifest) {
      this.manifest = this.load(this.url, "json").catch(function (e) { self.manifest = null; throw e; });
    }
    return this.manifest;
  };

  Index.prototype.shard = function (i) {
    var name = "s" + i + ".bin";
    var self = this;
    if (!this.files[name]) {
      this.files[name] = this.load(this.dir + name, "bytes").then(function (bytes) {
        var r = new Reader(bytes), keys = new Map();
        while (r.i < bytes.length) {
          var kl = r.v();
          var key = decoder.decode(bytes.subarray(r.i, r.i + kl));
          r.i += kl;
          var pl = r.v();
          keys.set(key, bytes.subarray(r.i, r.i + pl));
          r.i += pl;
        }
        return keys;
      }).catch(function (e) { delete self.files[name]; throw e; });
    }
    return this.files[name];
  };

  Index.prototype.postings = function (key) {
    var self = this;
    return this.ready().then(function (m) {
      return self.shard(keyHash(key) % m.shards);
    }).then(function (keys) {
      var bytes = keys.get(key);
      if (!bytes) { return null; }
      var single = Array.from(key).length === 1 && isHan(key);
      return decodePostings(bytes, single);
    });
  };

  Index.prototype.names = function () {
    var self = this;
    return this.ready().then(function (m) {
      if (!m.names) { return []; }
      return self.file("names.json", "json").then(function (list) {
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
      return self.file("c" + c + ".json", "json").then(function (chunk) {
        var row = chunk.u[u - c * m.k];
        var page = chunk.p[row[0]];
        return { unit: u, page: page, id: row[1], doc: m.docs[row[2]], cite: row[3],
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

  // Where a token sequence occurs: Map unit → {meta, tf, pos: [start…] or null}.
  function matchSeq(index, toks) {
    var need = []; // {key, offset, counts}
    // A lone Han character next to a word (`5G网`) is only known to be in the unit; such a
    // term is checked against the text afterwards.
    var loose = false;
    for (var o = 0; o < toks.length; o++) {
      var t = toks[o], next = toks[o + 1], prev = toks[o - 1];
      if (t.t === "g") { continue; }
      if (next && next.t === "g") {
        need.push({ key: t.v + " ", offset: o, counts: false });
      } else if (t.t === "w") {
        need.push({ key: t.v, offset: o, counts: false });
      } else if (next && next.t === "h") {
        need.push({ key: t.v + next.v, offset: o, counts: false });
      } else if (!prev || prev.t !== "h") {
        need.push({ key: t.v, offset: o, counts: true });
        loose = loose || toks.length > 1;
      }
    }
    return Promise.all(need.map(function (n) { return index.postings(n.key); })).then(function (lists) {
      var result = new Map();
      result.loose = loose;
      if (!lists.length || lists.some(function (l) { return !l; })) { return result; }
      // Intersect by unit, starting from the shortest list.
      var order = lists.map(function (l, i) { return i; });
      order.sort(function (a, b) { return lists[a].units.length - lists[b].units.length; });
      var maps = lists.map(function (l) {
        var m = new Map();
        for (var k = 0; k < l.units.length; k++) { m.set(l.units[k], k); }
        return m;
      });
      var first = lists[order[0]];
      var positional = need.map(function (n, i) { return !n.counts ? i : -1; })
        .filter(function (i) { return i >= 0; });
      for (var k = 0; k < first.units.length; k++) {
        var u = first.units[k];
        var at = order.map(function (i) { return maps[i].get(u); });
        if (at.some(function (x) { return x === undefined; })) { continue; }
        var idx = [];
        order.forEach(function (i, j) { idx[i] = at[j]; });
        var meta = first.metas[k];
        if (!positional.length) {
          // A single character: its count.
          result.set(u, { meta: meta, tf: lists[0].counts[idx[0]], pos: null });
          continue;
        }
        var p0 = positional[0];
        var starts = [];
        var base = lists[p0].pos[idx[p0]];
        for (var s = 0; s < base.length; s++) {
          var start = base[s] - need[p0].offset;
          var ok = true;
          for (var q = 1; q < positional.length && ok; q++) {
            var pi = positional[q];
            ok = lists[pi].pos[idx[pi]].indexOf(start + need[pi].offset) >= 0;
          }
          if (ok) { starts.push(start); }
        }
        if (starts.length) { result.set(u, { meta: meta, tf: starts.length, pos: starts }); }
      }
      return result;
    });
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
          return Promise.all(group.map(function (toks) { return matchSeq(index, toks); }))
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

  var core = { fold: fold, tokens: tokens, keyHash: keyHash, parse: parse, Index: Index,
    search: search, ranges: ranges, snippet: snippet };
  global.GongwenSearch = core;

  if (typeof document === "undefined") { return; }

  // ---- The user interface ----

  function loadUrl(url, kind) {
    return fetch(url).then(function (r) {
      if (!r.ok) { throw new Error(url + ": HTTP " + r.status); }
      return kind === "json" ? r.json() : r.arrayBuffer().then(function (b) { return new Uint8Array(b); });
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
