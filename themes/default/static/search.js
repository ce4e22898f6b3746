// The search page. Loads the index written by `duizhao build` (search/*.js,
// classic scripts that call duizhaoSearch.register, so it works from
// file://) shard by shard, only those a query needs. Folding and tokens
// follow src/search/fold.rs: keep the two in step.
(function () {
  "use strict";
  var box = document.getElementById("search");
  if (!box) return;
  var root = box.getAttribute("data-root") || "";
  var PAGE = 10;          // articles shown at a time
  var TEXT_CAP = 16;      // text shards loaded at once to confirm hits
  var parts = {};         // "kind-k" → data
  var waiting = {};       // "kind-k" → [callbacks]
  var api = window.duizhaoSearch = {
    loaded: [],           // shard files loaded, in order (the benchmark reads it)
    lastMs: 0,
    setupMs: 0,           // from this script to the manifest read
    phases: {},           // the last query's milliseconds by phase (the benchmark prints them)
    register: function (kind, k, data) {
      var key = kind + "-" + k;
      parts[key] = data;
      (waiting[key] || []).forEach(function (f) { f(); });
      delete waiting[key];
    }
  };

  // The numbers of an encoded list (src/search/encode.rs): base-32 digits,
  // the last of a number from 0-9a-v, the others from w-zA-Z_-.
  var started = performance.now();
  // Times the phases of a query: each lap adds the time since the last.
  var clock = { at: 0, phases: {} };
  function lap(name) {
    var now = performance.now();
    clock.phases[name] = (clock.phases[name] || 0) + now - clock.at;
    clock.at = now;
  }
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
  // A posting's docs (block × 2 + language): its Chinese blocks, then
  // after "." its English ones, each as gaps, a run of equal gaps once.
  function postingDocs(s) {
    var langs = s.split("."), lists = [];
    for (var lang = 0; lang < langs.length; lang++) {
      var nums = decode(langs[lang]), out = [], at = -1;
      for (var i = 0; i < nums.length; i++) {
        var gap = (nums[i] >> 1) + 1, times = nums[i] & 1 ? 1 + nums[++i] : 1;
        while (times-- > 0) { at += gap; out.push(at * 2 + lang); }
      }
      lists.push(out);
    }
    return lists.length === 1 ? lists[0] : merge(lists[0], lists[1]);
  }
  function merge(a, b) {
    var out = new Array(a.length + b.length), i = 0, j = 0, k = 0;
    while (i < a.length || j < b.length) out[k++] = j >= b.length || (i < a.length && a[i] < b[j]) ? a[i++] : b[j++];
    return out;
  }

  function file(kind, k) {
    return kind === "manifest" || kind === "fold" ? kind + ".js" : kind + "-" + k + ".js";
  }
  // Loads the shards named [kind, k], then calls done.
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
    if (c.length === 1) return c;
    var g = [];
    for (var i = 0; i + 1 < c.length; i++) g.push(c[i] + c[i + 1]);
    return g;
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
  function posting(token) {
    var s = (parts["idx-" + idxShard(token)] || {})[token];
    return s === undefined ? [] : postingDocs(s);
  }
  function intersect(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { out.push(a[i]); i++; j++; } else if (a[i] < b[j]) i++; else j++;
    }
    return out;
  }
  function union(lists) { return lists.length ? lists.reduce(merge, []).filter(function (x, i, a) { return !i || a[i - 1] !== x; }) : []; }

  var manifest = null;
  var offsets = [];       // article → its first block's number among all
  var el = {};
  ["q", "region", "from", "to", "lang", "status", "results", "more"].forEach(function (n) {
    el[n] = document.getElementById("search-" + n);
  });
  function status(text) { el.status.textContent = text; }

  // The docs holding every term (¶ numbers ×2 + language), from the postings.
  // Stop words are left out of a query that has other terms.
  function needed(ts) {
    var rest = ts.filter(function (t) { return t.kind !== "word" || !STOP[t.text]; });
    return rest.length ? rest : ts;
  }
  function candidates(all, done) {
    var ts = needed(all), need = [];
    ts.forEach(function (t) {
      if (t.kind === "han") grams(t.text).forEach(function (g) { need.push(["idx", idxShard(g)]); });
      else if (/^[a-z]+$/.test(t.text)) variants(t.text).forEach(function (v) { need.push(["form", formShard(v)]); });
    });
    load(need, function () {
      lap("load");
      var more = [];
      ts.forEach(function (t) {
        if (t.kind !== "word") return;
        var stems = {};
        if (!/^[a-z]+$/.test(t.text)) stems[t.text] = true;
        // The stems of the forms of the word the text has.
        variants(t.text).forEach(function (v) {
          var s = (parts["form-" + formShard(v)] || {})[v];
          if (s) stems[s] = true;
        });
        t.stems = Object.keys(stems);
        t.stems.forEach(function (s) { more.push(["idx", idxShard(s)]); });
      });
      load(more, function () {
        lap("load");
        // Each term's docs; the shortest lists are intersected first.
        var lists = [];
        ts.forEach(function (t) {
          if (t.kind === "han") grams(t.text).forEach(function (g) { lists.push(posting(g)); });
          else lists.push(union(t.stems.map(posting)));
        });
        lap("decode");
        lists.sort(function (a, b) { return a.length - b.length; });
        var docs = lists.length ? lists.reduce(intersect) : [];
        lap("intersect");
        done(docs);
      });
    });
  }
  function articleOf(doc) {
    var b = doc >> 1, lo = 0, hi = offsets.length - 1;
    while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (offsets[mid] <= b) lo = mid; else hi = mid - 1; }
    return lo;
  }
  function textShard(a) {
    var s = manifest.starts, lo = 0, hi = s.length - 1;
    while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (s[mid] <= a) lo = mid; else hi = mid - 1; }
    return lo;
  }
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

  // Whether article a passes the region and date filters.
  function kept(a, f) {
    var m = manifest.articles[a];
    if (f.region) { var r = manifest.regions[m[1]]; if (r !== f.region && r.indexOf(f.region + "/") !== 0) return false; }
    return !((f.from || f.to) && (!m[0] || f.from && m[0] < f.from || f.to && m[0] > f.to));
  }
  // Docs grouped by article, filtered by region, dates and language. The
  // docs come ascending, so one pass walks the articles along with them.
  function groups(docs, f) {
    var out = [], g = null, a = 0, last = -1, ok = false;
    for (var i = 0; i < docs.length; i++) {
      var d = docs[i], b = d >> 1;
      if (f.lang === "zh" && d & 1 || f.lang === "en" && !(d & 1)) continue;
      if (b < offsets[a]) a = articleOf(d);
      while (a + 1 < offsets.length && offsets[a + 1] <= b) a++;
      if (a !== last) { last = a; ok = kept(a, f); g = null; }
      if (!ok) continue;
      if (!g) { g = { a: a, docs: [], phrase: 0, title: 0, confirmed: false }; out.push(g); }
      g.docs.push(d);
      if (b === offsets[a]) g.title = 1;
    }
    return out;
  }
  function rank(list) {
    list.sort(function (x, y) {
      return (y.phrase - x.phrase) || (y.title - x.title) || (y.docs.length - x.docs.length) || (x.a - y.a);
    });
  }
  // Keeps the docs whose folded text holds each Chinese run (what Ctrl+F
  // finds) and notes whether the whole query stands in one of them.
  function confirm(g, q) {
    var phrase = foldText(q.text.trim().replace(/\s+/g, " "));
    g.docs = g.docs.filter(function (d) {
      var s = foldText(docText(d));
      var ok = q.terms.every(function (t) { return t.kind !== "han" || s.indexOf(t.text) >= 0; });
      if (ok && s.indexOf(phrase) >= 0) g.phrase = 1;
      return ok;
    });
    g.title = g.docs.some(function (d) { return blockOf(d) === 0; }) ? 1 : 0;
    g.confirmed = true;
  }
  // Loads the text shards of the groups' docs, in their languages.
  function ensureTexts(list, done) {
    var need = {};
    list.forEach(function (g) {
      var k = textShard(g.a);
      g.docs.forEach(function (d) { need[(d & 1 ? "en-" : "zh-") + k] = true; });
    });
    load(Object.keys(need).map(function (key) { var p = key.split("-"); return [p[0], Number(p[1])]; }), done);
  }

  var state = null;       // the query shown: { q, terms, list, shown, exact }
  var serial = 0;
  function filters() {
    return { region: el.region.value, from: el.from.value, to: el.to.value, lang: el.lang.value };
  }
  function run() {
    var text = el.q.value, f = filters(), id = ++serial, t0 = performance.now();
    clock = { at: t0, phases: {} };
    api.phases = clock.phases;
    keepInUrl(text, f);
    el.results.textContent = "";
    el.more.hidden = true;
    var ts = terms(text);
    if (!ts.length) { status(""); state = null; return; }
    status("搜索中… Searching…");
    candidates(ts, function (docs) {
      if (id !== serial) return;
      var q = { text: text, terms: ts };
      var list = groups(docs, f);
      // Long Chinese runs and several terms need the texts: to confirm
      // substrings and to rank exact phrases first.
      var needText = ts.length > 1 || ts.some(function (t) { return t.kind === "han" && chars(t.text).length > 2; });
      var shards = {};
      list.forEach(function (g) { shards[textShard(g.a)] = true; });
      var all = !needText || Object.keys(shards).length <= TEXT_CAP;
      if (!needText) list.forEach(function (g) { g.phrase = 1; g.confirmed = true; });
      var first = all && needText ? list : [];
      lap("group");
      ensureTexts(first, function () {
        if (id !== serial) return;
        lap("load");
        first.forEach(function (g) { confirm(g, q); });
        lap("confirm");
        list = list.filter(function (g) { return g.docs.length > 0; });
        rank(list);
        lap("group");
        state = { q: q, list: list, shown: 0, exact: all };
        more(function () { api.lastMs = performance.now() - t0; });
      });
    });
  }
  // Shows the next PAGE articles, confirming them first when needed.
  function more(done) {
    var s = state, id = serial;
    var next = s.list.slice(s.shown, s.shown + PAGE);
    ensureTexts(next, function () {
      if (id !== serial) return;
      lap("load");
      next.forEach(function (g) { if (!g.confirmed) confirm(g, s.q); });
      lap("confirm");
      next.filter(function (g) { return g.docs.length > 0; }).forEach(function (g) { el.results.appendChild(item(g, s.q)); });
      lap("render");
      s.shown += next.length;
      el.more.hidden = s.shown >= s.list.length;
      var n = s.list.length;
      if (!n) status("没有结果 · No results");
      else if (s.exact) status(n + " 篇文章 · " + n + (n === 1 ? " article" : " articles"));
      else status("最多 " + n + " 篇文章 · up to " + n + " articles");
      if (done) done();
    });
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
    // Only the title and the first three blocks with a match are read.
    var blocks = {}, found = 0;
    g.docs.slice().sort(function (x, y) { return x - y; }).some(function (d) {
      var n = blockOf(d);
      if (n > 0 && !(n in blocks) && found >= 3) return true;
      var text = docText(d), rs = ranges(text, q);
      if (!rs.length) return false;
      if (n > 0 && !(n in blocks)) found++;
      var b = blocks[n] = blocks[n] || { n: n, words: {}, shown: null };
      rs.forEach(function (r) { b.words[text.slice(r[0], r[1])] = true; });
      if (!b.shown) b.shown = snippet(text, rs);
      return false;
    });
    var ns = Object.keys(blocks).map(Number).sort(function (x, y) { return x - y; });
    var first = ns.filter(function (n) { return n > 0; })[0] || 0;
    var title = document.createElement("a");
    title.className = "hit-title";
    title.href = link(t[0], first, q, first in blocks ? Object.keys(blocks[first].words) : []);
    var zh = document.createElement("span"); zh.lang = "zh-Hans"; zh.textContent = t[1]; title.appendChild(zh);
    if (t[2]) { var en = document.createElement("span"); en.lang = "en"; en.className = "en-title"; en.textContent = t[2]; title.appendChild(en); }
    li.appendChild(title);
    var meta = document.createElement("p");
    meta.className = "hit-meta";
    meta.textContent = [m[0] || "无日期 undated", manifest.regions[m[1]] || "", g.docs.length + " 处 matches"]
      .filter(Boolean).join(" · ");
    li.appendChild(meta);
    ns.filter(function (n) { return n > 0; }).slice(0, 3).forEach(function (n) {
      var a = document.createElement("a");
      a.className = "snippet";
      a.href = link(t[0], n, q, Object.keys(blocks[n].words));
      a.appendChild(document.createTextNode("¶" + n + " "));
      a.appendChild(blocks[n].shown);
      li.appendChild(a);
    });
    return li;
  }

  function keepInUrl(q, f) {
    var p = new URLSearchParams();
    if (q) p.set("q", q);
    ["region", "from", "to", "lang"].forEach(function (k) { if (f[k]) p.set(k, f[k]); });
    var s = p.toString();
    try { window.history.replaceState(null, "", s ? "?" + s : window.location.pathname); } catch (e) { /* file:// may refuse */ }
  }
  function fromUrl() {
    var p = new URLSearchParams(window.location.search);
    el.q.value = p.get("q") || "";
    ["region", "from", "to", "lang"].forEach(function (k) { if (p.get(k)) el[k].value = p.get(k); });
  }
  function regionOptions() {
    var seen = {};
    manifest.regions.forEach(function (r) {
      var parts2 = r.split("/");
      for (var i = 1; i <= Math.min(2, parts2.length); i++) seen[parts2.slice(0, i).join("/")] = true;
    });
    Object.keys(seen).filter(Boolean).sort().forEach(function (path) {
      var o = document.createElement("option"), depth = path.split("/").length - 1;
      o.value = path;
      o.textContent = (depth ? "\u3000" : "") + path.split("/").pop();
      el.region.appendChild(o);
    });
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
    var f = chars(parts["fold-0"]);
    for (var i = 0; i + 1 < f.length; i += 2) FOLD[f[i]] = f[i + 1];
    // Each article: date (index + 1, 0 undated), region, blocks.
    var nums = decode(manifest.articles), sum = 0;
    manifest.articles = [];
    for (var j = 0; j + 2 < nums.length; j += 3) {
      manifest.articles.push([nums[j] ? manifest.dates[nums[j] - 1] : "", nums[j + 1], nums[j + 2]]);
      offsets.push(sum);
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
