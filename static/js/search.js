/* Title autocomplete for search boxes with data-autocomplete (progressive enhancement). */
(function () {
  "use strict";
  function setup(input) {
    var endpoint = input.getAttribute("data-autocomplete");
    if (!endpoint || input.dataset.autocompleteReady) return;
    input.dataset.autocompleteReady = "1";
    var listId = input.id + "-suggestions";
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "search-autocomplete";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.parentNode.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    var timer = null, active = -1, items = [], controller = null;

    function close() {
      list.hidden = true; list.innerHTML = ""; active = -1; items = [];
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }
    function render(results) {
      list.innerHTML = ""; items = results; active = -1;
      if (!results.length) { close(); return; }
      results.forEach(function (r, i) {
        var li = document.createElement("li");
        li.id = listId + "-" + i;
        li.setAttribute("role", "option");
        li.textContent = r.title;
        li.addEventListener("mousedown", function (e) { e.preventDefault(); window.location.href = r.url; });
        list.appendChild(li);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
    function move(step) {
      if (!items.length) return;
      active = (active + step + items.length) % items.length;
      Array.prototype.forEach.call(list.children, function (li, i) {
        li.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      input.setAttribute("aria-activedescendant", listId + "-" + active);
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2) { close(); return; }
      timer = setTimeout(function () {
        if (controller) controller.abort();
        controller = window.AbortController ? new AbortController() : null;
        fetch(endpoint + "?q=" + encodeURIComponent(q), { signal: controller ? controller.signal : undefined, headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : { results: [] }; })
          .then(function (data) { render(data.results || []); })
          .catch(function () {});
      }, 200);
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") { e.preventDefault(); move(1); }
      else if (e.key === "ArrowUp") { e.preventDefault(); move(-1); }
      else if (e.key === "Escape") { close(); }
      else if (e.key === "Enter" && active >= 0 && items[active]) { e.preventDefault(); window.location.href = items[active].url; }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }
  document.querySelectorAll("input[data-autocomplete]").forEach(setup);
})();

/* The search filters start open on wide screens; on phones they stay behind their button. */
(function () {
  "use strict";
  var wide = window.matchMedia && window.matchMedia("(min-width: 761px)");
  if (!wide || !wide.matches) return;
  document.querySelectorAll("details[data-open-wide]").forEach(function (details) { details.open = true; });
})();
