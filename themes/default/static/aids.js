// Reading aids of the article page, each off by default and remembered
// (localStorage, which works from file://): pinyin <ruby> over the Chinese
// with word-level readings (static/pinyin.js and its table, loaded when the
// aid is first turned on),
// glossary terms as buttons with a pop-up (pinyin + English), and practice
// (the English hidden, each row revealed on tap or Enter). Also a citation
// button per ¶: it copies the ¶'s citation where the browser allows and
// always shows it. Without JavaScript the page reads as before.
(function () {
  var box = document.querySelector(".aids");
  var article = document.querySelector("article.article");
  if (!box || !article) return;
  var HAN = /[\u3400-\u9fff]/;
  var blocks = article.querySelectorAll(".row > div.zh");
  // pinyin.js and its table sit beside this script.
  var here = document.currentScript && document.currentScript.src;
  var terms = [];
  try { terms = JSON.parse(box.dataset.glossary || "[]"); } catch (e) { terms = []; }
  terms.sort(function (a, b) { return b.zh.length - a.zh.length; });
  var on = {};

  function load(key) { try { return window.localStorage.getItem("duizhao-aid-" + key) === "on"; } catch (e) { return false; } }
  function save(key, value) { try { window.localStorage.setItem("duizhao-aid-" + key, value ? "on" : "off"); } catch (e) { /* storage refused */ } }

  // The text nodes under `el`, outside links (a term button may not sit in a
  // link) unless `withLinks`.
  function textNodes(el, withLinks) {
    var found = [];
    var walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) if (withLinks || !walker.currentNode.parentNode.closest("a, rt")) found.push(walker.currentNode);
    return found;
  }

  // Each glossary term in `el`'s text made a button holding the term.
  function markTerms(el) {
    if (!terms.length) return;
    textNodes(el).forEach(function (node) {
      var text = node.nodeValue;
      var frag = document.createDocumentFragment();
      var at = 0;
      for (var i = 0; i < text.length;) {
        var hit = null;
        for (var t = 0; t < terms.length && !hit; t++) if (text.substr(i, terms[t].zh.length) === terms[t].zh) hit = terms[t];
        if (!hit) { i++; continue; }
        frag.appendChild(document.createTextNode(text.slice(at, i)));
        var button = document.createElement("button");
        button.type = "button";
        button.className = "term";
        button.textContent = hit.zh;
        button.dataset.zh = hit.zh;
        button.dataset.en = hit.en;
        button.dataset.pinyin = hit.pinyin;
        frag.appendChild(button);
        i += hit.zh.length;
        at = i;
      }
      if (at === 0) return;
      frag.appendChild(document.createTextNode(text.slice(at)));
      node.parentNode.replaceChild(frag, node);
    });
  }

  // Runs `then` once the pinyin tables are loaded (scripts of the site's
  // own, so the pages' Content-Security-Policy lets them run).
  var loading = null;
  function withPinyin(then) {
    if (window.duizhaoPinyin) { then(); return; }
    if (!here) return;
    if (!loading) {
      loading = [];
      var load = function (names) {
        if (!names.length) { loading.forEach(function (f) { f(); }); return; }
        var script = document.createElement("script");
        script.src = here.replace(/aids\.js([?#].*)?$/, names[0]);
        script.onload = function () { load(names.slice(1)); };
        document.head.appendChild(script);
      };
      load(["pinyin-table.js", "pinyin.js"]);
    }
    loading.push(then);
  }

  // <ruby> over every Chinese character of `el`, one per word where the
  // word's characters stand together, readings of the block's whole text
  // (links too: their characters keep their place, though not ruby).
  function addRuby(el) {
    var words = window.duizhaoPinyin.readings(el.textContent);
    words = words ? words.split(" ") : [];
    var left = [];
    textNodes(el, true).forEach(function (node) {
      var text = node.nodeValue;
      if (!HAN.test(text)) return;
      if (node.parentNode.closest("a, rt")) {
        // Its characters' readings are passed over.
        for (var j = 0; j < text.length; j++) {
          if (!HAN.test(text.charAt(j))) continue;
          if (!left.length) left = (words.shift() || "?").split("-");
          left.shift();
        }
        return;
      }
      var frag = document.createDocumentFragment();
      var plain = "";
      var ruby = null;
      for (var i = 0; i < text.length; i++) {
        var c = text.charAt(i);
        if (!HAN.test(c)) { ruby = null; plain += c; continue; }
        var fresh = !left.length;
        if (fresh) left = (words.shift() || "?").split("-");
        var syllable = left.shift();
        if (syllable === "?") { ruby = null; plain += c; continue; }
        if (fresh || !ruby) {
          if (plain) { frag.appendChild(document.createTextNode(plain)); plain = ""; }
          ruby = document.createElement("ruby");
          ruby.appendChild(document.createTextNode(""));
          ruby.appendChild(document.createElement("rt"));
          frag.appendChild(ruby);
        }
        ruby.firstChild.nodeValue += c;
        ruby.lastChild.textContent += syllable;
        if (!left.length) ruby = null;
      }
      if (plain) frag.appendChild(document.createTextNode(plain));
      node.parentNode.replaceChild(frag, node);
    });
  }

  // Each Chinese block rebuilt from its original HTML with the aids that are on.
  function redraw() {
    if (on.pinyin && !window.duizhaoPinyin) { withPinyin(redraw); return; }
    hidePop();
    for (var i = 0; i < blocks.length; i++) {
      var el = blocks[i];
      if (el.dataset.original === undefined) el.dataset.original = el.innerHTML;
      el.innerHTML = el.dataset.original;
      if (on.glossary) markTerms(el);
      if (on.pinyin) addRuby(el);
    }
    article.classList.toggle("aid-pinyin", !!on.pinyin);
  }

  // The glossary pop-up: one for the page, beside the term it describes.
  var pop = document.createElement("span");
  pop.className = "gloss-pop";
  pop.id = "gloss-pop";
  pop.setAttribute("role", "tooltip");
  pop.hidden = true;
  document.body.appendChild(pop);
  var shownFor = null;
  function showPop(term) {
    if (shownFor === term) return;
    hidePop();
    pop.textContent = "";
    var zh = document.createElement("span"); zh.lang = "zh-Hans"; zh.textContent = term.dataset.zh;
    var py = document.createElement("span"); py.className = "py"; py.lang = "zh-Latn-pinyin"; py.textContent = term.dataset.pinyin;
    var en = document.createElement("span"); en.lang = "en"; en.textContent = term.dataset.en;
    pop.appendChild(zh); pop.appendChild(py); pop.appendChild(en);
    pop.hidden = false;
    var r = term.getBoundingClientRect();
    var width = pop.offsetWidth;
    var left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
    pop.style.left = left + "px";
    pop.style.top = (r.bottom + window.scrollY + 4) + "px";
    term.setAttribute("aria-describedby", "gloss-pop");
    term.setAttribute("aria-expanded", "true");
    shownFor = term;
  }
  function hidePop() {
    if (shownFor) { shownFor.removeAttribute("aria-describedby"); shownFor.setAttribute("aria-expanded", "false"); }
    shownFor = null;
    pop.hidden = true;
  }
  article.addEventListener("click", function (event) {
    var term = event.target.closest && event.target.closest("button.term");
    // A click or tap shows the pop-up (focus and hover may have already);
    // one anywhere else closes it.
    if (term) showPop(term); else if (shownFor) hidePop();
  });
  article.addEventListener("focusin", function (event) { if (event.target.matches("button.term")) showPop(event.target); });
  article.addEventListener("focusout", function (event) { if (event.target === shownFor) hidePop(); });
  article.addEventListener("mouseover", function (event) {
    var term = event.target.closest && event.target.closest("button.term");
    if (term) showPop(term);
  });
  article.addEventListener("mouseout", function (event) {
    var term = event.target.closest && event.target.closest("button.term");
    if (term && term === shownFor && !term.contains(event.relatedTarget) && document.activeElement !== term) hidePop();
  });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") hidePop(); });
  document.addEventListener("click", function (event) { if (shownFor && !article.contains(event.target)) hidePop(); });

  // Practice: each row's English hidden until tapped or Enter/Space.
  var english = article.querySelectorAll(".row > .en");
  function reveal(en) {
    en.parentNode.classList.add("shown");
    en.removeAttribute("role"); en.removeAttribute("tabindex"); en.removeAttribute("aria-label");
  }
  function setPractice() {
    article.classList.toggle("aid-practice", !!on.practice);
    for (var i = 0; i < english.length; i++) {
      var en = english[i];
      en.parentNode.classList.remove("shown");
      if (on.practice) {
        en.setAttribute("role", "button"); en.tabIndex = 0; en.setAttribute("aria-label", "显示英文 Show English");
      } else {
        en.removeAttribute("role"); en.removeAttribute("tabindex"); en.removeAttribute("aria-label");
      }
    }
  }
  article.addEventListener("click", function (event) {
    var en = on.practice && event.target.closest && event.target.closest(".row:not(.shown) > .en");
    if (en) reveal(en);
  });
  article.addEventListener("keydown", function (event) {
    var en = on.practice && event.target.matches(".row:not(.shown) > .en");
    if (en && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); reveal(event.target); }
  });

  // Citation per ¶: this ¶'s citation, copied where allowed, always shown.
  var citation = article.querySelector(".citation");
  var base = window.location.href.split("#")[0];
  function cite(row) {
    var n = row.id.replace(/^p/, "");
    var text = (citation ? citation.textContent.trim().replace(/\.$/, "") + ", " : "") + "¶" + n + ". " + base + "#" + row.id;
    var out = row.querySelector(":scope > .cite-out");
    if (!out) {
      out = document.createElement("p");
      out.className = "cite-out";
      out.lang = "en";
      out.setAttribute("role", "status");
      row.appendChild(out);
    }
    out.textContent = "";
    var quote = document.createElement("span"); quote.className = "cite-text"; quote.textContent = text;
    var note = document.createElement("span"); note.className = "cite-note"; note.textContent = "请复制 Select and copy";
    out.appendChild(quote); out.appendChild(document.createTextNode(" ")); out.appendChild(note);
    var range = document.createRange();
    range.selectNodeContents(quote);
    var selection = window.getSelection();
    selection.removeAllRanges(); selection.addRange(range);
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { note.textContent = "已复制 Copied"; }, function () { /* shown, selected */ });
    }
  }
  var rows = article.querySelectorAll(".text > .row");
  for (var r = 0; r < rows.length; r++) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "cite-p";
    button.setAttribute("aria-label", "引用 ¶" + rows[r].id.replace(/^p/, "") + " Cite");
    button.textContent = "引";
    rows[r].appendChild(button);
  }
  article.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.cite-p");
    if (button) cite(button.parentNode);
  });

  // The switches.
  var inputs = box.querySelectorAll("input[data-aid]");
  for (var k = 0; k < inputs.length; k++) {
    var input = inputs[k];
    on[input.dataset.aid] = input.checked = load(input.dataset.aid);
    input.addEventListener("change", function (event) {
      var key = event.target.dataset.aid;
      on[key] = event.target.checked;
      save(key, on[key]);
      if (key === "practice") setPractice(); else redraw();
    });
  }
  box.hidden = false;
  if (on.pinyin || on.glossary) redraw();
  if (on.practice) setPractice();
})();
