/* New pages: fill the slug with the server's pinyin spelling of the title (core/slugs.py),
   until the editor types a slug of their own. Wagtail's own sync keeps only ASCII
   (WAGTAIL_ALLOW_UNICODE_SLUGS = False), which drops every Chinese character. */
(function () {
  "use strict";
  var script = document.currentScript;
  function start() {
    var title = document.getElementById("id_title");
    var slug = document.getElementById("id_slug");
    if (!title || !slug || slug.value) return;
    var endpoint = script.dataset.endpoint;
    var ownSlug = false;
    var timer = null;
    var asked = 0;
    slug.addEventListener("input", function (event) {
      if (event.isTrusted) ownSlug = true;
    });
    function suggest() {
      if (ownSlug) return;
      var ticket = ++asked;
      fetch(endpoint + "?title=" + encodeURIComponent(title.value), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (data && ticket === asked && !ownSlug) slug.value = data.slug;
        })
        .catch(function () { /* the server fills an empty slug on save */ });
    }
    ["input", "change", "blur"].forEach(function (name) {
      title.addEventListener(name, function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(suggest, name === "input" ? 300 : 0);
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
