// The search page. Loads the index written by `duizhao build` (search/*.js,
// classic scripts that call duizhaoSearch.register, so it works from
// file://) shard by shard, only those a query needs. Folding and tokens
// follow src/search/fold.rs: keep the two in step.
//
// A query: its index shards load at once (one round); postings decode into
// typed arrays, the shortest lists are intersected first, hits are grouped
// by article and ranked; then only the text shards of the first page load
// (a second round, all at once), its hits are confirmed and its snippets
// built, and the page is put in at once. Later pages follow on demand.
(function () {
  "use strict";
  var box = document.getElementById("search");
  if (!box) return;
  var root = box.getAttribute("data-root") || "";
  var PAGE = 10;          // articles shown at a time
  var TEXT_CAP = 16;      // text shards loaded at once to confirm every hit
  var FORM_CAP = 4;       // form shards loaded with the manifest when so few
  var parts = {};         // "kind-k" → data
  var waiting = {};       // "kind-k" → [callbacks]
  var api = window.duizhaoSearch = {
    loaded: [],           // shard files loaded, in order (the benchmark reads it)
    lastMs: 0,            // the last query: until its first page is in the page
    answeredAt: 0,        // … when that was, from the page's opening
    paintMs: 0,           // … until that page is painted
    setupMs: 0,           // from this script to the manifest read
    phases: {},           // the last query's milliseconds by phase (the benchmark prints them)
    register: function (kind, k, data) {
      var key = kind + "-" + k;
      parts[key] = data;
      (waiting[key] || []).forEach(function (f) { f(); });
      delete waiting[key];
    }
  };

  var started = performance.now();
  // Times the phases of a query: each lap adds the time since the last.
  var clock = { at: 0, phases: {} };
  function lap(name) {
    var now = performance.now();
    clock.phases[name] = (clock.phases[name] || 0) + now - clock.at;
    clock.at = now;
  }
  // The numbers of an encoded list (src/search/encode.rs): base-32 digits,
  // the last of a number from 0-9a-v, the others from w-zA-Z_-.
  var DIGIT = new Int8Array(128).fill(-1);
  "0123456789abcdefghijklmnopqrstuv".split("").forEach(function (c, i) { DIGIT[c.charCodeAt(0)] = i; });
  "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-".split("").forEach(function (c, i) { DIGIT[c.charCodeAt(0)] = 32 + i; });
  function decode(s) {
    var out = [], n = 0;
    for (var i = 0; i < s.length; i++) {
      var d = DIGIT[s.charCodeAt(i)];
      if (d >= 32) n = n * 32 + d - 32; else { out.push(n * 32 + d); n = 0; }
    }
    return out;
  }
  // The blocks of one language's part of a posting, ascending: gaps from
  // -1, each as 2(g-1), or as 2(g-1)+1 followed by how many more of the
  // same gap. One pass into a typed array (cheap while the code is cold).
  function blocksOf(s) {
    var out = new Int32Array(s.length + 8), k = 0, n = 0, at = -1, repeat = 0;
    for (var i = 0; i < s.length; i++) {
      var d = DIGIT[s.charCodeAt(i)];
      if (d >= 32) { n = n * 32 + d - 32; continue; }
      n = n * 32 + d;
      var gap = repeat, times = n;
      if (repeat) repeat = 0; else { gap = (n >> 1) + 1; times = 1; if (n & 1) repeat = gap; }
      if (k + times > out.length) { var more = new Int32Array(Math.max(2 * out.length, k + times)); more.set(out); out = more; }
      while (times-- > 0) { at += gap; out[k++] = at; }
      n = 0;
    }
    return out.subarray(0, k);
  }
  var NONE = new Int32Array(0);
  // A posting's blocks by language: its Chinese, then after "." its English.
  function postingOf(s) {
    var dot = s.indexOf(".");
    return dot < 0 ? [blocksOf(s), NONE] : [blocksOf(s.slice(0, dot)), blocksOf(s.slice(dot + 1))];
  }
  // Two ascending lists as one, each number once.
  function merge(a, b) {
    var out = new Int32Array(a.length + b.length), i = 0, j = 0, k = 0;
    while (i < a.length && j < b.length) {
      if (a[i] < b[j]) out[k++] = a[i++];
      else if (a[i] > b[j]) out[k++] = b[j++];
      else { out[k++] = a[i++]; j++; }
    }
    while (i < a.length) out[k++] = a[i++];
    while (j < b.length) out[k++] = b[j++];
    return out.subarray(0, k);
  }
  // The docs in both lists; a short list against a long one by galloping.
  function intersect(a, b) {
    if (a.length > b.length) { var t = a; a = b; b = t; }
    var out = new Int32Array(a.length), k = 0, j = 0;
    for (var i = 0; i < a.length && j < b.length; i++) {
      var x = a[i], step = 1;
      while (j + step < b.length && b[j + step] < x) { j += step; step *= 2; }
      var hi = Math.min(j + step, b.length - 1);
      while (j < hi) { var mid = (j + hi) >> 1; if (b[mid] < x) j = mid + 1; else hi = mid; }
      if (b[j] === x) out[k++] = x;
    }
    return out.subarray(0, k);
  }

  function file(kind, k) {
    return kind === "manifest" || kind === "fold" ? kind + ".js" : kind + "-" + k + ".js";
  }
  // Loads the shards named [kind, k], all at once, then calls done.
  function load(list, done) {
    var left = 0;
    list.forEach(function (item) {
      var key = item[0] + "-" + item[1];
      if (key in parts) return;
      left++;
      var first = !waiting[key];
      (waiting[key] = waiting[key] || []).push(function () { if (--left === 0) done(); });
      if (!first) return;
      var s = document.createElement("script");
      s.src = root + "search/" + file(item[0], item[1]);
      s.onerror = function () { status("索引文件缺失 A file of the index is missing: " + s.src); };
      api.loaded.push("search/" + file(item[0], item[1]));
      document.head.appendChild(s);
    });
    if (left === 0) done();
  }

  // Folding: decomposed, marks dropped, lower case, traditional → simplified.
  var FOLD = {};
  var folded = new Map();  // character → its folding, computed once
  function foldChar(c) {
    var out = folded.get(c);
    if (out !== undefined) return out;
    var d = c.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
    out = "";
    for (var x of d) out += FOLD[x] || x;
    folded.set(c, out);
    return out;
  }
  // The folded text alone (ASCII text needs only lower case).
  function foldText(text) {
    return /^[\x00-\x7f]*$/.test(text) ? text.toLowerCase() : foldMap(text).s;
  }
  // The folded text and, for each of its code units, where it came from.
  function foldMap(text) {
    if (/^[\x00-\x7f]*$/.test(text)) return { s: text.toLowerCase(), map: null };
    var s = "", map = [], i = 0;
    for (var ch of text) {
      var f = foldChar(ch);
      for (var j = 0; j < f.length; j++) map.push(i);
      s += f;
      i += ch.length;
    }
    map.push(i);
    return { s: s, map: map };
  }
  function isHan(c) {
    var p = c.codePointAt(0);
    return (p >= 0x3400 && p <= 0x4DBF) || (p >= 0x4E00 && p <= 0x9FFF) || (p >= 0xF900 && p <= 0xFAFF) ||
      (p >= 0x20000 && p <= 0x3FFFF);
  }
  function isWord(c) { return /[\p{L}\p{N}]/u.test(c) && !isHan(c); }
  function shardOf(token, n) {
    var h = 0x811c9dc5;
    for (var c of token) { h ^= c.codePointAt(0); h = Math.imul(h, 0x01000193) >>> 0; }
    return h % n;
  }
  // The query's terms: Han runs and words, folded.
  function terms(q) {
    var out = [], cur = "", kind = "";
    function flush() { if (cur) out.push({ kind: kind, text: cur }); cur = ""; }
    for (var c of foldMap(q).s) {
      var k = isHan(c) ? "han" : isWord(c) ? "word" : "";
      if (k !== kind) { flush(); kind = k; }
      if (k) cur += c;
    }
    flush();
    return out;
  }
  function chars(s) { return Array.from(s); }
  function grams(run) {
    var c = chars(run);
    return c.length === 1 ? c : c.slice(1).map(function (x, i) { return c[i] + x; });
  }
  // Forms an English word may take in the text: the word and light variants.
  function variants(w) {
    if (!/^[a-z]+$/.test(w)) return [w];
    // Each variant may cost a shard: keep them few.
    var v = [w, w + "s"];
    [["ies", "y"], ["es", ""], ["s", ""], ["ed", ""], ["ed", "e"], ["ing", ""], ["ing", "e"], ["ly", ""], ["e", ""]]
      .forEach(function (p) { if (w.length > p[0].length + 2 && w.slice(-p[0].length) === p[0]) v.push(w.slice(0, -p[0].length) + p[1]); });
    return v;
  }
  // English words too common to narrow a query: not loaded when the
  // query has another term (the phrase still ranks first).
  var STOP = {};
  ("a an and are as at be by for from has have in is it of on or that the their this to was were with")
    .split(" ").forEach(function (w) { STOP[w] = true; });
  function idxShard(token) { return shardOf(token, manifest.idx); }
  // The variants of a word of three letters or more share them: one shard.
  function formShard(word) { return shardOf(chars(word).slice(0, 3).join(""), manifest.forms); }
  var postings = new Map();  // token → its blocks by language, decoded once
  function posting(token) {
    var p = postings.get(token);
    if (p) return p;
    var s = (parts["idx-" + idxShard(token)] || {})[token];
    p = s === undefined ? [NONE, NONE] : postingOf(s);
    postings.set(token, p);
    return p;
  }
  // Postings combined language by language: a hit is a block in one language.
  function union(list) {
    return list.reduce(function (x, y) { return [merge(x[0], y[0]), merge(x[1], y[1])]; }, [NONE, NONE]);
  }
  function both(x, y) { return [intersect(x[0], y[0]), intersect(x[1], y[1])]; }
  function size(p) { return p[0].length + p[1].length; }

  var manifest = null;
  var offsets = null;     // article → its first block's number among all (Int32Array)
  var el = {};
  ["q", "region", "from", "to", "lang", "status", "results", "more"].forEach(function (n) {
    el[n] = document.getElementById("search-" + n);
  });
  function status(text) { if (el.status.textContent !== text) el.status.textContent = text; }

  // The docs holding every term (¶ numbers ×2 + language), from the postings.
  // Stop words are left out of a query that has other terms.
  function needed(ts) {
    var rest = ts.filter(function (t) { return t.kind !== "word" || !STOP[t.text]; });
    return rest.length ? rest : ts;
  }
  // The stems of the forms of an English term that the text has.
  function stems(t) {
    var found = {};
    if (!/^[a-z]+$/.test(t.text)) found[t.text] = true;
    variants(t.text).forEach(function (v) {
      var s = (parts["form-" + formShard(v)] || {})[v];
      if (s) found[s] = true;
    });
    return Object.keys(found);
  }
  function candidates(all, done) {
    var ts = needed(all), han = [], forms = [];
    ts.forEach(function (t) {
      if (t.kind === "han") grams(t.text).forEach(function (g) { han.push(["idx", idxShard(g)]); });
      else if (/^[a-z]+$/.test(t.text)) variants(t.text).forEach(function (v) { forms.push(["form", formShard(v)]); });
    });
    var words = ts.filter(function (t) { return t.kind === "word"; });
    function stemShards() {
      var need = [];
      words.forEach(function (t) { t.stems = stems(t); t.stems.forEach(function (s) { need.push(["idx", idxShard(s)]); }); });
      return need;
    }
    // With the forms at hand (loaded with the manifest), the postings of
    // every term load in one round; else the stems' wait for the forms.
    if (forms.every(function (f) { return ("form-" + f[1]) in parts; })) load(han.concat(stemShards()), found);
    else load(han.concat(forms), function () { load(stemShards(), found); });
    function found() {
      lap("load");
      var lists = [];
      ts.forEach(function (t) {
        if (t.kind === "han") grams(t.text).forEach(function (g) { lists.push(posting(g)); });
        else lists.push(union(t.stems.map(posting)));
      });
      lap("decode");
      lists.sort(function (a, b) { return size(a) - size(b); });
      var hits = lists.length ? lists.reduce(both) : [NONE, NONE];
      lap("intersect");
      done(hits);
    }
  }
  function search(sorted, x) {
    var lo = 0, hi = sorted.length - 1;
    while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (sorted[mid] <= x) lo = mid; else hi = mid - 1; }
    return lo;
  }
  function articleOf(doc) { return search(offsets, doc >> 1); }
  function textShard(a) { return search(manifest.starts, a); }
  // An article's entry in the text shard of a language (whichever is
  // loaded if none is named): [id, [¶0 … ¶n], the other title].
  function textOf(a, lang) {
    var k = textShard(a), zh = parts["zh-" + k], en = parts["en-" + k];
    var list = lang === 1 ? en : lang === 0 ? zh : zh || en;
    return list[a - manifest.starts[k]];
  }
  function titles(a) {
    var zh = parts["zh-" + textShard(a)], t = textOf(a);
    return zh ? [t[0], t[1][0], t[2]] : [t[0], t[2], t[1][0]];
  }
  function docText(doc) {
    var a = articleOf(doc), n = (doc >> 1) - offsets[a];
    return textOf(a, doc & 1)[1][n];
  }
  function blockOf(doc) { return (doc >> 1) - offsets[articleOf(doc)]; }

  // Whether each article passes the region and date filters (computed
  // once per choice of filters).
  var passing = { key: null, ok: null };
  function allowed(f) {
    var key = f.region + "|" + f.from + "|" + f.to;
    if (passing.key === key) return passing.ok;
    var ok = new Uint8Array(manifest.articles.length);
    manifest.articles.forEach(function (m, a) {
      var r = manifest.regions[m[1]];
      ok[a] = (!f.region || r === f.region || r.indexOf(f.region + "/") === 0) &&
        !((f.from || f.to) && (!m[0] || f.from && m[0] < f.from || f.to && m[0] > f.to)) ? 1 : 0;
    });
    passing = { key: key, ok: ok };
    return ok;
  }
  // The hits counted by article, filtered by region and dates (the
  // language filter has emptied a language's hits): a group per article,
  // its docs (block × 2 + language) taken out only when needed. The hits
  // come ascending, so one pass walks the articles along with them.
  function groups(hits, f) {
    var ok = allowed(f), n = offsets.length, count = new Int32Array(n), title = new Uint8Array(n), out = [];
    for (var lang = 0; lang < 2; lang++) {
      var list = hits[lang], a = 0;
      for (var i = 0; i < list.length; i++) {
        var b = list[i];
        while (a + 1 < n && offsets[a + 1] <= b) a++;
        count[a]++;
        if (b === offsets[a]) title[a] = 1;
      }
    }
    for (var k = 0; k < n; k++) {
      if (count[k] && ok[k]) out.push({ a: k, n: count[k], title: title[k], phrase: 0, confirmed: false, docs: null });
    }
    return out;
  }
  function lowerBound(list, x) {
    var lo = 0, hi = list.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (list[mid] < x) lo = mid + 1; else hi = mid; }
    return lo;
  }
  // A group's docs, ascending.
  function docsOf(g, hits) {
    if (g.docs) return g.docs;
    var from = offsets[g.a], to = g.a + 1 < offsets.length ? offsets[g.a + 1] : Infinity, out = [];
    for (var lang = 0; lang < 2; lang++) {
      var list = hits[lang];
      for (var i = lowerBound(list, from); i < list.length && list[i] < to; i++) out.push(list[i] * 2 + lang);
    }
    g.docs = out.sort(function (x, y) { return x - y; });
    return g.docs;
  }
  // Exact phrase, then title hits, then by count, then in site order: one
  // number per group, sorted as numbers.
  function rank(list) {
    var keys = new Float64Array(list.length), SLOT = 4194304;
    for (var i = 0; i < list.length; i++) {
      var g = list[i];
      keys[i] = ((g.phrase * 2 + g.title) * 2097152 + Math.min(g.n, 2097151)) * SLOT + (SLOT - 1 - i);
    }
    keys.sort();
    var out = new Array(list.length);
    for (var k = 0; k < keys.length; k++) out[k] = list[SLOT - 1 - keys[keys.length - 1 - k] % SLOT];
    return out;
  }
  // Keeps the docs whose folded text holds each Chinese run (what Ctrl+F
  // finds) and notes whether the whole query stands in one of them.
  function confirm(g, q) {
    var kept = [], docs = docsOf(g, q.hits);
    g.phrase = 0;
    for (var i = 0; i < docs.length; i++) {
      var s = foldText(docText(docs[i]));
      var ok = q.terms.every(function (t) { return t.kind !== "han" || s.indexOf(t.text) >= 0; });
      if (!ok) continue;
      if (s.indexOf(q.phrase) >= 0) g.phrase = 1;
      kept.push(docs[i]);
    }
    g.docs = kept;
    g.n = kept.length;
    g.title = kept.length && blockOf(kept[0]) === 0 ? 1 : 0;
    g.confirmed = true;
  }
  // Loads the text shards of the groups' docs, in their languages.
  function ensureTexts(list, hits, done) {
    var need = {};
    list.forEach(function (g) {
      var k = textShard(g.a), docs = docsOf(g, hits);
      for (var i = 0; i < docs.length; i++) need[(docs[i] & 1 ? "en-" : "zh-") + k] = true;
    });
    load(Object.keys(need).map(function (key) { var p = key.split("-"); return [p[0], Number(p[1])]; }), done);
  }

  var state = null;       // the query shown: { q, list, shown, exact }
  var serial = 0;
  function filters() {
    return { region: el.region.value, from: el.from.value, to: el.to.value, lang: el.lang.value };
  }
  function run() {
    var text = el.q.value, f = filters(), id = ++serial, t0 = performance.now();
    clock = { at: t0, phases: {} };
    api.phases = clock.phases;
    keepInUrl(text, f);
    var ts = terms(text);
    if (!ts.length) { state = null; show(null); return; }
    // Said only when the answer is slow: each change of the page costs a layout.
    var slow = window.setTimeout(function () { if (id === serial) status("搜索中… Searching…"); }, 300);
    candidates(ts, function (hits) {
      if (id !== serial) return;
      if (f.lang) hits = f.lang === "en" ? [NONE, hits[1]] : [hits[0], NONE];
      var q = { text: text, terms: ts, hits: hits, phrase: foldText(text.trim().replace(/\s+/g, " ")) };
      var list = groups(hits, f);
      // Long Chinese runs and several terms need the texts: to confirm
      // substrings and to rank exact phrases first.
      var needText = ts.length > 1 || ts.some(function (t) { return t.kind === "han" && chars(t.text).length > 2; });
      var shards = {}, count = 0;
      for (var i = 0; needText && i < list.length && count <= TEXT_CAP; i++) {
        var k = textShard(list[i].a);
        if (!shards[k]) { shards[k] = true; count++; }
      }
      var all = !needText || count <= TEXT_CAP;
      if (!needText) list.forEach(function (g) { g.phrase = 1; g.confirmed = true; });
      var first = all && needText ? list : [];
      lap("group");
      ensureTexts(first, hits, function () {
        if (id !== serial) return;
        lap("load");
        first.forEach(function (g) { confirm(g, q); });
        lap("confirm");
        list = rank(list.filter(function (g) { return g.n > 0; }));
        lap("group");
        state = { q: q, list: list, shown: 0, exact: all };
        more(function () {
          window.clearTimeout(slow);
          api.lastMs = performance.now() - t0;
          api.answeredAt = performance.now();
          painted(function () { api.paintMs = performance.now() - t0; });
        });
      });
    });
  }
  // Calls done once the page as it is now has been painted.
  function painted(done) { (window.requestAnimationFrame || setTimeout)(function () { window.setTimeout(done, 0); }); }
  // Shows the next PAGE articles, confirming them first when needed.
  function more(done) {
    var s = state, id = serial;
    var next = s.list.slice(s.shown, s.shown + PAGE);
    ensureTexts(next, s.q.hits, function () {
      if (id !== serial) return;
      lap("load");
      next.forEach(function (g) { if (!g.confirmed) confirm(g, s.q); });
      lap("confirm");
      var page = document.createDocumentFragment();
      next.forEach(function (g) { if (g.n > 0) page.appendChild(item(g, s.q)); });
      s.shown += next.length;
      show(page, s.list.length, s.exact, s.shown === next.length);
      lap("render");
      if (done) done();
    });
  }
  // Puts a page of results in (replacing the last query's when `fresh`),
  // with the count and the "more" button, in one change of the page; no
  // page for an empty query.
  function show(page, n, exact, fresh) {
    if (!page || fresh) el.results.textContent = "";
    if (page) el.results.appendChild(page);
    el.more.hidden = !state || state.shown >= state.list.length;
    if (!page) status("");
    else if (!n) status("没有结果 · No results");
    else if (exact) status(n + " 篇文章 · " + n + (n === 1 ? " article" : " articles"));
    else status("最多 " + n + " 篇文章 · up to " + n + " articles");
  }

  // Where the terms stand in `text`: [start, end) in its own code units.
  function ranges(text, q) {
    var m = foldMap(text), s = m.s, out = [];
    q.terms.forEach(function (t) {
      var forms = t.kind === "han" ? [] : variants(t.text);
      if (t.kind === "han") {
        for (var at = s.indexOf(t.text); at >= 0; at = s.indexOf(t.text, at + t.text.length)) out.push([at, at + t.text.length]);
        return;
      }
      var re = /(?:(?![\p{Script=Han}])[\p{L}\p{N}])+/gu, w;
      while ((w = re.exec(s))) {
        var word = w[0];
        var hit = word === t.text || forms.indexOf(word) >= 0 ||
          (t.stems || []).some(function (st) { return st.length > 2 && word.indexOf(st) === 0; });
        if (hit) out.push([w.index, w.index + word.length]);
      }
    });
    out.sort(function (a, b) { return a[0] - b[0]; });
    return m.map ? out.map(function (r) { return [m.map[r[0]], m.map[r[1]]]; }) : out;
  }
  function snippet(text, rs) {
    var span = document.createElement("span");
    var from = Math.max(0, rs[0][0] - 30), to = Math.min(text.length, rs[0][1] + 70), last = from;
    if (from > 0) span.appendChild(document.createTextNode("…"));
    rs.forEach(function (r) {
      if (r[0] < last || r[1] > to) return;
      span.appendChild(document.createTextNode(text.slice(last, r[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(r[0], r[1]);
      span.appendChild(mark);
      last = r[1];
    });
    span.appendChild(document.createTextNode(text.slice(last, to) + (to < text.length ? "…" : "")));
    return span;
  }
  function link(id, n, q, words) {
    var p = new URLSearchParams();
    p.set("q", q.text);
    words.forEach(function (w) { p.append("hl", w); });
    return root + "articles/" + id + ".html?" + p.toString() + (n > 0 ? "#p" + n : "");
  }
  // One article of the results: titles, date, region, up to three snippets.
  function item(g, q) {
    var t = titles(g.a), m = manifest.articles[g.a], li = document.createElement("li");
    // Only the title and the first three blocks with a match are read (the
    // docs are in order).
    var blocks = {}, found = 0, docs = docsOf(g, q.hits);
    for (var i = 0; i < docs.length; i++) {
      var d = docs[i], n = blockOf(d);
      if (n > 0 && !(n in blocks) && found >= 3) break;
      var text = docText(d), rs = ranges(text, q);
      if (!rs.length) continue;
      if (n > 0 && !(n in blocks)) found++;
      var b = blocks[n] = blocks[n] || { n: n, words: {}, shown: null };
      rs.forEach(function (r) { b.words[text.slice(r[0], r[1])] = true; });
      if (!b.shown) b.shown = snippet(text, rs);
    }
    var ns = Object.keys(blocks).map(Number).sort(function (x, y) { return x - y; });
    var first = ns.filter(function (k) { return k > 0; })[0] || 0;
    var title = document.createElement("a");
    title.className = "hit-title";
    title.href = link(t[0], first, q, first in blocks ? Object.keys(blocks[first].words) : []);
    var zh = document.createElement("span"); zh.lang = "zh-Hans"; zh.textContent = t[1]; title.appendChild(zh);
    if (t[2]) { var en = document.createElement("span"); en.lang = "en"; en.className = "en-title"; en.textContent = t[2]; title.appendChild(en); }
    li.appendChild(title);
    var meta = document.createElement("p");
    meta.className = "hit-meta";
    meta.textContent = [m[0] || "无日期 undated", manifest.regions[m[1]] || "", g.n + " 处 matches"]
      .filter(Boolean).join(" · ");
    li.appendChild(meta);
    ns.filter(function (k) { return k > 0; }).slice(0, 3).forEach(function (k) {
      var a = document.createElement("a");
      a.className = "snippet";
      a.href = link(t[0], k, q, Object.keys(blocks[k].words));
      a.appendChild(document.createTextNode("¶" + k + " "));
      a.appendChild(blocks[k].shown);
      li.appendChild(a);
    });
    return li;
  }

  function keepInUrl(q, f) {
    var p = new URLSearchParams();
    if (q) p.set("q", q);
    ["region", "from", "to", "lang"].forEach(function (k) { if (f[k]) p.set(k, f[k]); });
    var s = p.toString();
    if (s === window.location.search.slice(1)) return;
    try { window.history.replaceState(null, "", s ? "?" + s : window.location.pathname); } catch (e) { /* file:// may refuse */ }
  }
  function fromUrl() {
    var p = new URLSearchParams(window.location.search);
    el.q.value = p.get("q") || "";
    ["region", "from", "to", "lang"].forEach(function (k) { if (p.get(k)) el[k].value = p.get(k); });
  }
  function regionOptions() {
    var seen = {}, list = document.createDocumentFragment();
    manifest.regions.forEach(function (r) {
      var parts2 = r.split("/");
      for (var i = 1; i <= Math.min(2, parts2.length); i++) seen[parts2.slice(0, i).join("/")] = true;
    });
    Object.keys(seen).filter(Boolean).sort().forEach(function (path) {
      var o = document.createElement("option"), depth = path.split("/").length - 1;
      o.value = path;
      o.textContent = (depth ? "\u3000" : "") + path.split("/").pop();
      list.appendChild(o);
    });
    el.region.appendChild(list);
  }
  // Arrows move between the box and the results; Enter opens a link.
  function keys(event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    if (event.target.tagName === "SELECT" || event.target.type === "date") return;
    var links = Array.prototype.slice.call(el.results.querySelectorAll("a"));
    if (!links.length) return;
    var at = links.indexOf(document.activeElement);
    var to = event.key === "ArrowDown" ? at + 1 : at - 1;
    event.preventDefault();
    if (to < 0) el.q.focus(); else links[Math.min(to, links.length - 1)].focus();
  }

  var timer = 0;
  function later() { window.clearTimeout(timer); timer = window.setTimeout(run, 120); }
  load([["manifest", 0], ["fold", 0]], function () {
    manifest = parts["manifest-0"];
    // A small table of English word forms comes now, so that an English
    // query finds its stems without a round of its own.
    if (manifest.forms <= FORM_CAP) {
      var forms = [];
      for (var k = 0; k < manifest.forms; k++) forms.push(["form", k]);
      load(forms, function () {});
    }
    var f = chars(parts["fold-0"]);
    for (var i = 0; i + 1 < f.length; i += 2) FOLD[f[i]] = f[i + 1];
    // Each article: date (index + 1, 0 undated), region, blocks.
    var nums = decode(manifest.articles), sum = 0;
    manifest.articles = [];
    offsets = new Int32Array(nums.length / 3);
    for (var j = 0; j + 2 < nums.length; j += 3) {
      manifest.articles.push([nums[j] ? manifest.dates[nums[j] - 1] : "", nums[j + 1], nums[j + 2]]);
      offsets[j / 3] = sum;
      sum += nums[j + 2];
    }
    manifest.starts = [];
    decode(manifest.runs).reduce(function (at, n) { manifest.starts.push(at); return at + n; }, 0);
    regionOptions();
    fromUrl();
    box.hidden = false;
    el.q.addEventListener("input", later);
    ["region", "from", "to", "lang"].forEach(function (k) { el[k].addEventListener("change", run); });
    box.querySelector("form").addEventListener("submit", function (e) { e.preventDefault(); run(); });
    document.addEventListener("keydown", function (e) {
      if (document.activeElement === document.body || box.contains(document.activeElement)) keys(e);
    });
    el.more.addEventListener("click", function () { more(); });
    if (!el.q.value) el.q.focus();
    api.setupMs = performance.now() - started;
    run();
  });
})();
