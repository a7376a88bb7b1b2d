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

  // A word as indexed: lowercase, without diacritics, a plural ending dropped (as fold_word
  // in src/search/token.rs).
  function foldWord(w) {
    return stem(w.normalize("NFD").replace(MARKS, "").toLowerCase());
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

  // Drops a plural ending from a word of Latin letters: -ies to -y, -s (not -ss, -us, -is).
  function stem(w) {
    if (!/^[a-z]+$/.test(w)) { return w; }
    if (w.length > 4 && /ies$/.test(w)) { return w.slice(0, -3) + "y"; }
    return w.length > 3 && /[^sui]s$/.test(w) ? w.slice(0, -1) : w;
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

  // Groups of names of one thing (a glossary term with its aliases and English and Spanish
  // names, an abbreviation with its full names) under any of `keys`: the shard of a key
  // maps `#key` to group numbers, and groups sit a few to a file (src/search/names.rs).
  // Each group is a list of names as {text, toks, words}: tokens, and words without stopwords.
  Index.prototype.groupsFor = function (keys) {
    var self = this;
    return this.ready().then(function (m) {
      if (!m.names) { return []; }
      return Promise.all(keys.map(function (k) {
        return self.file("s" + (keyHash(k) % m.shards) + ".json").then(function (shard) {
          return Object.prototype.hasOwnProperty.call(shard, "#" + k) ? shard["#" + k] : [];
        });
      })).then(function (lists) {
        var ids = Array.from(new Set([].concat.apply([], lists))).sort(function (a, b) { return a - b; });
        return Promise.all(ids.map(function (id) { return self.group(id, m.names); }));
      });
    });
  };

  Index.prototype.group = function (id, per) {
    var self = this;
    if (!this.groupCache) { this.groupCache = new Map(); }
    if (!this.groupCache.has(id)) {
      this.groupCache.set(id, this.file("n" + Math.floor(id / per) + ".json").then(function (list) {
        return list[id % per].map(function (text) {
          var toks = tokens(text);
          return { text: text, toks: toks, words: wordsOf(toks) };
        });
      }, function (e) { self.groupCache.delete(id); throw e; }));
    }
    return this.groupCache.get(id);
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
  // Each term keeps its text (`text`) and each token its offsets in it (`s`, `e`).
  function parse(query) {
    var terms = [];
    Array.from(query).map(fold).join("").split(/\s+/).forEach(function (part) {
      var toks = tokens(part);
      toks.text = part;
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

  // Words too common to search for or to name a thing by, in English and Spanish.
  var STOP = new Set(("a an and are as at be by for from in into is it its of on or that the " +
    "this to with al con de del el en la las lo los o para por que se su sus un una y").split(" "));

  // The words of a token sequence that name something: no stopwords.
  function wordsOf(toks) {
    var out = [];
    toks.forEach(function (t) { if (t.t === "w" && !STOP.has(t.v)) { out.push(t.v); } });
    return out;
  }

  function latin(toks) {
    return toks.every(function (t) { return t.t !== "h"; }) &&
      toks.some(function (t) { return t.t === "w"; });
  }

  // Whether `needle` occurs in `hay` at `at` (tokens or words).
  function occursAt(hay, at, needle, same) {
    if (at + needle.length > hay.length) { return false; }
    for (var j = 0; j < needle.length; j++) { if (!same(hay[at + j], needle[j])) { return false; } }
    return true;
  }
  function sameToken(a, b) { return a.t === b.t && a.v === b.v; }
  function sameWord(a, b) { return a === b; }
  function containsWords(hay, needle) {
    for (var i = 0; i + needle.length <= hay.length; i++) {
      if (occursAt(hay, i, needle, sameWord)) { return true; }
    }
    return false;
  }

  function seqKey(toks) {
    return toks.map(function (t) { return t.t + t.v; }).join("\u0001");
  }

  // At most this many alternatives of one term are searched.
  var MAX_ALTS = 24;

  // A concept of the query: the term as typed (`alts[0]`) and the other names it stands
  // for, each a token sequence; `also` holds the text of each added name, by its index in
  // `alts`.
  function concept(literal) {
    return { alts: [literal], also: [null], keys: new Set([seqKey(literal)]) };
  }
  function addAlt(c, toks, text) {
    var key = seqKey(toks);
    if (!toks.length || c.keys.has(key) || c.alts.length >= MAX_ALTS) { return; }
    c.keys.add(key);
    c.alts.push(toks);
    c.also.push(text);
  }

  // The concepts of a query. A run of Latin terms that is a name of a group (`food
  // security`, `WTO`) becomes one concept with every name of the group; a Latin word that is
  // part of names (`scholarship`) stands for those names too; in a term with Han characters,
  // a name it contains (`AI` in `AI治理`, `世界贸易组织`) is replaced by each other name of
  // its group. Stopwords alone are no concept.
  function concepts(index, terms) {
    return index.groupsFor(lookupKeys(terms)).then(function (groups) {
      var out = [];
      var i = 0;
      while (i < terms.length) {
        var t = terms[i];
        if (!latin(t)) {
          out.push(substitute(t, groups));
          i++;
          continue;
        }
        var run = null;
        for (var j = terms.length; j > i && !run; j--) {
          var span = terms.slice(i, j);
          if (!span.every(latin)) { continue; }
          var words = [].concat.apply([], span.map(wordsOf));
          if (!words.length) { continue; }
          var named = groups.filter(function (g) {
            return g.some(function (n) { return n.words.length === words.length && occursAt(n.words, 0, words, sameWord); });
          });
          if (named.length) { run = { end: j, span: span, groups: named }; }
        }
        if (!run) {
          if (!wordsOf(t).length) { i++; continue; }
          var part = groups.filter(function (g) {
            return g.some(function (n) { return containsWords(n.words, wordsOf(t)); });
          });
          run = { end: i + 1, span: [t], groups: part };
        }
        var literal = [];
        run.span.forEach(function (x, k) { if (k) { literal.push({ t: "g", v: "" }); } literal.push.apply(literal, x); });
        var c = concept(literal);
        run.groups.forEach(function (g) { g.forEach(function (n) { addAlt(c, n.toks, n.text); }); });
        out.push(c);
        i = run.end;
      }
      if (!out.length) { terms.forEach(function (t) { out.push(concept(t)); }); }
      return out;
    });
  }

  // The keys under which the groups that a query may name are found (as lookup_keys in
  // src/search/names.rs): each pair of neighbouring Han characters, each word but stopwords,
  // a term of one character.
  function lookupKeys(terms) {
    var keys = new Set();
    terms.forEach(function (t) {
      t.forEach(function (x, i) {
        var next = t[i + 1];
        if (x.t === "h" && next && next.t === "h") { keys.add(x.v + next.v); }
        if (x.t === "w" && !STOP.has(x.v)) { keys.add(x.v); }
      });
      if (t.length === 1 && t[0].t === "h") { keys.add(t[0].v); }
    });
    return Array.from(keys);
  }

  // A term with Han characters, and the term with each name it contains replaced by the
  // other names of that name's group.
  function substitute(t, groups) {
    var c = concept(t);
    groups.forEach(function (g) {
      g.forEach(function (n) {
        var len = n.toks.length;
        var han = n.toks.filter(function (x) { return x.t === "h"; }).length;
        if (!len || (han === 1 && len === 1)) { return; }
        for (var at = 0; at + len <= t.length; at++) {
          if (!occursAt(t, at, n.toks, sameToken)) { continue; }
          g.forEach(function (other) {
            if (other === n) { return; }
            var toks = t.slice(0, at).concat(other.toks, t.slice(at + len));
            var text = t.text.slice(0, t[at].s) + other.text + t.text.slice(t[at + len - 1].e);
            addAlt(c, toks, text);
          });
        }
      });
    });
    return c;
  }

  var K1 = 1.2, B = 0.75, HEADING = 1.5;

  function bm25(tf, meta, df, n, avg) {
    var idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    var len = meta >> 1;
    return idf * (tf * (K1 + 1)) / (tf + K1 * (1 - B + B * len / avg));
  }

  // Below this many exact results, results that contain part of the query follow them.
  var PARTIAL_BELOW = 10;
  // A partial result holds at least this share of the query (by the weight of its pieces).
  var MIN_COVER = 0.6;
  // Pieces in more than this share of all units say little and cost bytes: not used.
  var COMMON = 0.25;

  // Searches: {query, terms, pieces, also, total, exact, hits: [{unit, score, partial}…]}.
  // Exact results contain every term of the query (as typed or under another of its names);
  // `exact` counts them, and they come first. Then, when they are few, partial results:
  // units holding most of the query's pieces. `terms` (a list of alternatives per term) and
  // `pieces` give what to highlight in each; `also` names the other names that found results.
  function search(index, query) {
    var terms = parse(query);
    var empty = { query: query, terms: [], pieces: [], also: [], total: 0, exact: 0, hits: [] };
    if (!terms.length) { return Promise.resolve(empty); }
    return index.ready().then(function (m) {
      return concepts(index, terms).then(function (cs) {
        return exactHits(index, m, cs).then(function (ex) {
          var res = { query: query, terms: cs.map(function (c) { return c.alts; }), pieces: [],
            also: ex.also, total: ex.hits.length, exact: ex.hits.length, hits: ex.hits };
          if (ex.hits.length >= PARTIAL_BELOW) { return res; }
          return partialHits(index, m, cs, ex.hits).then(function (p) {
            res.pieces = p.pieces;
            res.hits = ex.hits.concat(p.hits);
            res.total = res.hits.length;
            return res;
          });
        });
      });
    });
  }

  // Units with every concept: {hits, also}, ranked by BM25 over the concepts, headings and
  // close matches first.
  function exactHits(index, m, cs) {
    return Promise.all(cs.map(function (c) {
      return Promise.all(c.alts.map(function (toks) { return matchSeq(index, toks, cs.length > 1); }))
        .then(function (maps) {
          // The union of the alternatives.
          var u = new Map();
          u.loose = maps.some(function (mp) { return mp.loose; });
          u.also = [];
          maps.forEach(function (mp, a) {
            if (mp.size && c.also[a]) { u.also.push(c.also[a]); }
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
      var also = [].concat.apply([], perTerm.map(function (t) { return t.also; }));
      var n = m.n, avg = m.avg || 1;
      var order = perTerm.slice().sort(function (a, b) { return a.size - b.size; });
      var hits = [];
      order[0].forEach(function (v, unit) {
        var score = 0;
        for (var t = 0; t < order.length; t++) {
          var e = order[t].get(unit);
          if (!e) { return; }
          score += bm25(e.tf, e.meta, order[t].size, n, avg);
        }
        if (v.meta & 1) { score *= HEADING; }
        if (perTerm.length > 1) { score *= 1 + 0.5 / (1 + proximity(perTerm, unit) / 8); }
        hits.push({ unit: unit, score: score, partial: false });
      });
      hits.sort(function (a, b) { return b.score - a.score || a.unit - b.unit; });
      if (!perTerm.some(function (t) { return t.loose; })) { return { hits: hits, also: also }; }
      // Some term could not be checked by position: check the texts.
      return Promise.all(hits.map(function (h) { return index.unit(h.unit); })).then(function (units) {
        var terms = cs.map(function (c) { return c.alts; });
        hits = hits.filter(function (h, i) {
          return terms.every(function (group) { return ranges(units[i].text, [group]).length > 0; });
        });
        return { hits: hits, also: also };
      });
    });
  }

  // The pieces of a token sequence: each pair of neighbouring Han characters, each word
  // that is not a stopword, a lone Han character; as [key, needle tokens, Han characters
  // it covers: a bit mask over the sequence's Han characters, up to 31].
  function piecesOf(toks) {
    var out = [];
    var han = 0;
    for (var i = 0; i < toks.length; i++) {
      var t = toks[i], next = toks[i + 1], prev = toks[i - 1];
      if (t.t === "w" && !STOP.has(t.v)) { out.push([t.v, [t], 0]); }
      if (t.t !== "h") { continue; }
      var bit = han < 31 ? 1 << han : 0;
      var nextBit = han + 1 < 31 ? 1 << (han + 1) : 0;
      han++;
      if (next && next.t === "h") { out.push([t.v + next.v, [t, next], bit | nextBit]); }
      if ((!prev || prev.t !== "h") && (!next || next.t !== "h")) { out.push([t.v, [t], bit]); }
    }
    return out;
  }

  function bits(x) {
    var n = 0;
    for (; x; x &= x - 1) { n++; }
    return n;
  }

  // Partial results ranked again, the first RERANK of them, on their text: a unit whose
  // pieces sit close together, or under a heading that is a result too (a section about
  // the query), goes up.
  var RERANK = 40;
  function rerank(index, hits, pieces) {
    var head = hits.slice(0, RERANK);
    return Promise.all(head.map(function (h) { return index.unit(h.unit); })).then(function (units) {
      var ids = new Set(units.map(function (u) { return u.page + "#" + u.id; }));
      head.forEach(function (h, i) {
        var u = units[i];
        var span = closest(tokens(u.text), pieces);
        h.score *= Math.min(1, (span.count + 1) / Math.max(span.width, 1)) * 0.5 + 0.5;
        var parent = u.id.replace(/-[^-]*$/, "");
        if (parent !== u.id && ids.has(u.page + "#" + parent)) { h.score *= 1.5; }
      });
      head.sort(function (a, b) { return b.score - a.score || a.unit - b.unit; });
      return head.concat(hits.slice(RERANK));
    });
  }

  // The shortest run of tokens holding each piece that occurs in `toks` at least once:
  // {count: how many pieces, width: its length in tokens}.
  function closest(toks, pieces) {
    var at = [];
    pieces.forEach(function (needle, k) {
      for (var i = 0; i + needle.length <= toks.length; i++) {
        if (occursAt(toks, i, needle, sameToken)) { at.push([i, i + needle.length, k]); }
      }
    });
    at.sort(function (a, b) { return a[0] - b[0]; });
    var kinds = new Set(at.map(function (x) { return x[2]; })).size;
    var seen = new Map(), have = 0, best = Infinity, lo = 0;
    for (var hi = 0; hi < at.length; hi++) {
      seen.set(at[hi][2], (seen.get(at[hi][2]) || 0) + 1);
      if (seen.get(at[hi][2]) === 1) { have++; }
      while (have === kinds) {
        best = Math.min(best, at[hi][1] - at[lo][0]);
        var k = at[lo][2];
        seen.set(k, seen.get(k) - 1);
        if (!seen.get(k)) { have--; }
        lo++;
      }
    }
    return { count: kinds, width: best === Infinity ? 1 : best };
  }

  // Units that hold most of the query without being exact results: every alternative of
  // every concept is cut into pieces; a unit's cover of a concept is the best share of an
  // alternative's piece weight (IDF) it holds, its cover of the query the concepts' covers
  // weighted by their weight. Pieces no unit has, and pieces of most units, weigh nothing.
  function partialHits(index, m, cs, exact) {
    var n = m.n, avg = m.avg || 1;
    var keys = new Map();
    // Per concept, per alternative: its pieces, and its Han characters as a mask.
    var alts = cs.map(function (c) {
      return c.alts.map(function (toks) {
        var ps = piecesOf(toks);
        ps.forEach(function (p) { if (!keys.has(p[0])) { keys.set(p[0], { needle: p[1] }); } });
        ps.han = ps.reduce(function (m, p) { return m | p[2]; }, 0);
        return ps;
      });
    });
    var list = Array.from(keys.keys());
    return Promise.all(list.map(function (k) { return index.entry(k); })).then(function (entries) {
      var used = [];
      entries.forEach(function (e, i) {
        var p = keys.get(list[i]);
        p.entry = e;
        p.idf = e && e.df <= Math.max(COMMON * n, 1) ? Math.log(1 + (n - e.df + 0.5) / (e.df + 0.5)) : 0;
        if (p.idf > 0) { used.push(p); }
      });
      return Promise.all(used.map(function (p) {
        return Promise.all([index.units(p.entry), index.metas(p.entry)]).then(function (got) {
          p.at = new Map();
          got[0].units.forEach(function (u, k) {
            p.at.set(u, bm25(got[0].counts[k], got[1][k], p.entry.df, n, avg));
          });
        });
      })).then(function () {
        var skip = new Set(exact.map(function (h) { return h.unit; }));
        // An alternative weighs what its pieces weigh; another name than the one typed counts
        // only when the index has all its pieces (`BRI倡议` is no alternative on a Chinese site).
        var weights = alts.map(function (ca) {
          return ca.map(function (ps, a) {
            if (a > 0 && ps.some(function (p) { return !keys.get(p[0]).entry; })) { return 0; }
            return ps.reduce(function (s, p) { return s + keys.get(p[0]).idf; }, 0);
          });
        });
        var cweight = weights.map(function (w) { return Math.max.apply(null, w.concat([0])); });
        var total = cweight.reduce(function (a, b) { return a + b; }, 0);
        var candidates = new Set();
        used.forEach(function (p) { p.at.forEach(function (v, u) { if (!skip.has(u)) { candidates.add(u); } }); });
        var hits = [];
        if (!total) { return { hits: hits, pieces: [] }; }
        candidates.forEach(function (u) {
          var cover = 0, score = 0;
          alts.forEach(function (ca, c) {
            if (!cweight[c]) { return; }
            var best = 0, bestScore = 0;
            ca.forEach(function (ps, a) {
              if (!weights[c][a]) { return; }
              var got = 0, sc = 0, han = 0;
              ps.forEach(function (x) {
                var p = keys.get(x[0]);
                if (p.at && p.at.has(u)) { got += p.idf; sc += p.at.get(u); han |= x[2]; }
              });
              // Pieces the index lacks weigh nothing, but at least half of the Han
              // characters typed must be there.
              if (bits(han) * 2 < bits(ps.han)) { return; }
              if (got / weights[c][a] > best) { best = got / weights[c][a]; bestScore = sc; }
            });
            cover += cweight[c] * best;
            score += bestScore;
          });
          cover /= total;
          if (cover >= MIN_COVER) { hits.push({ unit: u, score: score * Math.pow(cover, 4), partial: true }); }
        });
        hits.sort(function (a, b) { return b.score - a.score || a.unit - b.unit; });
        var pieces = used.map(function (p) { return p.needle; });
        return rerank(index, hits, pieces).then(function (hits) { return { hits: hits, pieces: pieces }; });
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
          if (occursAt(toks, i, needle, sameToken)) { found.push([toks[i].s, toks[i + needle.length - 1].e]); }
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
    // In Latin text, not in the middle of a word (looking at most 20 characters away).
    var letter = /[A-Za-z0-9\u00c0-\u024f]/;
    if (from > 0 && letter.test(text[from - 1]) && letter.test(text[from])) {
      var sp = text.slice(from, from + 20).search(/\s/);
      if (sp >= 0 && (!rs.length || from + sp < rs[0][0])) { from += sp + 1; }
    }
    if (to < text.length && letter.test(text[to - 1]) && letter.test(text[to])) {
      var back = text.slice(Math.max(from, to - 20), to).search(/\s\S*$/);
      if (back >= 0) { to = Math.max(from, to - 20) + back; }
    }
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

  // What to mark in a result's snippet: the query's terms, and in a partial result also
  // the pieces of it that the result holds.
  var CHINESE = /^zh/.test(document.documentElement.lang);
  var LIST_SEP = CHINESE ? "、" : ", ";

  // The page's part of a citation: `第三部分` of `第三部分 三（二）`, `Part 3` of
  // `Part 3, 3(2)`.
  function pageLabel(cite) {
    return CHINESE ? cite.split(" ")[0] : cite.split(", ")[0];
  }

  function highlights(res, partial) {
    return partial ? res.terms.concat([res.pieces]) : res.terms;
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
        var partial = i >= res.exact;
        var parts = [el("span", "crumb", crumb(u)), marked(snippet(u.text, highlights(res, partial), 60))];
        if (partial) { parts.unshift(el("span", "badge", ui("search_partial_badge"))); }
        list.appendChild(option(i, href(u, q), parts));
      });
      var more = res.total ? ui("search_all", { n: res.total }) : ui("search_none", { q: q });
      if (res.also.length) { more += " · " + ui("search_also", { names: res.also.join(LIST_SEP) }); }
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

    // Results in groups by page, exact results first, then the partial ones after a note.
    var render = function (res, from) {
      var groups = [];
      var byPage = new Map();
      if (!from) { results.replaceChildren(); }
      res.units.slice(from).forEach(function (u, k) {
        var partial = from + k >= res.exact;
        if (partial && from + k === res.exact) {
          groups.push(el("p", "search-partial", ui("search_partial")));
          byPage = new Map();
        }
        var g = byPage.get(u.page);
        if (!g) {
          var section = el("section", "result-page");
          var h = el("h2");
          var a = el("a", "", u.doc + (u.cite ? " › " + pageLabel(u.cite) : ""));
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
        if (partial) { p.appendChild(el("span", "badge", ui("search_partial_badge"))); }
        p.appendChild(marked(snippet(u.text, highlights(res, partial), 120)));
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
        status.textContent = !res.total ? ui("search_nothing", { q: q })
          : !res.exact ? ui("search_only_partial", { m: res.total })
          : res.exact < res.total ? ui("search_found_partial", { n: res.exact, m: res.total - res.exact })
            : ui("search_found", { n: res.total });
        if (res.also.length) { status.textContent += " · " + ui("search_also", { names: res.also.join(LIST_SEP) }); }
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
    concepts(index, parse(q)).then(function (cs) {
      var terms = cs.map(function (c) { return c.alts; });
      var rs = ranges(whole, terms);
      // Arrived from a partial result: mark the pieces of the query the clause holds.
      if (!rs.length) {
        var pieces = [];
        cs.forEach(function (c) { c.alts.forEach(function (a) { piecesOf(a).forEach(function (p) { pieces.push(p[1]); }); }); });
        rs = ranges(whole, [pieces]);
      }
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
