// Progressive enhancement for the comment form: a live character count and focus on the error summary.
(function () {
  "use strict";
  var form = document.querySelector("[data-comment-form]");
  if (!form) return;
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();
  var body = form.querySelector("textarea[name=body]");
  var counter = form.querySelector("[data-char-count]");
  if (!body || !counter) return;
  function update() {
    var n = body.value.trim().length;
    counter.textContent = "已输入" + n + "字（10至5000字）";
  }
  counter.hidden = false;
  body.addEventListener("input", update);
  update();
})();
