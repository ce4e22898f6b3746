// Word-level pinyin in the browser, for the pinyin aid (aids.js loads this
// and static/pinyin-table.js, which the build writes, only when a reader
// turns the aid on). The same cut and readings as the build's src/pinyin.rs:
// the longest word (2 to 4 characters) at each step from the front and from
// the back, the cut with fewer pieces winning, then the one with fewer single
// characters, then the one from the back; a word of the phrase table reads as
// the table says, another as the longest phrases inside it, else each
// character its most common reading.
// window.duizhaoPinyin.readings(text) gives the readings of every character
// U+3400–U+9FFF of `text` in order: words by spaces, syllables by "-", "?"
// for a character without a reading ("重庆组织" → "chóng-qìng zǔ-zhī").
(function () {
  var table = window.duizhaoPinyinTable;
  if (!table) return;
  var HAN = /^[\u3400-\u9fff]$/;
  var LONGEST = 4;
  var lines = function (text) { return text ? text.split("\n") : []; };

  var reading = new Map(); // character → its most common syllable
  lines(table.chars).forEach(function (line) {
    var at = line.indexOf(" ");
    var syllable = line.slice(0, at);
    for (var i = at + 1; i < line.length; i++) reading.set(line.charAt(i), syllable);
  });
  var phrase = new Map(); // word of the table → its syllables
  lines(table.phrases).forEach(function (line) {
    var parts = line.split(" ");
    phrase.set(parts[0], parts.slice(1));
  });

  // The characters from..to of `chars` (an array or a string) as one string.
  function run(chars, from, to) {
    var out = "";
    for (var i = from; i < to; i++) out += chars[i];
    return out;
  }

  // Each start (forward) and end (backward) of a word the cut knows:
  // bit 1, it is a word; bit 2, a longer word goes on from it.
  var forward = new Map();
  var backward = new Map();
  function know(word) {
    var chars = /[\ud800-\udfff]/.test(word) ? Array.from(word) : word;
    var n = chars.length;
    if (n < 2 || n > LONGEST) return;
    for (var k = 2; k <= n; k++) {
      var bit = k === n ? 1 : 2;
      var head = run(chars, 0, k);
      var tail = run(chars, n - k, n);
      forward.set(head, (forward.get(head) | 0) | bit);
      backward.set(tail, (backward.get(tail) | 0) | bit);
    }
  }
  phrase.forEach(function (_, word) { know(word); });
  lines(table.words).forEach(know);

  // The longest known word `run(k)` yields (k = 2 … 4), else 1.
  function longest(known, run) {
    var best = 1;
    for (var k = 2; k <= LONGEST; k++) {
      var text = run(k);
      var found = text === null ? undefined : known.get(text);
      if (found === undefined) break;
      if (found & 1) best = k;
      if (!(found & 2)) break;
    }
    return best;
  }

  // `chars` cut into words, as [start, length] pairs.
  function segment(chars) {
    var front = [];
    for (var i = 0; i < chars.length;) {
      var n = longest(forward, function (k) { return i + k <= chars.length ? run(chars, i, i + k) : null; });
      front.push([i, n]);
      i += n;
    }
    var back = [];
    for (var end = chars.length; end > 0;) {
      var m = longest(backward, function (k) { return end - k >= 0 ? run(chars, end - k, end) : null; });
      back.push([end - m, m]);
      end -= m;
    }
    back.reverse();
    var singles = function (cut) { return cut.filter(function (p) { return p[1] === 1; }).length; };
    var f = [front.length, singles(front)];
    var b = [back.length, singles(back)];
    return f[0] < b[0] || (f[0] === b[0] && f[1] < b[1]) ? front : back;
  }

  // The syllables of a word: the table's, else its longest inner phrases',
  // else each character's; null if a character has no reading.
  function readWord(chars) {
    var whole = phrase.get(run(chars, 0, chars.length));
    if (whole) return whole;
    var out = [];
    for (var i = 0; i < chars.length;) {
      var inner = null;
      for (var n = chars.length - i; n >= 2 && !inner; n--) {
        if (n < chars.length) {
          var found = phrase.get(run(chars, i, i + n));
          if (found) inner = [n, found];
        }
      }
      if (inner) { out.push.apply(out, inner[1]); i += inner[0]; continue; }
      var one = reading.get(chars[i]);
      if (!one) return null;
      out.push(one);
      i += 1;
    }
    return out;
  }

  function readings(text) {
    var chars = Array.from(text);
    var out = [];
    segment(chars).forEach(function (piece) {
      var word = chars.slice(piece[0], piece[0] + piece[1]);
      var han = word.filter(function (c) { return HAN.test(c); });
      var syllables = han.length === word.length ? readWord(word) : null;
      if (syllables && syllables.length) out.push(syllables.join("-"));
      else han.forEach(function () { out.push("?"); });
    });
    return out.join(" ");
  }

  window.duizhaoPinyin = { readings: readings };
})();
