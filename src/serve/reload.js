// Live reload for `duizhao serve`: the preview server adds this script to
// each page it serves (never to a built site). It listens to the server's
// build events: after a good build it reloads the page, keeping the scroll
// position and the reading view, unless the build names the pages it
// changed and this is not one (then the page is the new build's as it is);
// after a failed build it shows the error over the page, which is still the
// last good build's.
(function () {
  "use strict";
  var KEY = "duizhao-serve-restore";
  var script = document.currentScript;
  var generation = script ? script.getAttribute("data-generation") : null;
  var overlay = null;

  function viewInputs() {
    return document.querySelectorAll("input.view-input");
  }

  // Before a reload: where the reader is, and in which view.
  function remember() {
    var view = null;
    var inputs = viewInputs();
    for (var i = 0; i < inputs.length; i++) {
      if (inputs[i].checked) view = inputs[i].value;
    }
    var place = { path: location.pathname, x: window.scrollX, y: window.scrollY, view: view };
    try { sessionStorage.setItem(KEY, JSON.stringify(place)); } catch (e) { /* storage refused */ }
  }

  // After a reload: the same view, then the same place once laid out.
  function restore() {
    var place = null;
    try {
      place = JSON.parse(sessionStorage.getItem(KEY) || "null");
      sessionStorage.removeItem(KEY);
    } catch (e) { return; }
    if (!place || place.path !== location.pathname) return;
    var inputs = viewInputs();
    for (var i = 0; i < inputs.length; i++) {
      if (inputs[i].value === place.view && !inputs[i].checked) {
        inputs[i].checked = true;
        inputs[i].dispatchEvent(new Event("change", { bubbles: true }));
      }
    }
    var scroll = function () { window.scrollTo(place.x, place.y); };
    scroll();
    if (document.readyState !== "complete") window.addEventListener("load", scroll);
  }

  function showError(message) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "duizhao-serve-error";
      overlay.setAttribute("role", "alert");
      // Styled through the CSSOM: the pages' CSP allows no inline style attribute.
      var s = overlay.style;
      s.position = "fixed"; s.inset = "0"; s.zIndex = "2147483647"; s.overflow = "auto";
      s.background = "rgba(20, 20, 20, 0.92)"; s.color = "#fff"; s.padding = "2rem";
      s.font = "14px/1.5 ui-monospace, Menlo, Consolas, monospace";
      var title = document.createElement("p");
      title.textContent = "duizhao serve: the build failed. Fix it and this page reloads; " +
        "under this is the last good build. (The terminal shows the same.)";
      title.style.fontWeight = "bold";
      var close = document.createElement("button");
      close.type = "button";
      close.textContent = "Hide";
      close.addEventListener("click", function () { overlay.hidden = true; });
      var pre = document.createElement("pre");
      pre.style.whiteSpace = "pre-wrap";
      // Monospace, so that the caret stands under the fault.
      pre.style.font = "13px/1.45 ui-monospace, \"Noto Sans Mono CJK SC\", Menlo, Consolas, monospace";
      overlay.appendChild(title);
      overlay.appendChild(close);
      overlay.appendChild(pre);
      document.body.appendChild(overlay);
    }
    overlay.querySelector("pre").textContent = message;
    overlay.hidden = false;
  }

  // Whether the builds `state` tells of (those after `since`) left this
  // page as it was.
  function untouched(state) {
    var mine = Number(generation);
    if (!state.pages || state.since == null || state.since > mine || mine >= state.generation) return false;
    var here = location.pathname;
    for (var i = 0; i < state.pages.length; i++) {
      var p = state.pages[i];
      if (p === here || (/\/index\.html$/.test(p) && p.slice(0, -"index.html".length) === here)) return false;
    }
    return true;
  }

  function hideError() {
    if (overlay) overlay.hidden = true;
  }

  restore();
  if (!window.EventSource) return;
  var events = new EventSource("/__duizhao/events");
  events.addEventListener("build", function (event) {
    var state = JSON.parse(event.data);
    if (String(state.generation) !== generation && untouched(state)) {
      generation = String(state.generation);
      hideError();
    } else if (String(state.generation) !== generation) {
      // A newer good build: reload (its page shows any later error itself).
      events.close();
      remember();
      location.reload();
    } else if (state.error) {
      showError(state.error);
    } else {
      hideError();
    }
  });
})();
