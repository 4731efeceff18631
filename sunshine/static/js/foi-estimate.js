// Progressive enhancement of the fee estimator: the server renders the amounts; this only
// refreshes them from /api/v1/foi/fee-estimate while the applicant types.
(function () {
  var box = document.querySelector(".foi-estimate");
  if (!box || !window.fetch) return;
  var form = box.querySelector("form");
  var items = form.querySelector("[name=items_this_month]");
  var pages = form.querySelector("[name=pages]");
  var latest = 0; // answers can arrive out of order: only the newest request's is shown
  function refresh() {
    var ticket = ++latest;
    var url = box.dataset.api + "?items_this_month=" + encodeURIComponent(items.value || "1") +
      "&pages=" + encodeURIComponent(pages.value || "0");
    fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
      return r.ok ? r.json() : null;
    }).then(function (data) {
      if (!data || ticket !== latest) return;
      ["items_this_month", "pages", "by_count", "by_volume"].forEach(function (key) {
        var out = box.querySelector("[data-out=" + key + "]");
        if (out) out.textContent = data[key];
      });
    }).catch(function () {});
  }
  items.addEventListener("input", refresh);
  pages.addEventListener("input", refresh);
})();
