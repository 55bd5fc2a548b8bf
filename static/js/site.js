// Progressive enhancement only: every feature works without this file.
(function () {
  "use strict";
  // Nothing here ever blocks copying, selecting or the context menu.
})();
