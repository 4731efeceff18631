/* A record's page (portal/records/detail.html): its metadata table is a <details> open by
   default (what a desktop reader and a reader without JS get); on a phone it folds under the
   title so the text starts on the first screen. */
(function () {
  "use strict";
  if (!window.matchMedia || !window.matchMedia("(max-width: 720px)").matches) return;
  document.querySelectorAll("details[data-fold-narrow]").forEach(function (d) { d.open = false; });
})();
