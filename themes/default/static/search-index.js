// The search page's index (1 of 3: search-index.js, search-query.js,
// search.js, loaded in that order as classic scripts; the first two in
// the page's head, with the manifest and the folding table). Loads the shards
// written by `duizhao build` (search/*.js, each calling
// duizhaoSearch.register, so it works from file://), decodes postings and
// folds text into tokens. Folding and tokens follow src/search/fold.rs:
// keep the two in step.
(function () {
  "use strict";
  // In the head, before the page's body: its own tag says where the site
  // is (in a theme's page that loads it at the end, the box may say so).
  var me = document.getElementById("search-index") || document.getElementById("search");
  if (!me) return;
  var root = me.getAttribute("data-root") || "";
  var parts = {};         // "kind-k" → data
  var waiting = {};       // "kind-k" → [callbacks]
  var api = window.duizhaoSearch = {
    loaded: [],           // shard files loaded, in order (the benchmark reads it)
    lastMs: 0,            // the last query: until its first page is in the page
    rounds: 0,            // … the rounds of shards it asked for until then (early ones too)
    answeredAt: 0,        // … when that was, from the page's opening
    inputAt: 0,           // when the reader's last input in the box came
    paintMs: 0,           // … until that page is painted
    setupMs: 0,           // from this script to the manifest read
    phases: {},           // the last query's milliseconds by phase (the benchmark prints them)
    register: function (kind, k, data) {
      var key = kind + "-" + k;
      // The page's own <script> tags (manifest, fold) count as loaded too.
      if (!(key in waiting)) api.loaded.push("search/" + file(kind, k));
      parts[key] = data;
      (waiting[key] || []).forEach(function (f) { f(); });
      delete waiting[key];
    }
  };

  // The entry for `key` in the loaded shard `kind`-`k`, undefined if none:
  // its own keys only (a query of "constructor" must not find Object's).
  function entryOf(kind, k, key) {
    var table = parts[kind + "-" + k];
    return table && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
  }

  var started = performance.now();
  // Times the phases of a query: each lap adds the time since the last.
  var clock = { at: 0, phases: {}, rounds: 0 };
  function lap(name) {
    var now = performance.now();
    clock.phases[name] = (clock.phases[name] || 0) + now - clock.at;
    clock.at = now;
  }
  // With `carry`, the rounds already counted stay: the query's shards
  // were asked for early (search-query.js, early()).
  function startClock(t0, carry) {
    clock = { at: t0, phases: {}, rounds: carry ? clock.rounds : 0 };
    api.phases = clock.phases;
  }
  // The numbers of an encoded list (src/search/encode.rs): base-32 digits,
  // the last of a number from 0-9a-v, the others from w-zA-Z_-.
  var DIGIT = new Int8Array(128).fill(-1);
  "0123456789abcdefghijklmnopqrstuv".split("").forEach(function (c, i) { DIGIT[c.charCodeAt(0)] = i; });
  "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-".split("").forEach(function (c, i) { DIGIT[c.charCodeAt(0)] = 32 + i; });
  function decode(s) {
    var out = new Int32Array(s.length), k = 0, n = 0;
    for (var i = 0; i < s.length; i++) {
      var d = DIGIT[s.charCodeAt(i)];
      if (d >= 32) n = n * 32 + d - 32; else { out[k++] = n * 32 + d; n = 0; }
    }
    return out.subarray(0, k);
  }
  // The blocks of one language's part of a posting (s[from, to)),
  // ascending: gaps from -1, each as 2(g-1), or as 2(g-1)+1 followed by how
  // many more of the same gap. One pass into a typed array (cheap while the
  // code is cold). With `keep` (ascending), only the blocks it also holds,
  // read as they are decoded: a long posting is never written out whole.
  function blocksOf(s, from, to, keep) {
    var out = new Int32Array(keep ? keep.length : to - from + 8), k = 0, j = 0, n = 0, at = -1, repeat = 0;
    for (var i = from; i < to && !(keep && j === keep.length); i++) {
      var d = DIGIT[s.charCodeAt(i)];
      if (d >= 32) { n = n * 32 + d - 32; continue; }
      n = n * 32 + d;
      var gap = repeat, times = n;
      if (repeat) repeat = 0; else { gap = (n >> 1) + 1; times = 1; if (n & 1) repeat = gap; }
      n = 0;
      if (keep) {
        while (times-- > 0 && j < keep.length) {
          at += gap;
          while (j < keep.length && keep[j] < at) j++;
          if (keep[j] === at) out[k++] = keep[j++];
        }
        continue;
      }
      if (k + times > out.length) { var more = new Int32Array(Math.max(2 * out.length, k + times)); more.set(out); out = more; }
      while (times-- > 0) { at += gap; out[k++] = at; }
    }
    return out.subarray(0, k);
  }
  var NONE = new Int32Array(0);
  // A posting's blocks by language: its Chinese, then after "." its
  // English; with `keep` (by language, as this gives them), only those of
  // its blocks.
  function postingOf(s, keep) {
    var dot = s.indexOf("."), end = dot < 0 ? s.length : dot;
    return [blocksOf(s, 0, end, keep && keep[0]), dot < 0 ? NONE : blocksOf(s, dot + 1, s.length, keep && keep[1])];
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
  // The docs in both lists: walked side by side when of like lengths, a
  // short list against a long one by galloping.
  function intersect(a, b) {
    if (a.length > b.length) { var t = a; a = b; b = t; }
    var out = new Int32Array(a.length), k = 0, j = 0;
    if (b.length < 8 * a.length) {
      for (var m = 0; m < a.length && j < b.length;) {
        if (a[m] < b[j]) m++;
        else if (a[m] > b[j]) j++;
        else { out[k++] = a[m++]; j++; }
      }
      return out.subarray(0, k);
    }
    for (var i = 0; i < a.length && j < b.length; i++) {
      var x = a[i], step = 1;
      while (j + step < b.length && b[j + step] < x) { j += step; step *= 2; }
      var hi = Math.min(j + step, b.length - 1);
      while (j < hi) { var mid = (j + hi) >> 1; if (b[mid] < x) j = mid + 1; else hi = mid; }
      if (b[j] === x) out[k++] = x;
    }
    return out.subarray(0, k);
  }

  // Says a shard is missing, once the page's status line is there (a
  // query in the address asks for its shards from the head).
  var lost = null;
  function missing(src) {
    lost = src;
    var status = document.getElementById("search-status");
    if (status) status.textContent = "索引文件缺失 A file of the index is missing: " + src;
    else document.addEventListener("DOMContentLoaded", function () { missing(src); });
  }
  function file(kind, k) {
    return kind === "manifest" || kind === "fold" ? kind + ".js" : kind + "-" + k + ".js";
  }
  // Loads the shards named [kind, k], all at once, then calls done (and
  // `each`, if given, with each shard's "kind-k" as it comes). A load that
  // asks for a file is a round; one that waits only for files already
  // asked for is not.
  function load(list, done, each) {
    var left = 0, asked = Object.create(null), fresh = false;
    list.forEach(function (item) {
      var key = item[0] + "-" + item[1];
      // Once a list (a long query repeats its shards).
      if (key in parts || key in asked) return;
      asked[key] = true;
      left++;
      var first = !waiting[key];
      (waiting[key] = waiting[key] || []).push(function () {
        if (each) each(key);
        if (--left === 0) done();
      });
      if (!first) return;
      fresh = true;
      var s = document.createElement("script");
      s.src = root + "search/" + file(item[0], item[1]);
      s.onerror = function () { missing(s.src); };
      api.loaded.push("search/" + file(item[0], item[1]));
      document.head.appendChild(s);
    });
    if (fresh) clock.rounds++;
    if (left === 0) done();
  }

  // Folding: fullwidth digits and letters narrowed, decomposed, marks
  // dropped, lower case, traditional → simplified (as fold.rs folds).
  var FOLD = Object.create(null);
  // Characters that may fold to something else: any outside the ranges
  // that folding leaves alone (ASCII but capitals, general punctuation, CJK
  // punctuation but its tone marks, the unified ideographs, fullwidth
  // punctuation but not its digits and letters, which narrow: checked over
  // the whole Basic Multilingual Plane), and the folding table's (filled
  // by setFold).
  var CHANGING = /[^\x00-\x40\x5b-\x7f\u2010-\u206f\u3000-\u3029\u3030-\u303f\u4e00-\u9fff\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]/;
  var TABLED = /$^/;
  // Fills the folding table from fold.js's pairs (traditional, simplified).
  function setFold(pairs) {
    var f = Array.from(pairs), keys = "";
    for (var i = 0; i + 1 < f.length; i += 2) {
      FOLD[f[i]] = f[i + 1];
      keys += f[i].replace(/[\\\]\^\-]/g, "\\$&");
    }
    TABLED = keys ? new RegExp("[" + keys + "]", "u") : /$^/;
  }
  var folded = new Map();  // character → its folding, computed once
  // A fullwidth digit or letter as its ASCII form (`narrow` in fold.rs).
  function narrow(c) {
    var p = c.charCodeAt(0);
    var wide = c.length === 1 && ((p >= 0xff10 && p <= 0xff19) || (p >= 0xff21 && p <= 0xff3a) || (p >= 0xff41 && p <= 0xff5a));
    return wide ? String.fromCharCode(p - 0xfee0) : c;
  }
  function foldChar(c) {
    var out = folded.get(c);
    if (out !== undefined) return out;
    var d = narrow(c).normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
    out = "";
    for (var x of d) out += FOLD[x] || x;
    folded.set(c, out);
    return out;
  }
  // The folded text alone (ASCII text needs only lower case; most Chinese
  // text none).
  function foldText(text) {
    if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase();
    return CHANGING.test(text) || TABLED.test(text) ? foldMap(text).s : text;
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
  // The stem of an English word by the Snowball English (Porter2) rules
  // the index uses (src/search/fold.rs): a guess at the stem a word-form
  // table gives, so that the stem's postings load with the table.
  var stem = (function () {
    var V = "aeiouy";
    // Tables of words without Object's keys: "constructor" is a word too.
    var EXCEPTIONS = Object.assign(Object.create(null), { skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie", idly: "idl",
      gently: "gentl", ugly: "ugli", early: "earli", only: "onli", singly: "singl", sky: "sky", news: "news",
      howe: "howe", atlas: "atlas", cosmos: "cosmos", bias: "bias", andes: "andes" });
    var AFTER_1A = Object.assign(Object.create(null),
      { inning: 1, outing: 1, canning: 1, herring: 1, earring: 1, proceed: 1, exceed: 1, succeed: 1 });
    var STEP2 = [["ization", "ize"], ["ational", "ate"], ["fulness", "ful"], ["ousness", "ous"], ["iveness", "ive"],
      ["tional", "tion"], ["biliti", "ble"], ["lessli", "less"], ["entli", "ent"], ["ation", "ate"], ["alism", "al"],
      ["aliti", "al"], ["ousli", "ous"], ["iviti", "ive"], ["fulli", "ful"], ["enci", "ence"], ["anci", "ance"],
      ["abli", "able"], ["izer", "ize"], ["ator", "ate"], ["alli", "al"], ["bli", "ble"], ["ogi", "og"], ["li", ""]];
    var STEP3 = [["ational", "ate"], ["tional", "tion"], ["alize", "al"], ["icate", "ic"], ["iciti", "ic"],
      ["ative", ""], ["ical", "ic"], ["ness", ""], ["ful", ""]];
    var STEP4 = ["ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti", "ous", "ive",
      "ize", "ion", "al", "er", "ic"];
    function vowel(w, i) { return V.indexOf(w[i]) >= 0; }
    // Where the region after the first non-vowel following a vowel from `from` starts.
    function region(w, from) {
      for (var i = from + 1; i < w.length; i++) if (!vowel(w, i) && vowel(w, i - 1)) return i + 1;
      return w.length;
    }
    function shortSyllableAt(w, i) {  // the syllable ending at w[i]
      if (i === 1) return vowel(w, 0) && !vowel(w, 1);
      return i >= 2 && !vowel(w, i - 2) && vowel(w, i - 1) && !vowel(w, i) && "wxY".indexOf(w[i]) < 0;
    }
    function ends(w, s) { return w.length >= s.length && w.slice(-s.length) === s; }
    function longest(w, list) {
      for (var i = 0; i < list.length; i++) { var s = typeof list[i] === "string" ? list[i] : list[i][0]; if (ends(w, s)) return i; }
      return -1;
    }
    return function (word) {
      if (word.length <= 2) return word;
      if (EXCEPTIONS[word]) return EXCEPTIONS[word];
      var w = word.replace(/^'/, "");
      w = w.replace(/^y/, "Y").replace(/([aeiouy])y/g, "$1Y");
      var r1 = /^(gener|commun|arsen)/.test(w) ? RegExp.$1.length : region(w, 0), r2 = region(w, r1);
      // Step 0 and 1a.
      w = w.replace(/'(s'?)?$/, "");
      if (ends(w, "sses")) w = w.slice(0, -2);
      else if (ends(w, "ied") || ends(w, "ies")) w = w.slice(0, -3) + (w.length > 4 ? "i" : "ie");
      else if (ends(w, "us") || ends(w, "ss")) { /* kept */ }
      else if (ends(w, "s") && /[aeiouy]/.test(w.slice(0, -2))) w = w.slice(0, -1);
      if (AFTER_1A[w]) return w;
      // Step 1b.
      var m = /(eedly|eed)$/.exec(w);
      if (m) { if (w.length - m[1].length >= r1) w = w.slice(0, -m[1].length) + "ee"; }
      else if ((m = /(ingly|edly|ing|ed)$/.exec(w)) && /[aeiouy]/.test(w.slice(0, -m[1].length))) {
        w = w.slice(0, -m[1].length);
        if (/(at|bl|iz)$/.test(w)) w += "e";
        else if (/(bb|dd|ff|gg|mm|nn|pp|rr|tt)$/.test(w)) w = w.slice(0, -1);
        else if (r1 >= w.length && shortSyllableAt(w, w.length - 1)) w += "e";
      }
      // Step 1c.
      if (w.length > 2 && /[yY]$/.test(w) && !vowel(w, w.length - 2)) w = w.slice(0, -1) + "i";
      // Step 2.
      var i = longest(w, STEP2);
      if (i >= 0 && w.length - STEP2[i][0].length >= r1) {
        var s = STEP2[i][0], before = w[w.length - s.length - 1];
        if (s === "ogi") { if (before === "l") w = w.slice(0, -3) + "og"; }
        else if (s === "li") { if ("cdeghkmnrt".indexOf(before) >= 0) w = w.slice(0, -2); }
        else w = w.slice(0, -s.length) + STEP2[i][1];
      }
      // Step 3.
      i = longest(w, STEP3);
      if (i >= 0 && w.length - STEP3[i][0].length >= r1) {
        if (STEP3[i][0] !== "ative" || w.length - 5 >= r2) w = w.slice(0, -STEP3[i][0].length) + STEP3[i][1];
      }
      // Step 4.
      i = longest(w, STEP4);
      if (i >= 0 && w.length - STEP4[i].length >= r2) {
        if (STEP4[i] !== "ion" || /[st]$/.test(w.slice(0, -3))) w = w.slice(0, -STEP4[i].length);
      }
      // Step 5.
      if (ends(w, "e") && (w.length - 1 >= r2 || (w.length - 1 >= r1 && !shortSyllableAt(w, w.length - 2)))) w = w.slice(0, -1);
      else if (ends(w, "ll") && w.length - 1 >= r2) w = w.slice(0, -1);
      return w.replace(/Y/g, "y");
    };
  })();
  // English words too common to narrow a query: not loaded when the
  // query has another term (the phrase still ranks first).
  var STOP = Object.create(null);
  ("a an and are as at be by for from has have in is it of on or that the their this to was were with")
    .split(" ").forEach(function (w) { STOP[w] = true; });
  api.index = {
    root: root, started: started, parts: parts, entryOf: entryOf, load: load, lap: lap, startClock: startClock,
    rounds: function () { return clock.rounds; },
    lost: function () { return lost; },
    decode: decode, postingOf: postingOf, NONE: NONE, merge: merge, intersect: intersect,
    setFold: setFold, foldText: foldText, foldMap: foldMap, shardOf: shardOf,
    terms: terms, chars: chars, grams: grams, variants: variants, stem: stem, STOP: STOP
  };
})();
