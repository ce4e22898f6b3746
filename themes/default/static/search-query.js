// The search page's queries (2 of 3, after search-index.js): a query's
// postings combined, its hits grouped by article, filtered and ranked,
// and confirmed as exact substrings against the texts.
(function () {
  "use strict";
  var I = window.duizhaoSearch && window.duizhaoSearch.index;
  if (!I) return;
  var parts = I.parts, entryOf = I.entryOf, load = I.load, lap = I.lap, NONE = I.NONE, chars = I.chars;
  var merge = I.merge, intersect = I.intersect, shardOf = I.shardOf, foldText = I.foldText;
  var grams = I.grams, variants = I.variants, STOP = I.STOP, postingOf = I.postingOf;
  var manifest = null;
  var offsets = null;     // article → its first block's number among all (Int32Array)
  var dates = null;       // article → its date's index among manifest.dates + 1, 0 undated
  var regionOf = null;    // article → its region's index among manifest.regions

  function idxShard(token) { return shardOf(token, manifest.idx); }
  // The variants of a word of three letters or more share them: one shard.
  function formShard(word) { return shardOf(chars(word).slice(0, 3).join(""), manifest.forms); }
  var postings = new Map();  // token → its blocks by language, decoded once
  function posting(token) {
    var p = postings.get(token);
    if (p) return p;
    var s = entryOf("idx", idxShard(token), token);
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
      var s = entryOf("form", formShard(v), v);
      if (s) found[s] = true;
    });
    return Object.keys(found);
  }
  // The blocks holding every term of `all`, to `done`, once their shards
  // have loaded in as few rounds as may be; without `done`, the shards
  // are only asked for (early()).
  function candidates(all, done) {
    var ts = needed(all), han = [], forms = [];
    lead = { texts: {}, titles: {}, missed: false };
    ts.forEach(function (t) {
      if (t.kind === "han") grams(t.text).forEach(function (g) { han.push(["idx", idxShard(g)]); });
      else if (/^[a-z]+$/.test(t.text)) variants(t.text).forEach(function (v) { forms.push(["form", formShard(v)]); });
    });
    var words = ts.filter(function (t) { return t.kind === "word"; });
    var hanHits = null, hanDone = {};
    function stemShards() {
      var need = [];
      words.forEach(function (t) { t.stems = stems(t); t.stems.forEach(function (s) { need.push(["idx", idxShard(s)]); }); });
      return need;
    }
    // The leads load with the postings (lead.rs): a query of one token
    // shows its first page from its lead, one of several the articles of
    // its first page that the lead of one of its Chinese pairs holds.
    function withLead(list) {
      var token = lone(all);
      return list.concat((token ? [token] : leadPairs(ts)).map(function (t) { return ["lead", idxShard(t)]; }));
    }
    // The shards of the stem the rules give each word as typed, and its
    // lead if the query is that word alone: loaded with its forms, as a
    // guess (the forms name the stems; a wrong guess costs a round).
    function guessed() {
      var need = [];
      words.forEach(function (t) {
        if (!/^[a-z]+$/.test(t.text)) return;
        need.push(["idx", idxShard(I.stem(t.text))]);
        if (all.length === 1) need.push(["lead", idxShard(I.stem(t.text))]);
      });
      return need;
    }
    // With the forms at hand (loaded with the manifest when few), the
    // postings of every term load in one round; else with the forms.
    // Without `done`, they are only asked for (early()).
    var then = done ? found : function () {}, each = done && arrived;
    if (forms.every(function (f) { return ("form-" + f[1]) in parts; })) load(withLead(han.concat(stemShards())), then, each);
    else load(han.concat(forms, guessed()), function () { load(withLead(stemShards()), then); }, each);
    // The Chinese tokens' blocks, intersected shard by shard as each comes
    // while the others load: the first posting decoded, each next one read
    // only for the blocks found so far (hanHits, declared above the loads:
    // with every shard at hand they call found at once).
    function addGram(g) {
      if (hanDone[g]) return;
      hanDone[g] = true;
      if (!hanHits) hanHits = posting(g);
      else if (postings.has(g)) hanHits = both(hanHits, posting(g));
      else {
        var s = entryOf("idx", idxShard(g), g);
        hanHits = s === undefined ? [NONE, NONE] : postingOf(s, hanHits);
      }
    }
    function arrived(key) {
      ts.forEach(function (t) {
        if (t.kind === "han") grams(t.text).forEach(function (g) { if ("idx-" + idxShard(g) === key) addGram(g); });
      });
    }
    function found() {
      lap("idx");
      articles();
      var lists = [];
      ts.forEach(function (t) { if (t.kind === "han") grams(t.text).forEach(addGram); });
      if (hanHits) lists.push(hanHits);
      ts.forEach(function (t) { if (t.kind !== "han") lists.push(union(t.stems.map(posting))); });
      lap("decode");
      lists.sort(function (a, b) { return size(a) - size(b); });
      var hits = lists.length ? lists.reduce(both) : [NONE, NONE];
      lap("intersect");
      done(hits);
    }
  }
  // The Chinese pairs of a query of several tokens whose leads it loads.
  // A pair is often found only inside one word, so that an article's docs
  // holding the whole query are those holding the pair; an English word
  // seldom is (its leads were found to hold few of such a query's
  // articles, at more bytes and scripts than they saved).
  function leadPairs(ts) {
    var out = [];
    ts.forEach(function (t) { if (t.kind === "han") out.push.apply(out, grams(t.text)); });
    return out.length > 1 ? out : [];
  }
  // The one token of a query that has one (a Chinese character or pair, or
  // a word with one stem in the text), else null.
  function lone(ts) {
    if (ts.length !== 1) return null;
    var t = ts[0], g = t.kind === "han" ? grams(t.text) : t.stems || [];
    return g.length === 1 ? g[0] : null;
  }

  // The lead in use: the texts of the first page's articles by doc, their
  // titles by article; whether a doc was asked for that it lacks.
  var lead = { texts: {}, titles: {}, missed: false };
  // Uses the lead of the query's one token when its articles are the
  // first page of `list` as ranked (no filters: the page it was made for).
  function useLead(ts, list, page) {
    lead = { texts: {}, titles: {}, missed: false };
    var token = lone(ts), found = token && entryOf("lead", idxShard(token), token);
    var first = list.slice(0, page);
    if (!found || found.length !== first.length) return;
    for (var i = 0; i < found.length; i++) if (found[i][0] !== first[i].a) return;
    found.forEach(function (e) { take(e, entryTexts(e)); });
  }
  // A lead's entry for an article (src/search/lead.rs, `article`): [article,
  // id, Chinese title, English title, doc, text…]; its texts by doc.
  function entryTexts(e) {
    var out = {};
    for (var j = 4; j + 1 < e.length; j += 2) out[e[j]] = e[j + 1];
    return out;
  }
  // Puts an entry's title and its texts (all, or those of `docs`) in use.
  function take(e, byDoc, docs) {
    lead.titles[e[0]] = [e[1], e[2], e[3]];
    (docs || Object.keys(byDoc)).forEach(function (d) { lead.texts[d] = byDoc[d]; });
  }
  // Takes from the leads of a query of several tokens the articles of the
  // first page of `list` whose every hit (a doc holding each token) one of
  // those leads holds, with their titles: they need no text shard.
  function useLeads(ts, list, page, hits) {
    var leads = [];
    leadPairs(needed(ts)).forEach(function (token) {
      var l = entryOf("lead", idxShard(token), token);
      if (l) leads.push(l);
    });
    if (!leads.length) return;
    list.slice(0, page).forEach(function (g) {
      var docs = docsOf(g, hits);
      for (var i = 0; i < leads.length; i++) {
        var e = leads[i].filter(function (x) { return x[0] === g.a; })[0];
        var byDoc = e && entryTexts(e);
        if (byDoc && docs.every(function (d) { return d in byDoc; })) return take(e, byDoc, docs);
      }
    });
  }
  function leadMissed() { var m = lead.missed; lead.missed = false; return m; }
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
    return list && list[a - manifest.starts[k]];
  }
  function titles(a) {
    var zh = parts["zh-" + textShard(a)], t = textOf(a);
    if (!t) return lead.titles[a];
    return zh ? [t[0], t[1][0], t[2]] : [t[0], t[2], t[1][0]];
  }
  // A doc's text, from its text shard or else the lead ("" and noted if neither).
  function docText(doc) {
    var a = articleOf(doc), n = (doc >> 1) - offsets[a], t = textOf(a, doc & 1);
    var text = t ? t[1][n] : lead.texts[doc];
    if (text === undefined) { lead.missed = true; return ""; }
    return text;
  }
  function blockOf(doc) { return (doc >> 1) - offsets[articleOf(doc)]; }

  // Whether each article passes the region and date filters (computed
  // once per choice of filters; null when there are none).
  var passing = { key: null, ok: null };
  function allowed(f) {
    if (!f.region && !f.from && !f.to) return null;
    var key = f.region + "|" + f.from + "|" + f.to;
    if (passing.key === key) return passing.ok;
    var ok = new Uint8Array(offsets.length);
    for (var a = 0; a < offsets.length; a++) {
      var r = manifest.regions[regionOf[a]], d = dateOf(a);
      ok[a] = (!f.region || r === f.region || r.indexOf(f.region + "/") === 0) &&
        !((f.from || f.to) && (!d || f.from && d < f.from || f.to && d > f.to)) ? 1 : 0;
    }
    passing = { key: key, ok: ok };
    return ok;
  }
  // The hits counted by article, filtered by region and dates (the
  // language filter has emptied a language's hits): the articles with a
  // hit, in site order, each with its count and whether its title is one,
  // in typed arrays (a query may find every article: its groups are made
  // only for the articles shown, by `ranked`). The hits come ascending, so
  // one pass walks the articles along with them.
  function groups(hits, f) {
    var ok = allowed(f), n = offsets.length, count = new Int32Array(n), title = new Uint8Array(n);
    for (var lang = 0; lang < 2; lang++) {
      var list = hits[lang], a = 0;
      for (var i = 0; i < list.length; i++) {
        var b = list[i];
        while (a + 1 < n && offsets[a + 1] <= b) a++;
        count[a]++;
        if (b === offsets[a]) title[a] = 1;
      }
    }
    var m = 0;
    for (var k = 0; k < n; k++) if (count[k] && (!ok || ok[k])) m++;
    var found = { length: m, a: new Int32Array(m), n: new Int32Array(m), title: new Uint8Array(m) };
    for (var j = 0, at = 0; j < n; j++) {
      if (!count[j] || (ok && !ok[j])) continue;
      found.a[at] = j;
      found.n[at] = count[j];
      found.title[at++] = title[j];
    }
    return found;
  }
  // Every one of the found articles as a group, in site order.
  function every(found) {
    var out = new Array(found.length);
    for (var i = 0; i < found.length; i++) out[i] = new Group(found.a[i], found.n[i], found.title[i]);
    return out;
  }
  // An article of the results: its hits (counted, then confirmed), whether
  // one is in its title and whether one holds the whole query.
  function Group(a, n, title) {
    this.a = a;
    this.n = n;
    this.title = title;
    this.phrase = 0;
    this.confirmed = false;
    this.docs = null;
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
  // number per group, sorted as numbers; the groups' indices in that order.
  function order(length, phrase, title, n) {
    var keys = new Float64Array(length), SLOT = 4194304;
    for (var i = 0; i < length; i++) {
      keys[i] = ((phrase(i) * 2 + title[i]) * 2097152 + Math.min(n[i], 2097151)) * SLOT + (SLOT - 1 - i);
    }
    keys.sort();
    var out = new Int32Array(length);
    for (var k = 0; k < length; k++) out[k] = SLOT - 1 - keys[length - 1 - k] % SLOT;
    return out;
  }
  // Groups (confirmed, a list of Group) in rank order.
  function rank(list) {
    var title = list.map(function (g) { return g.title; }), n = list.map(function (g) { return g.n; });
    var at = order(list.length, function (i) { return list[i].phrase; }, title, n);
    return Array.from(at, function (i) { return list[i]; });
  }
  // The found articles in rank order when their hits are not to be
  // confirmed first: all holding the phrase (`phrase` 1: the hits need no
  // text) or none known to (0). Sliced like an array; each group made when
  // its page is shown.
  function ranked(found, phrase) {
    var at = order(found.length, function () { return phrase; }, found.title, found.n), made = {};
    return {
      length: at.length,
      slice: function (from, to) {
        var out = [];
        for (var k = from; k < Math.min(to, at.length); k++) {
          var i = at[k], g = made[i];
          if (!g) {
            g = made[i] = new Group(found.a[i], found.n[i], found.title[i]);
            if (phrase) { g.phrase = 1; g.confirmed = true; }
          }
          out.push(g);
        }
        return out;
      }
    };
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
  // Loads the text shards of the groups' docs, in their languages (but
  // not of the articles the lead holds, unless `all`).
  function ensureTexts(list, hits, done, all) {
    var need = {};
    list.forEach(function (g) {
      if (!all && lead.titles[g.a]) return;
      var k = textShard(g.a), docs = docsOf(g, hits);
      for (var i = 0; i < docs.length; i++) need[(docs[i] & 1 ? "en-" : "zh-") + k] = true;
    });
    load(Object.keys(need).map(function (key) { var p = key.split("-"); return [p[0], Number(p[1])]; }), done);
  }


  // Reads the manifest and the folding table once loaded: what a query
  // needs to ask for its shards. The rest waits for articles().
  function ready() {
    if (manifest) return manifest;
    manifest = parts["manifest-0"];
    I.setFold(parts["fold-0"]);
    return manifest;
  }
  // Decodes, once, each article's date (index + 1, 0 undated), region and
  // blocks, and the text shards' runs: the page calls it while a query's
  // shards load, and a query before it uses them.
  function articles() {
    if (offsets) return;
    var nums = I.decode(manifest.articles), n = nums.length / 3, sum = 0;
    offsets = new Int32Array(n);
    dates = new Int32Array(n);
    regionOf = new Int32Array(n);
    for (var a = 0, j = 0; a < n; a++, j += 3) {
      dates[a] = nums[j];
      regionOf[a] = nums[j + 1];
      offsets[a] = sum;
      sum += nums[j + 2];
    }
    var runs = I.decode(manifest.runs);
    manifest.starts = new Int32Array(runs.length);
    for (var k = 0, at = 0; k < runs.length; k++) { manifest.starts[k] = at; at += runs[k]; }
  }
  function dateOf(a) { return dates[a] ? manifest.dates[dates[a] - 1] : ""; }
  // An article's date ("" if undated) and region, for its entry.
  function meta(a) { return [dateOf(a), manifest.regions[regionOf[a]]]; }

  // A query in the page's address asks for its shards from the head,
  // before the page is laid out: search.js, which runs it once the page is
  // there, finds them loaded or on their way.
  var earlyText = null;
  function early() {
    var q = new URLSearchParams(window.location.search).get("q");
    if (!q || !("manifest-0" in parts) || !("fold-0" in parts)) return;
    ready();
    var ts = I.terms(q);
    if (!ts.length) return;
    earlyText = q;
    candidates(ts, null);
  }
  early();
  // Whether `text`, the page's first query, is the one early() asked for.
  function askedEarly(text) {
    var was = text === earlyText;
    earlyText = null;
    return was;
  }

  window.duizhaoSearch.query = {
    ready: ready, askedEarly: askedEarly, articles: articles, candidates: candidates, needed: needed, groups: groups, every: every, rank: rank, ranked: ranked,
    confirm: confirm,
    ensureTexts: ensureTexts, useLead: useLead, useLeads: useLeads, meta: meta, leadMissed: leadMissed, docsOf: docsOf, textShard: textShard, titles: titles,
    docText: docText, blockOf: blockOf
  };
})();
