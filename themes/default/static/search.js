// The search page (3 of 3, after search-index.js and search-query.js):
// the box, the filters and the URL, and the results put in the page.
//
// The manifest and the folding table come with the page (its <script>
// tags, in the head), so a query typed or in the URL starts at once; one
// in the URL has asked for its shards from the head already. A query: its
// index shards load at once (one round; an English word whose forms are
// not at hand loads them with the shard of the stem the stemming rules
// give it); postings decode into
// typed arrays, the shortest lists are intersected first, hits are grouped
// by article and ranked; then only the text shards of the first page load
// (a second round, all at once), its hits are confirmed and its snippets
// built, and the page is put in at once. A query of one frequent token
// loads the token's lead with its postings instead (src/search/lead.rs):
// its first page's texts, so no second round; a query of several Chinese
// pairs loads their leads too, and takes from them the articles of its
// first page they hold. Later pages follow on demand.
(function () {
  "use strict";
  var api = window.duizhaoSearch;
  var I = api && api.index, Q = api && api.query;
  if (!Q) return;
  var box = document.getElementById("search");
  var root = I.root, load = I.load, lap = I.lap, NONE = I.NONE, chars = I.chars;
  var foldText = I.foldText, foldMap = I.foldMap, variants = I.variants, terms = I.terms;
  var candidates = Q.candidates, groups = Q.groups, rank = Q.rank, confirm = Q.confirm;
  var ensureTexts = Q.ensureTexts, docsOf = Q.docsOf, textShard = Q.textShard, titles = Q.titles;
  var docText = Q.docText, blockOf = Q.blockOf;
  var PAGE = 10;          // articles shown at a time
  var TEXT_CAP = 16;      // text shards loaded at once to confirm every hit
  var FORM_CAP = 4;       // form shards loaded ahead of a typed query when so few
  var manifest = null;
  var el = {};
  ["q", "region", "from", "to", "lang", "status", "results", "more"].forEach(function (n) {
    el[n] = document.getElementById("search-" + n);
  });
  function status(text) { if (el.status.textContent !== text) el.status.textContent = text; }

  var state = null;       // the query shown: { q, list, shown, exact }
  var serial = 0;
  var asked = null;       // the text of the last query run
  function filters() {
    return { region: el.region.value, from: el.from.value, to: el.to.value, lang: el.lang.value };
  }
  function run() {
    var text = el.q.value, f = filters(), id = ++serial, t0 = performance.now();
    asked = text;
    I.startClock(t0, Q.askedEarly(text));
    keepInUrl(text, f);
    var ts = terms(text);
    if (!ts.length) {
      state = null;
      show(null);
      // Text with nothing to look for (punctuation, a broken address): said so.
      if (text.trim()) status("没有可搜索的字词 · Nothing to search for: type Chinese characters or English words");
      formsNow();
      return;
    }
    // Said only when the answer is slow (each change of the page costs a
    // layout), and not over a missing file's message.
    var slow = window.setTimeout(function () { if (id === serial && !I.lost()) status("搜索中… Searching…"); }, 300);
    candidates(ts, function (hits) {
      if (id !== serial) return;
      if (f.lang) hits = f.lang === "en" ? [NONE, hits[1]] : [hits[0], NONE];
      var q = { text: text, terms: ts, hits: hits, phrase: foldText(text.trim().replace(/\s+/g, " ")) };
      var found = groups(hits, f);
      // Long Chinese runs and several terms need the texts: to confirm
      // substrings and to rank exact phrases first.
      var needText = ts.length > 1 || ts.some(function (t) { return t.kind === "han" && chars(t.text).length > 2; });
      var shards = {}, count = 0;
      for (var i = 0; needText && i < found.length && count <= TEXT_CAP; i++) {
        var k = textShard(found.a[i]);
        if (!shards[k]) { shards[k] = true; count++; }
      }
      var all = !needText || count <= TEXT_CAP;
      // Few enough to confirm every hit first (their texts in one round),
      // else ranked as counted and each page confirmed when shown.
      var first = all && needText ? Q.every(found) : [];
      lap("group");
      ensureTexts(first, hits, function () {
        if (id !== serial) return;
        lap("texts");
        first.forEach(function (g) { confirm(g, q); });
        lap("confirm");
        var list = first.length ? rank(first.filter(function (g) { return g.n > 0; })) : Q.ranked(found, needText ? 0 : 1);
        if (!needText && !f.region && !f.from && !f.to && !f.lang) Q.useLead(ts, list, PAGE);
        else if (needText && !first.length) Q.useLeads(ts, list, PAGE, hits);
        lap("group");
        state = { q: q, list: list, shown: 0, exact: all, mixed: mixed(ts) && !f.lang };
        more(function () {
          window.clearTimeout(slow);
          api.lastMs = performance.now() - t0;
          api.rounds = I.rounds();
          api.answeredAt = performance.now();
          painted(function () { api.paintMs = performance.now() - t0; });
          formsNow();
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
    ensureTexts(next, s.q.hits, function put(all) {
      if (id !== serial) return;
      lap("texts");
      next.forEach(function (g) { if (!g.confirmed) confirm(g, s.q); });
      lap("confirm");
      var page = document.createDocumentFragment();
      next.forEach(function (g) { if (g.n > 0) page.appendChild(item(g, s.q)); });
      // A block the lead lacks (a word form it did not foresee): the text
      // shards, and the page made again.
      if (Q.leadMissed() && all !== true) {
        ensureTexts(next, s.q.hits, function () { put(true); }, true);
        return;
      }
      s.shown += next.length;
      show(page, s.list.length, s.exact, s.shown === next.length);
      lap("render");
      if (done) done();
    });
  }
  // Whether a query has both Chinese and English words it looks for (not
  // stop words, not numbers): a hit is a block in one language, so such a
  // query finds only blocks holding both.
  function mixed(ts) {
    var looked = Q.needed(ts);
    return looked.some(function (t) { return t.kind === "han"; }) &&
      looked.some(function (t) { return t.kind === "word" && /[a-z]/.test(t.text); });
  }
  // Puts a page of results in (replacing the last query's when `fresh`),
  // with the count and the "more" button, in one change of the page; no
  // page for an empty query.
  function show(page, n, exact, fresh) {
    if (!page || fresh) el.results.textContent = "";
    if (page) el.results.appendChild(page);
    el.more.hidden = !state || state.shown >= state.list.length;
    if (!page) status("");
    else if (!n && state.mixed) status("没有结果：每段按一种语言搜索，中文词和英文词请分开搜 · No results: " +
      "each paragraph is searched in one language, so search Chinese and English words separately");
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
    var t = titles(g.a), m = Q.meta(g.a), li = document.createElement("li");
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
    meta.textContent = [m[0] || "无日期 undated", m[1] || "", g.n + " 处 matches"]
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

  // Keys typed one by one wait for a pause (each would start a query); a
  // word an input method commits, a paste or a pick from a list runs at
  // once; nothing runs while an input method composes (its letters are
  // not the query).
  var timer = 0;
  function typed(event) {
    window.clearTimeout(timer);
    if (event.isComposing) return;
    api.inputAt = performance.now();
    var whole = event.type === "compositionend" || (event.data && Array.from(event.data).length > 1) ||
      event.inputType === "insertFromPaste" || event.inputType === "insertReplacementText";
    if (whole) changed(); else timer = window.setTimeout(changed, 120);
  }
  // Runs the query unless it is the one asked last (an input method may
  // send its word twice: with compositionend and with input).
  function changed() { if (el.q.value !== asked) run(); }
  // A small table of English word forms, so that a typed English query
  // finds its stems without a round of their own: loaded at once, or once
  // a query in the URL has shown its first page (its own shards first; an
  // English one asks for its forms itself).
  var formsLater = null;
  function formsNow() { if (formsLater) { var later = formsLater; formsLater = null; later(); } }
  function loadForms() {
    if (manifest.forms > FORM_CAP) return;
    var forms = [];
    for (var k = 0; k < manifest.forms; k++) forms.push(["form", k]);
    load(forms, function () {});
  }
  load([["manifest", 0], ["fold", 0]], function () {
    manifest = Q.ready();
    regionOptions();
    fromUrl();
    if (el.q.value) formsLater = loadForms; else loadForms();
    box.hidden = false;
    el.q.addEventListener("input", typed);
    el.q.addEventListener("compositionend", typed);
    ["region", "from", "to", "lang"].forEach(function (k) { el[k].addEventListener("change", run); });
    box.querySelector("form").addEventListener("submit", function (e) { e.preventDefault(); run(); });
    document.addEventListener("keydown", function (e) {
      if (document.activeElement === document.body || box.contains(document.activeElement)) keys(e);
    });
    el.more.addEventListener("click", function () { more(); });
    if (!el.q.value) el.q.focus();
    api.setupMs = performance.now() - I.started;
    run();
    // Decoded while the query's shards load.
    Q.articles();
  });
})();
