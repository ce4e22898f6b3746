// The search box on every page: shown only with JavaScript (the page's
// Content-Security-Policy blocks form submission, so Enter navigates here),
// `/` focuses it; and on an article opened from a result
// (`?q=…&hl=…#p3`), the matched text of that block is highlighted.
(function () {
  "use strict";
  var form = document.querySelector("form.searchbox");
  if (form) {
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var q = form.elements.q.value.trim();
      window.location.href = form.action + (q ? "?q=" + encodeURIComponent(q) : "");
    });
  }
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    var t = event.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var input = document.getElementById("search-q") || (form && form.elements.q);
    if (!input) return;
    event.preventDefault();
    input.focus();
    input.select();
  });

  var params = new URLSearchParams(window.location.search);
  var marks = params.getAll("hl").filter(function (h) { return h.length > 0; });
  var row = window.location.hash && document.getElementById(window.location.hash.slice(1));
  if (!marks.length || !row || !row.classList.contains("row")) return;
  row.classList.add("arrived");
  var parts = row.querySelectorAll(".zh, .en");
  for (var i = 0; i < parts.length; i++) highlight(parts[i], marks);

  // Wraps each case-insensitive occurrence of a mark in the text nodes of `el`.
  function highlight(el, words) {
    var walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (node) {
      var text = node.nodeValue;
      var lower = text.toLowerCase();
      var ranges = [];
      words.forEach(function (w) {
        var lw = w.toLowerCase();
        for (var at = lower.indexOf(lw); at >= 0; at = lower.indexOf(lw, at + lw.length)) ranges.push([at, at + lw.length]);
      });
      if (!ranges.length) return;
      ranges.sort(function (a, b) { return a[0] - b[0]; });
      var frag = document.createDocumentFragment();
      var last = 0;
      ranges.forEach(function (r) {
        if (r[0] < last) return;
        frag.appendChild(document.createTextNode(text.slice(last, r[0])));
        var mark = document.createElement("mark");
        mark.textContent = text.slice(r[0], r[1]);
        frag.appendChild(mark);
        last = r[1];
      });
      frag.appendChild(document.createTextNode(text.slice(last)));
      node.parentNode.replaceChild(frag, node);
    });
  }
})();
