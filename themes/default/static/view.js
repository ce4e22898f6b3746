// Remembers the reading view (parallel / 中文 / English / alternating / proofreading)
// across pages. The view itself works without JavaScript: radio inputs + CSS.
(function () {
  var KEY = "duizhao-view";
  var inputs = document.querySelectorAll("input.view-input");
  if (!inputs.length) return;
  var saved = null;
  try { saved = window.localStorage.getItem(KEY); } catch (e) { /* storage refused */ }
  for (var i = 0; i < inputs.length; i++) {
    var input = inputs[i];
    if (saved && input.value === saved) input.checked = true;
    input.addEventListener("change", function (event) {
      try { window.localStorage.setItem(KEY, event.target.value); } catch (e) { /* ignore */ }
    });
  }
})();
